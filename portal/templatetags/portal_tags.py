from django import template
from wagtail import hooks
from wagtail.models import Page, Site

from portal import navigation
from portal.navigation import menu_pages

register = template.Library()


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
    return {"ancestors": navigation.ancestors(context.get("request"), page), "page": page}


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def feed_links(context):
    """Feed autodiscovery links: each app that has feeds registers a `portal_feed_links` hook, called
    with the request and the page being served, that returns (title, media type, URL) triples."""
    request, page = context.get("request"), context.get("page")
    return {"feeds": [link for hook in hooks.get_hooks("portal_feed_links") for link in hook(request, page)]}
