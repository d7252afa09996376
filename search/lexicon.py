"""What the search knows about words beyond the index: the editors' synonyms, looked up by the
query's phrases (one indexed query a search), and the vocabulary a misspelt query is corrected from,
read once per content version (portal.content_version) and kept in the cache.

The vocabulary holds only what an anonymous visitor may see (portal.visibility): the titles of
visible pages, the names and roles of visible people, and the synonyms. A suggestion can never
spell out a word from a members-only or embargoed page.
"""

import difflib

from django.core.cache import cache
from django.db.models import Q
from wagtail.models import Page

from portal import content_version, visibility
from portfolios.models import Person
from search.models import SearchSynonym
from search.terms import search_terms

MAX_ALTERNATIVES = 8  # spellings of one query sent to the backend, the query as typed included
SUGGESTION_CUTOFF = 0.65  # difflib's similarity ratio a correction must reach
MIN_WORD_LENGTH = 3  # shorter words are never corrected, nor suggested
# Words so common in titles that a typo is closer to them than to the word meant ("frod" to "from").
STOP_WORDS = frozenset(
    [
        "about",
        "after",
        "also",
        "and",
        "are",
        "been",
        "but",
        "can",
        "for",
        "from",
        "had",
        "has",
        "have",
        "her",
        "his",
        "how",
        "into",
        "its",
        "more",
        "new",
        "not",
        "our",
        "out",
        "over",
        "said",
        "she",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "was",
        "were",
        "what",
        "when",
        "which",
        "while",
        "who",
        "will",
        "with",
        "you",
        "your",
    ]
)


def _cached(name, build):
    version = content_version.current()
    if version is None:  # the database cannot say: nothing is kept
        return build()
    key = f"search-lexicon:{name}:{version}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, 24 * 60 * 60)
    return value


def _pair(term_words, means_words):
    return tuple(term_words.split()), tuple(means_words.split())


def _phrases(terms, longest=6):
    """Every run of up to `longest` consecutive words of the query, as text."""
    return {
        " ".join(terms[start : start + size])
        for size in range(1, longest + 1)
        for start in range(len(terms) - size + 1)
    }


def synonym_pairs(terms):
    """(the term's words, the words it means) for each synonym whose term or meaning is a phrase of
    the query: one indexed query, however long the list."""
    phrases = _phrases(terms)
    rows = SearchSynonym.objects.filter(Q(term_words__in=phrases) | Q(means_words__in=phrases))
    return [_pair(*row) for row in rows.values_list("term_words", "means_words") if all(row) and row[0] != row[1]]


def _replace(words, old, new):
    """`words` with the first run of `old` in it replaced by `new`, or None if `old` is not there."""
    for start in range(len(words) - len(old) + 1):
        if words[start : start + len(old)] == old:
            return words[:start] + new + words[start + len(old) :]
    return None


def alternatives(terms):
    """The query's words, then the same query with a synonym's words for each phrase it holds (both
    ways: "spr" gives "strategic policing requirement" and that gives "spr"), at most MAX_ALTERNATIVES."""
    found = [tuple(terms)]
    pairs = synonym_pairs(terms)
    for words in found:
        if len(found) >= MAX_ALTERNATIVES:
            break
        for term_words, means_words in pairs:
            for old, new in ((term_words, means_words), (means_words, term_words)):
                replaced = _replace(words, old, new)
                if replaced is not None and replaced not in found and len(found) < MAX_ALTERNATIVES:
                    found.append(replaced)
    return [list(words) for words in found]


def _vocabulary():
    texts = list(visibility.visible_pages(None, Page.objects.live()).values_list("title", flat=True))
    for name, role in visibility.visible_people(None, Person.objects.all()).values_list("name", "role"):
        texts += [name, role or ""]
    texts += [text for pair in SearchSynonym.objects.values_list("term_words", "means_words") for text in pair]
    words = {word for text in texts for word in search_terms(text)}
    return sorted(word for word in words if len(word) >= MIN_WORD_LENGTH and word not in STOP_WORDS)


def vocabulary():
    """The words a query may be corrected to, sorted."""
    return _cached("vocabulary", _vocabulary)


def _closeness(typed, word):
    """Similarity first; between equals, the word that begins and ends as typed ("frod": "fraud", not "front")."""
    ratio = difflib.SequenceMatcher(None, typed, word).ratio()
    return (round(ratio, 3), typed[0] == word[0], typed[-1] == word[-1])


def suggestion(terms):
    """The query with each word not in the vocabulary replaced by the closest one that is, or None
    when no word is corrected ("hernandes" → "hernandez", "frod" → "fraud")."""
    words = vocabulary()
    known = set(words)
    corrected, changed = [], False
    for term in terms:
        if term in known or len(term) < MIN_WORD_LENGTH or term.isdigit():
            corrected.append(term)
            continue
        close = difflib.get_close_matches(term, words, n=5, cutoff=SUGGESTION_CUTOFF)
        best = max(close, key=lambda word: _closeness(term, word)) if close else term
        corrected.append(best)
        changed = changed or bool(close)
    return " ".join(corrected) if changed else None
