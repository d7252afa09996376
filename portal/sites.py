"""The site a request is for, its root page and its settings, read once per content version.

Wagtail reads them from the database on every request (the site by hostname and port, the root
page's specific object, each settings model), which costs a page a third of its time once the rest
is kept (issue 18). Sites, pages and settings all move the content version, so each is kept per
version and given to every request as a fresh copy (`version_memo.copy_per_content_version`), as
if read from the database: nothing one request sets on it reaches another.

They are handed to Wagtail where it keeps them on the request itself: `Site.find_for_request`
returns `request._wagtail_site` when set (its documented cache), and a settings model's
`for_request` the attribute named by its `get_cache_attr_name()`. tests/portal/test_sites.py fails
if Wagtail stops reading either.
"""

from django.db.models import prefetch_related_objects
from wagtail.models import Site

from portal.version_memo import copy_per_content_version


def _site_and_root_page(request):
    site = Site.find_for_request(request)
    if site is not None:
        # Read now and kept with the site: Wagtail routes from it, and checks its restrictions on the home page.
        restrictions = site.root_page.localized.specific.get_view_restrictions()
        prefetch_related_objects(list(restrictions), "groups")
    return site


def keep_site(request):
    """Sets the request's site (and its root page) as Wagtail would find it, from what is kept."""
    if hasattr(request, "_wagtail_site"):
        return
    name = f"site:{request.get_host()}:{request.get_port()}"
    found = lambda: _site_and_root_page(request)  # noqa: E731
    request._wagtail_site = copy_per_content_version(request, name, found, as_anonymous=True)


def reads_the_site(view):
    """Marks a view that reads the site or its settings on every request: KeptSiteMiddleware gives it
    the kept site before it runs, as it does for every page Wagtail serves."""
    view.reads_the_site = True
    return view


def settings_for_request(model, request):
    """What `model.for_request(request)` returns (a site settings model), read once per content version."""
    attr_name = model.get_cache_attr_name()
    if not hasattr(request, attr_name):
        site = Site.find_for_request(request)
        if site is None:
            return model.for_site(site)  # Wagtail's own refusal: no settings without a site
        name = f"site-settings:{model._meta.label}:{site.pk}"
        instance = copy_per_content_version(request, name, lambda: model.for_site(site), as_anonymous=True)
        instance._request = request  # as Wagtail's for_request: its page URLs are made for this request
        setattr(request, attr_name, instance)
    return getattr(request, attr_name)
