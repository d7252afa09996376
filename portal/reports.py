"""What every admin report with a spreadsheet export shares: cells no spreadsheet takes for a formula."""

import unicodedata

from wagtail.admin.views.reports import ReportView

# A spreadsheet program runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_safe(value):
    """A cell that a spreadsheet program cannot take for a formula (CSV injection); numbers stay numbers."""
    if value is None or isinstance(value, int | float):
        return value
    text = str(value)
    first = unicodedata.normalize("NFKC", text[:64]).lstrip(" \u00a0\u3000")
    dangerous = text.startswith(FORMULA_STARTS) or first.startswith(FORMULA_STARTS)
    return f"'{text}" if dangerous else text


class SpreadsheetSafeReportView(ReportView):
    """A Wagtail report whose CSV export neutralises every column, whatever its field. (Wagtail's XLSX
    export stores a cell that looks like a formula as text already; its CSV does not.)"""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet_safe(value) if export_format == self.FORMAT_CSV else value
