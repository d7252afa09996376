from django import forms
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
        years = items.order_by().annotate(year=ExtractYear("listing_date")).values_list("year", flat=True).distinct()
        self.fields["year"].choices = [("", "All years")] + [(year, year) for year in sorted(set(years), reverse=True)]

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

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in self.fields)
