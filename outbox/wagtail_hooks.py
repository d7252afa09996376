from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_outbox_urls():
    patterns = [
        path("", views.undelivered, name="undelivered"),
        path("<int:pk>/send-again/", views.send_again, name="send_again"),
        path("<int:pk>/delete/", views.delete, name="delete"),
    ]
    return [path("reports/undelivered-email/", include((patterns, "outbox")))]


@hooks.register("register_reports_menu_item")
def register_outbox_menu_item():
    return SuperuserMenuItem(
        "Undelivered email", reverse("outbox:undelivered"), name="undelivered-email", icon_name="mail", order=1400
    )
