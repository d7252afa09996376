"""Who may see what: the one policy that every public surface asks.

A **page** is visible to a request when it is live and every view restriction on it or above it
lets the request through: public pages to everyone, members-only pages to members, and so on.
Drafts, scheduled (embargoed) and withdrawn pages are visible to nobody on the public site.

A **document or image** is withheld when it is used by pages and none of the uses is one this
request may see: the files and pictures of an embargoed statement, of a draft, or of a members-only
page, go out with the page and not before. A use is a reference in Wagtail's reference index (a
chooser, a rich-text link, an inline file) from a visible page's live content, or from another
object that is public (a live person, the site settings); a reference from an unpublished draft
counts as hidden. A file that nothing uses follows its collection's privacy alone. A document in a
private collection ("Members only") is also refused to anyone its restriction keeps out.

A **person** is visible when their snippet is live.

**Staff** see everything only from a session that counts as staff: an active user who may use the
admin and who, where two-factor authentication is required, has given their second factor in this
session. A superuser's password alone does not open members-only pages or embargoed files.

Everything read here is read at most once per request.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast, Coalesce
from django.db.models.lookups import StartsWith
from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    BaseViewRestriction,
    CollectionViewRestriction,
    DraftStateMixin,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Revision,
)

from portal.per_request import once_per_request

VISIBLE = "visible"
SIGN_IN = "sign in"  # kept for members: ask the visitor to sign in, as Wagtail does for its private pages
NOT_FOUND = "not found"  # nothing to say it exists
ASK_PASSWORD = "ask for the password"  # a password restriction: Wagtail's own check shows its form


# Who is asking -------------------------------------------------------------------------------------


def _user(request):
    return getattr(request, "user", None) if request is not None else None


def is_signed_in(request):
    user = _user(request)
    return bool(user and user.is_authenticated and user.is_active)


def has_staff_privileges(request):
    """Whether this request is from staff whose session counts as staff (see the module docstring)."""
    if not is_signed_in(request):
        return False
    user = request.user
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    if getattr(settings, "PORTAL_REQUIRE_ADMIN_2FA", False):
        is_verified = getattr(user, "is_verified", None)
        return bool(is_verified and is_verified())
    return True


def _group_ids(request):
    return once_per_request(request, "visibility-groups", lambda: set(request.user.groups.values_list("pk", flat=True)))


def passes(restriction, request):
    """Whether `restriction` (a page's or a collection's) lets `request` through.

    Wagtail's own `accept_request`, except that a superuser passes a group restriction only with
    staff privileges (a verified session where two-factor authentication is required)."""
    if restriction.restriction_type != BaseViewRestriction.GROUPS:
        return request is not None and restriction.accept_request(request)
    if not is_signed_in(request):
        return False
    if request.user.is_superuser and has_staff_privileges(request):
        return True
    return bool(_group_ids(request) & {group.pk for group in restriction.groups.all()})


# Pages -------------------------------------------------------------------------------------------


def _restrictions(request):
    """Every page view restriction, with its page's path and its groups, read once per request."""
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    return once_per_request(request, "visibility-page-restrictions", lambda: list(restrictions))


def hidden_paths(request):
    """The tree paths of the restricted pages whose restriction this request does not pass."""
    return [restriction.page.path for restriction in _restrictions(request) if not passes(restriction, request)]


def restricted_paths(request):
    """The tree paths of every restricted page (for a "Members only" label)."""
    return [restriction.page.path for restriction in _restrictions(request)]


def _under_any_restriction():
    """True for a page at or below a restricted page, as a subquery: no restriction is read first."""
    at_or_above = PageViewRestriction.objects.filter(
        StartsWith(Cast(OuterRef("path"), output_field=CharField()), F("page__path"))
    )
    return Exists(at_or_above)


def visibility_key(request):
    """What a value computed for `request` may be shared under: every anonymous visitor sees the same
    pages; a signed-in one sees the live pages outside the restrictions they do not pass, so two
    visitors with the same hidden paths (members of the same groups, staff) see the same."""
    if not is_signed_in(request):
        return "anonymous"
    return ("signed in", tuple(sorted(hidden_paths(request))))


