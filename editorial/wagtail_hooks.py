from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from editorial import changes_requested
from editorial.models import DocumentDownloadCount
from editorial.reports import MostDownloadedFilesView
from editorial.viewsets import PreviewLinkViewSet

# Draft preview links ------------------------------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_preview_links():
    return PreviewLinkViewSet()


# Reports → Most downloaded files ------------------------------------------------------------------


class DownloadsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return ModelPermissionPolicy(DocumentDownloadCount).user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_downloads_report_urls():
    patterns = [
        path("", MostDownloadedFilesView.as_view(), name="most_downloaded"),
        path("results/", MostDownloadedFilesView.as_view(results_only=True), name="most_downloaded_results"),
    ]
    return [path("reports/most-downloaded-files/", include((patterns, "editorial_reports")))]


@hooks.register("register_reports_menu_item")
def register_downloads_report_menu_item():
    return DownloadsReportMenuItem(
        "Most downloaded files",
        reverse("editorial_reports:most_downloaded"),
        name="most-downloaded-files",
        icon_name="download",
        order=1300,
    )


# Nothing is lost: only those who may publish a page may delete it -----------------------------------


def _refuse_deletion(request, titles):
    messages.error(
        request,
        "Only a moderator can delete " + ", ".join(f"“{title}”" for title in titles) + ": ask one to.",
    )
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


@hooks.register("before_delete_page")
def only_publishers_delete_pages(request, page):
    """Wagtail lets anyone who may edit a page delete it while it is a draft, a colleague's draft too.
    Here deleting needs the publish permission on the page (Moderators, Portfolio editors in their
    policy areas), so a news editor cannot lose a draft for good."""
    if not page.permissions_for_user(request.user).can_publish():
        return _refuse_deletion(request, [page.get_admin_display_title()])


@hooks.register("before_bulk_action")
def only_publishers_bulk_delete_pages(request, action_type, objects, action_class_instance):
    if action_type != "delete":
        return None
    refused = [
        obj.get_admin_display_title()
        for obj in objects
        if isinstance(obj, Page) and not obj.permissions_for_user(request.user).can_publish()
    ]
    if refused:
        return _refuse_deletion(request, refused)


# The page editor: the title's running count, the schedule's date picker (see portal.page_forms) ---


@hooks.register("insert_editor_js")
def title_counter_js():
    return format_html('<script src="{}" defer></script>', static("editorial/title-counter.js"))


@hooks.register("insert_editor_js")
def schedule_picker_js():
    return format_html('<script src="{}" defer></script>', static("editorial/schedule-picker.js"))


# "Request changes": the moderator's comment on the page and the dashboard ------------------------


hooks.register("before_edit_page", changes_requested.show_on_edit_view)


@hooks.register("construct_homepage_panels")
def add_changes_requested_panel(request, panels):
    panels.append(changes_requested.ChangesRequestedPanel())
