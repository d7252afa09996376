from django import forms
from django.forms.models import ModelChoiceIterator

from portal import visibility
from portal.filters import ListingFilterForm
from portfolios.filing import FiledUnderPortfolios, filed_under_q
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
    """A filter naming a public portfolio by its slug, as in ?portfolio=forensics."""
    return PortfolioChoiceField(
        queryset=visibility.visible_pages(None, PortfolioPage.objects.all()).order_by("title"),
        to_field_name="slug",
        required=False,
        empty_label="All portfolios",
        label="Portfolio",
    )


class PortfolioFilterForm(ListingFilterForm):
    """Filters of a listing of things filed under portfolios: the portfolio first, then the subclass's own."""

    def __init__(self, data, items=None):
        super().__init__(data, items)
        own = list(self.fields)
        self.fields["portfolio"] = portfolio_filter_field()
        self.order_fields(["portfolio", *own])

    def filter_portfolio(self, items, portfolio):
        model = items.model
        return items.filter(filed_under_q(portfolio, [model] if issubclass(model, FiledUnderPortfolios) else None))