def pages_q(request):
    """The condition a page meets when `request` may see it (`request` None: an anonymous visitor)."""
    if not is_signed_in(request):
        return Q(live=True) & ~Q(_under_any_restriction())
    hidden = Q()
    for path in hidden_paths(request):
        hidden |= Q(path__startswith=path)
    return Q(live=True) & ~hidden if hidden else Q(live=True)


def visible_pages(request, pages=None):
    """The pages of `pages` (every page by default) that `request` may see."""
    pages = Page.objects.all() if pages is None else pages
    return pages.filter(pages_q(request))


def mark_restricted(request, pages):
    """Sets `is_private` on each page: whether a view restriction applies to it (for a label)."""
    restricted = restricted_paths(request)
    for page in pages:
        page.is_private = any(page.path.startswith(path) for path in restricted)
    return pages


def view_restrictions(page):
    """The restrictions on `page` and its ancestors (an alias's are its source's), in one query.

    What Wagtail's `Page.get_view_restrictions()` returns, which reads the ancestors first; the
    ancestors' paths are known from the page's own path. See `portal.models.BasePage`."""
    step = Page.steplen
    paths = [page.path[:end] for end in range(step, len(page.path) + 1, step)]
    checked = Page.objects.filter(path__in=paths).values(source=Coalesce("alias_of_id", "id"))
    return PageViewRestriction.objects.filter(page_id__in=checked)


def restriction_access(request, page):
    """VISIBLE, SIGN_IN, ASK_PASSWORD (Wagtail's own check asks for it) or NOT_FOUND, from the view
    restrictions on `page` and above it alone (a draft preview link shows a page that is not live)."""
    refused = [restriction for restriction in page.get_view_restrictions() if not passes(restriction, request)]
    if not refused:
        return VISIBLE
    if refused[0].restriction_type in (BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS):
        return SIGN_IN
    return ASK_PASSWORD if refused[0].restriction_type == BaseViewRestriction.PASSWORD else NOT_FOUND


def page_access(request, page):
    """What `request` gets of `page`: VISIBLE, SIGN_IN, ASK_PASSWORD or NOT_FOUND (not live)."""
    return restriction_access(request, page) if page.live else NOT_FOUND


def refuse(request, access):
    """None where `access` lets the request through; otherwise the sign-in page for SIGN_IN (as Wagtail
    does for its private pages), or Http404 raised: nothing says a hidden page or file exists."""
    if access in (VISIBLE, ASK_PASSWORD):
        return None
    if access == SIGN_IN:
        login_url = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None) or settings.LOGIN_URL
        return redirect_to_login(request.get_full_path(), login_url)
    raise Http404("Not found")


# Documents and images ----------------------------------------------------------------------------


def _base_content_type(model):
    return ContentType.objects.get_for_model(
        model._meta.get_parent_list()[-1] if model._meta.get_parent_list() else model
    )


def _draft_references():
    """(target content type id, target id) of what the unpublished latest revisions of pages use.

    The reference index records what a page's row holds: a live page's published content, or a
    page never published's draft. A change not yet published (a scheduled revision, a draft
    awaiting review) is only in the page's latest revision, read here. Wagtail has no public way to
    list the references in an object that is not saved; `_extract_references_from_object` is the
    scanner its index uses (tests/portal/test_visibility.py fails if it changes under us)."""
    found = set()
    drafts = Page.objects.filter(has_unpublished_changes=True).values("latest_revision_id")
    for revision in Revision.objects.filter(pk__in=drafts):
        for content_type_id, object_id, *_paths in ReferenceIndex._extract_references_from_object(revision.as_object()):
            found.add((content_type_id, str(object_id)))
    return found


def _visible_referrers(request, references):
    """Of `references` (ReferenceIndex rows as (source content type id, source id)), those whose source
    this request may see: a visible page, or another object that is public (a live snippet, settings)."""
    page_type = _base_content_type(Page).pk
    page_ids = {int(object_id) for content_type_id, object_id in references if content_type_id == page_type}
    visible_page_ids = set(visible_pages(request, Page.objects.filter(pk__in=page_ids)).values_list("pk", flat=True))
    visible = set()
    others = {}
    for content_type_id, object_id in references:
        if content_type_id == page_type:
            if int(object_id) in visible_page_ids:
                visible.add((content_type_id, object_id))
        else:
            others.setdefault(content_type_id, set()).add(object_id)
    for content_type_id, object_ids in others.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and issubclass(model, DraftStateMixin):
            live = model.objects.filter(pk__in=object_ids, live=True).values_list("pk", flat=True)
            object_ids = {str(pk) for pk in live}
        visible.update((content_type_id, object_id) for object_id in object_ids)
    return visible


