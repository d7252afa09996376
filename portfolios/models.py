from urllib.parse import urlencode

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, Page, RevisionMixin
from wagtail.search import index

from portal import navigation, visibility
from portal.blocks import BaseStreamBlock
from portal.pages import BasePage, plain_text
from portal.per_request import once_per_request
from portal.version_memo import per_content_version
from portfolios.blocks import PolicyAreaBodyBlock
from portfolios.contents import body_with_anchors, section_entries
from portfolios.filing import filed_models
from portfolios.serializers import PersonSerializer

HUB_LIST_LENGTH = 3


class Person(DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """Someone the site names: a portfolio lead, a staff contact, a quoted speaker."""

    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True, help_text="Used in this person's web address.")
    role = models.CharField(
        "role line",
        max_length=255,
        blank=True,
        help_text="Their current role as the site should show it, e.g. “PCC, Devon & Cornwall "
        "and the Isles of Scilly” or “Senior Policy Manager”.",
    )
    organisation = models.CharField(
        "area or organisation",
        max_length=255,
        blank=True,
        help_text="The police force area or body they belong to, e.g. “Greater Manchester Combined Authority”.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A head-and-shoulders photo. Without one the site shows their initials.",
    )
    biography = RichTextField(blank=True, features=["bold", "italic", "link"])
    email = models.EmailField(blank=True, help_text="For staff contacts: shown publicly.")
    phone = models.CharField(max_length=40, blank=True, help_text="For staff contacts: shown publicly.")

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("role"), FieldPanel("organisation")],
            heading="Who they are",
        ),
        FieldPanel("photo"),
        FieldPanel("biography"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading="Contact details"),
    ]
    search_fields = [
        index.SearchField("name", boost=5),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.SearchField("organisation"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    @property
    def initials(self):
        return "".join(word[0] for word in self.name.split()[:3] if word).upper()


class LeadRole(models.TextChoices):
    LEAD = "lead", "Lead"
    JOINT_LEAD = "joint_lead", "Joint Lead"
    DEPUTY_LEAD = "deputy_lead", "Deputy Lead"


class PortfolioLead(Orderable):
    page = ParentalKey("portfolios.PortfolioPage", on_delete=models.CASCADE, related_name="leads")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="portfolio_leads")
    role = models.CharField("lead role", max_length=20, choices=LeadRole.choices, default=LeadRole.LEAD)
    started_on = models.DateField("term began", null=True, blank=True)
    ended_on = models.DateField(
        "term ended",
        null=True,
        blank=True,
        help_text="Set this when the person stops leading the portfolio: they stay on record as a former lead.",
    )

    panels = [FieldPanel("person"), FieldPanel("role"), FieldPanel("started_on"), FieldPanel("ended_on")]
    api_fields = [
        APIField("person", serializer=PersonSerializer()),
        APIField("role"),
        APIField("started_on"),
        APIField("ended_on"),
    ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.person.name}"

    @property
    def term_description(self):
        if self.started_on and self.ended_on:
            return f"{self.started_on:%B %Y} to {self.ended_on:%B %Y}"
        if self.ended_on:
            return f"until {self.ended_on:%B %Y}"
        if self.started_on:
            return f"since {self.started_on:%B %Y}"
        return ""

    @property
    def is_current(self):
        return self.ended_on is None or self.ended_on >= timezone.localdate()


class PortfolioContact(Orderable):
    page = ParentalKey("portfolios.PortfolioPage", on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="portfolio_contacts",
        help_text="A member of the association's staff who answers questions about this portfolio.",
    )

    panels = [FieldPanel("person")]
    api_fields = [APIField("person", serializer=PersonSerializer())]


def people_prefetches():
    """The leads and contacts of portfolios, with their people, in two queries."""
    return [
        Prefetch(
            "leads",
            queryset=PortfolioLead.objects.filter(person__live=True).select_related("person", "person__photo"),
        ),
        Prefetch(
            "contacts",
            queryset=PortfolioContact.objects.filter(person__live=True).select_related("person", "person__photo"),
        ),
    ]


def latest_filed_under(request, portfolios, filtered_by=None):
    """For each page type filed under portfolios: its newest items under any of `portfolios`.

    The page types are found from the model registry (see portfolios.filing), so that this app
    never imports the apps that file content under it. With `filtered_by`, the "more" link goes to
    the listing filtered by that portfolio; otherwise to the whole listing.
    """
    found = []
    for model in filed_models():
        filed = model.objects.filter(portfolios__in=portfolios).values("pk")
        items = visibility.visible_pages(request, model.objects.filter(pk__in=filed)).in_listing_order()
        items = list(items[:HUB_LIST_LENGTH])
        if items:
            found.append((model, items))
    # The listings the "more" links go to, the items' parents: usually in the menu already.
    indexes = navigation.pages_by_path(request, {items[0].path[: -Page.steplen] for _model, items in found})
    sections = []
    for model, items in found:
        index = indexes[items[0].path[: -Page.steplen]]
        query = dict(model.hub_listing_query)
        if filtered_by:
            query["portfolio"] = filtered_by.slug
        sections.append(
            {
                "heading": model.hub_heading,
                "more_label": model.hub_more_label,
                "id": model.hub_id,
                "featured": model.hub_featured,
                "items": items,
                "more_url": f"{index.url}?{urlencode(query)}" if query else index.url,
            }
        )
    return sections


class PolicyAreaPage(BasePage):
    """A hub for a section of policy work and the portfolios it is organised in."""

    introduction = RichTextField(
        features=["bold", "italic", "link"],
        help_text="The opening paragraph: why this area of work matters.",
    )
    body = StreamField(
        PolicyAreaBodyBlock(),
        blank=True,
        help_text="Priorities and any further paragraphs. Use a “Priorities” block for each list of priorities.",
    )
    portfolios_introduction = models.TextField(
        blank=True,
        help_text="The sentence above the list of portfolios and their leads.",
    )

    search_fields = BasePage.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("portfolios_introduction"),
    ]

    api_fields = [APIField("introduction"), APIField("body"), APIField("portfolios_introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portfolios.PortfolioPage"]
    show_in_menus_default = True  # a section of the site: in the main navigation unless the editor says not
    template = "pages/policy_area_page.html"

    kind_label = "Policy area"

    @property
    def listing_summary(self):
        return plain_text(self.introduction)

    def portfolios(self, request=None):
        portfolios = visibility.visible_pages(request, PortfolioPage.objects.child_of(self))
        return portfolios.prefetch_related(*people_prefetches())

    def home_section(self, request, count):
        """On the home page: the area's portfolios, each with its summary and current leads (public only:
        the home page is the same for everyone). Every area's are read at once, in three queries."""
        parent_path = self.path[: -Page.steplen]

        def portfolios_by_area():
            found = {}
            under = PortfolioPage.objects.filter(path__startswith=parent_path, depth=self.depth + 1)
            for portfolio in visibility.visible_pages(None, under).prefetch_related(*people_prefetches()):
                found.setdefault(portfolio.path[: -Page.steplen], []).append(portfolio)
            return found

        portfolios = once_per_request(request, f"home-portfolios-{parent_path}", portfolios_by_area).get(self.path)
        if not portfolios:
            return None
        return {
            "id": f"area-{self.pk}",
            "heading": self.title,
            "template": "components/home_policy_area.html",
            "portfolios": portfolios,
            "more_url": self.url,
            "more_label": "Priorities, portfolio leads and latest work",
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Both made once per content version for the visitor's visibility class (portal.version_memo).
        portfolios = per_content_version(request, f"area-portfolios:{self.pk}", lambda: list(self.portfolios(request)))
        context["portfolios"] = portfolios
        # Sections a PCC office comes for (the guidance) follow the priorities; the rest end the page.
        latest = per_content_version(request, f"area-latest:{self.pk}", lambda: latest_filed_under(request, portfolios))
        context["featured_latest"] = [section for section in latest if section["featured"]]
        context["latest"] = [section for section in latest if not section["featured"]]
        context["body_blocks"], contents = body_with_anchors(self.body)
        contents += section_entries(context["featured_latest"])
        if portfolios:
            contents.append({"anchor": "portfolios-heading", "text": "Portfolio leads"})
        context["contents"] = contents + section_entries(context["latest"])
        return context


class PortfolioPage(BasePage):
    """One policy portfolio: what it covers, who leads it, who to contact."""

    summary = models.TextField(
        help_text="One sentence on what the portfolio covers, e.g. “Leading our work to tackle…”. "
        "Shown on the policy area page and in listings.",
    )
    body = StreamField(BaseStreamBlock(), blank=True)

    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel(
            "leads",
            heading="Leads",
            label="Lead",
            help_text="In the order the site should list them. Keep former leads and give their term's end date.",
        ),
        InlinePanel("contacts", heading="Staff contacts", label="Contact"),
    ]

    api_fields = [APIField("summary"), APIField("body"), APIField("leads"), APIField("contacts")]
    parent_page_types = ["portfolios.PolicyAreaPage"]
    subpage_types = []
    template = "pages/portfolio_page.html"

    kind_label = "Portfolio"

    @property
    def listing_summary(self):
        return self.summary

    def current_leads(self):
        """For the policy area's list of portfolios: with people_prefetches() it costs no query."""
        return [lead for lead in self.leads.all() if lead.is_current]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read through the cluster, not a fresh query, so a preview shows unsaved leads.
        leads = [lead for lead in self.leads.all().select_related("person", "person__photo") if lead.person.live]
        context["current_leads"] = [lead for lead in leads if lead.is_current]
        context["former_leads"] = [lead for lead in leads if not lead.is_current]
        context["contacts"] = [
            contact for contact in self.contacts.all().select_related("person", "person__photo") if contact.person.live
        ]
        compute = lambda: latest_filed_under(request, [self], filtered_by=self)  # noqa: E731
        context["latest"] = per_content_version(request, f"portfolio-latest:{self.pk}", compute)
        return context
