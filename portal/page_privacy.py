"""Wagtail's page privacy checks in one SQL query each.

Wagtail builds `PageQuerySet.private_q()` by first reading every view
restriction, a query each time a listing, menu or feed asks for public pages
(several per page view) and a condition that grows with each restriction. The
same test — is this page at or below a restricted page? — fits in a subquery.

Serving a page, Wagtail reads the page's ancestors and then their restrictions:
two queries, which `view_restrictions` makes one, the ancestors' paths being
known from the page's own path.
"""

from django.db.models import CharField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast, Coalesce
from django.db.models.lookups import StartsWith


def private_q(queryset):
    from wagtail.models import PageViewRestriction

    restricting = PageViewRestriction.objects.filter(
        StartsWith(Cast(OuterRef("path"), output_field=CharField()), F("page__path"))
    )
    return Q(Exists(restricting))


def view_restrictions(page):
    """The restrictions on `page` and its ancestors; an alias's are its source page's, as in Wagtail."""
    from wagtail.models import Page, PageViewRestriction

    step = Page.steplen
    paths = [page.path[:end] for end in range(step, len(page.path) + 1, step)]
    checked = Page.objects.filter(path__in=paths).values(source=Coalesce("alias_of_id", "id"))
    return PageViewRestriction.objects.filter(page_id__in=checked)


def _restrictions(request):
    """Every page view restriction, with its page and groups, read once per request."""
    from wagtail.models import PageViewRestriction

    from portal.navigation import once_per_request

    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    return once_per_request(request, "view-restrictions", lambda: list(restrictions))


def paths_hidden_from(request):
    """The paths of the restricted pages whose restriction this request does not pass."""
    return [restriction.page.path for restriction in _restrictions(request) if not restriction.accept_request(request)]


def visible_to(request, pages):
    """The pages of `pages` this request may see: the public ones for an anonymous visitor (one
    query, as `public()`); for someone signed in, also the private ones whose restriction they
    pass, such as members-only pages for a member."""
    if not request.user.is_authenticated:
        return pages.public()
    hidden = Q()
    for path in paths_hidden_from(request):
        hidden |= Q(path__startswith=path)
    return pages.exclude(hidden) if hidden else pages


def mark_private(request, pages):
    """Sets `is_private` on each page: whether a view restriction applies to it (for a label)."""
    restricted = [restriction.page.path for restriction in _restrictions(request)]
    for page in pages:
        page.is_private = any(page.path.startswith(path) for path in restricted)
    return pages


def install():
    from wagtail.models import Page
    from wagtail.query import PageQuerySet

    PageQuerySet.private_q = private_q
    Page.get_view_restrictions = view_restrictions
