from django.core.management.base import BaseCommand

from portal import content_version


class Command(BaseCommand):
    help = (
        "Move the content version on, so that nothing cached before counts any more: run it after "
        "restoring a backup or changing content behind Django's back (scripts/restore does)."
    )

    def handle(self, *args, **options):
        version = content_version.bump()
        self.stdout.write(self.style.SUCCESS(f"Content version is now {version}: every cached page is out of date."))
