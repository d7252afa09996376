from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from news.blocks import NewsBodyBlock
from news.choices import VIDEO, NewsType
from news.feeds import AtomNewsFeed, NewsFeed
from news.index_listing import index_context
from news.listing import ListedByDate, ListingDate  # noqa: F401 - ListingDate is a model of this app
from news.video_hosts import embed_url, host_name, validate_video_url
from portal import navigation, seo, visibility
from portal.pages import BasePage, plain_text
from portal.per_request import once_per_request
from portfolios.filing import FiledUnderPortfolios, filed_under_q
from portfolios.models import Person, PortfolioPage
from portfolios.serializers import PersonSerializer
from portfolios.widgets import PersonChooser

FEED_LENGTH = 20
FEED_KINDS = (("rss", "RSS", "application/rss+xml"), ("atom", "Atom", "application/atom+xml"))


class NewsItemQuerySet(PageQuerySet):
    """Articles and videos, as their listings, feeds and filters read them."""

    def in_listing_order(self):
        """Newest first by the date shown, which falls back to first publication."""
        return (
            self.filter(news_listing__isnull=False)
            .annotate(listing_date=F("news_listing__date"))
            .order_by("-news_listing__date", "-news_listing__first_published_at", "-pk")
        )

    def of_kind(self, kind):
        """Videos, or the articles of one NewsType."""
        if kind == VIDEO:
            return self.type(VideoPage)
        return self.filter(newsarticlepage__news_type=kind)

    def kinds(self):
        """The kinds these items have: NewsType values, and VIDEO if there are videos (one query)."""
        types = self.order_by().values_list("newsarticlepage__news_type", flat=True).distinct()
        return {VIDEO if news_type is None else news_type for news_type in types}

    def in_year(self, year):
        return self.filter(news_listing__date__year=year)

    def count_per_year(self):
        """{year: number of items}, in one GROUP BY (items not yet dated are left out)."""
        per_year = self.order_by().annotate(year=ExtractYear("news_listing__date")).values("year")
        rows = per_year.annotate(n=models.Count("pk")).values_list("year", "n")
        return {year: count for year, count in rows if year is not None}


NewsItemManager = PageManager.from_queryset(NewsItemQuerySet)


