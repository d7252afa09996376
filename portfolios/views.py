from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from portfolios.models import Person

PERSON_LIST_LENGTH = 10


def person_detail(request, slug):
    """A lead's or contact's page: their portfolios, the statements quoting them, their videos."""
    person = get_object_or_404(Person.objects.filter(live=True).select_related("photo"), slug=slug)
    # The statements and videos are reached through their reverse relations: this app
    # does not import the news app.
    context = {
        "person": person,
        "leads": person.portfolio_leads.filter(page__live=True).select_related("page"),
        "contacts": person.portfolio_contacts.filter(page__live=True).select_related("page"),
        "quoted_in": person.quoted_in.live().public().in_listing_order()[:PERSON_LIST_LENGTH],
        "videos": person.videos.live().public().in_listing_order()[:PERSON_LIST_LENGTH],
    }
    return TemplateResponse(request, "pages/person.html", context)
