from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Site

from portal import base_url, navigation, seo
from portal.pages import BasePage

register = template.Library()


@register.simple_tag(takes_context=True)
def page_description(context):
    """The page's own description, or one made from what the page is, so every page has one."""
    organisation = context["settings"]["portal"]["OrganisationSettings"].organisation_name
    page = context.get("page")
    if page is not None:
        own = page.meta_description if isinstance(page, BasePage) else ""
        return own or f"{page.title}, from the {organisation}."
    meta = context.get("meta")
    if meta is not None:
        return meta.description
    return f"Search the policy work of the {organisation}."


@register.simple_tag
def absolute_url(path):
    """`path` on the site's base URL (portal.base_url), whatever host the request named."""
    return base_url.absolute(path)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context["request"]
    page = context.get("page")
    if page is not None and getattr(page, "pk", None):
        return page.get_full_url(request)
    return base_url.absolute(request.path)


@register.simple_tag(takes_context=True)
def share_image(context):
    """The absolute URL of the page's picture for `og:image`: its own, else the site's default."""
    organisation = context["settings"]["portal"]["OrganisationSettings"]
    page = context.get("page")
    meta = context.get("meta")
    image = None
    if isinstance(page, BasePage):
        image = page.share_image()
    elif page is None and meta is not None:
        image = meta.image
    return seo.share_image_url(organisation, image)


@register.simple_tag(takes_context=True)
def structured_data(context):
    """JSON-LD for the page: the organisation on the home page, breadcrumbs below it, and what the
    page type (its `structured_data()`) or the view (its `meta`) adds."""
    request = context["request"]
    page = context.get("page")
    site = Site.find_for_request(request)
    site_url = base_url.root()
    organisation = context["settings"]["portal"]["OrganisationSettings"]
    blocks = []
    if page is None:
        meta = context.get("meta")
        if meta is not None:
            url = base_url.absolute(request.path)
            if meta.structured_data:
                blocks.extend(meta.structured_data(url))
            if meta.breadcrumbs:
                blocks.append(seo.breadcrumb_data([(name, site_url + path) for name, path in meta.breadcrumbs]))
    elif site and page.pk == site.root_page_id:
        blocks.append(seo.organisation_data(organisation, site_url))
    else:
        trail = [
            (ancestor.title, base_url.page_url(ancestor, request)) for ancestor in navigation.ancestors(request, page)
        ]
        trail.append((page.title, page.get_full_url(request)))
        blocks.append(seo.breadcrumb_data(trail))
        own = page.structured_data(request, organisation) if isinstance(page, BasePage) else None
        if own:
            blocks.append(own)
    return mark_safe("".join(seo.json_ld_script(block) for block in blocks))  # each block is escaped
