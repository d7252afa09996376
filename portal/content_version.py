"""The content version: one number that changes whenever anything an anonymous visitor could see changes.

Everything cached for visitors (pages in the shared cache, fragments, validators for conditional
requests) is stored under the version it was made under and counts only while that is still the
current one. So a change never has to find what to purge: it moves the version on.

Where it lives. The database holds it (`portal.ContentVersion`, one row), written in the same
transaction as the change, so no change can be committed without it. Redis holds a copy, set when
the change commits, which a page cache hit reads in the same round trip as the page: a hit needs no
database. Each server process also reads the database's version in a background thread every
`CONTENT_VERSION_REFRESH_SECONDS` and puts it right in Redis when Redis has an older one (its write
timed out, or Redis restarted), so a lost write costs at most those seconds; a server that can read
neither serves uncached.

The number is the time of the change in microseconds, or one more than the last when that is later,
so it only grows: after a database restore `manage.py new_content_version` moves it past every
version cached before, and a refresher never puts an older version back.

What moves it is one registry here: `watch_defaults()` (called from `PortalConfig.ready()`) covers
pages published, unpublished, moved or deleted (a scheduled publication included), page and
collection privacy, documents, images, every registered snippet (people), settings, redirects and
sites; an app with something else visitors see calls `watch(Model)` from its `ready()`. Commands
that write content in bulk call `bump()` when they finish, and `scripts/restore` runs
`manage.py new_content_version`.
"""

import logging
import os
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Case, F, Value, When
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

CACHE_KEY = "content-version"
_refresh_lock = threading.Lock()


class _Known:
    """This process's last reading of the database's version (shared by its threads)."""

    version = None
    read_at = float("-inf")  # time.monotonic() of that reading
    refreshing = False


def _forked():
    """In a worker forked from gunicorn's master (preload_app): no refreshing thread came along."""
    global _refresh_lock
    _refresh_lock = threading.Lock()
    _Known.refreshing = False


os.register_at_fork(after_in_child=_forked)


def _now_microseconds():
    return time.time_ns() // 1000


def _row():
    from portal.content_version_row import ContentVersion

    return ContentVersion.objects.filter(pk=ContentVersion.SINGLETON)


def bump(**kwargs):
    """A signal receiver, or a plain call: what visitors see has changed, in the current transaction."""
    from portal.content_version_row import ContentVersion

    now = _now_microseconds()
    updated = _row().update(
        version=Case(When(version__gte=now, then=F("version") + 1), default=Value(now)),
    )
    if not updated:
        ContentVersion.objects.get_or_create(pk=ContentVersion.SINGLETON, defaults={"version": now})
    version = _row().values_list("version", flat=True).first()
    # Told to the cache only once the change is committed: a page rendered before then, from the
    # old content, must not be stored under the new version.
    transaction.on_commit(lambda: _publish(version), robust=True)
    return version


def _publish(version):
    _Known.version, _Known.read_at = version, time.monotonic()
    _put_in_cache(version)


def _put_in_cache(version, cached=None):
    """Sets the shared cache's copy, unless it already holds this version or a later one."""
    if cached is None:
        cached = cache.get(CACHE_KEY)
    if not isinstance(cached, int) or cached < version:
        cache.set(CACHE_KEY, version, None)


def from_database():
    """The version in the database (and remembered as this process's reading), or None if it cannot be read."""
    try:
        version = _row().values_list("version", flat=True).first() or 0
    except DatabaseError:
        logger.warning("The content version could not be read from the database", exc_info=True)
        return None
    _Known.version, _Known.read_at = version, time.monotonic()
    return version


def forget():
    """Forgets this process's reading (the test suite, between tests: each test's database has its own)."""
    _Known.version, _Known.read_at = None, float("-inf")


def known():
    """This process's reading of the version if it is recent enough to trust, else None."""
    trusted_for = max(3 * settings.CONTENT_VERSION_REFRESH_SECONDS, 1.0)  # a few missed refreshes
    if time.monotonic() - _Known.read_at > trusted_for:
        return None
    return _Known.version


