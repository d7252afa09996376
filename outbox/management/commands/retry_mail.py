"""Enqueue again every queued email whose delivery task is overdue (a lost task, a broker that was down)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from outbox.tasks import enqueue_due


class Command(BaseCommand):
    help = "Enqueue again queued email whose delivery is overdue by --minutes (default 5). Safe to run often."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=float, default=5)

    def handle(self, *args, minutes, **options):
        count = enqueue_due(stale_after=timedelta(minutes=minutes))
        self.stdout.write(f"{count} email(s) enqueued again.")
