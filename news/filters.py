from django import forms
from django.db.models import Count
from django.db.models.functions import ExtractYear

from news.models import NewsType, VideoPage, filed_under
from portfolios.forms import portfolio_filter_field

VIDEO = "video"


class NewsFilterForm(forms.Form):
    """The news index's filters: a plain GET form, so every filtered listing has its own address."""

    type = forms.ChoiceField(required=False, label="Type")
    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Year")

    def __init__(self, data, items):
        super().__init__(data)
        self.items = items
        self.fields["portfolio"] = portfolio_filter_field()
        self.order_fields(["portfolio", "type", "year"])
        self.fields["type"].choices = [("", "All types"), *NewsType.choices, (VIDEO, "Video")]
        per_year = items.order_by().annotate(year=ExtractYear("listing_date")).values("year").annotate(n=Count("pk"))
        self.items_per_year = {row["year"]: row["n"] for row in per_year}
        years = sorted(self.items_per_year, reverse=True)
        self.fields["year"].choices = [("", "All years")] + [(year, year) for year in years]

    def filtered(self):
        """The items matching the filters. Call only on a valid form."""
        items = self.items
        portfolio = self.cleaned_data["portfolio"]
        news_type = self.cleaned_data["type"]
        year = self.cleaned_data["year"]
        if portfolio:
            items = items.filter(filed_under(portfolio))
        if news_type == VIDEO:
            items = items.type(VideoPage)
        elif news_type:
            items = items.filter(newsarticlepage__news_type=news_type)
        if year:
            items = items.filter(listing_date__year=year)
        return items

    def known_count(self):
        """How many items match, when the year choices' counts already say (no filter, or
        only a year): the listing then needs no count query of its own."""
        if self.cleaned_data["portfolio"] or self.cleaned_data["type"]:
            return None
        year = self.cleaned_data["year"]
        return self.items_per_year.get(year, 0) if year else sum(self.items_per_year.values())

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in self.fields)
