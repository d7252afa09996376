"""What the news index shows: its filters and a page of its items, made once per content version
where they can be (portal.version_memo). The listing is what anonymous visitors see."""

from functools import partial

from django.utils.functional import SimpleLazyObject

from news.filters import NewsFilterForm
from portal.pagination import page_starts, paginate, read_by_key
from portal.version_memo import per_content_version

NEWS_PER_PAGE = 10
# The listing's order (NewsItemQuerySet.in_listing_order), every field descending: a page's keyset.
LISTING_KEY = ("news_listing__date", "news_listing__first_published_at", "pk")


def index_context(request, index):
    """`filters` (a bound NewsFilterForm) and `items` (the page of items asked for by ?page=)."""
    listed = SimpleLazyObject(index.listed_items)  # its query is built only when something is not kept
    kept = partial(per_content_version, request, as_anonymous=True)
    per_year = kept(f"news-per-year:{index.pk}", lambda: listed.count_per_year())
    filters = NewsFilterForm(request.GET, listed, per_year, kept(f"news-kinds:{index.pk}", lambda: listed.kinds()))
    filters.is_valid()  # an unknown value is left out, and the page says so (ListingFilterForm.ignored)

    def page_shown():
        starts = None
        if not filters.is_filtered and request.GET.get("page", "1") != "1":
            # Deep pages read from the first item's key, not through an OFFSET over every item before.
            starts = kept(f"news-starts:{index.pk}", partial(page_starts, listed, NEWS_PER_PAGE, LISTING_KEY))
        shown = paginate(request, filters.filtered(), NEWS_PER_PAGE, filters.known_count(), starts, LISTING_KEY)
        return read_by_key(shown, partial(kept, f"news-page:{index.pk}:{filters.asked!r}:{shown.number}"))

    # Read only when the listing's part of the page is not kept (templates/pages/news_index_page.html).
    return {"filters": filters, "items": SimpleLazyObject(page_shown)}
