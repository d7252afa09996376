"""The read-only API: Wagtail's API v2 for pages, documents and images, at /api/v2/."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from editorial.api import PublicDocumentsAPIViewSet


class RefuseNulCharacters:
    """A NUL in a parameter is a 400: PostgreSQL refuses it in a query (a 500 otherwise)."""

    def check_query_parameters(self, queryset):
        for name, value in self.request.GET.items():
            if "\x00" in name or "\x00" in value:
                raise BadRequestError(f"query parameter {name.strip(chr(0))!r} contains a NUL character")
        super().check_query_parameters(queryset)


class PortalPagesAPIViewSet(RefuseNulCharacters, PagesAPIViewSet):
    pass


class PortalDocumentsAPIViewSet(RefuseNulCharacters, PublicDocumentsAPIViewSet):
    pass


class PortalImagesAPIViewSet(RefuseNulCharacters, ImagesAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
