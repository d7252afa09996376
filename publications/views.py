from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from wagtail.documents import get_document_model

from portal import visibility
from portal.models import OrganisationSettings
from portal.throttle import client_address, within_limit
from publications.format_requests import AccessibleFormatRequestForm, send_request

SENT_REFERENCE = "accessible-format-request-sent"


def requested_document(request, document_id):
    """The document, if `request` may fetch it (a file nobody may see yet has no request form either)."""
    document = get_object_or_404(get_document_model().objects.select_related("collection"), pk=document_id)
    access = visibility.document_access(request, document)
    return document, visibility.refuse(request, visibility.NOT_FOUND if access == visibility.ASK_PASSWORD else access)


@never_cache
def request_accessible_format(request, document_id):
    """The "request an accessible format" form for one file: email, the format wanted, optional details."""
    document, refusal = requested_document(request, document_id)
    if refusal is not None:
        return refusal
    form = AccessibleFormatRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not within_limits(request, form.cleaned_data["email"]):
            form.add_error(None, "You have sent several requests in a short time. Try again in an hour, or email us.")
            status = 429
        else:
            format_request = form.save(commit=False)
            format_request.document = document
            format_request.save()
            organisation = OrganisationSettings.for_request(request)
            contact = organisation.accessibility_contact_email or settings.DEFAULT_FROM_EMAIL
            send_request(
                format_request, contact, organisation.organisation_name, request.build_absolute_uri(document.url)
            )
            request.session[SENT_REFERENCE] = format_request.reference
            return redirect("accessible_format_request_sent", document_id=document.pk)
    context = {"document": document, "form": form, "robots_noindex": True}
    return TemplateResponse(request, "pages/accessible_format_request.html", context, status=status)


@never_cache
def accessible_format_request_sent(request, document_id):
    document, refusal = requested_document(request, document_id)
    if refusal is not None:
        return refusal
    reference = request.session.pop(SENT_REFERENCE, None)
    if reference is None:
        return redirect("accessible_format_request", document_id=document.pk)
    context = {"document": document, "reference": reference, "robots_noindex": True}
    return TemplateResponse(request, "pages/accessible_format_request_sent.html", context)


def within_limits(request, email):
    limits = settings.ACCESSIBLE_FORMAT_REQUEST_LIMITS
    by_client = within_limit("format-request-client", client_address(request), *limits["client"])
    by_address = within_limit("format-request-address", email.strip().lower(), *limits["address"])
    return by_client and by_address
