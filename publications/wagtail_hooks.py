from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from publications.format_requests import AccessibleFormatRequest
from publications.reports import DocumentAccessibilityView


class DocumentAccessibilityMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(get_document_model()).user_has_permission(request.user, "change")


@hooks.register("register_admin_urls")
def register_document_accessibility_report_urls():
    patterns = [
        path("", DocumentAccessibilityView.as_view(), name="document_accessibility"),
        path("results/", DocumentAccessibilityView.as_view(results_only=True), name="document_accessibility_results"),
    ]
    return [path("reports/document-accessibility/", include((patterns, "publications_reports")))]


@hooks.register("register_reports_menu_item")
def register_document_accessibility_menu_item():
    return DocumentAccessibilityMenuItem(
        "Document accessibility",
        reverse("publications_reports:document_accessibility"),
        name="document-accessibility",
        icon_name="doc-full",
        order=1310,
    )


class AccessibleFormatRequestViewSet(ModelViewSet):
    """Admin → Format requests: what the public asked for; mark one fulfilled once the file is sent."""

    model = AccessibleFormatRequest
    icon = "mail"
    menu_label = "Format requests"
    menu_order = 260
    add_to_admin_menu = True
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["reference", "document", "format_wanted", "received_at", "fulfilled_at"]
    list_filter = ["format_wanted"]
    form_fields = ["fulfilled_at"]


@hooks.register("register_admin_viewset")
def register_format_requests():
    return AccessibleFormatRequestViewSet("format_requests")
