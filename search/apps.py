from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search: pages, publications' files and people ranked together, with snippets."""

    name = "search"
    verbose_name = "Site search"
