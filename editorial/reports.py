"""Reports → Most downloaded files: downloads per file over a period, as a table, a chart and a spreadsheet."""

import datetime

import django_filters
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.documents import get_document_model
from wagtail.permission_policies import ModelPermissionPolicy

from editorial.models import DocumentDownloadCount
from portal.reports import SpreadsheetSafeReportView

DEFAULT_DAYS = 30
CHART_ROWS = 10
# A spreadsheet program runs a cell that starts with one of these as a formula, and some read
# full-width forms (＝, ＋) as the same characters and skip blank space in front of them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def default_period(today=None):
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=DEFAULT_DAYS - 1), today


def as_date(value):
    """django-filter gives the range as the first and last moments of its days: their dates here."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


class DownloadsFilterSet(WagtailFilterSet):
    period = django_filters.DateFromToRangeFilter(
        label="Downloaded between",
        method="filter_period",  # the view sums the counts of the period itself
        widget=DateRangePickerWidget,
        help_text=f"From and to dates, both included. Without them: the last {DEFAULT_DAYS} days.",
    )

    class Meta:
        model = get_document_model()
        fields = []

    def filter_period(self, queryset, name, value):
        return queryset


class MostDownloadedFilesView(SpreadsheetSafeReportView):
    page_title = "Most downloaded files"
    header_icon = "download"
    results_template_name = "editorial/reports/most_downloaded_results.html"
    index_url_name = "editorial_reports:most_downloaded"
    index_results_url_name = "editorial_reports:most_downloaded_results"
    filterset_class = DownloadsFilterSet
    permission_policy = ModelPermissionPolicy(DocumentDownloadCount)
    permission_required = "view"
    paginate_by = 50
    list_export = ["title", "file_name", "downloads", "collection.name"]
    export_headings = {
        "title": "File",
        "file_name": "File name",
        "downloads": "Downloads",
        "collection.name": "Collection",
    }

    @cached_property
    def period(self):
        """(first day, last day), both included: the filter's, or the last DEFAULT_DAYS days."""
        first, last = default_period()
        if self.filters is not None and self.filters.is_valid():
            chosen = self.filters.form.cleaned_data.get("period")
            start, stop = (as_date(chosen.start), as_date(chosen.stop)) if chosen else (None, None)
            if stop:
                last = stop
                first = last - datetime.timedelta(days=DEFAULT_DAYS - 1)
            if start:
                first = start
        if first > last:
            first, last = last, first
        return first, last

    def get_queryset(self):
        first, last = self.period
        in_period = Q(download_counts__day__gte=first, download_counts__day__lte=last)
        return (
            get_document_model()
            .objects.annotate(downloads=Sum("download_counts__count", filter=in_period))
            .filter(downloads__gt=0)
            .select_related("collection")
            .order_by("-downloads", "title", "pk")
        )

    def get_filename(self):
        first, last = self.period
        return f"most-downloaded-files-{first:%Y-%m-%d}-to-{last:%Y-%m-%d}"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        first, last = self.period
        context["period_start"], context["period_end"] = first, last
        context["total_downloads"] = (
            DocumentDownloadCount.objects.filter(day__gte=first, day__lte=last).aggregate(total=Sum("count"))["total"]
            or 0
        )
        context["chart"] = bar_chart(list(context["object_list"])[:CHART_ROWS])
        return context


def bar_chart(documents, width=720, bar_height=22, gap=8, label_width=330, label_length=40):
    """Bars for an inline SVG: the table beside it holds the same numbers, so the chart is hidden
    from assistive technology. Nothing here runs in the browser."""
    if not documents:
        return None
    most = max(document.downloads for document in documents) or 1
    bar_space = width - label_width - 60  # room for the number after the longest bar
    rows = []
    for number, document in enumerate(documents):
        y = number * (bar_height + gap)
        title = document.title if len(document.title) <= label_length else document.title[: label_length - 1] + "…"
        rows.append(
            {
                "y": y,
                "text_y": y + bar_height * 0.7,
                "title": title,
                "bar_x": label_width,
                "bar_width": max(round(bar_space * document.downloads / most), 2),
                "value_x": label_width + max(round(bar_space * document.downloads / most), 2) + 6,
                "downloads": document.downloads,
            }
        )
    return {
        "width": width,
        "height": len(rows) * (bar_height + gap),
        "bar_height": bar_height,
        "label_x": label_width - 8,
        "rows": rows,
    }
