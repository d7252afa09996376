from django.core.management.base import BaseCommand

from search import acronyms


class Command(BaseCommand):
    help = (
        'Add each "Long Name (ACRONYM)" found in the live, public pages to the search synonyms '
        "(Snippets → Search synonyms), unless it is there already."
    )

    def handle(self, *args, **options):
        found = acronyms.from_content()
        added = acronyms.add_synonyms(found)
        for acronym, name in found:
            self.stdout.write(f"  {acronym} = {name}")
        self.stdout.write(self.style.SUCCESS(f"{len(found)} acronyms found, {added} added."))
