"""The read-only API: Wagtail's API v2 for pages, documents and images, at /api/v2/.

Each endpoint lists only what the visibility policy lets the caller see (portal.visibility): on top
of Wagtail's own checks, embargoed and draft pages' files and pictures are left out, and staff
privileges need a verified session.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageParentField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from portal import base_url, visibility


class RefuseNulCharacters:
    """A NUL in a parameter is a 400: PostgreSQL refuses it in a query (a 500 otherwise)."""

    def check_query_parameters(self, queryset):
        for name, value in self.request.GET.items():
            if "\x00" in name or "\x00" in value:
                raise BadRequestError(f"query parameter {name.strip(chr(0))!r} contains a NUL character")
        super().check_query_parameters(queryset)


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


class PortalPagesAPIViewSet(RefuseNulCharacters, PagesAPIViewSet):
    base_serializer_class = PortalPageSerializer

    def get_base_queryset(self):
        # As a subquery: the search backend (?search=) takes filters on primary keys, not on EXISTS.
        visible = visibility.visible_pages(self.request).values("pk")
        return super().get_base_queryset().filter(pk__in=visible)


class PortalDocumentsAPIViewSet(RefuseNulCharacters, DocumentsAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=visibility.visible_documents(self.request).values("pk"))


class PortalImagesAPIViewSet(RefuseNulCharacters, ImagesAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=visibility.visible_images(self.request).values("pk"))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
