from django.template.response import TemplateResponse
from wagtail.models import Page

from portal.pagination import paginate

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.live().public().search(query) if query else Page.objects.none()
    return TemplateResponse(
        request,
        "pages/search.html",
        {"query": query, "results": paginate(request, results, RESULTS_PER_PAGE)},
    )
