"""Snippets for search results: the passage of an item's searched text that best matches the query.

The database backends do not highlight, so snippets are made here: HTML-escaped, with the query's
words wrapped in <mark>.
"""

import re

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

SNIPPET_LENGTH = 240
SNIPPET_LEAD = 60  # characters of context kept before the first match
SHOWN_AS_TITLE = ("title", "name")  # fields a result shows as its title, not in its snippet
_SPACE = re.compile(r"\s+")


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
