from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from alerts.admin_views import alerts_report


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_alerts_admin_urls():
    return [path("email-alerts/", include(([path("", alerts_report, name="report")], "alerts_admin")))]


@hooks.register("register_reports_menu_item")
def register_alerts_menu_item():
    return AdministratorsMenuItem(
        "Email alerts", reverse("alerts_admin:report"), name="email-alerts", icon_name="mail", order=1320
    )
