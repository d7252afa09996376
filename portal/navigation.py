"""Lookups that several parts of a page need (the menu, ancestors): each made once per content version
(portal.version_memo) and shared by every request until something visitors see changes. Both are the
same for every visitor: the menu lists public pages, the ancestors of a page are those that are live."""

from django.apps import apps
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import Page, Site

from portal.pages import BasePage
from portal.version_memo import per_content_version
from portal.visibility import visible_pages


def with_menu_labels(pages):
    """`pages` (a queryset of any page types) with `menu_label`: each page's short navigation label
    (BasePage.nav_label) if it has one, else its title. Still one query: one subquery per page type."""
    labels = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).exclude(nav_label="").order_by().values("nav_label")[:1])
        for model in apps.get_models()
        if issubclass(model, BasePage)
    ]
    return pages.annotate(menu_label=Coalesce(*labels, "title"))


def menu_pages(request, root):
    """The live, public pages under the site's root that are shown in menus, each with its `menu_label`."""
    compute = lambda: list(with_menu_labels(visible_pages(None, root.get_children()).in_menu()))  # noqa: E731
    return per_content_version(request, f"menu:{root.pk}", compute, as_anonymous=True)


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


def ancestors(request, page):
    """A page's live ancestors below the tree's root, each with its `menu_label`."""
    compute = lambda: list(with_menu_labels(page.get_ancestors().filter(depth__gte=2, live=True)))  # noqa: E731
    return per_content_version(request, f"ancestors:{page.path}", compute, as_anonymous=True)
