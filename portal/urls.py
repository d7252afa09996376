from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal import views
from portal.api import api_not_found, api_router
from portal.health import healthz
from portal.sitemaps import PageSitemap
from portfolios.sitemaps import PeopleSitemap
from portfolios.views import person_detail
from publications import views as publications_views
from search.views import search

handler500 = views.server_error

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/2fa/", include("accounts.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    re_path(r"^api/", api_not_found, name="api_not_found"),
    path("search/", search, name="search"),
    path("healthz", healthz, name="healthz"),
    path("people/<slug:slug>/", person_detail, name="person"),
    path(
        "accessible-formats/<int:document_id>/",
        publications_views.request_accessible_format,
        name="accessible_format_request",
    ),
    path(
        "accessible-formats/<int:document_id>/sent/",
        publications_views.accessible_format_request_sent,
        name="accessible_format_request_sent",
    ),
    path("alerts/", include("alerts.urls")),
    path("", include("editorial.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PageSitemap, "people": PeopleSitemap}}, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
