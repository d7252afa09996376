from django import forms
from django.conf import settings

from portfolios.forms import portfolio_filter_field
from publications.files import FORMAT_NAMES
from publications.models import PublicationAttachment, PublicationType


class PublicationFilterForm(forms.Form):
    """The publications index's filters: a plain GET form, so every filtered listing has its own address."""

    type = forms.ChoiceField(required=False, label="Type", choices=[("", "All types"), *PublicationType.choices])
    format = forms.ChoiceField(required=False, label="File format")

    def __init__(self, data, publications):
        super().__init__(data)
        self.publications = publications
        self.fields["portfolio"] = portfolio_filter_field()
        self.order_fields(["portfolio", "type", "format"])
        self.fields["format"].choices = [("", "All formats")] + [
            (extension, FORMAT_NAMES.get(extension, extension.upper())) for extension in settings.WAGTAILDOCS_EXTENSIONS
        ]

    def filtered(self):
        """The publications matching the filters. Call only on a valid form."""
        publications = self.publications
        if portfolio := self.cleaned_data["portfolio"]:
            publications = publications.filter(pk__in=portfolio.publications.values("pk"))
        if publication_type := self.cleaned_data["type"]:
            publications = publications.filter(publication_type=publication_type)
        if extension := self.cleaned_data["format"]:
            in_format = PublicationAttachment.objects.filter(document__file__iendswith=f".{extension}")
            publications = publications.filter(pk__in=in_format.values("page_id"))
        return publications

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in self.fields)
