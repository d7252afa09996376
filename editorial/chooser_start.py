"""Page-link choosers open at the home page, where editors link most, not at the tree's Root.

Wagtail's page chooser opens at Root whenever it is asked for any kind of page with no page chosen
yet (`/admin/choose-page/`, no `parent_page_id`); Wagtail has no setting for this. This middleware
sends that one request on to the home page's listing (`/admin/choose-page/<home>/`, the same view),
with the same query: the breadcrumb still leads up to Root. A chooser limited to some page types
(Wagtail opens it at their common ancestor) and a search are left alone.
"""

from django.http import HttpResponseRedirect
from django.urls import reverse
from wagtail.models import Site


class PageChooserStartsAtHome:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and request.path == reverse("wagtailadmin_choose_page"):
            page_type = request.GET.get("page_type", "wagtailcore.page").lower()
            site = Site.objects.filter(is_default_site=True).first()
            if page_type == "wagtailcore.page" and not request.GET.get("q") and site:
                url = reverse("wagtailadmin_choose_page_child", args=[site.root_page_id])
                query = request.GET.urlencode()
                return HttpResponseRedirect(f"{url}?{query}" if query else url)
        return self.get_response(request)
