"""The public URLs: include them in portal/urls.py before Wagtail's catch-all page route."""

from django.urls import path

from editorial import views

app_name = "editorial"

urlpatterns = [
    path("preview/<slug:token>/", views.preview, name="preview"),
    path("login/", views.MemberLoginView.as_view(), name="login"),
    path("logout/", views.MemberLogoutView.as_view(), name="logout"),
]
