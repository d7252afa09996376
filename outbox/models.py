"""Every email the site sends, kept from the moment it is sent until a mail server has accepted it."""

from django.db import models


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        FAILED = "failed", "Failed"

    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # The envelope and the message exactly as Django's SMTP backend would have sent it.
    from_email = models.TextField()
    recipients = models.JSONField()
    subject = models.TextField(blank=True)
    mime = models.BinaryField()
    attempts = models.PositiveIntegerField(default=0)
    # When the next attempt is due (null: now); a worker that takes it up earlier leaves it.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_status_due")]
        verbose_name = "outgoing email"
        verbose_name_plural = "outgoing email"

    def __str__(self):
        return self.subject or f"Email {self.pk}"
