from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Site

from portal import navigation, seo

register = template.Library()


@register.simple_tag(takes_context=True)
def page_description(context):
    """The page's own description, or one made from what the page is, so every page has one."""
    organisation = context["settings"]["portal"]["OrganisationSettings"].organisation_name
    page = context.get("page")
    if page is not None:
        return seo.meta_description(page) or f"{page.title}, from the {organisation}."
    person = context.get("person")
    if person is not None:
        role = f", {person.role}" if person.role else ""
        return f"{person.name}{role}: their portfolios, statements and videos at the {organisation}."
    return f"Search the policy work of the {organisation}."


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context["request"]
    page = context.get("page")
    if page is not None and getattr(page, "pk", None):
        return page.get_full_url(request)
    return request.build_absolute_uri(request.path)


@register.simple_tag(takes_context=True)
def structured_data(context):
    """JSON-LD for the page: the organisation on the home page, breadcrumbs below it,
    and whatever the page type adds through its `json_ld(request)` method."""
    request = context["request"]
    page = context.get("page")
    site = Site.find_for_request(request)
    site_url = site.root_url if site else request.build_absolute_uri("/")
    organisation = context["settings"]["portal"]["OrganisationSettings"]
    blocks = []
    if page is None:
        person = context.get("person")
        if person is not None:
            url = request.build_absolute_uri(request.path)
            blocks.append(seo.person_data(person, url))
            blocks.append(seo.breadcrumb_data([("Home", site_url + "/"), (person.name, url)]))
    elif site and page.pk == site.root_page_id:
        blocks.append(seo.organisation_data(organisation, site_url))
    else:
        ancestors = navigation.ancestors(page)
        trail = [(ancestor.title, ancestor.get_full_url(request)) for ancestor in ancestors]
        trail.append((page.title, page.get_full_url(request)))
        blocks.append(seo.breadcrumb_data(trail))
        if hasattr(page, "json_ld"):
            blocks.append(page.json_ld(request, organisation))
    return mark_safe("".join(seo.json_ld_script(block) for block in blocks))  # each block is escaped
