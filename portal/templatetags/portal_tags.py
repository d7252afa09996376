from django import template
from wagtail.models import Page, Site

from portal import navigation
from portal.navigation import menu_pages

register = template.Library()

FEED_KINDS = (("rss", "RSS", "application/rss+xml"), ("atom", "Atom", "application/atom+xml"))


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    items = menu_pages(request, site.root_page) if site else Page.objects.none()
    current_path = current.path if current else ""
    return {
        "items": [
            {"page": item, "is_current": bool(current_path) and current_path.startswith(item.path)} for item in items
        ],
        "home_url": site.root_page.url if site else "/",
        "home_is_current": bool(site and current and current.pk == site.root_page_id),
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    return {"ancestors": navigation.ancestors(page), "page": page}


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def news_feed_links(context):
    """Feed autodiscovery: all news on every page, and a portfolio's own news on its page."""
    # Looked up by name so that the site-wide app does not import the news app.
    news_index = navigation.news_index(context.get("request"), context.get("page"))
    if news_index is None:
        return {"feeds": []}
    feeds = [
        (f"{news_index.title} (RSS)", "application/rss+xml", news_index.url + news_index.reverse_subpage("rss")),
        (f"{news_index.title} (Atom)", "application/atom+xml", news_index.url + news_index.reverse_subpage("atom")),
    ]
    page = context.get("page")
    if page is not None and page._meta.label == "portfolios.PortfolioPage":
        for kind, label, media_type in FEED_KINDS:
            route = news_index.reverse_subpage(f"portfolio_{kind}", kwargs={"portfolio": page.slug})
            feeds.append((f"{page.title}: {news_index.title} ({label})", media_type, news_index.url + route))
    return {"feeds": feeds}
