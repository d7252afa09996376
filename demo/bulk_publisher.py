"""Writing thousands of pages fast: in batches, each with a fixed number of queries (see load_bulk)."""

import time
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import connection
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backend


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
