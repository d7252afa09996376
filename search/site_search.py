"""Site search: live, public pages, the files attached to publications, and people, ranked together.

Each kind is searched with the site's Wagtail search backend (PostgreSQL full-text search in
production, SQLite FTS5 in development), ordered by the backend's relevance. The three lists are
merged by score: the backends score every kind from the same index table, so their scores compare.
Only the page of results shown is then loaded, so a results page costs the same number of queries
however many results there are. What may be found is what an anonymous visitor may see
(portal.visibility): search results are never personal.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText
from wagtail.search.utils import normalise_query_string

from portal import visibility
from portal.pages import BasePage
from portfolios.filing import filed_under_q
from portfolios.models import Person
from publications.models import PublicationAttachment, PublicationPage
from search import lexicon
from search.forms import CONTENT_TYPES
from search.snippets import searchable_texts, snippet
from search.terms import search_terms

MAX_MATCHES = 500  # per kind (pages, files, people): the most a search ranks


@dataclass
class Result:
    """One item on the results page, however it was found."""

    title: str
    url: str
    kind: str
    snippet: SafeString
    date: datetime.date | None = None
    matched_files: list = field(default_factory=list)  # names of the files a publication was found through


@dataclass
class _Hit:
    kind: str  # "page" or "person"
    pk: int
    relevance: float
    page_matched: bool = True
    documents: dict = field(default_factory=dict)  # document pk -> relevance, for publications


def _lower_is_better(backend):
    """Whether the backend's scores rank the best match lowest: SQLite's BM25 does, PostgreSQL's ts_rank does not."""
    if connection.vendor != "sqlite":
        return False
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return isinstance(backend, SQLiteSearchBackend)


def _backend_query(alternatives):
    """One query for the backend: all the words of one of the alternatives (the query as typed, or
    with a synonym's words instead of a phrase in it)."""
    if len(alternatives) == 1:
        return " ".join(alternatives[0])
    return Or([PlainText(" ".join(words)) for words in alternatives])


def _scored(queryset, alternatives):
    """The best MAX_MATCHES items of `queryset` for `alternatives` (lists of words, any of which may
    match in full), best first, as (primary key, relevance),
    where a higher relevance is a better match. Only the keys and scores are read: no objects are
    made, and the matched text vectors the backend's query selects stay in the database."""
    backend = get_search_backend()
    sign = -1 if _lower_is_better(backend) else 1
    query = _backend_query(alternatives)
    results = backend.search(query, queryset, order_by_relevance=True).annotate_score("_score")
    rows = results[:MAX_MATCHES].get_queryset().values_list("pk", "_score")
    return [(pk, sign * (score or 0.0)) for pk, score in rows]


def _specific_pages(pks):
    """{pk: specific page}: one narrow query for the pages' types, then one per page type found (its
    table joined to the page table). Never one LEFT JOIN of every page type's table: on tables not yet
    analysed PostgreSQL estimated that join at 10^17 rows and spent half a second compiling it."""
    by_type = defaultdict(list)
    for pk, content_type_id in Page.objects.filter(pk__in=pks).values_list("pk", "content_type_id"):
        by_type[content_type_id].append(pk)
    pages = {}
    for content_type_id, type_pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        pages.update(model.objects.in_bulk(type_pks))
    return pages


