"""The sitemap's sections write their addresses on the base URL (portal.base_url), not the request's host."""

from urllib.parse import urlsplit

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from portal import base_url, visibility


class OnBaseUrl:
    """A Django sitemap section whose <loc> are on SITE_BASE_URL whatever Host the request named."""

    def get_protocol(self, protocol=None):
        return urlsplit(base_url.root()).scheme

    def get_domain(self, site=None):
        return urlsplit(base_url.root()).netloc


class PageSitemap(OnBaseUrl, WagtailSitemap):
    """Every page an anonymous visitor may see (the visibility policy), with its last publication."""

    def items(self):
        return visibility.visible_pages(None, super().items())
