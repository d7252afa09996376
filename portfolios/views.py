from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from portal import seo, visibility
from portal.models import OrganisationSettings
from portal.seo import PageMeta
from portal.sites import reads_the_site
from portal.version_memo import copy_per_content_version
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


@reads_the_site
def person_detail(request, slug):
    """A lead's or contact's page: their portfolios, the statements quoting them, their videos."""
    people = visibility.visible_people(request, Person.objects.select_related("photo"))
    person = copy_per_content_version(request, f"person:{slug}", people.filter(slug=slug).first)
    if person is None:
        raise Http404("No such person")
    organisation = OrganisationSettings.for_request(request)

    # Read only when the page's content is not kept (templates/pages/person.html). The statements and
    # videos are reached through their reverse relations: this app does not import the news app.
    def in_visible_portfolios(related):
        portfolios = visibility.visible_pages(request, PortfolioPage.objects.all()).values("pk")
        return related.filter(page__in=portfolios).select_related("page")

    def newest_visible(related):
        return related.filter(visibility.pages_q(request)).in_listing_order()[:PERSON_LIST_LENGTH]

    context = {
        "person": person,
        "meta": person_meta(person, organisation.organisation_name),
        "leads": SimpleLazyObject(lambda: in_visible_portfolios(person.portfolio_leads)),
        "contacts": SimpleLazyObject(lambda: in_visible_portfolios(person.portfolio_contacts)),
        "quoted_in": SimpleLazyObject(lambda: newest_visible(person.quoted_in)),
        "videos": SimpleLazyObject(lambda: newest_visible(person.videos)),
    }
    return TemplateResponse(request, "pages/person.html", context)
