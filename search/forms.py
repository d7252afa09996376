from django import forms

from news.models import NewsArticlePage, VideoPage
from portfolios.forms import PortfolioFilterForm
from portfolios.models import PolicyAreaPage, PortfolioPage
from publications.models import PublicationPage

# ?type= values: a label for the filter, and the page types each one shows.
CONTENT_TYPES = {
    "news": ("News and videos", (NewsArticlePage, VideoPage)),
    "publications": ("Resources and publications", (PublicationPage,)),
    "portfolios": ("Policy areas and portfolios", (PolicyAreaPage, PortfolioPage)),
    "people": ("People", ()),
}


class SearchFilterForm(PortfolioFilterForm):
    """The filters beside the search box. An unknown value is invalid, and the view answers 404."""

    type = forms.ChoiceField(
        required=False,
        label="Type",
        choices=[("", "All types"), *((value, label) for value, (label, _models) in CONTENT_TYPES.items())],
    )

    def __init__(self, data):
        super().__init__(data)
        self.order_fields(["type", "portfolio"])
