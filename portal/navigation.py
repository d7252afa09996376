"""Lookups that several parts of one page need (the menu, ancestors), made once each."""

from wagtail.models import Page, Site

from portal.per_request import once_per_request
from portal.visibility import visible_pages


def menu_pages(request, root):
    """The live, public pages under the site's root that are shown in menus."""
    return once_per_request(
        request, f"menu-{root.pk}", lambda: list(visible_pages(None, root.get_children()).in_menu())
    )


def site_menu_pages(request):
    """The menu of the site serving `request` (every page shows it, so it is read anyway)."""
    if request is None:
        return []
    site = Site.find_for_request(request)
    return menu_pages(request, site.root_page) if site else []


def pages_by_path(request, paths):
    """Pages by tree path: those in the site's menu without a query, the rest in one."""
    found = {page.path: page for page in site_menu_pages(request) if page.path in paths}
    missing = set(paths) - found.keys()
    if missing:
        found.update(Page.objects.in_bulk(missing, field_name="path"))
    return found


def ancestors(page):
    """A page's live ancestors below the tree's root, read once per page object."""
    if not hasattr(page, "_portal_ancestors"):
        page._portal_ancestors = list(page.get_ancestors().filter(depth__gte=2, live=True))
    return page._portal_ancestors
