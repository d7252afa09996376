"""Site search: live, public pages, the files attached to publications, and people, ranked together.

Each kind is searched with the site's Wagtail search backend (PostgreSQL full-text search in
production, SQLite FTS5 in development), ordered by the backend's relevance. The three lists are
merged by score: the backends score every kind from the same index table, so their scores compare.
Only the page of results shown is then loaded, so a results page costs the same number of queries
however many results there are.

The database backends do not highlight, so snippets are made here: the first passage of an
item's searched text that holds a query word, HTML-escaped, with the words wrapped in <mark>.
"""

import datetime
import re
from dataclasses import dataclass, field

from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import CharField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast
from django.db.models.lookups import StartsWith
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.contrib.search_promotions.models import Query
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site, get_page_models
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from portfolios.forms import portfolio_filter_field
from portfolios.models import FILED_UNDER_PORTFOLIOS, Person

MAX_QUERY_LENGTH = 200
MAX_TERMS = 32  # words sent to the backend; the rest of a long query is ignored
MAX_MATCHES = 500  # per kind (pages, files, people): the most a search ranks
SNIPPET_LENGTH = 240
SNIPPET_LEAD = 60  # characters of context kept before the first match

# ?type= values: a label for the filter, and the page types (by label) each one shows.
# Models are named, not imported, so that the site-wide app does not import the content apps.
CONTENT_TYPES = {
    "news": ("News and videos", ("news.NewsArticlePage", "news.VideoPage")),
    "publications": ("Resources and publications", ("publications.PublicationPage",)),
    "portfolios": ("Policy areas and portfolios", ("portfolios.PolicyAreaPage", "portfolios.PortfolioPage")),
    "people": ("People", ()),
}

# The kicker of a result: its kind, named as the site's listings name it.
KIND_LABELS = {
    "news.NewsArticlePage": lambda page: page.get_news_type_display(),
    "news.VideoPage": lambda page: "Video",
    "publications.PublicationPage": lambda page: page.get_publication_type_display(),
    "portfolios.PolicyAreaPage": lambda page: "Policy area",
    "portfolios.PortfolioPage": lambda page: "Portfolio",
}

SHOWN_AS_TITLE = ("title", "name")  # fields a result shows as its title, not in its snippet
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


def clean_query(raw):
    """The query as typed, without NUL bytes, trimmed and cut to MAX_QUERY_LENGTH characters."""
    return raw.replace("\x00", "").strip()[:MAX_QUERY_LENGTH]


def search_terms(query):
    """The query's words, lower-cased and once each, without punctuation.

    What the backend is given: operators and quotes (`" & | ! : * ( )`) mean something to
    PostgreSQL's and SQLite's query syntax, so only the words are passed on.
    """
    return list(dict.fromkeys(word.lower() for word in _WORD.findall(query)))[:MAX_TERMS]


class SearchFilterForm(forms.Form):
    """The filters beside the search box. An unknown value is invalid, and the view answers 404."""

    type = forms.ChoiceField(
        required=False,
        label="Type",
        choices=[("", "All types"), *((value, label) for value, (label, _types) in CONTENT_TYPES.items())],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made here, not in the class body: its queryset reads the view restrictions when built,
        # and this module is imported with the URLs, before `migrate` has made the tables.
        self.fields["portfolio"] = portfolio_filter_field()

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in self.fields)


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


def _scored(queryset, terms):
    """The best MAX_MATCHES items of `queryset` for `terms`, best first, as (primary key, relevance),
    where a higher relevance is a better match. Only the keys and scores are read: no objects are
    made, and the matched text vectors the backend's query selects stay in the database."""
    backend = get_search_backend()
    sign = -1 if _lower_is_better(backend) else 1
    results = backend.search(" ".join(terms), queryset, order_by_relevance=True).annotate_score("_score")
    rows = results[:MAX_MATCHES].get_queryset().values_list("pk", "_score")
    return [(pk, sign * (score or 0.0)) for pk, score in rows]


def _specific_pages(pks):
    """{pk: specific page} in one query, whatever their types: each page type's table is joined."""
    children = {
        model: model._meta.parents[Page].remote_field.get_accessor_name()
        for model in get_page_models()
        if Page in model._meta.parents
    }
    pages = {}
    for page in Page.objects.filter(pk__in=pks).select_related(*children.values()):
        model = page.specific_class
        # A page type that is not a direct subclass of Page (there are none yet) costs a query of its own.
        pages[page.pk] = getattr(page, children[model]) if model in children else page.specific
    return pages


