from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query

from portal.pagination import paginate
from portal.version_memo import per_content_version
from search import lexicon
from search.forms import SearchFilterForm
from search.site_search import SiteSearch
from search.terms import MAX_QUERY_LENGTH, clean_query, search_terms

RESULTS_PER_PAGE = 10


def search(request):
    """Site search: pages, the files attached to publications and people, ranked together and
    narrowed by ?type= and ?portfolio=. An unknown filter value is left out, with a message, as on the listings.

    A search with no words says so. One that finds nothing tries the closest spelling the site
    knows (search/lexicon.py): "Did you mean fraud?", with the results for it."""
    query = clean_query(request.GET.get("q", ""))
    filters = SearchFilterForm(request.GET)
    filters.is_valid()  # an unknown value is left out, and the page says so (ListingFilterForm.ignored)
    context = {"query": query, "filters": filters, "max_query_length": MAX_QUERY_LENGTH}
    if "q" in request.GET and not search_terms(query):
        context["empty_search"] = True
    if query:
        content_type, portfolio = filters.cleaned_data["type"], filters.cleaned_data["portfolio"]
        # Search finds what anonymous visitors may see, so one answer serves everyone until the
        # content changes: made once per content version, per query, filters and page of results.
        asked = (request.get_host(), query, content_type, portfolio and portfolio.pk, request.GET.get("page"))
        key = f"search:{asked!r}"
        found = per_content_version(
            request, key, lambda: results_page(request, query, content_type, portfolio, filters), as_anonymous=True
        )
        context.update(found)
        if found["results"].number == 1:  # a search is counted once, on its first page (search terms report)
            Query.get(found["searched_for"]).add_hit()
    return TemplateResponse(request, "pages/search.html", context)


def results_page(request, query, content_type, portfolio, filters):
    """The results shown for a query: the page of them asked for, a suggested spelling when nothing
    was found, and on the first page the editors' recommendations (when unfiltered)."""
    found = {}
    site_search = SiteSearch(request, query, content_type, portfolio)
    hits = site_search.hits()
    if not hits and site_search.terms:
        suggestion = lexicon.suggestion(site_search.terms)
        if suggestion:
            found["suggestion"] = suggestion
            corrected = SiteSearch(request, suggestion, site_search.content_type, site_search.portfolio)
            hits = corrected.hits()
            if hits:
                found["showing_suggestion"] = True
                site_search = corrected
    results = paginate(request, hits, RESULTS_PER_PAGE)
    results.object_list = site_search.results(results.object_list)
    found["results"], found["searched_for"] = results, site_search.query
    if results.number == 1 and not filters.is_filtered:
        found["promotions"] = site_search.promotions()
    return found
