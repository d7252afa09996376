"""What a visitor typed, made safe to search for."""

import re

MAX_QUERY_LENGTH = 200
MAX_TERMS = 32  # words sent to the backend; the rest of a long query is ignored
_WORD = re.compile(r"[^\W_]+")


def clean_query(raw):
    """The query as typed, without NUL bytes, trimmed and cut to MAX_QUERY_LENGTH characters."""
    return raw.replace("\x00", "").strip()[:MAX_QUERY_LENGTH]


def search_terms(query):
    """The query's words, lower-cased and once each, without punctuation.

    What the backend is given: operators and quotes (`" & | ! : * ( )`) mean something to
    PostgreSQL's and SQLite's query syntax, so only the words are passed on.
    """
    return list(dict.fromkeys(word.lower() for word in _WORD.findall(query)))[:MAX_TERMS]
