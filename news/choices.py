from django.db import models


class NewsType(models.TextChoices):
    NEWS = "news", "News"
    STATEMENT = "statement", "Statement"
    COMMENT = "comment", "Comment"
    BLOG = "blog", "Blog"


VIDEO = "video"  # the news index's type filter also offers videos, which are a page type of their own
