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

Each item comes from its own seeded random generator (see portal.bulk_content), so a run
is repeatable, and the items that exist already (found by their slugs) are skipped:
running it twice adds nothing, and running it with larger numbers tops up to them.
"""

import datetime
import json
import time
import uuid
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from modelcluster.models import get_all_child_relations
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from news.models import ListingDate, NewsArticlePage, NewsIndexPage, VideoPage
from portal import bulk_content as bulk
from portal.demo_files import make_pdf, make_pptx
from portal.models import HomePage
from portfolios.models import Person, PolicyAreaPage, PortfolioContact, PortfolioLead, PortfolioPage
from publications.models import PolicyDocument, PublicationAttachment, PublicationIndexPage, PublicationPage

FILE_MAKERS = {"pdf": make_pdf, "pptx": make_pptx}
DEFAULT_UNTIL = datetime.date(2026, 10, 31)  # fixed, so that every run makes the same dates


def batches(items, size):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Progress:
    """One line per batch: how many, how far, how fast."""

    def __init__(self, out, label, total):
        self.out, self.label, self.total, self.done, self.started = out, label, total, 0, time.monotonic()

    def advance(self, count):
        self.done += count
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed else 0
        width = 30
        filled = round(width * self.done / self.total) if self.total else width
        self.out.write(
            f"  {self.label:<14} [{'#' * filled}{'.' * (width - filled)}] {self.done:>6}/{self.total} "
            f"{elapsed:6.1f} s  {rate:6.0f}/s"
        )
        self.out.flush()


class BulkPublisher:
    """Publishes many new pages of one type under one parent, a batch at a time."""

    def __init__(self, parent, model, index):
        if model._meta.get_parent_list() != [Page]:
            raise CommandError(f"{model.__name__} must inherit from Page directly to be bulk-loaded.")
        self.parent, self.model, self.index = parent, model, index
        self.page_fields = [field for field in Page._meta.local_concrete_fields if not field.primary_key]
        self.own_fields = list(model._meta.local_concrete_fields)  # page_ptr first: the primary key
        self.content_type = ContentType.objects.get_for_model(model)
        self.page_content_type = ContentType.objects.get_for_model(Page)
        self.child_relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
        last_path = (
            Page.objects.filter(depth=parent.depth + 1, path__startswith=parent.path)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        self.next_step = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1

    def publish(self, pages):
        """Insert `pages` (unsaved, with their many-to-many values and child objects set in memory) as live pages."""
        for page in pages:
            self.place(page)
        for page, (pk,) in zip(pages, self.insert(Page, pages, self.page_fields, [Page._meta.pk]), strict=True):
            page.id = page.page_ptr_id = pk
        self.insert(self.model, pages, self.own_fields)
        for page in pages:
            page._state.adding, page._state.db = False, connection.alias
        self.save_many_to_many(pages)
        self.save_child_objects(pages)
        self.save_revisions(pages)
        self.index.add(self.model, pages)

    def place(self, page):
        page.path = Page._get_path(self.parent.path, self.parent.depth + 1, self.next_step)
        self.next_step += 1
        page.depth = self.parent.depth + 1
        page.numchild = 0
        page.url_path = f"{self.parent.url_path}{page.slug}/"
        page.locale_id = self.parent.locale_id
        page.content_type = self.content_type
        page.draft_title = page.title
        page.live, page.has_unpublished_changes = True, False
        page.last_published_at = page.latest_revision_created_at = page.first_published_at
        # Child relations not given are empty: reading them would otherwise query each new page.
        for accessor in self.child_relations:
            if accessor not in page._cluster_related_objects:
                setattr(page, accessor, [])

    @staticmethod
    def insert(model, objects, fields, returning_fields=None):
        """INSERTs in as few statements as the database allows; the rows returned, in order."""
        size = max(1, connection.ops.bulk_batch_size(fields, objects))
        rows = []
        for chunk in batches(objects, size):
            # QuerySet._insert is how Model.save() and bulk_create() insert. bulk_create()
            # refuses multi-table models, so each table's rows are inserted here in turn.
            returned = model._base_manager._insert(chunk, fields=fields, returning_fields=returning_fields)
            rows.extend(returned or [])
        if returning_fields and len(rows) != len(objects):
            raise CommandError("This database does not return the keys of inserted rows.")
        return rows

    def save_many_to_many(self, pages):
        for field in self.model._meta.local_many_to_many:
            through = field.remote_field.through
            source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            through.objects.bulk_create(
                [
                    through(**{source: page.pk, target: related.pk})
                    for page in pages
                    for related in getattr(page, field.name).all()
                ]
            )

    def save_child_objects(self, pages):
        for accessor in self.child_relations:
            children = []
            for page in pages:
                for order, child in enumerate(getattr(page, accessor).all()):
                    child.page_id = page.pk
                    if hasattr(child, "sort_order"):
                        child.sort_order = order
                    children.append(child)
            if children:
                type(children[0]).objects.bulk_create(children)

    def save_revisions(self, pages):
        revisions = Revision.objects.bulk_create(
            [
                Revision(
                    content_type=self.content_type,
                    base_content_type=self.page_content_type,
                    object_id=str(page.pk),
                    created_at=page.first_published_at,
                    object_str=str(page),
                    content=page.serializable_data(),
                )
                for page in pages
            ]
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision_id = page.live_revision_id = revision.pk
        Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])
        PageLogEntry.objects.bulk_create(
            [
                PageLogEntry(
                    content_type=self.content_type,
                    label=page.title,
                    action=action,
                    timestamp=page.first_published_at,
                    revision_id=revision.pk if action == "wagtail.publish" else None,
                    content_changed=True,
                    page_id=page.pk,
                )
                for page, revision in zip(pages, revisions, strict=True)
                for action in ("wagtail.create", "wagtail.publish")
            ]
        )


class Indexes:
    """The search index and the reference index entries of objects written without their save signals."""

    def __init__(self, enabled):
        self.enabled = enabled
        self.search = get_search_backend()
        self.search_seconds = self.reference_seconds = 0.0

    def add(self, model, objects):
        if not self.enabled or not objects:
            return
        started = time.monotonic()
        self.search.add_bulk(model, objects)
        self.search_seconds += time.monotonic() - started
        started = time.monotonic()
        if ReferenceIndex.is_indexed(model):
            references = []
            for obj in objects:
                content_types = [
                    ContentType.objects.get_for_model(cls, for_concrete_model=False)
                    for cls in [type(obj), *obj._meta.get_parent_list()]
                ]
                # What ReferenceIndex.create_or_update_for_object() records for a new object, without
                # its two queries per object: the object's references are read from it in memory.
                for to_content_type_id, to_object_id, model_path, content_path in set(
                    ReferenceIndex._extract_references_from_object(obj)
                ):
                    references.append(
                        ReferenceIndex(
                            content_type=content_types[0],
                            base_content_type=content_types[-1],
                            object_id=str(obj.pk),
                            to_content_type_id=to_content_type_id,
                            to_object_id=to_object_id,
                            model_path=model_path,
                            content_path=content_path,
                            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                        )
                    )
            ReferenceIndex.objects.bulk_create(references, ignore_conflicts=True)
        self.reference_seconds += time.monotonic() - started


def tree_problems():
    """What `manage.py fixtree` (treebeard's find_problems) checks, from one query instead of two per page:
    paths of the alphabet and whole steps, no orphans, depths that match the paths, and true numchild values."""
    rows = list(Page.objects.order_by().values_list("pk", "path", "depth", "numchild"))
    paths = {path for _pk, path, _depth, _numchild in rows}
    children = {}
    for _pk, path, _depth, _numchild in rows:
        parent_path = path[: -Page.steplen]
        children[parent_path] = children.get(parent_path, 0) + 1
    problems = {name: [] for name in ("bad characters in path", "bad path length", "orphans", "bad depth")}
    problems["bad numchild"] = []
    for pk, path, depth, numchild in rows:
        if set(path) - set(Page.alphabet):
            problems["bad characters in path"].append(pk)
        elif len(path) % Page.steplen:
            problems["bad path length"].append(pk)
        elif len(path) > Page.steplen and path[: -Page.steplen] not in paths:
            problems["orphans"].append(pk)
        elif depth != len(path) // Page.steplen:
            problems["bad depth"].append(pk)
        elif numchild != children.get(path, 0):
            problems["bad numchild"].append(pk)
    return problems


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
        self.new_content_version()

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
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

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
        data = FILE_MAKERS[extension](spec["title"], [description, *spec["paragraphs"]], size, seed=file_name)
        document = PolicyDocument(
            title=f"{spec['title']} ({extension.upper()})", description=description, collection=collection
        )
        document.file.save(file_name, ContentFile(data), save=False)
        document._set_document_file_metadata()
        return document

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
        """On PostgreSQL, fresh planner statistics for the tables just filled, and the page rows that
        were updated (with their revisions) vacuumed, so that the site's first queries are planned well."""
        if connection.vendor != "postgresql":
            return
        tables = [Page._meta.db_table, Revision._meta.db_table, PageLogEntry._meta.db_table]
        tables += [model._meta.db_table for model in (NewsArticlePage, VideoPage, PublicationPage, PolicyDocument)]
        tables += [ListingDate._meta.db_table, PublicationAttachment._meta.db_table]
        # The portfolios an item is filed under, and who an article quotes: without fresh counts the
        # planner guesses a portfolio holds a fifth of its items and picks a nested loop for hubs.
        many_to_many = [(NewsArticlePage, "portfolios"), (NewsArticlePage, "quoted_people"), (VideoPage, "portfolios")]
        many_to_many.append((PublicationPage, "portfolios"))
        tables += [model._meta.get_field(name).remote_field.through._meta.db_table for model, name in many_to_many]
        tables += [ReferenceIndex._meta.db_table, IndexEntry._meta.db_table]
        # VACUUM cannot run in a transaction, as when called from a test or inside an outer atomic block.
        vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            cursor.execute(f"{vacuum} {connection.ops.quote_name(tables[0])}")
            for table in tables[1:]:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")

    def new_content_version(self):
        """Pages were published without Wagtail's signals: whatever the site cached is out of date."""
        try:
            from portal.page_cache import new_content_version
        except ImportError:  # no page cache in this version of the site
            return
        new_content_version()
