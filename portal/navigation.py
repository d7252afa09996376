"""Lookups that several parts of one page need (menu, news index, ancestors), made once each."""

from django.apps import apps
from wagtail.models import Page, Site


def once_per_request(request, name, compute):
    """`compute()`, made once per request (each time when there is no request)."""
    if request is None:
        return compute()
    cache = request.__dict__.setdefault("_portal_lookups", {})
    if name not in cache:
        cache[name] = compute()
    return cache[name]


def menu_pages(request, root):
    """The live, public pages under the site's root that are shown in menus."""
    return once_per_request(request, f"menu-{root.pk}", lambda: list(root.get_children().live().public().in_menu()))


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


def news_index(request, current_page=None):
    """The site's news index: the page being served when it is the news index, else the one in
    the menu, else looked up (by name, so that the site-wide app does not import the news app)."""
    model = apps.get_model("news", "NewsIndexPage")
    if isinstance(current_page, model) and current_page.live:
        return current_page
    for page in site_menu_pages(request):
        if page.specific_class is model:
            # The menu's row has every field a link to the index needs: no query.
            return page.specific_deferred
    return once_per_request(request, "news-index", lambda: model.objects.live().public().first())


def ancestors(page):
    """A page's ancestors below the tree's root, read once per page object."""
    if not hasattr(page, "_portal_ancestors"):
        page._portal_ancestors = list(page.get_ancestors().filter(depth__gte=2))
    return page._portal_ancestors
