from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from editorial import setup


class Command(BaseCommand):
    help = (
        "Creates or corrects the editorial roles (News editors, Moderators, Portfolio editors, Members), "
        "the “Members only” collection and the “News review” workflow on every news index. "
        "Running it again changes nothing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            setup.apply(apps)
        news_indexes = apps.get_model(*setup.NEWS_INDEXES).objects.count()
        self.stdout.write(
            f"Roles {', '.join(setup.ROLES)} set; “{setup.MEMBERS_COLLECTION}” collection ready; "
            f"“{setup.NEWS_REVIEW}” workflow on {news_indexes} news index page(s)."
        )
