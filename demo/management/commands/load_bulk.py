"""`manage.py load_bulk`: thousands of realistic pages on top of the demo site, in minutes.

People, policy areas and portfolios are few: they are made as an editor would, one
at a time, with every signal and check. News articles, videos and publications are
many: publishing them one by one (add_child + save_revision().publish()) costs some
80 ms a page on PostgreSQL, over 13 minutes for 10,000 articles, so they are written
in batches instead, each batch with a fixed number of queries:

- the tree paths (treebeard's materialised path) are numbered on from the parent's last
  child, and the wagtailcore_page rows, then the page type's own rows, are inserted;
- their portfolios (and quoted people) through the many-to-many tables, their files
  as document rows and attachment rows;
- one revision each, its content the page's serializable_data() as save_revision()
  stores it, then each page's latest and live revision; a create and a publish log entry;
- the search index and the reference index entries from the pages in memory.

The parents' numchild is set at the end and the tree checked as `fixtree` checks it
(treebeard's find_problems, from one query rather than two a page), all in one
transaction: a failure, or a tree with a problem, leaves the database as it was. (Files
written to MEDIA_ROOT before a failure stay there.) On PostgreSQL the page table is then
vacuumed and the filled tables analysed, so that the site's queries are planned for them.

Each item comes from its own seeded random generator (see demo.bulk_content), so a run
is repeatable, and the items that exist already (found by their slugs) are skipped:
running it twice adds nothing, and running it with larger numbers tops up to them.
"""

import datetime
import json
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from demo import builders, planner
from demo import bulk_content as bulk
from demo.bulk_publisher import BulkPublisher, Indexes, Progress, batches, tree_problems
from news.models import ListingDate, NewsArticlePage, NewsIndexPage, VideoPage
from portal import content_version
from portal.models import HomePage
from portfolios.models import Person, PolicyAreaPage, PortfolioContact, PortfolioLead, PortfolioPage
from publications.models import PolicyDocument, PublicationAttachment, PublicationIndexPage, PublicationPage

DEFAULT_UNTIL = datetime.date(2026, 10, 31)  # fixed, so that every run makes the same dates


