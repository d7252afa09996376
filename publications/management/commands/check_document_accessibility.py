from django.core.management.base import BaseCommand

from publications.accessibility import check_accessibility
from publications.file_checks import Outcome
from publications.models import PolicyDocument


class Command(BaseCommand):
    help = (
        "Check every document's file for accessibility (tags, title, language, text, alternative text…), "
        "as an upload is checked, and record what was found for editors, the report and the accessibility "
        "statement. A line per file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--only-unchecked", action="store_true", help="Only documents not checked yet.")

    def handle(self, *args, only_unchecked=False, **options):
        documents = PolicyDocument.objects.order_by("pk")
        if only_unchecked:
            documents = documents.filter(accessibility_checked_at__isnull=True)
        total = documents.count()
        width = len(str(total))
        outcomes = dict.fromkeys([*Outcome, "file not found"], 0)
        for number, document in enumerate(documents.defer("extracted_text").iterator(), start=1):
            progress = f"[{number:>{width}}/{total}] {document.file_name}"
            try:
                with document.open_file() as fileobj:
                    report = check_accessibility(fileobj, document.file_extension)
            except OSError as error:  # the file is missing from storage: keep what was found before
                outcomes["file not found"] += 1
                self.stdout.write(f"{progress}: {self.style.WARNING(f'file not found ({error.strerror or error})')}")
                continue
            document.record_accessibility(report)
            document.save(update_fields=["accessibility", "accessibility_report", "accessibility_checked_at"])
            outcomes[report.outcome] += 1
            style = self.style.SUCCESS if report.outcome == Outcome.PASSES else self.style.WARNING
            self.stdout.write(f"{progress}: {style(str(report.outcome))} {report.reason}")
        summary = ", ".join(f"{count} {outcome}" for outcome, count in outcomes.items() if count)
        self.stdout.write(self.style.SUCCESS(f"Checked {total} documents: {summary or 'none'}."))
