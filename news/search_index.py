"""A news article is found by the names of the people it quotes (NewsArticlePage.quoted_names):
when a person's name changes, the articles that quote them are indexed again."""

from wagtail.search import index


def reindex_what_quotes(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from news.models import NewsArticlePage

    for article in NewsArticlePage.objects.filter(quoted_people=instance):
        index.insert_or_update_object(article)