class SiteSearch:
    def __init__(self, request, query, content_type="", portfolio=None):
        self.request = request
        self.query = query
        self.terms = search_terms(query)
        self.content_type = content_type
        self.portfolio = portfolio
        self.site = Site.find_for_request(request)

    @cached_property
    def live_pages(self):
        """The site's live, public pages, as a subquery.

        Like `Page.objects.live().public()`, but a page under a view restriction is excluded in SQL
        rather than by reading the restrictions first: a query fewer. The search backend accepts
        filters on declared FilterFields only, so the conditions go inside a `pk__in` subquery.
        """
        restricted = PageViewRestriction.objects.filter(
            StartsWith(Cast(OuterRef("path"), output_field=CharField()), F("page__path"))
        )
        pages = Page.objects.live().exclude(Exists(restricted))
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
            for pk, relevance in _scored(self._pages(), self.terms):
                hits[("page", pk)] = _Hit("page", pk, relevance)
        if self.content_type in ("", "publications"):
            for page_pk, document_pk, relevance in self._publications_found_through_files():
                hit = hits.setdefault(("page", page_pk), _Hit("page", page_pk, relevance, page_matched=False))
                hit.relevance = max(hit.relevance, relevance)
                hit.documents[document_pk] = relevance
        if self.content_type in ("", "people") and self.portfolio is None:
            for pk, relevance in _scored(Person.objects.filter(live=True), self.terms):
                hits[("person", pk)] = _Hit("person", pk, relevance)
        return sorted(hits.values(), key=lambda hit: (-hit.relevance, hit.kind, -hit.pk))

    def _filed_under_portfolio(self, pages):
        filed = Q()
        for kind in FILED_UNDER_PORTFOLIOS:
            filed |= Q(pk__in=getattr(self.portfolio, kind.related_name).values("pk"))
        return pages.filter(filed)

    def _pages(self):
        pages = self.live_pages
        if self.content_type:
            pages = pages.type(*(apps.get_model(label) for label in CONTENT_TYPES[self.content_type][1]))
        if self.portfolio is not None:
            pages = self._filed_under_portfolio(pages)
        return pages

    def _publications_found_through_files(self):
        """(publication pk, document pk, relevance) for each file matching the query
        that is attached to a live, public publication and not kept in a private collection."""
        publications = self.live_pages.type(apps.get_model("publications.PublicationPage"))
        if self.portfolio is not None:
            publications = self._filed_under_portfolio(publications)
        attachments = apps.get_model("publications.PublicationAttachment").objects.filter(page__in=publications)
        # A file in a collection with view restrictions (or under one) is served only to those allowed.
        document_path = Cast(OuterRef("collection__path"), output_field=CharField())
        private = CollectionViewRestriction.objects.filter(StartsWith(document_path, F("collection__path")))
        document_model = get_document_model()
        attached = document_model.objects.filter(pk__in=attachments.values("document_id")).exclude(Exists(private))
        # The backend accepts filters on declared FilterFields only; a primary key is always one.
        documents = document_model.objects.filter(pk__in=attached.values("pk"))
        scores = dict(_scored(documents, self.terms))
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
        kind = KIND_LABELS.get(page._meta.label, lambda page: "Page")(page)
        day = getattr(page, "display_date", None) or getattr(page, "published_on", None)
        return Result(
            title=page.title,
            url=page.get_url(self.request),
            kind=kind,
            date=day,
            snippet=snippet(texts, self.terms),
            matched_files=matched_files,
        )

    def _person_result(self, person):
        return Result(
            title=person.name,
            url=reverse("person", args=[person.slug]),
            kind="Person",
            snippet=snippet(searchable_texts(person), self.terms),
        )

    def promotions(self, *, record_hit=True, show=True):
        """The editors' recommended results for the query, as Results (when `show`), counting the
        search in the admin's search terms report (when `record_hit`).

        Editors choose them in the admin under Settings → Promoted search results. A promoted page
        that is not live and public is left out.
        """
        search_query = Query.get(self.query)
        if record_hit:
            search_query.add_hit()
        if not show:
            return []
        picks = search_query.editors_picks.filter(
            Q(page__isnull=True) | Q(page__in=self.live_pages.values("pk"))
        ).select_related("page")
        return [
            Result(
                title=pick.title or pick.external_link_url,
                url=pick.page.get_url(self.request) if pick.page else pick.external_link_url,
                kind="Recommended",
                snippet=escape(pick.description),
            )
            for pick in picks
        ]


