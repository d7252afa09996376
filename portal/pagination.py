from django.core.paginator import Paginator

PAGES_EACH_SIDE = 2  # page links either side of the current page; the first and last are always shown


def paginate(request, items, per_page, count=None):
    """The page of `items` asked for by ?page=, clamped to the pages that exist.

    A number that is not a page (`abc`, `-1`, `0`) gives the first page; one past
    the end gives the last. A listing never answers a bad page number with an error.
    The page's `page_links` are the numbers to link to, with None for a gap (…):
    a handful, however many pages there are. Give `count` when the caller knows it.
    """
    paginator = Paginator(items, per_page)
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
