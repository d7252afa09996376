"""What editors see of the accessibility checks: a panel on a publication and the form's warning."""

from django import forms
from wagtail.admin.panels import Panel

from portal.page_forms import PortalPageForm

PUBLISH_ACTIONS = ("action-publish",)


class FileAccessibilityPanel(Panel):
    """Each of the publication's saved files, with what the accessibility checks found in it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "publications/admin/file_accessibility_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            attachments = self.instance.attachments.all() if self.instance.pk else []
            context["documents"] = [attachment.document for attachment in attachments]
            return context


def failing_documents(documents):
    return [document for document in documents if document.may_not_suit_assistive_technology]


class PublicationForm(PortalPageForm):
    """Publishing a publication whose files fail the accessibility checks needs a reason, which is kept."""

    def clean(self):
        cleaned_data = super().clean()
        if not any(action in self.data for action in PUBLISH_ACTIONS):
            return cleaned_data
        failing = failing_documents(self.attached_documents())
        if failing and not (cleaned_data.get("accessibility_exception") or "").strip():
            names = ", ".join(f"“{document.title}”" for document in failing)
            self.add_error(
                "accessibility_exception",
                forms.ValidationError(
                    f"{names} may not work with assistive technology (see “Accessibility of the files”). "
                    "Upload a version that passes the checks, or say here why it is published as it is: "
                    "the reason is kept with the publication, and visitors are offered another format."
                ),
            )
        return cleaned_data

    def attached_documents(self):
        """The documents of the files the form keeps (new and existing, not those being removed)."""
        formset = self.formsets.get("attachments")
        if formset is None or not formset.is_valid():
            return []
        kept = [form.cleaned_data for form in formset.forms if form.cleaned_data]
        return [data["document"] for data in kept if data.get("document") and not data.get("DELETE")]
