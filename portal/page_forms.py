"""The admin form of every page type (`BasePage.base_form_class`): a schedule that cannot publish
early by mistake, and a title whose limit is stated, counted and enforced.

- The go-live and expiry fields keep exactly what the editor typed. Wagtail's date picker
  (jQuery datetimepicker) replaces text it cannot read with the current time when the field
  loses focus (`validateOnBlur`); `ScheduleInput` turns that off, so the server reads what was
  typed: every format of `portal/formats/en_GB` (DD/MM/YYYY, ISO with a space or a "T", with or
  without a time), or a clear error naming them. Never "now".
- A go-live time in the past is refused for a page that is not live (publishing it would put an
  embargoed page live at once).
- The title has no `maxlength`, which lets a browser cut a pasted title silently: the limit is
  stated in the help text, counted as the editor types (editorial/static/editorial/title-counter.js) and a
  title over it is a form error.
"""

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateTimeInput

SCHEDULE_FIELDS = ("go_live_at", "expire_at")
SCHEDULE_HELP = (
    "UK time. Type it as 03/12/2026 09:00 (day/month/year), or 2026-12-03 09:00; "
    "a date alone means midnight at its start."
)
SCHEDULE_INVALID = (
    "This is not a date and time this form can read. "
    "Type it as 03/12/2026 09:00 (day/month/year) or 2026-12-03 09:00, in UK time."
)
PAST_GO_LIVE = (
    "This go-live time has already passed, so the page would go live at once. "
    "Give a time in the future, or clear the go-live date to publish now."
)
SLUG_ELSEWHERE = "The page's address could not be used: %(errors)s Change the title, or the slug on the Promote tab."
TITLE_LIMIT = 255


class ScheduleInput(AdminDateTimeInput):
    """Wagtail's date and time picker, which leaves text it cannot read as it is."""

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class PortalPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SCHEDULE_FIELDS:
            field = self.fields.get(name)
            if field is None:
                continue
            widget = field.widget
            if isinstance(widget, AdminDateTimeInput) and not isinstance(widget, ScheduleInput):
                field.widget = ScheduleInput(
                    attrs=widget.attrs,
                    format=widget.format,
                    js_overlay_parent_selector=widget.js_overlay_parent_selector,
                )
            field.help_text = SCHEDULE_HELP
            field.error_messages["invalid"] = SCHEDULE_INVALID
        title = self.fields.get("title")
        if title is not None:
            title.widget.attrs.pop("maxlength", None)
            title.widget.attrs["data-portal-max-length"] = str(TITLE_LIMIT)
            title.help_text = f"At most {TITLE_LIMIT} characters."
            title.error_messages["max_length"] = (
                f"The title is %(show_value)d characters long: at most {TITLE_LIMIT} fit. Shorten it."
            )

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.errors:
            # The slug is on the Promote tab: say so where the editor is (the form's top, and the title).
            self.add_error(None, forms.ValidationError(SLUG_ELSEWHERE % {"errors": " ".join(self.errors["slug"])}))
        go_live_at = cleaned_data.get("go_live_at")
        if go_live_at and go_live_at <= timezone.now() and not self.is_live():
            self.add_error("go_live_at", forms.ValidationError(PAST_GO_LIVE))
        return cleaned_data

    def is_live(self):
        """A page being added is not live yet, whatever its `live` field (True until saved) says."""
        return bool(self.instance.pk and self.instance.live)
