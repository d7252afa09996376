from django import forms

from news.choices import VIDEO, NewsType
from portfolios.forms import PortfolioFilterForm


class NewsFilterForm(PortfolioFilterForm):
    """The news index's filters. `items` are the index's articles and videos (a NewsItemQuerySet)."""

    type = forms.ChoiceField(
        required=False, label="Type", choices=[("", "All types"), *NewsType.choices, (VIDEO, "Video")]
    )
    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Year")

    def __init__(self, data, items, items_per_year=None, kinds=None):
        """`items_per_year` (`items.count_per_year()`) and `kinds` (`items.kinds()`): when the caller has them."""
        super().__init__(data, items)
        self.items_per_year = items.count_per_year() if items_per_year is None else items_per_year
        years = sorted(self.items_per_year, reverse=True)
        self.fields["year"].choices = [("", "All years")] + [(year, year) for year in years]
        kinds = items.kinds() if kinds is None else kinds  # only the types that have items
        self.fields["type"].choices = [
            (value, label) for value, label in self.fields["type"].choices if value in kinds or not value
        ]

    def filter_type(self, items, kind):
        return items.of_kind(kind)

    def filter_year(self, items, year):
        return items.in_year(year)

    def known_count(self):
        """How many items match, when the year choices' counts already say (no filter, or
        only a year): the listing then needs no count query of its own."""
        if self.cleaned_data["portfolio"] or self.cleaned_data["type"]:
            return None
        year = self.cleaned_data["year"]
        return self.items_per_year.get(year, 0) if year else sum(self.items_per_year.values())
