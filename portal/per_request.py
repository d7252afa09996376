"""Lookups made at most once per request, kept on the request object."""


def once_per_request(request, name, compute):
    """`compute()`, made once per request (each time when there is no request)."""
    if request is None:
        return compute()
    cache = request.__dict__.setdefault("_portal_lookups", {})
    if name not in cache:
        cache[name] = compute()
    return cache[name]
