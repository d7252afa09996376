from django.conf import settings
from django.core.management.base import BaseCommand

from publications.format_requests import AccessibleFormatRequest


class Command(BaseCommand):
    help = (
        "Delete the requests for another format that are fulfilled, or older than ACCESSIBLE_FORMAT_REQUEST_DAYS, "
        "with the email addresses they hold. Run it daily (see the README)."
    )

    def handle(self, *args, **options):
        count, _ = AccessibleFormatRequest.to_delete().delete()
        days = settings.ACCESSIBLE_FORMAT_REQUEST_DAYS
        self.stdout.write(self.style.SUCCESS(f"Deleted {count} fulfilled or over {days} days old."))
