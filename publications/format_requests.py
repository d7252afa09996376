"""Requests from the public for a document in another format (accessible PDF, large print, Braille…).

A request is sent, with a reference number, to the association's accessibility contact, and
acknowledged to the person who asked; both by email (through the site's mail queue). It is kept
only until it is fulfilled, or for ACCESSIBLE_FORMAT_REQUEST_DAYS, then deleted (see the
`delete_old_format_requests` command): an address given for one request is not kept for longer.
"""

import secrets

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone

FORMATS = [
    ("accessible-pdf", "An accessible PDF"),
    ("word", "A Word document"),
    ("large-print", "Large print"),
    ("easy-read", "Easy read"),
    ("audio", "Audio"),
    ("braille", "Braille"),
    ("other", "Another format (say which below)"),
]
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_reference():
    return "AF-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class AccessibleFormatRequest(models.Model):
    reference = models.CharField(max_length=16, unique=True, default=new_reference, editable=False)
    document = models.ForeignKey(settings.WAGTAILDOCS_DOCUMENT_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField("email address")
    format_wanted = models.CharField("format", max_length=20, choices=FORMATS)
    details = models.TextField(blank=True)
    received_at = models.DateTimeField(default=timezone.now, editable=False)
    fulfilled_at = models.DateTimeField(
        "fulfilled", null=True, blank=True, help_text="Set when the file has been sent: the request is then deleted."
    )

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = "accessible format request"

    def __str__(self):
        return f"{self.reference}: {self.document.title}"

    @classmethod
    def to_delete(cls, now=None):
        """Fulfilled requests, and the rest once ACCESSIBLE_FORMAT_REQUEST_DAYS old."""
        cutoff = (now or timezone.now()) - timezone.timedelta(days=settings.ACCESSIBLE_FORMAT_REQUEST_DAYS)
        return cls.objects.filter(models.Q(fulfilled_at__isnull=False) | models.Q(received_at__lt=cutoff))


class AccessibleFormatRequestForm(forms.ModelForm):
    class Meta:
        model = AccessibleFormatRequest
        fields = ["email", "format_wanted", "details"]
        labels = {"format_wanted": "Which format do you need?", "details": "Anything else we should know (optional)"}
        help_texts = {
            "email": "We send the file, and our reply, to this address. We delete it once your request is done.",
            "details": "For example the pages you need first, or the size of print.",
        }
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            "format_wanted": forms.RadioSelect,
            "details": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "email": {
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, like name@example.com",
            },
            "format_wanted": {"required": "Choose the format you need"},
        }

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("format_wanted") == "other" and not (cleaned_data.get("details") or "").strip():
            self.add_error("details", "Say which format you need")
        return cleaned_data


def send_request(format_request, contact, site_name, document_url):
    """The request to the accessibility contact (replies go to the person who asked), and its acknowledgement."""
    context = {"request": format_request, "document_url": document_url, "site_name": site_name}
    subject = f"Accessible format request {format_request.reference}: {format_request.document.title}"
    EmailMessage(
        subject,
        render_to_string("publications/email/format_request.txt", context),
        to=[contact],
        reply_to=[format_request.email],
    ).send()
    EmailMessage(
        f"We have your request {format_request.reference}",
        render_to_string("publications/email/format_request_acknowledgement.txt", context),
        to=[format_request.email],
    ).send()
