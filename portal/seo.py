"""What a page tells search engines and sharing sites: description, canonical address, JSON-LD."""

import json
from dataclasses import dataclass, field

from django.templatetags.static import static
from django.utils.safestring import mark_safe

from portal import base_url

# Keeps a JSON-LD block from closing its <script> element early, as Django's json_script does.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass
class PageMeta:
    """What a view that serves no Wagtail page (a person's page, the search page) says about itself.

    `breadcrumbs`: (name, path) pairs from the home page to this page; `structured_data`: schema.org
    objects (dicts), given the absolute URL of this page; `image`: its picture for `og:image`.
    """

    description: str
    breadcrumbs: list = field(default_factory=list)
    structured_data: object = None  # a callable: absolute URL of the page -> list of dicts
    image: object = None  # its picture for sharing sites (a Wagtail image), else the default


def json_ld_script(data):
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


SHARE_IMAGE_SPEC = "fill-1200x630"
LOGO_SPEC = "max-512x512"


def image_url(image, spec):
    """The absolute URL of a rendition of `image` (a Wagtail image), on the base URL."""
    return base_url.absolute(image.get_rendition(spec).url)


def share_image_url(organisation, image=None):
    """The picture sharing sites and search engines show for a page: its own `image`, else the
    organisation's default share image (Settings → Organisation), else the site's plain card."""
    image = image or organisation.share_image
    if image is not None:
        return image_url(image, SHARE_IMAGE_SPEC)
    return base_url.absolute(static("img/share.png"))


def logo_url(organisation):
    if organisation.logo is not None:
        return image_url(organisation.logo, LOGO_SPEC)
    return base_url.absolute(static("img/logo.png"))


def publisher_data(organisation):
    """The organisation as a page's publisher or author: name, address and logo."""
    return {
        "@type": "Organization",
        "name": organisation.organisation_name,
        "url": base_url.absolute("/"),
        "logo": {"@type": "ImageObject", "url": logo_url(organisation)},
    }


def organisation_data(organisation, site_url=None):
    data = {"@context": "https://schema.org", **publisher_data(organisation)}
    if organisation.short_name:
        data["alternateName"] = organisation.short_name
    if organisation.contact_email:
        data["email"] = organisation.contact_email
    contact_points = [
        point
        for point in (
            contact_point("customer support", organisation.contact_email, ""),
            contact_point("media enquiries", organisation.media_enquiries_email, organisation.media_enquiries_phone),
            contact_point("accessibility", organisation.accessibility_email, organisation.accessibility_phone),
        )
        if point
    ]
    if contact_points:
        data["contactPoint"] = contact_points
    return data


def contact_point(contact_type, email, telephone):
    """A schema.org ContactPoint, or None when there is neither an address nor a number."""
    if not (email or telephone):
        return None
    point = {"@type": "ContactPoint", "contactType": contact_type}
    if email:
        point["email"] = email
    if telephone:
        point["telephone"] = telephone
    return point


def breadcrumb_data(trail):
    """`trail`: (name, absolute URL) pairs from the home page to the current page."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }
