"""A shared cache of the pages anonymous visitors see, emptied whenever published content changes.

Every cached page is stored under the current content version (portal.content_version), which
anything a visitor could see moves on, so no listing or hub can keep showing what changed. That
costs the whole cache on each publication, which a site that publishes a few times a day can well
afford. A hit costs one round trip to the shared cache and none to the database.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from portal import content_version

# Query parameters the site's pages read (pagination and the listings' filters): any other makes the
# request uncached, since the cache cannot know what a view does with it. Tracking parameters
# (utm_*, fbclid…) are read by no view and left out of the key, so they add no entry.
PAGE_PARAMETERS = {"page", "portfolio", "type", "year", "format"}
TRACKING_PREFIXES = ("utm", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_hs", "yclid")
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/search/", "/healthz", "/api/")


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
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    """Serves anonymous visitors from the shared cache; needs a cache shared by every app server.

    It sits above the session, CSRF and authentication middleware, so a hit skips them; the
    headers those (and the view) set are stored with the page and replayed, and the security
    headers of the middleware above it are added to hits and misses alike. The current content
    version and the page are read in one round trip: the stored page carries the version it was
    made under and counts only if that is still the current one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not is_cacheable_request(request):
            return self.get_response(request)
        key = self.key(request)
        found = cache.get_many([content_version.CACHE_KEY, key])
        version = content_version.for_cache(found.get(content_version.CACHE_KEY))
        if version is None:  # neither the cache nor the database can say what is current: serve uncached
            response = self.get_response(request)
            response["X-Cache"] = "BYPASS"
            return response
        stored = found.get(key)
        if stored is not None and stored[0] == version:
            _version, content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        if is_cacheable_response(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, (version, response.content, list(response.items())), settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "MISS"
        return response

    @staticmethod
    def key(request):
        kept = sorted(
            (name, value) for name, values in request.GET.lists() if name in PAGE_PARAMETERS for value in values
        )
        address = f"{request.get_host()}{request.path}?{urlencode(kept)}"
        return f"page-cache:{hashlib.sha256(address.encode()).hexdigest()}"
