"""The read-only API: Wagtail's API v2 for pages, documents and images, at /api/v2/.

Each endpoint lists only what the visibility policy lets the caller see (portal.visibility): on top
of Wagtail's own checks, embargoed and draft pages' files and pictures are left out, and staff
privileges need a verified session.
"""

import re

from django.db import DatabaseError, transaction
from django.http import JsonResponse
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageParentField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from portal import base_url, visibility

SEARCH_OPERATORS = ("and", "or")
SEARCH_MAX_CHARACTERS = 200  # Wagtail's query parser recurses per word: a few hundred words overflow it
SEARCH_MAX_WORDS = 32


def check_parameters(query):
    """Refuse, before any query runs, what Wagtail would otherwise answer with a 500."""
    for name, values in query.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            # PostgreSQL refuses a NUL in a query (html_path, search, any filter).
            raise BadRequestError(f"query parameter {name.replace(chr(0), '')!r} contains a NUL character")
    operator = query.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    offset = query.get("offset", "0")
    if not re.fullmatch(r"[0-9]{1,9}", offset):  # a database's integers end somewhere (SQLite: 2**63)
        raise BadRequestError("offset must be a whole number under 1,000,000,000")
    search = query.get("search", "")
    if len(search) > SEARCH_MAX_CHARACTERS or len(search.split()) > SEARCH_MAX_WORDS:
        raise BadRequestError(f"search is limited to {SEARCH_MAX_WORDS} words and {SEARCH_MAX_CHARACTERS} characters")


class RefuseBadParameters:
    """Every bad parameter is a 400 with a JSON body, never a 500; only GET, HEAD and OPTIONS."""

    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_parameters(request.GET)

    def find_object(self, queryset, request):
        if "id" in request.GET and not re.fullmatch(r"[0-9]{1,18}", request.GET["id"]):
            raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)

    def listing_view(self, request):
        if "search" not in request.GET:
            return super().listing_view(request)
        try:
            with transaction.atomic():  # a savepoint: PostgreSQL's transaction stays usable after an error
                return super().listing_view(request)
        except (DatabaseError, RecursionError) as error:
            # The search backend's own syntax (SQLite's FTS5, PostgreSQL's tsquery) refused the words.
            raise BadRequestError("cannot search for that: try other words") from error


def api_not_found(request, *args, **kwargs):
    """Any other address under /api/: a JSON 404, as the API's own answers are."""
    return JsonResponse({"message": "not found"}, status=404)


class ParentOnBaseUrl(PageParentField):
    """The parent as its own page type, whose `html_url` is on the base URL (BasePage.get_url_parts)."""

    def get_attribute(self, instance):
        parent = super().get_attribute(instance)
        return parent.specific_deferred if parent is not None else None


class HtmlUrlOnBaseUrl(PageHtmlUrlField):
    """A listing's pages are plain `Page`s: their address is asked of portal.base_url, not the Site record."""

    def to_representation(self, page):
        return base_url.page_url(page)


class PortalPageSerializer(PageSerializer):
    html_url = HtmlUrlOnBaseUrl(read_only=True)
    parent = ParentOnBaseUrl(read_only=True)


class PortalPagesAPIViewSet(RefuseBadParameters, PagesAPIViewSet):
    base_serializer_class = PortalPageSerializer

    def get_base_queryset(self):
        # As a subquery: the search backend (?search=) takes filters on primary keys, not on EXISTS.
        visible = visibility.visible_pages(self.request).values("pk")
        return super().get_base_queryset().filter(pk__in=visible)


class PortalDocumentsAPIViewSet(RefuseBadParameters, DocumentsAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=visibility.visible_documents(self.request).values("pk"))


class PortalImagesAPIViewSet(RefuseBadParameters, ImagesAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=visibility.visible_images(self.request).values("pk"))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
