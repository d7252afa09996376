from django.core.management.base import BaseCommand
from django.utils.dateparse import parse_datetime

from alerts import subscribing, tokens


class Command(BaseCommand):
    help = (
        f"Delete the alert requests not confirmed within {tokens.CONFIRM_DAYS} days, and the addresses never "
        "confirmed. Run it daily (see the README)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", type=parse_datetime, help="The time to count from (ISO 8601); for tests.")

    def handle(self, *args, now=None, **options):
        now = parse_datetime(now) if isinstance(now, str) else now
        count = subscribing.delete_expired(now)
        self.stdout.write(self.style.SUCCESS(f"Deleted {count} unconfirmed address(es)."))
