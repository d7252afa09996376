from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator

from portal import visibility
from portal.filters import ListingFilterForm
from portfolios.filing import FiledUnderPortfolios, filed_models, filed_under_q
from portfolios.models import PortfolioPage


class _SlugAndTitleChoices(ModelChoiceIterator):
    """The options read as (slug, title) pairs: listing a portfolio needs no page object."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.field.queryset.values_list("slug", "title")  # the field's: built when first needed

    def __len__(self):
        return self.field.queryset.count() + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or self.field.queryset.exists()


class PortfolioChoiceField(forms.ModelChoiceField):
    """Its queryset is built when first needed (a value to check, options to show): building it
    costs more than a listing's query, and a listing whose filters are kept (portal.version_memo,
    templates/components/filter_form.html) shows its options without it."""

    iterator = _SlugAndTitleChoices

    def __init__(self, make_queryset, **kwargs):
        super().__init__(queryset=None, **kwargs)
        self._make_queryset = make_queryset

    def _get_queryset(self):
        if self._queryset is None and self._make_queryset is not None:
            self._queryset, self._make_queryset = self._make_queryset().all(), None
        return self._queryset

    def _set_queryset(self, queryset):
        self._make_queryset = None
        super()._set_queryset(queryset)

    queryset = property(_get_queryset, _set_queryset)


def portfolio_filter_field(items=None):
    """A filter naming a public portfolio by its slug, as in ?portfolio=forensics: with `items`, only the
    portfolios some of them are filed under (an option that lists nothing is not offered)."""

    def portfolios():
        found = visibility.visible_pages(None, PortfolioPage.objects.all())
        if items is not None:
            model = items.model
            filed = [model] if issubclass(model, FiledUnderPortfolios) else filed_models()
            having_items = Q()
            for filed_model in filed:
                having_items |= Q(pk__in=filed_model.objects.filter(pk__in=items.values("pk")).values("portfolios"))
            found = found.filter(having_items)
        return found.order_by("title")

    return PortfolioChoiceField(
        portfolios,
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
        self.fields["portfolio"] = portfolio_filter_field(items)
        self.order_fields(["portfolio", *own])

    def filter_portfolio(self, items, portfolio):
        model = items.model
        return items.filter(filed_under_q(portfolio, [model] if issubclass(model, FiledUnderPortfolios) else None))
