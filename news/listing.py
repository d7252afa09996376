"""The date each article and video is listed under, kept on a table of its own with an index."""

from django.db import models
from django.utils import timezone
from wagtail.models import Page


class ListingDate(models.Model):
    """The date an article or video is listed under, on a table of its own.

    The date shown falls back to the first publication date, which is on Wagtail's page
    table, and articles and videos each have their own table: ordering by that date meant
    reading and sorting every item for each listing. Kept here, beside an index, a listing
    reads only the items it shows. Pages write it when they save their fields (see
    `ListedByDate`); `load_bulk` writes it with the pages it inserts.
    """

    page = models.OneToOneField(Page, on_delete=models.CASCADE, primary_key=True, related_name="news_listing")
    date = models.DateField(null=True)  # null only for an article never published and without a date
    first_published_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [models.Index(fields=["date", "first_published_at", "page"], name="news_listing_order")]

    def __str__(self):
        return f"Page {self.page_id} listed under {self.date}"

    @classmethod
    def for_page(cls, page):
        first_published_at = page.first_published_at
        if first_published_at is None and page.live:
            # Live before publish() has run (add_child of a live page): listed as of now, as publish() will date it.
            first_published_at = timezone.now()
        date = page.display_date or (timezone.localdate(first_published_at) if first_published_at else None)
        return cls(page_id=page.pk, date=date, first_published_at=first_published_at)


class ListedByDate:
    """A page the news index lists by its ListingDate, which is kept in step whenever the page saves
    the fields it comes from."""

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"date", "first_published_at", "live"} & set(update_fields):
            ListingDate.for_page(self).save()  # the key is the page's: an UPDATE, or an INSERT the first time
