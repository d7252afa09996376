from django.conf import settings
from django.http import Http404, HttpResponseServerError
from django.template.response import TemplateResponse

from portal.pagination import paginate
from portal.search import MAX_QUERY_LENGTH, SearchFilterForm, SiteSearch, clean_query

RESULTS_PER_PAGE = 10


def search(request):
    """Site search: pages, the files attached to publications and people, ranked together and
    narrowed by ?type= and ?portfolio=. An unknown filter value is "not found", as on the listings."""
    query = clean_query(request.GET.get("q", ""))
    filters = SearchFilterForm(request.GET)
    if not filters.is_valid():
        raise Http404("No such type or portfolio")
    context = {"query": query, "filters": filters, "max_query_length": MAX_QUERY_LENGTH}
    if query:
        site_search = SiteSearch(request, query, filters.cleaned_data["type"], filters.cleaned_data["portfolio"])
        results = paginate(request, site_search.hits(), RESULTS_PER_PAGE)
        results.object_list = site_search.results(results.object_list)
        context["results"] = results
        # A search is counted once, on its first page; editors' recommendations lead that page when unfiltered.
        if results.number == 1:
            context["promotions"] = site_search.promotions(record_hit=True, show=not filters.is_filtered)
    return TemplateResponse(request, "pages/search.html", context)


# Read once, when the URLconf is loaded: answering an error then needs no template engine, no
# static manifest, no database and no file system, any of which may be what failed.
SERVER_ERROR_PAGE = (settings.BASE_DIR / "templates" / "500.html").read_bytes()


def server_error(request):
    """handler500: the error page as it is stored, with nothing that can fail while serving it."""
    return HttpResponseServerError(SERVER_ERROR_PAGE, content_type="text/html; charset=utf-8")
