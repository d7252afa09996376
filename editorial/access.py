"""Which files a visitor may fetch: a file attached to a publication goes out with it, not before.

A file attached to at least one publication (live or not, or only in a publication's unpublished
draft) is served only when one of the live publications it is attached to is one this visitor may
see: public, or private and the visitor passes its restriction (a member, for a members-only page).
Staff who can use the admin always may. A file attached to no publication is served as usual.
Collection privacy ("Members only") is Wagtail's own and applies on top of this.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from wagtail.models import BaseViewRestriction, Revision

from portal.page_privacy import paths_hidden_from
from publications.models import PublicationAttachment, PublicationPage


def can_use_admin(user):
    return user.is_active and user.has_perm("wagtailadmin.access_admin")


def login_url():
    """Where a visitor is sent to sign in: the members' sign-in page, as Wagtail's page privacy does."""
    return getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None) or reverse("wagtailcore_login")


def documents_in_drafts():
    """The ids of the files attached in the latest draft of a publication with unpublished changes
    (a new publication not yet live, a scheduled or submitted change to a live one)."""
    revision_ids = PublicationPage.objects.filter(has_unpublished_changes=True).values("latest_revision_id")
    document_ids = set()
    for content in Revision.objects.filter(pk__in=revision_ids).values_list("content", flat=True):
        for attachment in (content or {}).get("attachments") or []:
            if isinstance(attachment, dict) and attachment.get("document"):
                document_ids.add(attachment["document"])
    return document_ids


def visible_publications(request):
    """The live publications this request may see."""
    publications = PublicationPage.objects.live()
    hidden = Q()
    for path in paths_hidden_from(request):
        hidden |= Q(path__startswith=path)
    return publications.exclude(hidden) if hidden else publications


def withheld_document_ids(request):
    """The ids of the files attached to publications, none of them a live one this request may see."""
    if can_use_admin(request.user):
        return set()
    attached = set(PublicationAttachment.objects.values_list("document_id", flat=True)) | documents_in_drafts()
    if not attached:
        return set()
    shown = set(
        PublicationAttachment.objects.filter(page__in=visible_publications(request)).values_list(
            "document_id", flat=True
        )
    )
    return attached - shown


def check_document(document, request):
    """None when `document` may be served to `request`; otherwise the response, or Http404."""
    attachments = list(PublicationAttachment.objects.filter(document=document).select_related("page"))
    if not attachments and document.pk not in documents_in_drafts():
        return None  # not a publication's file: served as usual
    if can_use_admin(request.user):
        return None
    refusal = None
    for page in {attachment.page for attachment in attachments if attachment.page.live}:
        failed = [r for r in page.get_view_restrictions() if not r.accept_request(request)]
        if not failed:
            return None  # attached to a live publication this visitor may see
        if refusal is None and failed[0].restriction_type in (BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS):
            refusal = failed[0]
    if refusal is not None:
        # Live, but for members only: as Wagtail does for the page itself, ask them to sign in.
        return redirect_to_login(request.get_full_path(), login_url())
    raise Http404("No such document")  # embargoed, draft or withdrawn: nothing to say it exists
