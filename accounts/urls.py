"""Two-factor pages, included under /admin/2fa/ ahead of Wagtail's admin URLs."""

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("setup/", views.setup, name="two_factor_setup"),
    path("verify/", views.verify, name="two_factor_verify"),
    path("backup-codes/", views.backup_codes, name="two_factor_backup_codes"),
]
