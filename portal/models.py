from django.db import models
from django.db.models import prefetch_related_objects
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from portal import navigation, sites
from portal.blocks import BaseStreamBlock
from portal.content_version_row import ContentVersion  # noqa: F401 - this app's model, in a module of its own
from portal.pages import BasePage, plain_text
from portal.version_memo import copy_per_content_version, per_content_version

HOME_LATEST_ITEMS = 3


class HomePage(BasePage):
    introduction = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A short welcome shown under the site name.",
    )

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "portfolios.PolicyAreaPage",
        "news.NewsIndexPage",
        "publications.PublicationIndexPage",
        "portal.StandardPage",
        "accessibility.AccessibilityStatementPage",
    ]
    max_count = 1
    template = "pages/home_page.html"

    @property
    def listing_summary(self):
        return plain_text(self.introduction) or super().listing_summary

    def route(self, request, path_components):
        """Wagtail's routing from the site's root, with the page a path leads to kept once per content
        version (the page itself, with its view restrictions, pickled): then no query reads it, instead
        of two per level of the path and one for the restrictions. Every change a visitor could see of
        the page moves the version on. The rest of the path is routed by the page itself, as Wagtail
        would (a feed of the news index). A path that leads nowhere is looked up each time, never kept."""

        def found():
            page = super(HomePage, self).route(request, path_components)[0]
            restrictions = list(page.get_view_restrictions())
            prefetch_related_objects(restrictions, "groups")  # kept with them: the policy checks a visitor's groups
            page.keep_view_restrictions(restrictions)
            return page, page.depth - self.depth

        name = f"route:{self.pk}:{'/'.join(path_components)}"
        page, consumed = copy_per_content_version(request, name, found, as_anonymous=True)  # a copy per request
        if not consumed:
            return super().route(request, path_components)
        return page.route(request, path_components[consumed:])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = navigation.menu_pages(request, self)
        context["sections"] = sections

        # Each section that lists things (the news index) shows its latest on the home page: made once
        # per content version for the visitor's visibility class.
        def home_sections():
            latest = (section.specific_deferred.home_section(request, HOME_LATEST_ITEMS) for section in sections)
            return [section for section in latest if section]

        context["home_sections"] = per_content_version(request, f"home-sections:{self.pk}", home_sections)
        return context


class StandardPage(BasePage):
    introduction = models.TextField(blank=True, help_text="One or two sentences shown above the body.")
    body = StreamField(BaseStreamBlock(), blank=True)

    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    content_panels = BasePage.content_panels + [FieldPanel("introduction"), FieldPanel("body")]

    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = ["portal.StandardPage"]
    template = "pages/standard_page.html"

    @property
    def listing_summary(self):
        return plain_text(self.introduction) or super().listing_summary


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        max_length=255,
        default="Association of Police and Crime Commissioners",
        help_text="Shown in the header, the footer and the browser tab.",
    )
    short_name = models.CharField(max_length=40, blank=True, help_text="An abbreviation, e.g. APCC.")
    contact_email = models.EmailField(
        blank=True,
        help_text="Where visitors write for anything else.",
    )
    media_enquiries_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page the footer's “Media enquiries” link goes to.",
    )
    media_enquiries_text = models.TextField(
        blank=True,
        help_text="One or two sentences for journalists, shown in the footer.",
    )
    media_enquiries_email = models.EmailField("press office email", blank=True)
    media_enquiries_phone = models.CharField("press office telephone", max_length=40, blank=True)
    media_enquiries_hours = models.CharField(
        "press office hours",
        max_length=120,
        blank=True,
        help_text="When the press office answers, e.g. “Monday to Friday, 9am to 5pm”.",
    )
    media_enquiries_out_of_hours_phone = models.CharField(
        "out-of-hours telephone",
        max_length=40,
        blank=True,
        help_text="For journalists on deadline outside those hours. Leave empty if there is none.",
    )
    accessibility_email = models.EmailField(
        "accessibility contact email",
        blank=True,
        help_text="Where requests for another format and reports of accessibility problems go. "
        "Shown on the accessibility statement and in the footer.",
    )
    accessibility_phone = models.CharField("accessibility contact telephone", max_length=40, blank=True)
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown by social media and search engines for a page with no picture of its own "
        "(cropped to 1200×630). Without one, a plain card with the organisation's name.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The organisation's logo, given to search engines (a square PNG or JPEG, at least 112×112).",
    )
    site_notice = models.TextField(
        blank=True,
        help_text="A short notice shown at the top of every page, e.g. an office closure. Leave empty for none.",
    )
    accessibility_statement_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from every page's footer, as the law asks of a public-sector site.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The privacy and cookies page: linked from every page's footer and from each video's player.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("short_name"), FieldPanel("contact_email")],
            heading="Organisation",
        ),
        MultiFieldPanel(
            [
                FieldPanel("media_enquiries_page"),
                FieldPanel("media_enquiries_text"),
                FieldPanel("media_enquiries_email"),
                FieldPanel("media_enquiries_phone"),
                FieldPanel("media_enquiries_hours"),
                FieldPanel("media_enquiries_out_of_hours_phone"),
            ],
            heading="Media enquiries",
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility_email"), FieldPanel("accessibility_phone")],
            heading="Accessibility contact",
        ),
        MultiFieldPanel([FieldPanel("accessibility_statement_page"), FieldPanel("privacy_page")], heading="Footer"),
        MultiFieldPanel([FieldPanel("share_image"), FieldPanel("logo")], heading="Sharing and search engines"),
        FieldPanel("site_notice"),
    ]

    # Read with the settings (once per content version, portal.sites): the home page and each video link them.
    select_related = ["media_enquiries_page", "privacy_page"]

    class Meta:
        verbose_name = "organisation"

    @classmethod
    def for_request(cls, request):
        """Wagtail's, read once per content version (portal.sites), not on every request."""
        return sites.settings_for_request(cls, request)

    @property
    def accessibility_contact_email(self):
        """Where an accessibility problem or a request for another format goes: the accessibility
        contact, else the organisation's general address."""
        return self.accessibility_email or self.contact_email
