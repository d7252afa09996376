from django.conf import settings
from wagtail.views import serve as wagtail_serve

from portal.logging import current_request_id, request_id_from
from portal.sites import keep_site


class RequestIdMiddleware:
    """Gives each request an id (the proxy's X-Request-ID, or a new one), logged and returned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request_id_from(request.headers.get("X-Request-ID"))
        # Not reset on the way out: Django logs an error response ("Not Found: /x") after
        # the middleware has returned, and that line should carry the id too.
        current_request_id.set(request.id)
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        return response


class CrossOriginResourcePolicyMiddleware:
    """`Cross-Origin-Resource-Policy: same-origin` on every response: pages, documents, images, the API.

    No other site may embed the site's files (a members' PDF, an embargoed picture) in its pages;
    links to them still work. Above the page cache, so a cached page carries it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        return response


class KeptSiteMiddleware:
    """Gives the site to each request Wagtail serves a page for, and to views marked with
    `portal.sites.reads_the_site`, before the view runs. Other views read the site when they need it,
    as Wagtail finds it (their settings are still kept)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve or getattr(view_func, "reads_the_site", False):
            keep_site(request)
