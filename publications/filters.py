from django import forms
from django.conf import settings

from portfolios.forms import PortfolioFilterForm
from publications.choices import PublicationType
from publications.files import FORMAT_NAMES


class PublicationFilterForm(PortfolioFilterForm):
    """The publications index's filters. `items` are its publications (a PublicationQuerySet)."""

    type = forms.ChoiceField(required=False, label="Type", choices=[("", "All types"), *PublicationType.choices])
    format = forms.ChoiceField(required=False, label="File format")

    def __init__(self, data, items, types_and_extensions=None):
        """`types_and_extensions` (`items.types_and_file_extensions()`): when the caller has them."""
        super().__init__(data, items)
        # Only the options that have publications: a type or a format with none would list nothing.
        types, extensions = types_and_extensions or items.types_and_file_extensions()
        self.fields["type"].choices = [("", "All types")] + [
            (value, label) for value, label in PublicationType.choices if value in types
        ]
        self.fields["format"].choices = [("", "All formats")] + [
            (extension, FORMAT_NAMES.get(extension, extension.upper()))
            for extension in settings.WAGTAILDOCS_EXTENSIONS
            if extension in extensions
        ]

    def filter_type(self, items, publication_type):
        return items.of_type(publication_type)

    def filter_format(self, items, extension):
        return items.with_file_format(extension)
