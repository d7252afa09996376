from django.template.response import TemplateResponse

from portal.pagination import paginate
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
        site_search = SiteSearch(request, query, filters.cleaned_data["type"], filters.cleaned_data["portfolio"])
        hits = site_search.hits()
        if not hits and site_search.terms:
            suggestion = lexicon.suggestion(site_search.terms)
            if suggestion:
                context["suggestion"] = suggestion
                corrected = SiteSearch(request, suggestion, site_search.content_type, site_search.portfolio)
                hits = corrected.hits()
                if hits:
                    context["showing_suggestion"] = True
                    site_search = corrected
        results = paginate(request, hits, RESULTS_PER_PAGE)
        results.object_list = site_search.results(results.object_list)
        context["results"] = results
        # A search is counted once, on its first page; editors' recommendations lead that page when unfiltered.
        if results.number == 1:
            context["promotions"] = site_search.promotions(record_hit=True, show=not filters.is_filtered)
    return TemplateResponse(request, "pages/search.html", context)
