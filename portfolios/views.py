from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from portal import seo, visibility
from portal.models import OrganisationSettings
from portal.seo import PageMeta
from portfolios.models import Person, PortfolioPage

PERSON_LIST_LENGTH = 10


def person_meta(person, organisation_name):
    """What a person's page tells search engines: a description, breadcrumbs and a schema.org Person."""

    def structured_data(url):
        data = {"@context": "https://schema.org", "@type": "Person", "name": person.name, "url": url}
        if person.role:
            data["jobTitle"] = person.role
        if person.organisation:
            data["affiliation"] = {"@type": "Organization", "name": person.organisation}
        if person.photo_id:
            data["image"] = seo.image_url(person.photo, seo.SHARE_IMAGE_SPEC)
        return [data]

    role = f", {person.role}" if person.role else ""
    return PageMeta(
        description=f"{person.name}{role}: their portfolios, statements and videos at the {organisation_name}.",
        breadcrumbs=[("Home", "/"), (person.name, reverse("person", args=[person.slug]))],
        structured_data=structured_data,
        image=person.photo,
    )


def person_detail(request, slug):
    """A lead's or contact's page: their portfolios, the statements quoting them, their videos."""
    people = visibility.visible_people(request, Person.objects.select_related("photo"))
    person = get_object_or_404(people, slug=slug)
    # The statements and videos are reached through their reverse relations: this app
    # does not import the news app.
    shown = visibility.pages_q(request)
    portfolios = visibility.visible_pages(request, PortfolioPage.objects.all()).values("pk")
    organisation = OrganisationSettings.for_request(request)
    context = {
        "person": person,
        "meta": person_meta(person, organisation.organisation_name),
        "leads": person.portfolio_leads.filter(page__in=portfolios).select_related("page"),
        "contacts": person.portfolio_contacts.filter(page__in=portfolios).select_related("page"),
        "quoted_in": person.quoted_in.filter(shown).in_listing_order()[:PERSON_LIST_LENGTH],
        "videos": person.videos.filter(shown).in_listing_order()[:PERSON_LIST_LENGTH],
    }
    return TemplateResponse(request, "pages/person.html", context)
