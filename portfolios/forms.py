from django import forms

from portfolios.models import PortfolioPage


def portfolio_filter_field():
    """A listing filter naming a live portfolio by its slug, as in ?portfolio=forensics.

    Make it when the form is made: `public()` reads the view restrictions there and then.
    """
    return forms.ModelChoiceField(
        queryset=PortfolioPage.objects.live().public().order_by("title"),
        to_field_name="slug",
        required=False,
        empty_label="All portfolios",
        label="Portfolio",
    )
