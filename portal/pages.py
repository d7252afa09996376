"""The abstract base of every page type: what every page has, in one place.

A page type says what it is (`kind_label`), how it is shown in a list (`card_template`,
`listing_summary`, `display_date`) and what it tells search engines (`meta_description`,
`structured_data`). Templates, hubs, search, feeds and the SEO tags ask these, never the fields
of a particular page type.
"""

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from portal import base_url, visibility
from portal.page_forms import PortalPageForm

DESCRIPTION_LENGTH = 160
NAV_LABEL_LENGTH = 40


def plain_text(value):
    """Rich text or plain text as one line of plain text."""
    return " ".join(strip_tags(str(value or "")).split())


class BasePage(Page):
    kind_label = "Page"
    card_template = "components/card.html"
    base_form_class = PortalPageForm  # the schedule and title rules of every page's admin form

    nav_label = models.CharField(
        "navigation label",
        max_length=NAV_LABEL_LENGTH,
        blank=True,
        help_text="A short name for the site's main navigation and breadcrumbs when the title is long, "
        "e.g. “Police capabilities & organised crime”. Leave empty to use the title.",
    )

    promote_panels = Page.promote_panels + [FieldPanel("nav_label")]

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        """Wagtail's, on the configured base URL (portal.base_url) instead of the Site record's address:
        `get_full_url()`, `full_url`, the sitemap, feeds and the API's `html_url` all come from here."""
        parts = super().get_url_parts(request)
        if parts is None or parts[1] is None:
            return parts
        site_id, _root_url, page_path = parts
        return site_id, base_url.root(), page_path

    @property
    def menu_label(self):
        """What menus and breadcrumbs call this page: its navigation label, else its title."""
        return self.nav_label or self.title

    def get_view_restrictions(self):
        """Wagtail's, in one query instead of two, read once per page object: it is asked on every page
        served, by the visibility policy's hook and by Wagtail's own (see portal.visibility).
        tests/portal/test_visibility.py compares it with Wagtail's own on every kind of restriction."""
        if "_view_restrictions" not in self.__dict__:
            self._view_restrictions = visibility.view_restrictions(self)  # a queryset keeps its rows once read
        return self._view_restrictions

    def keep_view_restrictions(self, restrictions):
        """Gives the page the restrictions `get_view_restrictions()` would read (kept by the routing)."""
        self._view_restrictions = restrictions

    @property
    def listing_summary(self):
        """One or two sentences of plain text for listings, cards, feeds and search results."""
        return plain_text(self.search_description)

    @property
    def display_date(self):
        """The date the page shows beside its title, if it has one."""
        return None

    @property
    def meta_description(self):
        """The description search engines and sharing sites are given: the editor's own, else the summary."""
        text = plain_text(self.search_description) or self.listing_summary
        return Truncator(text).chars(DESCRIPTION_LENGTH) if text else ""

    def get_kind_label(self):
        """The page's kind, as the site's listings name it ("Statement", "Guidance", "Portfolio")."""
        return self.kind_label

    def structured_data(self, request, organisation):
        """The page's own schema.org object (a dict), or None; breadcrumbs are added for every page."""
        return None

    def share_image(self):
        """The page's own picture for sharing sites and search engines (a Wagtail image), or None:
        the organisation's default share image is used then (portal.seo.share_image_url)."""
        return None

    def home_section(self, request, count):
        """What the home page shows of this section besides its link: None, or a dict with
        `id` (for its heading's id), `heading`, `items` (pages with a card), `more_url` and `more_label`."""
        return None
