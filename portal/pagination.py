from django.core.paginator import Paginator
from django.db.models import Q
from wagtail.models import Page

PAGES_EACH_SIDE = 2  # page links either side of the current page; the first and last are always shown


def page_starts(items, per_page, fields):
    """The sort key (the values of `fields`) of the first item of each page of `items`, which are in
    descending order of `fields`; None when any item has a null in them (a keyset would skip it).
    Reads every item's key: made once per content version (portal.version_memo), not per request."""
    keys = list(items.values_list(*fields))
    if any(None in key for key in keys):
        return None
    return keys[::per_page]


def at_or_after(fields, key):
    """The items at or after `key` in descending order of `fields`. The first field's `lte` is
    redundant but lets the database start its index scan at the key instead of filtering to it."""
    condition = Q(**{f"{fields[-1]}__lte": key[-1]})
    for field, value in reversed(list(zip(fields[:-1], key[:-1], strict=True))):
        condition = Q(**{f"{field}__lt": value}) | (Q(**{field: value}) & condition)
    return Q(**{f"{fields[0]}__lte": key[0]}) & condition


class KeysetPaginator(Paginator):
    """A paginator whose pages after the first start from a known sort key (page_starts) instead of
    an OFFSET, which makes the database read and join every item before the page: page 500 costs
    what page 1 costs. Without starts, or for a page they do not reach, it is Django's paginator."""

    def __init__(self, object_list, per_page, starts=None, fields=None):
        super().__init__(object_list, per_page)
        self.starts, self.fields = starts, fields

    def page(self, number):
        number = self.validate_number(number)
        if not self.starts or number == 1 or number > len(self.starts):
            return super().page(number)
        start = self.starts[number - 1]
        items = self.object_list.filter(at_or_after(self.fields, start))[: self.per_page]
        return self._get_page(items, number, self)


def paginate(request, items, per_page, count=None, starts=None, fields=None):
    """The page of `items` asked for by ?page=, clamped to the pages that exist.

    A number that is not a page (`abc`, `-1`, `0`) gives the first page; one past
    the end gives the last. A listing never answers a bad page number with an error.
    The page's `page_links` are the numbers to link to, with None for a gap (…):
    a handful, however many pages there are. Give `count` when the caller knows it,
    and `starts` (page_starts of `items` by `fields`) to read deep pages by keyset.
    """
    paginator = KeysetPaginator(items, per_page, starts, fields)
    if count is not None:  # already known: no COUNT query
        paginator.count = count
    try:
        number = int(request.GET.get("page", 1))
    except (TypeError, ValueError):
        number = 1
    number = min(max(number, 1), paginator.num_pages)
    page = paginator.page(number)
    page.page_links = [
        None if link == Paginator.ELLIPSIS else link
        for link in paginator.get_elided_page_range(number, on_each_side=PAGES_EACH_SIDE, on_ends=1)
    ]
    return page


def read_by_key(page, keep):
    """`page` (of pages, from paginate) with the same items, read by primary key: which items it
    shows is kept by `keep(compute)` (once per content version: their keys only, little memory), and
    one query per page type reads them. A listing's query need not run again for a page asked before."""
    pks = keep(lambda: [item.pk for item in page.object_list])
    found = Page.objects.filter(pk__in=pks).specific().in_bulk()
    page.object_list = [found[pk] for pk in pks if pk in found]
    return page
