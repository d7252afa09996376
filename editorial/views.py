"""The public views: draft previews by secret link, and members signing in and out."""

from django.contrib.auth.views import LoginView, LogoutView
from django.shortcuts import get_object_or_404

from editorial.forms import MemberLoginForm
from editorial.models import PreviewLink
from portal import visibility

NOINDEX = "noindex, nofollow"


def preview(request, token):
    """The latest revision of the link's page, rendered exactly as it will be published.

    Anyone with the address may look, until the link is revoked or expires; an unknown, revoked or
    expired token is "not found". The page's own privacy still applies: a members-only draft is
    shown only to members. Never cached, never indexed, and the address is not sent on as a referrer.
    """
    link = get_object_or_404(PreviewLink.objects.active().select_related("page"), token=token)
    page = link.page.specific
    access = visibility.restriction_access(request, page)
    refusal = visibility.refuse(request, visibility.NOT_FOUND if access == visibility.ASK_PASSWORD else access)
    if refusal is not None:
        return refusal

    draft = page.get_latest_revision_as_object()
    mode = draft.default_preview_mode
    request.is_preview = True
    request.preview_mode = mode
    response = draft.serve_preview(request, mode)
    if getattr(response, "context_data", None) is not None:
        response.context_data["robots_noindex"] = True
        response.context_data["is_draft_preview"] = True
    response["X-Robots-Tag"] = NOINDEX
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


class MemberLoginView(LoginView):
    """Sign-in on the public site, for members (and anyone else with an account)."""

    template_name = "editorial/login.html"
    authentication_form = MemberLoginForm
    next_page = "/"
    extra_context = {"robots_noindex": True}


class MemberLogoutView(LogoutView):
    """Sign-out: a POST (Django refuses a GET), then back to the home page."""

    next_page = "/"