def current():
    """The version, for a cache that lives beside this process's data: the database's, read at most
    every CONTENT_VERSION_REFRESH_SECONDS (and at once after a change made here); None if unreadable."""
    refresh_soon()
    version = known()
    return version if version is not None else from_database()


def for_cache(cached):
    """The version a shared-cache entry must carry to count, given the shared cache's copy (`cached`, as
    read with the entry): the later of it and this process's recent reading of the database. None
    when neither the shared cache nor the database can say."""
    refresh_soon()
    local = known()
    if isinstance(cached, int):
        return cached if local is None else max(cached, local)
    if local is None:
        local = from_database()
        if local is None:
            return None
    cache.add(CACHE_KEY, local, None)  # Redis restarted or lost the key: start from the database's
    return cache.get(CACHE_KEY)  # None when the cache itself does not answer


def refresh_soon():
    """Starts a background reading of the database's version when the last one is old (never waits;
    in the test suite, where CONTENT_VERSION_REFRESH_IN_BACKGROUND is off, it reads at once)."""
    if time.monotonic() - _Known.read_at < settings.CONTENT_VERSION_REFRESH_SECONDS:
        return
    if not settings.CONTENT_VERSION_REFRESH_IN_BACKGROUND:
        version = from_database()
        if version is not None:
            _put_in_cache(version)
        return
    with _refresh_lock:
        if _Known.refreshing:
            return
        _Known.refreshing = True
    threading.Thread(target=_refresh, name="content-version-refresh", daemon=True).start()


def _refresh():
    try:
        version = from_database()
        if version is not None:
            _put_in_cache(version)
    except Exception:  # noqa: BLE001 - a background thread must not die noisily; the next request tries again
        logger.warning("The content version could not be refreshed", exc_info=True)
    finally:
        _Known.refreshing = False
        connection.close()  # this thread's own connection


# What moves it -----------------------------------------------------------------------------------


class _Registry:
    """The models whose saves and deletions move the version (subclasses included), and whether
    Wagtail's registered snippets count too."""

    models = ()
    snippets = False


def watch(*models):
    """Every save or deletion of an instance of one of `models` (or a subclass) moves the version."""
    _Registry.models = tuple(dict.fromkeys((*_Registry.models, *models)))


def _is_watched(instance):
    if isinstance(instance, _Registry.models):
        return True
    if _Registry.snippets:
        from wagtail.snippets.models import get_snippet_models

        return type(instance) in get_snippet_models()
    return False


def _saved_or_deleted(sender, instance, raw=False, **kwargs):
    if not raw and _is_watched(instance):
        bump()


def _groups_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump()


def watch_defaults():
    """What every site built on the portal shows: pages and their privacy, files, pictures, snippets
    (people), settings, redirects and sites. Called once, from PortalConfig.ready()."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump, dispatch_uid=f"content-version-{id(signal)}", weak=False)
    # A page's own saves are drafts until published (the signals above); its deletion is not.
    post_delete.connect(
        lambda sender, instance, **kwargs: isinstance(instance, Page) and bump(),
        dispatch_uid="content-version-page-deleted",
        weak=False,
    )
    watch(PageViewRestriction, CollectionViewRestriction, AbstractDocument, AbstractImage)
    watch(BaseSiteSetting, BaseGenericSetting, Redirect, Site)
    _Registry.snippets = True
    post_save.connect(_saved_or_deleted, dispatch_uid="content-version-saved", weak=False)
    post_delete.connect(_saved_or_deleted, dispatch_uid="content-version-deleted", weak=False)
    for restriction in (PageViewRestriction, CollectionViewRestriction):
        m2m_changed.connect(
            _groups_changed, sender=restriction.groups.through, dispatch_uid=f"content-version-{restriction}"
        )
