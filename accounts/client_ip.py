"""The address that sign-in lockouts are counted against (axes' AXES_CLIENT_IP_CALLABLE).

By default it is the address of the connection (REMOTE_ADDR): anyone can send an
X-Forwarded-For header, so trusting it would let an attacker choose a new address
for every attempt. Behind reverse proxies, set PORTAL_TRUSTED_PROXY_COUNT (the
TRUSTED_PROXY_COUNT environment variable) to how many proxies sit in front of the
app; each appends the address it received the request from, so the client is that
many entries from the right of X-Forwarded-For. Anything further left was written
by the client and is ignored.
"""

import ipaddress

from django.conf import settings


def client_ip_address(request):
    remote_addr = request.META.get("REMOTE_ADDR") or None
    proxy_count = getattr(settings, "PORTAL_TRUSTED_PROXY_COUNT", 0)
    if proxy_count <= 0:
        return remote_addr

    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxy_count:
        # Fewer entries than proxies: the request did not come through all of them.
        return remote_addr
    candidate = forwarded[-proxy_count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
