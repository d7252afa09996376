from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    items = site.root_page.get_children().live().public().in_menu() if site else Page.objects.none()
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
    return {"ancestors": page.get_ancestors().filter(depth__gte=2), "page": page}
