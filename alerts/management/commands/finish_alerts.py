import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from alerts.tasks import finish_unsent


class Command(BaseCommand):
    help = (
        "Send the alerts still queued after --minutes (a worker died mid-batch, or a task was lost): "
        "each subscriber still gets exactly one. Run it from cron every 10 minutes (see the README)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=float, default=10)

    def handle(self, *args, minutes, **options):
        items = finish_unsent(timezone.now() - datetime.timedelta(minutes=minutes))
        self.stdout.write(self.style.SUCCESS(f"Fan-out run again for {len(items)} item(s)."))
