import secrets

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone


def new_token():
    """256 random bits, URL-safe: 43 characters that cannot be guessed or enumerated."""
    return secrets.token_urlsafe(32)


class PreviewLinkQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class PreviewLink(models.Model):
    """A secret address that shows anyone who has it a page's latest draft, until it is revoked or expires.

    The token is stored as it is, not hashed: the list of links must show each address for staff to
    copy again, and anyone who can read this table can read the drafts themselves (the revisions sit
    beside it in the same database), so a hash would protect nothing.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The page whose latest draft the link shows, as it will appear when published.",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(
        "expires",
        null=True,
        blank=True,
        help_text="Optional: the link stops working at this date and time. Leave empty to keep it until revoked.",
    )
    revoked_at = models.DateTimeField("revoked", null=True, blank=True, editable=False)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "draft preview link"

    def __str__(self):
        return f"Preview of “{self.page.get_admin_display_title()}”"

    def get_absolute_url(self):
        return reverse("editorial:preview", args=[self.token])

    @property
    def full_url(self):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.get_absolute_url()

    @property
    def is_active(self):
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())

    @property
    def status(self):
        if self.revoked_at:
            return "Revoked"
        if self.expires_at and self.expires_at <= timezone.now():
            return "Expired"
        return "Active"

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])


class DocumentDownloadCount(models.Model):
    """How many times a file was served on a day. Nothing about who downloaded it is kept."""

    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, on_delete=models.CASCADE, related_name="download_counts"
    )
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "day"], name="one_download_count_per_document_day")]
        verbose_name = "document download count"

    def __str__(self):
        return f"{self.document_id} on {self.day}: {self.count}"

    @classmethod
    def record(cls, document, day=None):
        """Adds one to the document's count for the day, atomically: an UPDATE … SET count = count + 1,
        or the day's first row; two requests racing to create it both end up counted."""
        day = day or timezone.localdate()
        if cls.objects.filter(document=document, day=day).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(document=document, day=day, count=1)
        except IntegrityError:
            cls.objects.filter(document=document, day=day).update(count=F("count") + 1)
