"""The site's one public address (`SITE_BASE_URL`), which every absolute URL the site writes comes from.

Canonical links, `og:url`, JSON-LD, the sitemap, robots.txt, feeds, the API's `detail_url` and
`html_url`, person pages and the error pages all ask `absolute()` (or a page's `get_full_url()`,
which `BasePage.get_url_parts` points here), never the request's Host header nor the Wagtail Site
record, so a crawler reached through another name or an internal address still sees one site.
`manage.py apply_base_url` (and `load_demo`) write the same address into the default Wagtail Site.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def parse(value):
    """`value` checked: scheme and host, no path, query or fragment; returned without a trailing slash."""
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ImproperlyConfigured(f"SITE_BASE_URL must be like https://policy.example.org, not {value!r}")
    if parts.query or parts.fragment or parts.username:
        raise ImproperlyConfigured(f"SITE_BASE_URL must be like https://policy.example.org, not {value!r}")
    return f"{parts.scheme}://{parts.netloc}"


def root():
    """`https://policy.example.org`: no trailing slash."""
    return settings.SITE_BASE_URL.rstrip("/")


def absolute(path):
    """The absolute URL of a path on the site (`/people/x/`); an absolute URL is returned as it is."""
    if path.startswith(("http://", "https://")):
        return path
    return root() + ("" if path.startswith("/") else "/") + path


def page_url(page, request=None):
    """The absolute URL of any Wagtail page (a plain `Page` too), on the base URL; None if not routable."""
    parts = page.get_url_parts(request)
    if parts is None or parts[2] is None:
        return None
    return root() + parts[2]


def site_address():
    """(hostname, port) the Wagtail Site record should carry for the base URL."""
    parts = urlsplit(root())
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def apply_to_site(site):
    """Write the base URL into a Wagtail Site record; True if it changed."""
    hostname, port = site_address()
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save()
    return True
