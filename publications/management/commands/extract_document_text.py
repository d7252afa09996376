from django.core.management.base import BaseCommand

from publications.files import extract_text
from publications.models import PolicyDocument


class Command(BaseCommand):
    help = (
        "Read the text of every document's file again, so that site search finds words inside it. "
        "Saving each document updates the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only-missing",
            action="store_true",
            help="Only documents with no text yet (new since the text was first read, or unreadable then).",
        )

    def handle(self, *args, only_missing=False, **options):
        documents = PolicyDocument.objects.order_by("pk")
        if only_missing:
            documents = documents.filter(extracted_text="")
        total = documents.count()
        width = len(str(total))
        characters = unreadable = 0
        # The text being replaced is never loaded: a thousand documents may hold a megabyte each.
        for number, document in enumerate(documents.defer("extracted_text").iterator(), start=1):
            progress = f"[{number:>{width}}/{total}] {document.file_name}"
            try:
                with document.open_file() as fileobj:
                    text = extract_text(fileobj, document.file_extension)
            except OSError as error:  # the file is missing from storage: keep what was read before
                unreadable += 1
                self.stdout.write(f"{progress}: {self.style.WARNING(f'file not found ({error.strerror or error})')}")
                continue
            document.extracted_text = text
            document.save(update_fields=["extracted_text"])  # the post_save signal updates the search index
            characters += len(text)
            self.stdout.write(f"{progress}: {len(text):,} characters")
        summary = f"Read the text of {total - unreadable:,} of {total:,} documents: {characters:,} characters."
        self.stdout.write(self.style.SUCCESS(summary) if not unreadable else self.style.WARNING(summary))
