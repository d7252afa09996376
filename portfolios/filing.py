"""Filed under portfolios: what news, videos and publications share, written once.

A page type that mixes in `FiledUnderPortfolios` gets the `portfolios` field with its checkboxes,
is listed on those portfolios' pages and their policy area's page (the hubs), can be filtered by
portfolio on its listing and in search, and is found by `filed_under_q()`. Nothing here or in the
hubs imports the apps that file content: the filed page types are found from the model registry.
"""

from django import forms
from django.apps import apps
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel


class FiledUnderPortfolios(models.Model):
    """A page filed under portfolios. A subclass says how a hub lists it:

    - `hub_id`, `hub_heading` and `hub_more_label`: the hub section's id, heading and link to the listing;
    - `hub_listing_query`: what the link adds to the listing's address besides `?portfolio=`;
    - `hub_order`: where its section comes among the others;
    - `hub_featured`: True for what the people a hub serves come for first (guidance for PCC offices):
      the policy area page shows its section straight after the priorities, not at the end;

    and its manager's querysets have `in_listing_order()`, newest first; its parent page type, the
    listing the "more" link goes to, is where it lives.
    """

    portfolios = ParentalManyToManyField(
        "portfolios.PortfolioPage",
        blank=True,
        related_name="+",
        help_text="It is listed on these portfolios' pages and on their policy area's page.",
    )
    # Read by the email alerts when the page is published again: subscribers hear of an edit only
    # when the editor says what changed here (once for each note).
    update_alert_note = models.CharField(
        "update alert: what changed",
        max_length=255,
        blank=True,
        help_text="Subscribers are emailed when this is first published. To email them about this change too, "
        "say what changed, e.g. “Added the response to the consultation”. Leave empty for no update alert.",
    )

    hub_id = ""
    hub_heading = ""
    hub_more_label = ""
    hub_listing_query = {}
    hub_order = 0
    hub_featured = False

    class Meta:
        abstract = True

    @staticmethod
    def portfolios_panel():
        return FieldPanel("portfolios", widget=forms.CheckboxSelectMultiple)

    @staticmethod
    def update_alert_panel():
        return FieldPanel("update_alert_note", heading="Email alert")


def filed_models():
    """The page types filed under portfolios, in their hubs' order."""
    found = [model for model in apps.get_models() if issubclass(model, FiledUnderPortfolios)]
    return sorted(found, key=lambda model: (model.hub_order, model._meta.label))


def filed_under_q(portfolio, models=None):
    """Matches, in a query of pages of any type, those filed under `portfolio`."""
    condition = Q()
    for model in models or filed_models():
        condition |= Q(pk__in=model.objects.filter(portfolios=portfolio).values("pk"))
    return condition
