from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from alerts.digests import send_digests
from alerts.models import Frequency


class Command(BaseCommand):
    help = "Send the daily or weekly digests of email alerts. Run it from cron (see the README)."

    def add_arguments(self, parser):
        parser.add_argument("frequency", choices=[Frequency.DAILY, Frequency.WEEKLY])
        parser.add_argument("--now", help="The time the digest is made at (ISO 8601), instead of now.")

    def handle(self, *args, frequency, now=None, **options):
        when = parse_datetime(now) if now else None
        if now and when is None:
            raise CommandError(f"Not a date and time: {now}")
        count = send_digests(Frequency(frequency), when)
        self.stdout.write(self.style.SUCCESS(f"Enqueued {count} {frequency} digest(s)."))