class Command(BaseCommand):
    help = (
        "Add realistic bulk content (people, policy areas, portfolios, news, videos, publications with real "
        "files) on top of the demo site, quickly. Repeatable: existing items are kept, missing ones added."
    )

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=1000, help="News articles and statements (default 1000).")
        parser.add_argument("--videos", type=int, help="Videos (default: one for every 20 news articles).")
        parser.add_argument("--publications", type=int, default=200, help="Publications, 1–2 files each.")
        parser.add_argument("--portfolios", type=int, default=12)
        parser.add_argument("--people", type=int, default=60)
        parser.add_argument("--policy-areas", type=int, default=4)
        parser.add_argument("--seed", default="policy-portal", help="Another seed makes another, separate set.")
        parser.add_argument(
            "--until",
            type=datetime.date.fromisoformat,
            default=DEFAULT_UNTIL,
            help=f"The newest publication date; items spread over the ten years before it (default {DEFAULT_UNTIL}).",
        )
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--skip-indexes",
            action="store_true",
            help="Do not index the bulk pages and files for search or references "
            "(then run `manage.py update_index` and `manage.py rebuild_references_index`).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        self.seed, self.until, self.batch_size = options["seed"], options["until"], options["batch_size"]
        counts = {
            "people": options["people"],
            "policy areas": options["policy_areas"],
            "portfolios": options["portfolios"],
            "news": options["news"],
            "videos": options["news"] // 20 if options["videos"] is None else options["videos"],
            "publications": options["publications"],
        }
        if min(counts.values()) < 0 or self.batch_size < 1:
            raise CommandError("Give numbers of zero or more, and a batch size of one or more.")
        if counts["portfolios"] and not counts["policy areas"]:
            raise CommandError("Portfolios need at least one policy area (--policy-areas).")
        self.index = Indexes(enabled=not options["skip_indexes"])
        self.created = dict.fromkeys(counts, 0)
        self.timings = {}

        home = HomePage.objects.first()
        if home is None:
            self.stdout.write("No home page yet: running load_demo first.")
            call_command("load_demo", stdout=self.stdout)
            home = HomePage.objects.first()
        news_index = NewsIndexPage.objects.child_of(home).first()
        publication_index = PublicationIndexPage.objects.child_of(home).first()
        if news_index is None or publication_index is None:
            raise CommandError("The home page needs its news and publications index pages: run load_demo.")

        with transaction.atomic():
            people = self.timed("people", self.people, counts["people"])
            areas = self.timed("policy areas", self.policy_areas, home, counts["policy areas"])
            self.timed("portfolios", self.portfolios, areas, counts["portfolios"], people)
            portfolios = list(PortfolioPage.objects.live().order_by("path"))  # the demo's and these
            speakers = [person for spec, person in people if spec["kind"] != "staff"]
            self.timed("news", self.news, news_index, counts["news"], portfolios, speakers)
            self.timed("videos", self.videos, news_index, counts["videos"], portfolios, speakers)
            self.timed("publications", self.publications, publication_index, counts["publications"], portfolios)
            self.timed("tree check", self.fix_and_check_tree, [news_index, publication_index])
        if any(self.created.values()):
            self.timed("analyze", self.analyze)
        content_version.bump()  # pages were published without Wagtail's signals

        summary = ", ".join(f"{count} {kind}" for kind, count in self.created.items())
        self.stdout.write(self.style.SUCCESS(f"Bulk content ready in {time.monotonic() - started:.1f} s: {summary}."))
        phases = ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in self.timings.items())
        self.stdout.write(
            f"  time: {phases}; of which search index {self.index.search_seconds:.1f} s, "
            f"reference index {self.index.reference_seconds:.1f} s"
        )
        if not self.index.enabled:
            self.stdout.write(
                self.style.WARNING(
                    "  Not indexed: run `manage.py update_index` (search) and "
                    "`manage.py rebuild_references_index` (usage counts in the admin)."
                )
            )

    def timed(self, phase, method, *args):
        started = time.monotonic()
        result = method(*args)
        self.timings[phase] = time.monotonic() - started
        return result

    def missing(self, specs, existing_slugs, kind):
        """The specs not made yet, and a line saying how many there are already."""
        missing = [spec for spec in specs if spec["slug"] not in existing_slugs]
        if len(missing) < len(specs):
            self.stdout.write(f"  {kind}: {len(specs) - len(missing)} of {len(specs)} exist already")
        return missing

    # Made one at a time, as an editor would: few, and with relations that the admin manages ----------

    def people(self, count):
        specs = [bulk.person(self.seed, number) for number in range(count)]
        existing = Person.objects.in_bulk([spec["slug"] for spec in specs], field_name="slug")
        progress = Progress(self.stdout, "people", count)
        people = []
        for batch in batches(enumerate(specs), 100):
            for number, spec in batch:
                person = existing.get(spec["slug"])
                if person is None:
                    person = Person(
                        **{field: spec[field] for field in ("name", "slug", "role", "organisation", "biography")},
                        email=spec["email"],
                        phone=spec["phone"],
                        photo=self.photo(spec, number) if spec["has_photo"] else None,
                    )
                    person.save()
                    person.save_revision().publish()
                    self.created["people"] += 1
                people.append((spec, person))
            progress.advance(len(batch))
        return people

    def photo(self, spec, number):
        data = bulk.photo_jpeg(self.seed, number)
        return get_image_model().objects.create(
            title=f"{spec['name']} (photo)", file=ImageFile(ContentFile(data), name=f"{spec['slug']}.jpg")
        )

    def publish_child(self, parent, page):
        return builders.add_page(parent, page)

    def policy_areas(self, home, count):
        specs = [bulk.policy_area(self.seed, number) for number in range(count)]
        existing = {page.slug: page for page in PolicyAreaPage.objects.child_of(home)}
        progress = Progress(self.stdout, "policy areas", count)
        areas = []
        for spec in specs:
            area = existing.get(spec["slug"])
            if area is None:
                area = PolicyAreaPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    introduction=spec["introduction"],
                    body=json.dumps(spec["body"]),
                    portfolios_introduction=spec["portfolios_introduction"],
                    show_in_menus=True,
                )
                self.publish_child(home, area)
                home.refresh_from_db()  # numchild and the last child's path have changed
                self.created["policy areas"] += 1
            areas.append(area)
            progress.advance(1)
        return areas

    def portfolios(self, areas, count, people):
        leads_pool = [person for spec, person in people if spec["kind"] != "staff"]
        staff_pool = [person for spec, person in people if spec["kind"] == "staff"]
        if count and not (leads_pool and staff_pool):
            raise CommandError("Portfolios need people to lead them and staff to contact: add more --people.")
        existing = set(PortfolioPage.objects.values_list("slug", flat=True))
        progress = Progress(self.stdout, "portfolios", count)
        for batch in batches(range(count), 10):
            for number in batch:
                spec = bulk.portfolio(self.seed, number, self.until)
                if spec["slug"] in existing:
                    continue
                page = PortfolioPage(
                    title=spec["title"], slug=spec["slug"], summary=spec["summary"], body=json.dumps(spec["body"])
                )
                leads = bulk.distinct_picks(leads_pool, spec["lead_picks"])
                page.leads = [
                    PortfolioLead(person=person, **lead) for person, lead in zip(leads, spec["leads"], strict=False)
                ]
                page.contacts = [PortfolioContact(person=bulk.pick(staff_pool, spec["contact_pick"]))]
                area = areas[number % len(areas)]
                area.refresh_from_db()  # its numchild and last child change as portfolios are added
                self.publish_child(area, page)
                self.created["portfolios"] += 1
            progress.advance(len(batch))

    # Written in batches: many, and all new -------------------------------------------------------

    def bulk_publish(self, parent, model, specs, build, kind, label, prepare=None, after=None):
        specs = self.missing(specs, set(Page.objects.child_of(parent).values_list("slug", flat=True)), label)
        if not specs:
            return
        publisher = BulkPublisher(parent, model, self.index)
        progress = Progress(self.stdout, label, len(specs))
        for batch in batches(specs, self.batch_size):
            pages = [build(spec) for spec in batch]
            if prepare:
                prepare(pages)
            publisher.publish(pages)
            if after:
                after(pages)
            self.created[kind] += len(batch)
            progress.advance(len(batch))

    def news(self, news_index, count, portfolios, speakers):
        specs = [bulk.news_article(self.seed, n, self.until, portfolios, speakers) for n in range(count)]

        def build(spec):
            page = NewsArticlePage(
                **{field: spec[field] for field in ("title", "slug", "news_type", "summary", "date")},
                body=json.dumps(spec["body"]),
                first_published_at=spec["first_published_at"],
                translation_key=self.translation_key(spec),
            )
            page.portfolios = spec["portfolios"]
            page.quoted_people = spec["quoted_people"]
            return page

        self.bulk_publish(news_index, NewsArticlePage, specs, build, "news", "news articles", after=self.list_by_date)

    def videos(self, news_index, count, portfolios, speakers):
        specs = [bulk.video(self.seed, n, self.until, portfolios, speakers) for n in range(count)]
        fields = ("title", "slug", "date", "speaker", "speaker_role", "description", "video_url", "transcript")

        def build(spec):
            page = VideoPage(
                **{field: spec[field] for field in fields},
                first_published_at=spec["first_published_at"],
                translation_key=self.translation_key(spec),
            )
            page.portfolios = spec["portfolios"]
            return page

        self.bulk_publish(news_index, VideoPage, specs, build, "videos", "videos", after=self.list_by_date)

    @staticmethod
    def list_by_date(pages):
        """What NewsArticlePage.save() and VideoPage.save() would record for the listings."""
        ListingDate.objects.bulk_create([ListingDate.for_page(page) for page in pages])

    def publications(self, index, count, portfolios):
        specs = [bulk.publication(self.seed, n, self.until, portfolios) for n in range(count)]
        fields = ("title", "slug", "publication_type", "summary", "body", "published_on", "last_updated_on")
        collection = Collection.get_first_root_node()

        def build(spec):
            page = PublicationPage(
                **{field: spec[field] for field in fields},
                change_note=spec["change_note"],
                first_published_at=spec["first_published_at"],
                translation_key=self.translation_key(spec),
            )
            page.portfolios = spec["portfolios"]
            page.attachments = [
                PublicationAttachment(document=self.document(spec, *file, collection)) for file in spec["files"]
            ]
            return page

        def save_documents(pages):
            documents = [attachment.document for page in pages for attachment in page.attachments.all()]
            PolicyDocument.objects.bulk_create(documents)
            for page in pages:
                for attachment in page.attachments.all():
                    attachment.document_id = attachment.document.pk
            self.index.add(PolicyDocument, documents)

        self.bulk_publish(index, PublicationPage, specs, build, "publications", "publications", save_documents)

    def document(self, spec, file_name, size, description, collection):
        """A small, real PDF or PowerPoint file, written to storage; its row is saved with its batch."""
        extension = file_name.rsplit(".", 1)[1]
        data = builders.stand_in_file(spec["title"], [description, *spec["paragraphs"]], file_name, size)
        title = f"{spec['title']} ({extension.upper()})"
        return builders.build_document(
            PolicyDocument, file_name, data, title=title, description=description, collection=collection
        )

    @staticmethod
    def translation_key(spec):
        return uuid.uuid5(uuid.NAMESPACE_URL, f"policy-portal-bulk:{spec['slug']}")

    # Afterwards -----------------------------------------------------------------------------------

    def fix_and_check_tree(self, parents):
        for parent in parents:
            Page.objects.filter(pk=parent.pk).update(numchild=Page.objects.child_of(parent).count())
        problems = tree_problems()
        for model in (NewsArticlePage, VideoPage, PublicationPage):
            pages = Page.objects.filter(content_type=ContentType.objects.get_for_model(model)).count()
            if model.objects.count() != pages:
                problems[f"{model.__name__} rows missing"] = [pages - model.objects.count()]
        if any(problems.values()):
            found = "; ".join(f"{name}: {ids[:10]}" for name, ids in problems.items() if ids)
            raise CommandError(f"The page tree has problems, so nothing was saved: {found}")
        self.stdout.write("  page tree checked: nothing for fixtree to fix")

    def analyze(self):
        """On PostgreSQL, fresh planner statistics for every table just filled, and the page rows that
        were updated (with their revisions) vacuumed, so that the site's first queries are planned well."""
        planner.analyze()
