from django import forms
from django.forms.models import ModelChoiceIterator

from portfolios.models import PortfolioPage


class _SlugAndTitleChoices(ModelChoiceIterator):
    """The options read as (slug, title) pairs: listing a portfolio needs no page object."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("slug", "title")


class PortfolioChoiceField(forms.ModelChoiceField):
    iterator = _SlugAndTitleChoices


def portfolio_filter_field():
    """A listing filter naming a live portfolio by its slug, as in ?portfolio=forensics.

    Make it when the form is made: `public()` reads the view restrictions there and then.
    """
    return PortfolioChoiceField(
        queryset=PortfolioPage.objects.live().public().order_by("title"),
        to_field_name="slug",
        required=False,
        empty_label="All portfolios",
        label="Portfolio",
    )
