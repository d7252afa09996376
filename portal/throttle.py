"""Limits on how often one client, or one address, may do something (a password reset, a form sent)."""

import hashlib

from axes.helpers import get_client_ip_address
from django.core.cache import cache


def within_limit(scope, value, limit, seconds):
    """Count one more for `value` in `scope` over `seconds`; whether the count is still within `limit`.
    With the shared cache (Redis) the count is the site's; without it, each process counts its own."""
    key = f"throttle:{scope}:{hashlib.sha256(value.encode()).hexdigest()}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the cache lost the key, or is unavailable
        return True
    return count is None or count <= limit


def client_address(request):
    """The client's address as sign-in lockouts see it (through the trusted proxies), or "unknown"."""
    return (request and get_client_ip_address(request)) or "unknown"
