"""The one database row that holds the content version (see portal.content_version).

A module of its own that imports nothing of the portal, so that the content version reads it
without importing the page models, which read the content version (portal.version_memo).
"""

from django.db import models


class ContentVersion(models.Model):
    """The one row holding the content version (see portal.content_version)."""

    SINGLETON = 1

    version = models.BigIntegerField(default=0)

    class Meta:
        app_label = "portal"
        verbose_name = "content version"

    def __str__(self):
        return str(self.version)
