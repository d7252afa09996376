from django import forms
from wagtail.admin.panels import FieldPanel


def portfolios_panel():
    """The same portfolio checkboxes on everything filed under portfolios."""
    return FieldPanel(
        "portfolios",
        widget=forms.CheckboxSelectMultiple,
        help_text="It is listed on these portfolios' pages and on their policy area's page.",
    )
