from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search: pages, publications' files and people ranked together, with snippets."""

    name = "search"
    verbose_name = "Site search"

    def ready(self):
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from portal import content_version

        # Results are kept per content version (search.views): an editor's recommendation shows at once.
        content_version.watch(SearchPromotion)
