"""A shared cache of the pages anonymous visitors see, emptied whenever published content changes.

Every cached page is stored under the current content version (portal.content_version), which
anything a visitor could see moves on, so no listing or hub can keep showing what changed. That
costs the whole cache on each publication, which a site that publishes a few times a day can well
afford. A hit costs one round trip to the shared cache and none to the database.

The middleware sits just below the request id, above every other: it keeps the response as it
leaves the whole stack (security, CSP and permissions-policy headers, ETag, Cache-Control, gzip)
and a hit replays it without running any of that again (issue 18: gzip and the policy headers,
made afresh on every hit, cost a cached page two thirds of its speed). So the key holds what those
answer differently: the scheme (an https redirect or HSTS), the host, the path, the parameters the
pages read, and whether the visitor takes gzip. A stored gzip body is the same for every visitor,
which the pages allow: none holds a secret (a page with a CSRF token sets its cookie, so it is never
stored), so BREACH has nothing to read.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from portal import content_version
from portal.logging import current_request_id, request_id_from

# Query parameters the site's pages read (pagination and the listings' filters): any other makes the
# request uncached, since the cache cannot know what a view does with it. Tracking parameters
# (utm_*, fbclid…) are read by no view and left out of the key, so they add no entry.
PAGE_PARAMETERS = {"page", "portfolio", "type", "year", "format"}
TRACKING_PREFIXES = ("utm", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_hs", "yclid")
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/search/", "/healthz", "/api/")
# Headers that belong to one response, never replayed from the cache.
PER_RESPONSE_HEADERS = {"x-request-id", "x-cache"}
# Where PageCacheHits leaves its look-up for the middleware, so that a miss reads the cache once.
LOOKED_UP = "portal.page_cache.looked_up"


def is_cacheable_request(request):
    # Sessions are the only way to sign in: without a session cookie the visitor is anonymous,
    # which the middleware can tell before the session and authentication middleware run.
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "Authorization" not in request.headers
        and not request.path.startswith(UNCACHED_PREFIXES)
        and all(name in PAGE_PARAMETERS or name.startswith(TRACKING_PREFIXES) for name in request.GET)
    )


def is_cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class AnonymousPageCacheMiddleware:
    """Serves anonymous visitors from the shared cache; needs a cache shared by every app server.

    A hit skips every middleware below this one and the view; the headers they set are stored with
    the page and replayed, and a request whose `If-None-Match` or `If-Modified-Since` still holds
    gets a 304, as ConditionalGetMiddleware would answer it. The current content version and the
    page are read in one round trip: the stored page carries the version it was made under and
    counts only if that is still the current one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not is_cacheable_request(request):
            return self.get_response(request)
        key, version, stored = request.META.get(LOOKED_UP) or look_up(request)
        if version is None:  # neither the cache nor the database can say what is current: serve uncached
            response = self.get_response(request)
            response["X-Cache"] = "BYPASS"
            return response
        if stored is not None:
            return replay(request, stored)
        response = self.get_response(request)
        if is_cacheable_response(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            headers = [(name, value) for name, value in response.items() if name.lower() not in PER_RESPONSE_HEADERS]
            cache.set(key, (version, response.content, headers), settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "MISS"
        return response


def look_up(request):
    """(the page's key, the version an entry must carry or None, the stored page if it carries it):
    the current content version and the page read in one round trip."""
    key = page_key(request)
    found = cache.get_many([content_version.CACHE_KEY, key])
    version = content_version.for_cache(found.get(content_version.CACHE_KEY))
    stored = found.get(key)
    if version is None or stored is None or stored[0] != version:
        stored = None
    return key, version, stored


def replay(request, stored):
    """The stored page as a response to `request`: a 304 when its validators still hold."""
    _version, content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    last_modified = parse_http_date_safe(response["Last-Modified"]) if "Last-Modified" in response else None
    response = get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )
    response["X-Cache"] = "HIT"
    return response


def page_key(request):
    """The key of the page `request` asks for: scheme, host, path, the parameters pages read, gzip or not."""
    kept = sorted((name, value) for name, values in request.GET.lists() if name in PAGE_PARAMETERS for value in values)
    encoding = "gzip" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "identity"
    address = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(kept)} {encoding}"
    return f"page-cache:{hashlib.sha256(address.encode()).hexdigest()}"


class PageCacheHits:
    """A WSGI application in front of Django's (portal/wsgi.py): a page the shared cache holds is
    answered before Django's request handling and middleware run at all, with its own request id;
    anything else is passed to `application`, with the look-up left for the middleware.

    The same rules decide as in the middleware (is_cacheable_request, page_key, look_up, replay),
    on a request made from the environ without running Django's handler, as StaticFiles does for
    files. A host Django would refuse is passed on, for Django to refuse.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if settings.PAGE_CACHE_SECONDS and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            request = WSGIRequest(environ)
            if is_cacheable_request(request):
                try:
                    looked_up = look_up(request)
                except DisallowedHost:
                    return self.application(environ, start_response)
                if looked_up[2] is None:
                    environ[LOOKED_UP] = looked_up
                else:
                    return self.answer(request, looked_up[2], start_response)
        return self.application(environ, start_response)

    @staticmethod
    def answer(request, stored, start_response):
        request_id = request_id_from(request.headers.get("X-Request-ID"))
        current_request_id.set(request_id)
        if "If-None-Match" in request.headers or "If-Modified-Since" in request.headers:
            response = replay(request, stored)
            status, headers, content = (
                f"{response.status_code} {response.reason_phrase}",
                response.items(),
                response.content,
            )
        else:  # the stored 200 as it is: most hits, and the quickest path
            _version, content, stored_headers = stored
            status, headers = "200 OK", [*stored_headers, ("X-Cache", "HIT")]
        start_response(status, [*headers, ("X-Request-ID", request_id)])
        return [content]
