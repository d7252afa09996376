"""Reports → Document accessibility: every file by what the accessibility checks found, with CSV export."""

import django_filters
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.permissions import policy_registry

from portal.reports import SpreadsheetSafeReportView
from portfolios.models import PortfolioPage
from publications.file_checks import Outcome
from publications.models import PublicationAttachment, PublicationPage

NOT_CHECKED_YET = "unchecked"
WORST_FIRST = [Outcome.FAILS, Outcome.COULD_NOT_CHECK, "", Outcome.NOT_CHECKED, Outcome.PASSES]


class DocumentAccessibilityFilterSet(WagtailFilterSet):
    accessibility = django_filters.ChoiceFilter(
        label="Result",
        choices=[
            *((outcome.value, outcome.value.capitalize()) for outcome in Outcome),
            (NOT_CHECKED_YET, "Not checked yet"),
        ],
        method="filter_accessibility",
        empty_label="All results",
    )
    collection = django_filters.ModelChoiceFilter(queryset=Collection.objects.all(), empty_label="All collections")
    portfolio = django_filters.ModelChoiceFilter(
        label="Portfolio",
        queryset=PortfolioPage.objects.order_by("title"),
        method="filter_portfolio",
        empty_label="All portfolios",
    )

    class Meta:
        model = get_document_model()
        fields = []

    def filter_accessibility(self, queryset, name, value):
        return queryset.filter(accessibility="" if value == NOT_CHECKED_YET else value)

    def filter_portfolio(self, queryset, name, portfolio):
        filed = PublicationPage.objects.filter(portfolios=portfolio).values("pk")
        return queryset.filter(attachments__page__in=filed).distinct()


class DocumentAccessibilityView(SpreadsheetSafeReportView):
    page_title = "Document accessibility"
    header_icon = "doc-full"
    results_template_name = "publications/admin/document_accessibility_results.html"
    index_url_name = "publications_reports:document_accessibility"
    index_results_url_name = "publications_reports:document_accessibility_results"
    filterset_class = DocumentAccessibilityFilterSet
    permission_required = "change"
    paginate_by = 50
    list_export = ["title", "file_name", "accessibility", "failing_criteria", "publication_titles", "collection.name"]
    export_headings = {
        "title": "File",
        "file_name": "File name",
        "accessibility": "Result",
        "failing_criteria": "Fails",
        "publication_titles": "Publications",
        "collection.name": "Collection",
    }

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(get_document_model())

    def get_queryset(self):
        severity = Case(
            *(When(accessibility=outcome, then=Value(rank)) for rank, outcome in enumerate(WORST_FIRST)),
            output_field=IntegerField(),
        )
        attachments = PublicationAttachment.objects.select_related("page").order_by("page__title")
        return (
            get_document_model()
            .objects.defer("extracted_text")
            .select_related("collection")
            .prefetch_related(Prefetch("attachments", queryset=attachments))
            .annotate(severity=severity)
            .order_by("severity", "title", "pk")
        )

    def get_filename(self):
        return "document-accessibility"
