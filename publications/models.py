import os
from urllib.parse import urlencode

from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal import visibility
from portal.pages import BasePage
from portal.pagination import paginate
from portal.version_memo import per_content_version
from portfolios.filing import FiledUnderPortfolios
from publications.accessibility import check_accessibility
from publications.admin_panels import FileAccessibilityPanel, PublicationForm
from publications.choices import PublicationType
from publications.file_checks import FileReport, Outcome
from publications.files import FORMAT_NAMES, extract_text, human_size
from publications.filters import PublicationFilterForm
from publications.format_requests import AccessibleFormatRequest  # noqa: F401 - a model of this app

PUBLICATIONS_PER_PAGE = 10


class PolicyDocument(AbstractDocument):
    """A downloadable file that knows its description, its text and, for a PDF, its page count."""

    description = models.TextField(
        blank=True,
        help_text="What the file is and who it is for. Shown beside the download link.",
    )
    page_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Read from the file when it is uploaded or replaced, so that site search finds words inside it.
    extracted_text = models.TextField(blank=True, editable=False)
    # The accessibility checks' findings (publications.file_checks), made when the file is uploaded
    # or replaced, or by `manage.py check_document_accessibility`.
    accessibility = models.CharField(
        max_length=24,
        blank=True,
        editable=False,
        choices=[(outcome.value, outcome.value.capitalize()) for outcome in Outcome],
    )
    accessibility_report = models.JSONField(null=True, blank=True, editable=False)
    accessibility_checked_at = models.DateTimeField(null=True, blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields + ("description",)
    api_fields = [APIField("description"), APIField("page_count")]
    search_fields = AbstractDocument.search_fields + [
        index.SearchField("description"),
        index.SearchField("extracted_text"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"

    def _set_document_file_metadata(self):
        super()._set_document_file_metadata()
        self.extracted_text = extract_text(self.file, self.file_extension)
        # The checks read the file in a child process with limits, and count a PDF's pages as they go.
        report = check_accessibility(self.file, self.file_extension)
        self.page_count = report.page_count if self.file_extension == "pdf" else None
        self.record_accessibility(report)

    def record_accessibility(self, report):
        self.accessibility = report.outcome.value
        self.accessibility_report = report.to_dict()
        self.accessibility_checked_at = timezone.now()

    @property
    def accessibility_findings(self):
        """The accessibility checks' FileReport, or None for a file not checked yet."""
        return FileReport.from_dict(self.accessibility_report) if self.accessibility_report else None

    @property
    def failing_criteria(self):
        """The WCAG criteria of the checks the file fails, for the report and the accessibility statement."""
        findings = self.accessibility_findings
        return "; ".join(dict.fromkeys(check.criterion for check in findings.failures)) if findings else ""

    @property
    def publication_titles(self):
        return ", ".join(attachment.page.title for attachment in self.attachments.all())

    @property
    def may_not_suit_assistive_technology(self):
        """Whether visitors are told the file may not work with assistive technology, and offered another format."""
        return self.accessibility in (Outcome.FAILS, Outcome.COULD_NOT_CHECK)

    @property
    def extent(self):
        """ "2 pages" for a PDF, "14 slides" for a PowerPoint (counted by the accessibility checks); "" if not known."""
        slides = (self.accessibility_report or {}).get("slide_count")
        for count, unit in ((self.page_count, "page"), (slides, "slide")):
            if count:
                return f"{count} {unit}{'' if count == 1 else 's'}"
        return ""

    @property
    def file_name(self):
        return os.path.basename(self.file.name)

    @property
    def format_name(self):
        return FORMAT_NAMES.get(self.file_extension, self.file_extension.upper())

    @property
    def size_on_disk(self):
        """The file's size read from storage now; None when the file is missing."""
        try:
            return self.file.storage.size(self.file.name)
        except (OSError, ValueError):
            return None

    @property
    def human_size(self):
        return human_size(self.size_on_disk)


class PublicationQuerySet(PageQuerySet):
    def in_listing_order(self):
        return self.annotate(listing_date=Coalesce("last_updated_on", "published_on")).order_by("-listing_date", "-pk")

    def of_type(self, publication_type):
        return self.filter(publication_type=publication_type)

    def types_and_file_extensions(self):
        """The types these publications have (PublicationType values) and the extensions of their files
        (lower case), as two sets, in one query: the filters offer only these."""
        rows = self.order_by().values_list("publication_type", "attachments__document__file").distinct()
        types, extensions = set(), set()
        for publication_type, file_name in rows:
            types.add(publication_type)
            if file_name and "." in file_name:
                extensions.add(os.path.splitext(file_name)[1][1:].lower())
        return types, extensions

    def with_file_format(self, extension):
        """The publications with at least one file of this extension (e.g. "pdf")."""
        in_format = PublicationAttachment.objects.filter(document__file__iendswith=f".{extension}")
        return self.filter(pk__in=in_format.values("page_id"))


class PublicationIndexPage(BasePage):
    introduction = models.TextField(blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["publications.PublicationPage"]
    show_in_menus_default = True  # a section of the site: in the main navigation unless the editor says not
    template = "pages/publication_index_page.html"

    @property
    def listing_summary(self):
        return self.introduction or super().listing_summary

    def home_section(self, request, count):
        """On the home page: the newest public guidance, what PCC offices come to the site for."""
        guidance = PublicationPage.objects.child_of(self).of_type(PublicationType.GUIDANCE)
        items = list(visibility.visible_pages(None, guidance).in_listing_order()[:count])
        if not items:
            return None
        query = urlencode({"type": PublicationType.GUIDANCE})
        return {
            "id": "guidance",
            "heading": "Guidance",
            "items": items,
            "more_url": f"{self.url}?{query}",
            "more_label": "All guidance",
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Members signed in also see the members-only publications, labelled as such.
        publications = visibility.visible_pages(request, PublicationPage.objects.child_of(self)).in_listing_order()
        # The filters' choices, once per content version for the visitor's visibility class.
        choices = per_content_version(request, f"publication-choices:{self.pk}", publications.types_and_file_extensions)
        filters = PublicationFilterForm(request.GET, publications, choices)
        filters.is_valid()  # an unknown value is left out, and the page says so (ListingFilterForm.ignored)
        context["filters"] = filters

        def page_shown():
            listed = filters.filtered().prefetch_related("attachments__document")
            shown = paginate(request, listed, PUBLICATIONS_PER_PAGE)
            if request.user.is_authenticated:
                shown.object_list = visibility.mark_restricted(request, list(shown.object_list))
            return shown

        # Read only when the listing's part of the page is not kept (templates/pages/publication_index_page.html).
        context["publications"] = SimpleLazyObject(page_shown)
        return context


class PublicationPage(FiledUnderPortfolios, BasePage):
    summary = models.TextField(
        "description",
        help_text="What the publication is and who it is for. Shown in listings and at the top of the page.",
    )
    publication_type = models.CharField(
        "type", max_length=20, choices=PublicationType.choices, default=PublicationType.GUIDANCE
    )
    published_on = models.DateField("published", default=timezone.localdate)
    last_updated_on = models.DateField(
        "last updated",
        null=True,
        blank=True,
        help_text="Set when a file is replaced or corrected, and say what changed below.",
    )
    change_note = models.CharField(
        "what changed",
        max_length=255,
        blank=True,
        help_text="Shown beside the “Last updated” date, e.g. “Corrected the table on page 4”.",
    )
    body = RichTextField(blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    accessibility_exception = models.TextField(
        "why it is published with files that may not be accessible",
        blank=True,
        help_text="Needed to publish while a file fails the accessibility checks, e.g. “The accessible version "
        "is due on 14 March; other formats on request.” Kept with the publication's history.",
    )

    objects = PageManager.from_queryset(PublicationQuerySet)()

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("publication_type"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("publication_type"),
        FieldPanel("summary"),
        InlinePanel(
            "attachments",
            heading="Files",
            label="File",
            min_num=1,
            help_text="The publication's files. Add one per format, e.g. the PDF and the PowerPoint.",
        ),
        MultiFieldPanel(
            [FileAccessibilityPanel(), FieldPanel("accessibility_exception")],
            heading="Accessibility of the files",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("published_on"), FieldPanel("last_updated_on"), FieldPanel("change_note")],
            heading="Dates",
        ),
        FiledUnderPortfolios.portfolios_panel(),
        FiledUnderPortfolios.update_alert_panel(),
    ]
    base_form_class = PublicationForm

    api_fields = [
        APIField("summary"),
        APIField("publication_type"),
        APIField("published_on"),
        APIField("last_updated_on"),
        APIField("change_note"),
        APIField("body"),
        APIField("attachments"),
        APIField("portfolios"),
    ]
    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []
    template = "pages/publication_page.html"
    hub_id, hub_order, hub_featured = "publications", 3, True
    hub_heading, hub_more_label = "Resources and publications", "More resources and publications"

    def get_kind_label(self):
        return self.get_publication_type_display()

    @property
    def listing_summary(self):
        return self.summary

    @property
    def display_date(self):
        return self.published_on

    class Meta:
        # Listings read publications newest first by this date (in_listing_order()): with the
        # index they read only the rows they show instead of sorting them all.
        indexes = [
            models.Index(Coalesce("last_updated_on", "published_on"), F("page_ptr"), name="publication_listing_order")
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Each file with its document in one query (a preview reads the unsaved files in memory).
        context["attachments"] = self.attachments.all().select_related("document")
        return context


class PublicationAttachment(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "publications.PolicyDocument",
        on_delete=models.PROTECT,
        related_name="attachments",
        help_text="Upload or choose the file. Its name, format, size and page count are read from it.",
    )

    panels = [FieldPanel("document")]
    api_fields = [APIField("document")]
