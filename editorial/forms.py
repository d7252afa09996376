from django import forms
from django.contrib.auth.forms import AuthenticationForm
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput, AdminPageChooser

from editorial.models import PreviewLink


class PreviewLinkForm(WagtailAdminModelForm):
    """Choose a page you can edit; the link shows its latest draft."""

    class Meta:
        model = PreviewLink
        fields = ["page", "expires_at"]
        widgets = {"page": AdminPageChooser(can_choose_root=False), "expires_at": AdminDateTimeInput()}

    def clean_page(self):
        page = self.cleaned_data["page"]
        if page.depth < 2 or not page.specific_deferred.is_previewable():
            raise forms.ValidationError("This page has no public view to preview.")
        if self.for_user is None or not page.permissions_for_user(self.for_user).can_edit():
            raise forms.ValidationError("You can only share drafts of pages you can edit.")
        return page


class MemberLoginForm(AuthenticationForm):
    """Django's sign-in form (the template writes its inputs, with autocomplete="username" and
    "current-password"), with messages that say what to do."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account cannot sign in. Ask the association to check it.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
