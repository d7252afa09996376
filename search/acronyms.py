"""Acronyms found in the content: "Strategic Policing Requirement (SPR)"-style text, where the
capitalised words before the brackets start with the acronym's letters. `manage.py load_demo`
(and `manage.py find_acronyms`) adds each one found to the editors' search synonyms."""

import re

from django.db.models.functions import Lower
from wagtail.models import Page

from portal import visibility
from search.models import SearchSynonym
from search.snippets import searchable_texts

_ACRONYM = re.compile(r"\(([A-Z]{2,8})s?\)")
_WORD = re.compile(r"[^\W_][\w’'&-]*")
MINOR_WORDS = {"and", "of", "for", "the", "&", "in", "on", "to"}  # may sit between the initials' words
LOOKBACK = 150  # characters before the brackets where the long name may start


def _long_name(before, acronym):
    """The words at the end of `before` whose initials spell `acronym` (minor words between them
    allowed), or None."""
    words = _WORD.findall(before[-LOOKBACK:])
    letters = list(acronym)
    start = None
    for index in range(len(words) - 1, -1, -1):
        word = words[index].strip("’'")
        if not letters:
            break
        if word.lower() in MINOR_WORDS and start is not None:
            continue
        if word[0].isupper() and word[0] == letters[-1]:
            letters.pop()
            start = index
        else:
            return None
    if letters or start is None:
        return None
    return " ".join(word.rstrip("’'") for word in words[start:])


def find(text):
    """[(acronym, long name)] in the order they appear in `text`, once each."""
    found = {}
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        name = _long_name(text[: match.start()].rstrip(), acronym)
        if name and acronym not in found:
            found[acronym] = name
    return list(found.items())


def from_content():
    """[(acronym, long name)] found in the live pages an anonymous visitor may see."""
    found = {}
    for page in visibility.visible_pages(None, Page.objects.live()).specific().iterator():
        for text in [page.title, *searchable_texts(page)]:
            for acronym, name in find(text):
                found.setdefault(acronym, name)
    return list(found.items())


def add_synonyms(pairs):
    """Adds each (term, means) pair not in the list yet (whatever its letter case); the number added."""
    existing = {
        (term, means)
        for term, means in SearchSynonym.objects.annotate(t=Lower("term"), m=Lower("means")).values_list("t", "m")
    }
    new = [
        SearchSynonym(term=term, means=means)
        for term, means in dict.fromkeys(pairs)
        if (term.lower(), means.lower()) not in existing
    ]
    for synonym in new:
        synonym.save()  # one at a time: each save is a change visitors see (portal.content_version)
    return len(new)
