from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from accessibility import non_accessible
from portal.blocks import BaseStreamBlock
from portal.pages import BasePage, plain_text

TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
STANDARD = "the Web Content Accessibility Guidelines version 2.2 AA standard"


class ComplianceStatus(models.TextChoices):
    FULL = "full", "Fully compliant"
    PARTIAL = "partial", "Partially compliant"
    NOT = "not", "Not compliant"


COMPLIANCE_SENTENCES = {
    ComplianceStatus.FULL: f"This website is fully compliant with {STANDARD}.",
    ComplianceStatus.PARTIAL: f"This website is partially compliant with {STANDARD}, due to the non-compliances "
    "listed below.",
    ComplianceStatus.NOT: f"This website is not compliant with {STANDARD}. The non-compliances are listed below.",
}


class AccessibilityStatementPage(BasePage):
    """The accessibility statement, in the shape of GOV.UK's model statement. What is not accessible is
    listed from the content (accessibility.non_accessible); the editor adds what the site cannot know."""

    introduction = models.TextField(
        blank=True, help_text="Which website the statement covers and who runs it, in one or two sentences."
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        help_text="Using this website: what visitors should be able to do (zoom, keyboard, screen reader).",
    )
    compliance_status = models.CharField(
        max_length=10,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
        help_text="While the site lists anything as not accessible, it says “partially compliant” at best.",
    )
    known_problems = RichTextField(
        "other content that is not accessible",
        blank=True,
        features=TEXT_FEATURES,
        help_text="Problems the site cannot find itself (videos and failing files are listed automatically): "
        "what fails, the WCAG success criterion, and when it will be fixed.",
    )
    disproportionate_burden = RichTextField(blank=True, features=TEXT_FEATURES)
    outside_scope = RichTextField(
        "content not within the scope of the regulations",
        blank=True,
        features=TEXT_FEATURES,
        help_text="For example PDFs published before 23 September 2018 that are not needed for a service.",
    )
    improvement_plan = RichTextField("what we are doing to improve accessibility", blank=True, features=TEXT_FEATURES)
    reply_within_days = models.PositiveSmallIntegerField(
        "reply within (working days)", default=5, help_text="How soon a request for another format is answered."
    )
    testing_method = RichTextField(
        "how the website was tested",
        blank=True,
        features=TEXT_FEATURES,
        help_text="The tools, the manual checks and the assistive technologies used, and which pages.",
    )
    tested_on = models.DateField("last tested", null=True, blank=True)
    tested_by = models.CharField("tested by", max_length=255, blank=True)
    prepared_on = models.DateField("statement prepared", null=True, blank=True)
    reviewed_on = models.DateField("statement last reviewed", null=True, blank=True)

    search_fields = BasePage.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("compliance_status"),
                FieldPanel("known_problems"),
                FieldPanel("disproportionate_burden"),
                FieldPanel("outside_scope"),
                FieldPanel("improvement_plan"),
            ],
            heading="Compliance",
        ),
        FieldPanel("reply_within_days"),
        MultiFieldPanel(
            [
                FieldPanel("testing_method"),
                FieldPanel("tested_on"),
                FieldPanel("tested_by"),
                FieldPanel("prepared_on"),
                FieldPanel("reviewed_on"),
            ],
            heading="Testing and review",
        ),
    ]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1
    kind_label = "Accessibility statement"
    template = "pages/accessibility_statement_page.html"

    @property
    def listing_summary(self):
        return self.introduction or super().listing_summary

    def compliance(self, has_problems):
        """The status shown: the editor's, but never "fully compliant" while anything is listed."""
        if self.compliance_status == ComplianceStatus.FULL and has_problems:
            return ComplianceStatus.PARTIAL
        return ComplianceStatus(self.compliance_status)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        videos = non_accessible.videos_without_alternatives()
        documents = non_accessible.documents_not_accessible()
        has_problems = bool(videos or documents or plain_text(self.known_problems))
        status = self.compliance(has_problems)
        context.update(
            videos=videos,
            documents=documents,
            has_problems=has_problems,
            compliance_label=status.label,
            compliance_sentence=COMPLIANCE_SENTENCES[status],
        )
        return context
