"""The site a request is for, its root page and its settings, read once per content version.

Wagtail reads them from the database on every request (the site by hostname and port, the root
page's specific object, each settings model), which costs a page a third of its time once the rest
is kept (issue 18). Sites, pages and settings all move the content version, so each is kept per
version (portal.version_memo) and given to every request as a fresh copy (pickled once, unpickled
per request), as if read from the database: nothing one request sets on it reaches another.

They are handed to Wagtail where it keeps them on the request itself: `Site.find_for_request`
returns `request._wagtail_site` when set (its documented cache), and a settings model's
`for_request` the attribute named by its `get_cache_attr_name()`. tests/portal/test_sites.py fails
if Wagtail stops reading either.
"""

import pickle

from django.db.models import prefetch_related_objects
from wagtail.models import Site

from portal.version_memo import per_content_version


def _site_and_root_page(request):
    site = Site.find_for_request(request)
    if site is not None:
        # Read now and kept with the site: Wagtail routes from it, and checks its restrictions on the home page.
        restrictions = site.root_page.localized.specific.get_view_restrictions()
        prefetch_related_objects(list(restrictions), "groups")
    return pickle.dumps(site)


def keep_site(request):
    """Sets the request's site (and its root page) as Wagtail would find it, from what is kept."""
    if hasattr(request, "_wagtail_site"):
        return
    name = f"site:{request.get_host()}:{request.get_port()}"
    kept = per_content_version(request, name, lambda: _site_and_root_page(request), as_anonymous=True)
    request._wagtail_site = pickle.loads(kept)  # noqa: S301 - pickled by this process, from the database


def settings_for_request(model, request):
    """What `model.for_request(request)` returns (a site settings model), read once per content version."""
    attr_name = model.get_cache_attr_name()
    if not hasattr(request, attr_name):
        site = Site.find_for_request(request)
        if site is None:
            return model.for_site(site)  # Wagtail's own refusal: no settings without a site
        name = f"site-settings:{model._meta.label}:{site.pk}"
        kept = per_content_version(request, name, lambda: pickle.dumps(model.for_site(site)), as_anonymous=True)
        instance = pickle.loads(kept)  # noqa: S301 - pickled by this process, from the database
        instance._request = request  # as Wagtail's for_request: its page URLs are made for this request
        setattr(request, attr_name, instance)
    return getattr(request, attr_name)
