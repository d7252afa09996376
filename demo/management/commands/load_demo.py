import json
import os

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Collection, Page, PageViewRestriction, Site

from accessibility.models import AccessibilityStatementPage
from demo import builders, planner, privacy
from demo import content as seed
from editorial import setup as editorial_setup
from news.models import NewsArticlePage, NewsIndexPage, VideoPage
from portal import base_url
from portal.models import HomePage, OrganisationSettings, StandardPage
from portfolios.models import Person, PolicyAreaPage, PortfolioContact, PortfolioLead, PortfolioPage
from publications.models import PolicyDocument, PublicationAttachment, PublicationIndexPage, PublicationPage
from search import acronyms


class Command(BaseCommand):
    help = (
        "Build the demo site from the seed text. Running it again changes nothing. "
        "Give --admin-password (or set DEMO_ADMIN_PASSWORD) to also create an admin login."
    )

    def add_arguments(self, parser):
        parser.add_argument("--admin-username", default="admin")
        parser.add_argument(
            "--admin-password",
            default=os.environ.get("DEMO_ADMIN_PASSWORD", ""),
            help="Create a superuser with this password, if the username is not taken.",
        )

    def handle(self, *args, **options):
        self.created = 0
        with transaction.atomic():
            editorial_setup.apply(django_apps)  # the roles and the members' collection, as the migration makes them
            home = self.home_page()
            people = self.people()
            area = self.policy_area(home)
            portfolios = {p["slug"]: self.portfolio(area, p, people) for p in seed.PORTFOLIOS}
            news_index = self.index_page(home, NewsIndexPage, "News", "news")
            self.news(news_index, portfolios, people)
            self.videos(news_index, portfolios, people)
            publications_index = self.index_page(
                home, PublicationIndexPage, "Resources and publications", "resources-and-publications"
            )
            self.publications(publications_index, portfolios)
            self.members_only_example(publications_index)
            media_page = self.standard_page(home, seed.MEDIA_ENQUIRIES)
            accessibility_page = self.accessibility_statement(home)
            privacy_page = self.standard_page(home, privacy.PRIVACY, in_menu=False)
            self.organisation_settings(home, media_page, accessibility_page, privacy_page)
            self.search_synonyms()
        if self.created:
            planner.analyze()  # a fresh database's first searches are planned from real row counts
        self.admin_user(options["admin_username"], options["admin_password"])
        if self.created:
            self.stdout.write(self.style.SUCCESS(f"Demo site ready: {self.created} items created."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo site already in place: nothing changed."))

    def step(self, message):
        self.created += 1
        self.stdout.write(f"  created {message}")

    # Pages -----------------------------------------------------------------

    def publish_child(self, parent, page, label):
        builders.add_page(parent, page)
        self.step(f"{label}: {page.title}")
        return page

    def existing_child(self, parent, model, slug):
        return model.objects.child_of(parent).filter(slug=slug).first()

    def home_page(self):
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's migrations create a placeholder "Welcome" page at the home page's slug.
            for placeholder in root.get_children().filter(slug=seed.HOME["slug"]):
                if placeholder.specific_class is Page:
                    placeholder.delete()
            home = HomePage(title=seed.HOME["title"], slug=seed.HOME["slug"], introduction=seed.HOME["introduction"])
            self.publish_child(Page.get_first_root_node(), home, "home page")
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        if site.root_page_id != home.pk:
            site.hostname, site.port = base_url.site_address()
            site.site_name = seed.ORGANISATION["short_name"]
            site.root_page = home
            site.save()
            self.step(f"site at {base_url.root()}/")
        elif base_url.apply_to_site(site):  # SITE_BASE_URL changed since the last run
            self.step(f"site moved to {base_url.root()}/")
        return home

    def index_page(self, home, model, title, slug):
        page = self.existing_child(home, model, slug)
        return page or self.publish_child(home, model(title=title, slug=slug, show_in_menus=True), "index")

    def standard_page(self, home, content, in_menu=True):
        page = self.existing_child(home, StandardPage, content["slug"])
        if page:
            return page
        page = StandardPage(
            title=content["title"],
            slug=content["slug"],
            introduction=content["introduction"],
            body=json.dumps(content.get("body", [])),
            show_in_menus=in_menu,
        )
        return self.publish_child(home, page, "page")

    def accessibility_statement(self, home):
        content = seed.ACCESSIBILITY_STATEMENT
        page = self.existing_child(home, AccessibilityStatementPage, content["slug"])
        if page:
            return page
        fields = {**content, "body": json.dumps(content["body"])}
        return self.publish_child(home, AccessibilityStatementPage(**fields), "accessibility statement")

    def policy_area(self, home):
        content = seed.POLICY_AREA
        page = self.existing_child(home, PolicyAreaPage, content["slug"])
        if page:
            return page
        page = PolicyAreaPage(
            title=content["title"],
            slug=content["slug"],
            introduction=content["introduction"],
            body=json.dumps(content["body"]),
            portfolios_introduction=content["portfolios_introduction"],
            nav_label=content["nav_label"],
            show_in_menus=True,
        )
        return self.publish_child(home, page, "policy area")

    def portfolio(self, area, content, people):
        page = self.existing_child(area, PortfolioPage, content["slug"])
        if page:
            return page
        page = PortfolioPage(title=content["title"], slug=content["slug"], summary=content["summary"])
        page.leads = [
            PortfolioLead(person=people[slug], role=role, ended_on=ended_on)
            for slug, role, ended_on in content["leads"]
        ]
        page.contacts = [PortfolioContact(person=people[slug]) for slug in content["contacts"]]
        return self.publish_child(area, page, "portfolio")

    def news(self, news_index, portfolios, people):
        # Oldest first, so that first publication puts them in the seed's order.
        for content in reversed(seed.NEWS):
            if self.existing_child(news_index, NewsArticlePage, content["slug"]):
                continue
            body = [
                {"type": block["type"], "value": self.quote_value(block, people)} if block["type"] == "quote" else block
                for block in content.get("body", [])
            ]
            page = NewsArticlePage(
                title=content["title"],
                slug=content["slug"],
                news_type=content["news_type"],
                date=content["date"],
                summary=content["summary"],
                body=json.dumps(body),
            )
            page.portfolios = [portfolios[slug] for slug in content["portfolios"]]
            self.publish_child(news_index, page, "news")

    def quote_value(self, block, people):
        return {
            "quote": block["value"],
            "person": people[block["person"]].pk,
            "role": block["role"],
            "speaker_name": "",
        }

    def videos(self, news_index, portfolios, people):
        for content in reversed(seed.VIDEOS):
            if self.existing_child(news_index, VideoPage, content["slug"]):
                continue
            page = VideoPage(
                title=content["title"],
                slug=content["slug"],
                date=content["date"],
                speaker=people[content["speaker"]],
                speaker_role=content["speaker_role"],
                description=content["description"],
            )
            page.portfolios = [portfolios[slug] for slug in content["portfolios"]]
            self.publish_child(news_index, page, "video")

    def publications(self, index, portfolios):
        for content in reversed(seed.PUBLICATIONS):
            self.publication(index, portfolios, content)

    def publication(self, index, portfolios, content, collection=None):
        if self.existing_child(index, PublicationPage, content["slug"]):
            return None
        page = PublicationPage(
            title=content["title"],
            slug=content["slug"],
            publication_type=content["publication_type"],
            summary=content["summary"],
            published_on=content["published_on"],
        )
        page.portfolios = [portfolios[slug] for slug in content["portfolios"]]
        page.attachments = [
            PublicationAttachment(document=self.document(content["title"], *file, collection=collection))
            for file in content["files"]
        ]
        return self.publish_child(index, page, "publication")

    def members_only_example(self, index):
        """A publication for the Members group, its file in the "Members only" collection."""
        members = Group.objects.get(name=editorial_setup.MEMBERS)
        collection = Collection.objects.get(name=editorial_setup.MEMBERS_COLLECTION)
        page = self.publication(index, {}, seed.MEMBERS_ONLY_EXAMPLE, collection=collection)
        if page is not None:
            restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
            restriction.groups.set([members])

    # Snippets, documents, settings, users ----------------------------------

    def people(self):
        people = {}
        for slug, name, role, organisation in seed.PEOPLE:
            person = Person.objects.filter(slug=slug).first()
            if person is None:
                person = builders.add_person(Person, slug=slug, name=name, role=role, organisation=organisation)
                self.step(f"person: {name}")
            people[slug] = person
        return people

    def document(self, publication_title, file_name, size, description, kind="", collection=None):
        document = PolicyDocument.objects.filter(file__endswith=file_name).first()
        if document:
            return document
        extension = file_name.rsplit(".", 1)[1]
        data = builders.stand_in_file(publication_title, [description], file_name, size, kind)
        annex = ": password-protected annex" if kind == "password-protected" else ""
        title = f"{publication_title}{annex} ({extension.upper()})"
        fields = {"title": title, "description": description, **({"collection": collection} if collection else {})}
        document = builders.build_document(PolicyDocument, file_name, data, **fields)
        document.save()
        self.step(f"file: {file_name}")
        return document

    def organisation_settings(self, home, media_page, accessibility_page, privacy_page):
        site = Site.objects.get(root_page=home)
        organisation = OrganisationSettings.for_site(site)
        if organisation.media_enquiries_page_id:
            return
        for field, value in seed.ORGANISATION.items():
            setattr(organisation, field, value)
        organisation.media_enquiries_page = media_page
        organisation.accessibility_statement_page = accessibility_page
        organisation.privacy_page = privacy_page
        organisation.save()
        self.step("organisation settings")

    def search_synonyms(self):
        """The acronyms the content spells out, and the seed's few it does not, as search synonyms."""
        added = acronyms.add_synonyms([*acronyms.from_content(), *seed.SEARCH_SYNONYMS])
        if added:
            self.step(f"{added} search synonyms")

    def admin_user(self, username, password):
        if not password:
            return
        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            self.stdout.write(f"  admin user {username!r} exists: left as it is")
            return
        if len(password) < 8:
            raise CommandError("Choose an admin password of at least 8 characters.")
        user_model.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS(f"  created admin user {username!r}"))
