"""Values computed once per content version, per process: listing counts, year choices, page starts.

Each value is kept under the current content version (portal.content_version) and the
visibility class of the visitor it was computed for (portal.visibility.visibility_key): the count
of what an anonymous visitor may see is never shown to a member, nor the other way round. When the
version moves on, everything kept is dropped at once, so a value lives as long as what it counts.
The version is read from the database on each request that asks (one primary-key query), so a
change shows at once in every process: no CONTENT_VERSION_REFRESH_SECONDS of staleness.
"""

import pickle
import threading
from collections import OrderedDict

from portal import content_version, visibility
from portal.per_request import once_per_request

# At most this many values per process: a value per page or per search is kept for the pages
# and searches asked for most recently, so memory stays bounded however much content there is.
MOST_KEPT = 3000


_lock = threading.Lock()


class _Kept:
    version = None
    values = OrderedDict()


def per_content_version(request, name, compute, as_anonymous=False):
    """`compute()`, made once per content version for `request`'s visibility class (None, or
    `as_anonymous`: what an anonymous visitor sees). The version is read once per request."""
    # Read from the database (one primary-key query, once per request), not this process's
    # reading of it: a change shows at once in every process, even before its transaction commits.
    version = once_per_request(request, "content-version", content_version.from_database)
    if version is None:  # the version cannot be read: nothing can be kept safely
        return compute()
    key = (name, "anonymous" if as_anonymous else visibility.visibility_key(request))
    with _lock:  # a server's threads share what is kept; the computing is done outside the lock
        if version != _Kept.version:
            _Kept.version, _Kept.values = version, OrderedDict()
        values = _Kept.values
        if key in values:
            values.move_to_end(key)
            return values[key]
    value = compute()
    with _lock:
        if _Kept.values is values:  # not dropped meanwhile for a newer version
            values[key] = value
            while len(values) > MOST_KEPT:
                values.popitem(last=False)
    return value


def clear():
    """Forgets every value (the test suite, between tests: their databases may share a version)."""
    _Kept.version, _Kept.values = None, OrderedDict()


def copy_per_content_version(request, name, compute, as_anonymous=False):
    """As `per_content_version`, for model instances a request may change as it uses them (a page,
    a site, settings): kept pickled, and each request given its own copy, as if read from the database."""
    kept = per_content_version(request, name, lambda: pickle.dumps(compute()), as_anonymous=as_anonymous)
    return pickle.loads(kept)  # noqa: S301 - pickled by this process, from its own database