class NewsIndexPage(RoutablePageMixin, BasePage):
    introduction = models.TextField(blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.NewsArticlePage", "news.VideoPage"]
    show_in_menus_default = True  # a section of the site: in the main navigation unless the editor says not
    template = "pages/news_index_page.html"

    @property
    def listing_summary(self):
        return self.introduction or super().listing_summary

    @classmethod
    def for_request(cls, request, current_page=None):
        """The site's news index: the page being served when it is one, else the one in the menu
        (no query: every page reads the menu), else looked up."""
        if isinstance(current_page, cls) and current_page.live:
            return current_page
        for page in navigation.site_menu_pages(request):
            if page.specific_class is cls:
                return page.specific_deferred  # the menu's row has every field a link to the index needs
        first = lambda: visibility.visible_pages(None, cls.objects.all()).first()  # noqa: E731
        return once_per_request(request, "news-index", first)

    def feed_links(self, portfolio=None):
        """(title, media type, URL) of the RSS and Atom feeds: all news, or `portfolio`'s."""
        links = []
        for kind, label, media_type in FEED_KINDS:
            if portfolio is None:
                title, route = f"{self.title} ({label})", self.reverse_subpage(kind)
            else:
                title = f"{portfolio.title}: {self.title} ({label})"
                route = self.reverse_subpage(f"portfolio_{kind}", kwargs={"portfolio": portfolio.slug})
            links.append((title, media_type, self.url + route))
        return links

    def listed_items(self, request=None):
        """Articles and videos `request` may see (anonymous: the public ones), newest first by their date."""
        items = NewsItemQuerySet(Page).child_of(self).type(NewsArticlePage, VideoPage)
        return visibility.visible_pages(request, items).in_listing_order()

    def home_section(self, request, count):
        return {
            "id": "news",
            "heading": "Latest news",
            "items": list(self.listed_items().specific()[:count]),
            "more_url": self.url,
            "more_label": "All news",
        }

    @path("feed/rss/", name="rss")
    @path("feed/<slug:portfolio>/rss/", name="portfolio_rss")
    def rss_feed(self, request, portfolio=None):
        return NewsFeed(self, *self.feed_content(portfolio))(request)

    @path("feed/atom/", name="atom")
    @path("feed/<slug:portfolio>/atom/", name="portfolio_atom")
    def atom_feed(self, request, portfolio=None):
        return AtomNewsFeed(self, *self.feed_content(portfolio))(request)

    def feed_content(self, portfolio_slug):
        """The newest public items for a feed, and the portfolio it is limited to, if any."""
        items = self.listed_items()
        portfolio = None
        if portfolio_slug is not None:
            portfolio = visibility.visible_pages(None, PortfolioPage.objects.filter(slug=portfolio_slug)).first()
            if portfolio is None:
                raise Http404("No such portfolio")
            items = items.filter(filed_under_q(portfolio))
        return items.specific()[:FEED_LENGTH], portfolio

    def get_context(self, request, *args, **kwargs):
        return {**super().get_context(request, *args, **kwargs), **index_context(request, self)}


class NewsArticlePage(ListedByDate, FiledUnderPortfolios, BasePage):
    date = models.DateField(
        "display date",
        null=True,
        blank=True,
        help_text="The date the article shows. Leave empty to show the date it was first published.",
    )
    news_type = models.CharField("type", max_length=20, choices=NewsType.choices, default=NewsType.NEWS)
    summary = models.CharField(
        "listing summary",
        max_length=300,
        help_text="One or two sentences shown in listings and under the title.",
    )
    body = StreamField(NewsBodyBlock(), blank=True)
    # Kept from the body's quotes on every save, so a person's page can list what quotes them.
    quoted_people = ParentalManyToManyField("portfolios.Person", blank=True, editable=False, related_name="quoted_in")

    objects = NewsItemManager()

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("quoted_names"),
        index.FilterField("news_type"),
        index.FilterField("date"),
    ]
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("news_type"), FieldPanel("date"), FieldPanel("summary")],
            heading="Listing",
        ),
        FieldPanel("body"),
        FiledUnderPortfolios.portfolios_panel(),
        FiledUnderPortfolios.update_alert_panel(),
    ]

    api_fields = [
        APIField("date"),
        APIField("news_type"),
        APIField("summary"),
        APIField("body"),
        APIField("portfolios"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    template = "pages/news_article_page.html"
    hub_id, hub_heading, hub_more_label, hub_order = "news-articles", "Latest news", "More news", 1

    def get_kind_label(self):
        return self.get_news_type_display()

    @property
    def listing_summary(self):
        return self.summary

    @property
    def display_date(self):
        if self.date:
            return self.date
        return timezone.localdate(self.first_published_at) if self.first_published_at else None

    def share_image(self):
        """The first picture of the body, if it has one."""
        for block in self.body:
            if block.block_type == "image" and block.value:
                return block.value
        return None

    def structured_data(self, request, organisation):
        publisher = seo.publisher_data(organisation)
        url = self.get_full_url(request)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.summary,
            "url": url,
            "mainEntityOfPage": url,
            "image": [seo.share_image_url(organisation, self.share_image())],
            "author": publisher,
            "publisher": publisher,
            "articleSection": self.get_news_type_display(),
        }
        if self.display_date:
            data["datePublished"] = self.display_date.isoformat()
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        return data

    def save(self, *args, **kwargs):
        self.record_quotes()
        super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        self.record_quotes()
        return super().save_revision(*args, **kwargs)

    def quoted_names(self):
        """The names of the people the article quotes, for the search index only: the quote blocks
        show a chosen person's name, which is not in the body's own text, so a search for
        "Alison Hernandez" finds the statement that quotes her."""
        names = []
        for block in self.body:
            if block.block_type == "quote":
                person = block.value.get("person")
                names.append(person.name if person else block.value.get("speaker_name") or "")
        return " ".join(name for name in names if name)

    def record_quotes(self):
        """Record each quoted person's role as it is today, where the editor gave none,
        and who the article quotes."""
        quoted = []
        for block in self.body:
            if block.block_type != "quote" or not block.value.get("person"):
                continue
            person = block.value["person"]
            quoted.append(person)
            if not block.value.get("role"):
                block.value["role"] = person.role
        self.quoted_people = quoted


class VideoPage(ListedByDate, FiledUnderPortfolios, BasePage):
    date = models.DateField(help_text="When the video was recorded or first shown.")
    speaker = models.ForeignKey(
        "portfolios.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="videos",
    )
    speaker_role = models.CharField(
        "speaker's role in the video",
        max_length=255,
        blank=True,
        help_text="As it was when the video was made, e.g. “APCC Joint Lead for Serious Organised Crime”.",
    )
    description = RichTextField(
        features=["bold", "italic", "link"],
        help_text="What the video is about. Always shown, so the page is useful without playing it.",
    )
    video_url = models.URLField(
        "video address",
        blank=True,
        help_text="The YouTube or Vimeo address. Nothing is loaded from it until a visitor presses play.",
    )
    transcript = RichTextField(blank=True, features=["bold", "italic", "link"])
    captioned = models.BooleanField(
        "the video has captions",
        default=False,
        help_text="Tick once the video has captions checked by a person, not only automatic ones. Until then, "
        "and while it has no transcript, the accessibility statement lists it as not accessible.",
    )

    def clean(self):
        """Only a video the site can play (the admin, imports and scripts all save through here)."""
        super().clean()
        try:
            validate_video_url(self.video_url)
        except ValidationError as error:
            raise ValidationError({"video_url": error}) from None

    objects = NewsItemManager()

    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("transcript"),
        index.FilterField("date"),
    ]
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("speaker", widget=PersonChooser(Person)), FieldPanel("speaker_role")],
            heading="Video",
        ),
        FieldPanel("description"),
        FieldPanel("video_url"),
        FieldPanel("captioned"),
        FieldPanel("transcript"),
        FiledUnderPortfolios.portfolios_panel(),
        FiledUnderPortfolios.update_alert_panel(),
    ]

    api_fields = [
        APIField("date"),
        APIField("speaker", serializer=PersonSerializer()),
        APIField("speaker_role"),
        APIField("description"),
        APIField("video_url"),
        APIField("transcript"),
        APIField("portfolios"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    template = "pages/video_page.html"
    kind_label = "Video"
    hub_id, hub_heading, hub_more_label, hub_order = "videos", "Videos", "More videos", 2
    hub_listing_query = {"type": VIDEO}

    @property
    def listing_summary(self):
        return plain_text(self.description)

    @property
    def display_date(self):
        return self.date

    @property
    def embed_url(self):
        return embed_url(self.video_url)

    @property
    def video_host(self):
        return host_name(self.video_url)

    def structured_data(self, request, organisation):
        """A schema.org VideoObject: what Google's video results and sharing sites read."""
        url = self.get_full_url(request)
        data = {
            "@context": "https://schema.org",
            "@type": "VideoObject",
            "name": self.title,
            "description": self.listing_summary or self.title,
            "uploadDate": self.date.isoformat(),
            "thumbnailUrl": [seo.share_image_url(organisation)],
            "url": url,
            "mainEntityOfPage": url,
            "publisher": seo.publisher_data(organisation),
        }
        if self.embed_url:
            data["embedUrl"] = self.embed_url
        if self.video_url:
            data["contentUrl"] = self.video_url
        if self.speaker_id:
            data["actor"] = {"@type": "Person", "name": self.speaker.name}
        if self.transcript:
            data["transcript"] = plain_text(self.transcript)
        return data
