from django.core.paginator import Paginator


def paginate(request, items, per_page):
    """The page of `items` asked for by ?page=, clamped to the pages that exist.

    A number that is not a page (`abc`, `-1`, `0`) gives the first page; one past
    the end gives the last. A listing never answers a bad page number with an error.
    """
    paginator = Paginator(items, per_page)
    try:
        number = int(request.GET.get("page", 1))
    except (TypeError, ValueError):
        number = 1
    number = min(max(number, 1), paginator.num_pages)
    return paginator.page(number)
