"""Email alerts for the public: who asked for which list, which items were alerted, and each delivery.

An address gets nothing but its confirmation email until it confirms (double opt-in). An item is
alerted once when first published, and again only when an editor asks for an update alert with a
change note. `AlertDelivery` is unique per subscriber and item: it is what makes each send happen
exactly once, however many workers run and whichever of them dies mid-batch.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone


def new_key():
    return secrets.token_urlsafe(24)


class AlertList(models.TextChoices):
    ALL_NEWS = "news", "All news"
    STATEMENTS = "statements", "Statements"
    PUBLICATIONS = "publications", "Resources and publications"
    PORTFOLIO = "portfolio", "One portfolio"


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "As soon as something is published"
    DAILY = "daily", "A daily digest"
    WEEKLY = "weekly", "A weekly digest"


class Subscriber(models.Model):
    email = models.EmailField("email address", unique=True)
    # Part of every link's signature: changing it makes all the links sent before worthless.
    key = models.CharField(max_length=40, default=new_key, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)

    def __str__(self):
        return f"Subscriber {self.pk}"


class Subscription(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    list = models.CharField(max_length=20, choices=AlertList.choices)
    portfolio = models.ForeignKey(
        "portfolios.PortfolioPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATELY)
    # A request waiting for its confirmation link (new, or a change of frequency): cleared when it is used.
    pending_key = models.CharField(max_length=40, blank=True, editable=False)
    pending_frequency = models.CharField(max_length=20, choices=Frequency.choices, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "list"], condition=Q(portfolio__isnull=True), name="alerts_one_per_list"
            ),
            models.UniqueConstraint(
                fields=["subscriber", "portfolio"],
                condition=Q(portfolio__isnull=False),
                name="alerts_one_per_portfolio",
            ),
        ]

    def __str__(self):
        return self.describe()

    def describe(self):
        if self.list == AlertList.PORTFOLIO and self.portfolio_id:
            return f"{self.portfolio.title} (portfolio)"
        return self.get_list_display()


class AlertItem(models.Model):
    """A page alerted to subscribers: its first publication, or an update an editor asked to announce."""

    FIRST, UPDATE = "first", "update"
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=[(FIRST, "First published"), (UPDATE, "Updated")])
    change_note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "kind", "change_note"], name="alerts_item_once")]

    def __str__(self):
        return f"{self.get_kind_display()}: page {self.page_id}"


class AlertDelivery(models.Model):
    QUEUED, SENT, FAILED = "queued", "sent", "failed"
    # Kept, without the address, when the subscriber leaves: the item's counts stay true.
    subscriber = models.ForeignKey(Subscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries")
    item = models.ForeignKey(AlertItem, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        max_length=10, choices=[(QUEUED, "Queued"), (SENT, "Sent"), (FAILED, "Failed")], default=QUEUED
    )
    in_digest = models.BooleanField(default=False)
    queued_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "item"], name="alerts_delivered_once")]
        indexes = [models.Index(fields=["item", "status"], name="alerts_delivery_status")]

    def __str__(self):
        return f"{self.item} to subscriber {self.subscriber_id}: {self.status}"
