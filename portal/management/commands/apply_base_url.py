from django.core.management.base import BaseCommand
from wagtail.models import Site

from portal import base_url


class Command(BaseCommand):
    help = "Write SITE_BASE_URL into the default Wagtail Site (its host name and port), for an existing site."

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            self.stdout.write("No default site yet: nothing to change.")
            return
        changed = base_url.apply_to_site(site)
        state = "set to" if changed else "already at"
        self.stdout.write(f"The default site is {state} {base_url.root()}/")
