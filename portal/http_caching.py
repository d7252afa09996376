"""HTTP caching and compression for what browsers, feed readers, crawlers and proxies fetch again.

`ConditionalGetMiddleware`: an anonymous visitor's answer (a page, a feed, the sitemap, the API)
carries an ETag, a hash of its content, which changes whenever the content version
(portal.content_version) moves on and the page is made again, and `Cache-Control: public,
max-age=60`; a feed or the sitemap also its `Last-Modified` (the newest item's change). A repeated
request with `If-None-Match` or `If-Modified-Since` gets a 304. A request with a session (a signed-in
member, staff) gets `Cache-Control: private, no-store`, and never an ETag nor a 304: what it sees may
be what others may not. `Vary: Cookie` keeps a shared cache from giving one to the other.

`CompressionMiddleware`: gzip for HTML, feeds, the sitemap and the API, but never for a response
that holds a CSRF token (BREACH: a secret in a compressed body that also reflects the request's
input can be read by its length), never for documents (their byte ranges are of the file).
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import parse_http_date_safe

CSRF_FIELD = b'name="csrfmiddlewaretoken"'
PUBLIC_MAX_AGE = 60  # seconds a browser or a proxy may reuse an anonymous page without asking
UNTOUCHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/", "/healthz")
COMPRESSED_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml", "application/json")


def has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "Authorization" in request.headers


class ConditionalGetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or request.path.startswith(UNTOUCHED_PREFIXES):
            return response
        patch_vary_headers(response, ("Cookie",))
        if has_session(request) or response.cookies:
            response["Cache-Control"] = "private, no-store"
            return response
        cache_control = response.get("Cache-Control", "")
        if response.status_code != 200 or response.streaming or "private" in cache_control or "no-" in cache_control:
            return response
        response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
        if not response.has_header("ETag"):
            set_response_etag(response)
        last_modified = parse_http_date_safe(response["Last-Modified"]) if "Last-Modified" in response else None
        return get_conditional_response(request, etag=response["ETag"], last_modified=last_modified, response=response)


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if request.path.startswith(UNTOUCHED_PREFIXES) or response.streaming:
            return response
        if not response.get("Content-Type", "").startswith(COMPRESSED_TYPES):
            return response
        if CSRF_FIELD in response.content:
            return response  # the body holds a CSRF token: see the module docstring
        return super().process_response(request, response)
