from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "News and videos"

    def ready(self):
        from django.db.models.signals import post_save

        from news.search_index import reindex_what_quotes
        from portfolios.models import Person

        post_save.connect(reindex_what_quotes, sender=Person, dispatch_uid="news-reindex-what-quotes")