def withheld_ids(request, model):
    """The ids of the `model` objects (documents or images) that are used only where `request` may not see."""

    def compute():
        if has_staff_privileges(request):
            return set()
        target_type = _base_content_type(model).pk
        uses = {}  # target id -> its uses as (source content type id, source id)
        rows = ReferenceIndex.objects.filter(to_content_type_id=target_type).values_list(
            "to_object_id", "base_content_type_id", "object_id"
        )
        for target_id, source_type, source_id in rows:
            uses.setdefault(target_id, set()).add((source_type, source_id))
        in_drafts = {
            target_id for (content_type_id, target_id) in _draft_references() if content_type_id == target_type
        }
        if not uses and not in_drafts:
            return set()
        shown = _visible_referrers(request, {use for target_uses in uses.values() for use in target_uses})
        withheld = {target_id for target_id, target_uses in uses.items() if not target_uses & shown}
        # Used in a draft and nowhere visible: withheld too (a new file in a scheduled change).
        withheld |= {target_id for target_id in in_drafts if not uses.get(target_id, set()) & shown}
        return {int(target_id) for target_id in withheld if target_id.isdigit()}

    return once_per_request(request, f"visibility-withheld-{model._meta.label}", compute)


def _collection_access(request, collection):
    for restriction in collection.get_view_restrictions():
        if not passes(restriction, request):
            if restriction.restriction_type in (BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS):
                return SIGN_IN
            return ASK_PASSWORD
    return VISIBLE


def _private_collections_q(request):
    """Documents in a collection (or under one) whose restriction this request does not pass."""
    if not is_signed_in(request):
        collection_path = Cast(OuterRef("collection__path"), output_field=CharField())
        private = CollectionViewRestriction.objects.filter(StartsWith(collection_path, F("collection__path")))
        return Q(Exists(private))
    refused = Q()
    for restriction in CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups"):
        if not passes(restriction, request):
            refused |= Q(collection__path__startswith=restriction.collection.path)
    return refused


def outside_private_collections(request, documents):
    """The documents of `documents` that no collection restriction keeps from `request` (for a surface
    that already keeps to files used by visible pages: search, through visible publications)."""
    private = _private_collections_q(request)
    return documents.exclude(private) if private else documents


def visible_documents(request, documents=None):
    """The documents of `documents` that `request` may see listed and fetch."""
    documents = get_document_model().objects.all() if documents is None else documents
    withheld = withheld_ids(request, documents.model)
    documents = outside_private_collections(request, documents)
    return documents.exclude(pk__in=withheld) if withheld else documents


def document_access(request, document):
    """VISIBLE, SIGN_IN (a members' file: the visitor may sign in), ASK_PASSWORD or NOT_FOUND."""
    if document.pk in withheld_ids(request, type(document)):
        # Used only by pages this visitor may not see: members-only ones ask them to sign in.
        return SIGN_IN if _withheld_for_members(request, document) else NOT_FOUND
    return _collection_access(request, document.collection)


def _withheld_for_members(request, document):
    """Whether a withheld file is used by a live page that is restricted (members only), rather than
    only by drafts and embargoed pages: then the visitor is asked to sign in, as Wagtail does for
    a members-only page (signed in already, as someone else, too)."""
    uses = ReferenceIndex.get_references_to(document).values_list("base_content_type_id", "object_id")
    page_type = _base_content_type(Page).pk
    page_ids = [int(object_id) for content_type_id, object_id in uses if content_type_id == page_type]
    return Page.objects.filter(pk__in=page_ids, live=True).filter(_under_any_restriction()).exists()


def visible_images(request, images=None):
    """The images of `images` that `request` may see listed."""
    images = get_image_model().objects.all() if images is None else images
    withheld = withheld_ids(request, images.model)
    return images.exclude(pk__in=withheld) if withheld else images


# People ------------------------------------------------------------------------------------------


def visible_people(request, people):
    """The people of `people` (a queryset of a snippet with a draft state) that `request` may see."""
    return people.filter(live=True)