# Snippets


def searchable_texts(obj):
    """The plain text of each field `obj` is searched by, in order, apart from its title."""
    texts = []
    for search_field in obj.get_search_fields():
        if not isinstance(search_field, index.SearchField):
            continue
        if search_field.field_name in SHOWN_AS_TITLE:
            continue
        try:
            model_field = obj._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:  # a method, not a field: it might query, so it is left out
            continue
        value = getattr(obj, search_field.field_name)
        if isinstance(model_field, StreamField):
            texts.append(" ".join(_stream_texts(value.raw_data)))
        elif isinstance(model_field, RichTextField):
            texts.append(get_text_for_indexing(value or ""))
        elif value:
            texts.append(str(value))
    return [text for text in texts if text]


def _stream_texts(data):
    """The strings in a StreamField's stored JSON, with rich text made plain; chooser ids are skipped,
    so that no block is loaded from the database."""
    if isinstance(data, str):
        yield get_text_for_indexing(data) if "<" in data else data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in ("id", "type"):
                yield from _stream_texts(value)
    elif hasattr(data, "__iter__"):  # a list, or the StreamValue's view of its raw data
        for item in data:
            yield from _stream_texts(item)


def _stem(term):
    """A query word's stem, roughly, so that "crimes" also marks "crime" and "criminal"."""
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if term.endswith(suffix) and len(term) - len(suffix) >= 3:
            return term[: -len(suffix)]
    return term


def _word_pattern(stem):
    """A stem of three letters or more matches the start of a word (the backends stem words);
    a shorter one only a whole word, or "a" would mark every word beginning with an a."""
    if len(stem) >= 3:
        return rf"(?<![^\W_]){re.escape(stem)}[^\W_]*"
    return rf"(?<![^\W_]){re.escape(stem)}(?![^\W_])"


def _passage_start(text, stems):
    """(how well `text` matches, where its passage should start): texts holding more of the query's
    words match better, and words of three letters or more count before shorter ones."""
    firsts = []
    for stem in stems:
        found = re.search(_word_pattern(stem), text, re.IGNORECASE)
        if found:
            firsts.append((len(stem) >= 3, found.start()))
    if not firsts:
        return (0, 0), None
    significant = [position for long_enough, position in firsts if long_enough]
    return (len(significant), len(firsts)), min(significant or [position for _, position in firsts])


def snippet(texts, terms, length=SNIPPET_LENGTH):
    """A passage of the text that best matches the query, with every query word in it marked.

    Everything is escaped; only the <mark> tags added here are markup. With no query word in any
    text, the start of the first text, unmarked.
    """
    texts = [text for text in texts if text and text.strip()]
    if not texts:
        return mark_safe("")
    stems = sorted({_stem(term) for term in terms}, key=len, reverse=True)
    text, anchor, best = texts[0], None, (0, 0)
    for candidate in texts:
        score, position = _passage_start(candidate, stems)
        if score > best:
            text, anchor, best = candidate, position, score
    start = 0
    if anchor is not None and anchor > SNIPPET_LEAD:
        start = anchor - SNIPPET_LEAD
        space = _SPACE.search(text, start, anchor)  # start at a word
        start = space.end() if space else start
    end = min(len(text), max(start + length, anchor or 0))
    if end < len(text):
        spaces = [space.start() for space in _SPACE.finditer(text, max(start, anchor or 0), end)]
        end = spaces[-1] if spaces else end  # end at a word
    passage = " ".join(text[start:end].split())
    pieces = ["…"] if start > 0 else []
    position = 0
    if stems and anchor is not None:
        marked = re.compile("|".join(_word_pattern(stem) for stem in stems), re.IGNORECASE)
        for found in marked.finditer(passage):
            pieces.append(escape(passage[position : found.start()]))
            pieces.append(f"<mark>{escape(found.group())}</mark>")
            position = found.end()
    pieces.append(escape(passage[position:]))
    if end < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text was escaped above
