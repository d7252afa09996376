"""People's pages (/people/<slug>/) in the sitemap: every person an anonymous visitor may see."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal import visibility
from portal.sitemaps import OnBaseUrl
from portfolios.models import Person


class PeopleSitemap(OnBaseUrl, Sitemap):
    def items(self):
        return visibility.visible_people(None, Person.objects.select_related("latest_revision").order_by("slug"))

    def location(self, person):
        return reverse("person", args=[person.slug])

    def lastmod(self, person):
        if person.last_published_at:
            return person.last_published_at
        return person.latest_revision.created_at if person.latest_revision_id else None
