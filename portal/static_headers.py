"""The headers a static file carries, computed once per file when whitenoise finds it.

Named by WHITENOISE_ADD_HEADERS_FUNCTION in the settings, so it imports nothing but the settings
object (read at call time, when the server starts).
"""

from django.conf import settings


def security_headers(headers, path, url):
    """WHITENOISE_ADD_HEADERS_FUNCTION: what SecurityMiddleware would add to a file's response.
    HSTS is sent over plain HTTP too (the file's headers are fixed per file); browsers ignore it there."""
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers["X-Content-Type-Options"] = "nosniff"
    if settings.SECURE_REFERRER_POLICY:
        headers["Referrer-Policy"] = settings.SECURE_REFERRER_POLICY
    headers["Cross-Origin-Resource-Policy"] = settings.CROSS_ORIGIN_RESOURCE_POLICY
    if settings.SECURE_HSTS_SECONDS:
        value = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            value += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            value += "; preload"
        headers["Strict-Transport-Security"] = value
    if url.endswith(".svg"):
        # An SVG opened on its own is a document: it may run nothing and load nothing.
        headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