class SiteSearch:
    def __init__(self, request, query, content_type="", portfolio=None):
        self.request = request
        self.query = query
        self.terms = search_terms(query)
        # The query as typed and with synonyms swapped in; snippets mark the words of them all.
        self.alternatives = lexicon.alternatives(self.terms) if self.terms else []
        self.marked_terms = list(dict.fromkeys(word for words in self.alternatives for word in words))
        self.content_type = content_type
        self.portfolio = portfolio
        self.site = Site.find_for_request(request)

    @cached_property
    def live_pages(self):
        """The site's pages an anonymous visitor may see, as a subquery (the search backend accepts
        filters on declared FilterFields only, so the conditions go inside a `pk__in`)."""
        pages = visibility.visible_pages(None, Page.objects.all())
        if self.site:
            pages = pages.in_site(self.site)
        return Page.objects.filter(pk__in=pages.values("pk"))

    # Gathering: a fixed number of queries, each bounded by MAX_MATCHES rows.

    def hits(self):
        """Everything found, best first, as lightweight hits to paginate."""
        if not self.terms:
            return []
        hits = {}
        if self.content_type != "people":
            for pk, relevance in _scored(self._pages(), self.alternatives):
                hits[("page", pk)] = _Hit("page", pk, relevance)
        if self.content_type in ("", "publications"):
            for page_pk, document_pk, relevance in self._publications_found_through_files():
                hit = hits.setdefault(("page", page_pk), _Hit("page", page_pk, relevance, page_matched=False))
                hit.relevance = max(hit.relevance, relevance)
                hit.documents[document_pk] = relevance
        if self.content_type in ("", "people") and self.portfolio is None:
            for pk, relevance in _scored(visibility.visible_people(None, Person.objects.all()), self.alternatives):
                hits[("person", pk)] = _Hit("person", pk, relevance)
        return sorted(hits.values(), key=lambda hit: (-hit.relevance, hit.kind, -hit.pk))

    def _filed_under_portfolio(self, pages):
        return pages.filter(filed_under_q(self.portfolio))

    def _pages(self):
        pages = self.live_pages
        if self.content_type:
            pages = pages.type(*CONTENT_TYPES[self.content_type][1])
        if self.portfolio is not None:
            pages = self._filed_under_portfolio(pages)
        return pages

    def _publications_found_through_files(self):
        """(publication pk, document pk, relevance) for each file matching the query
        that is attached to a live, public publication and not kept in a private collection."""
        publications = self.live_pages.type(PublicationPage)
        if self.portfolio is not None:
            publications = self._filed_under_portfolio(publications)
        attachments = PublicationAttachment.objects.filter(page__in=publications)
        document_model = get_document_model()
        # Files of visible publications; one in a private collection is served only to those allowed.
        attached = document_model.objects.filter(pk__in=attachments.values("document_id"))
        attached = visibility.outside_private_collections(None, attached)
        # The backend accepts filters on declared FilterFields only; a primary key is always one.
        documents = document_model.objects.filter(pk__in=attached.values("pk"))
        scores = dict(_scored(documents, self.alternatives))
        if not scores:
            return []
        pairs = attachments.filter(document_id__in=scores).values_list("page_id", "document_id")
        return [(page_pk, document_pk, scores[document_pk]) for page_pk, document_pk in pairs]

    # Showing: the page of hits shown becomes Results, a query per kind of item.

    def results(self, hits):
        pages = _specific_pages([hit.pk for hit in hits if hit.kind == "page"])
        people = Person.objects.in_bulk([hit.pk for hit in hits if hit.kind == "person"])
        # A file's text is loaded only where it gives the snippet: a publication found through its files.
        document_pks = {pk for hit in hits if not hit.page_matched for pk in hit.documents}
        documents = get_document_model().objects.in_bulk(document_pks)
        results = []
        for hit in hits:
            if hit.kind == "person" and hit.pk in people:
                results.append(self._person_result(people[hit.pk]))
            elif hit.kind == "page" and hit.pk in pages:
                ranked = sorted(hit.documents, key=hit.documents.get, reverse=True)
                matched = [documents[pk] for pk in ranked if pk in documents]
                results.append(self._page_result(pages[hit.pk], hit.page_matched, matched))
        return results

    def _page_result(self, page, page_matched, documents):
        texts = searchable_texts(page)
        matched_files = []
        if not page_matched:
            # Found through its files: say which, and show the passage of the file that matched.
            matched_files = [document.file_name for document in documents]
            texts = [text for document in documents for text in searchable_texts(document)] + texts
        return Result(
            title=page.title,
            url=page.get_url(self.request),
            kind=page.get_kind_label() if isinstance(page, BasePage) else "Page",
            date=page.display_date if isinstance(page, BasePage) else None,
            snippet=snippet(texts, self.marked_terms),
            matched_files=matched_files,
        )

    def _person_result(self, person):
        return Result(
            title=person.name,
            url=reverse("person", args=[person.slug]),
            kind="Person",
            snippet=snippet(searchable_texts(person), self.marked_terms),
        )

    def promotions(self):
        """The editors' recommended results for the query, as Results.

        Editors choose them in the admin under Settings → Promoted search results. A promoted page
        that is not live and public is left out.
        """
        picks = (
            SearchPromotion.objects.filter(query__query_string=normalise_query_string(self.query))
            .filter(Q(page__isnull=True) | Q(page__in=self.live_pages.values("pk")))
            .select_related("page")
        )
        return [
            Result(
                title=pick.title or pick.external_link_url,
                url=pick.page.get_url(self.request) if pick.page else pick.external_link_url,
                kind="Recommended",
                snippet=escape(pick.description),
            )
            for pick in picks
        ]
