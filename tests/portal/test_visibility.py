"""One visibility policy: every public surface shows only what the visitor may see.

A site holds, beside public content, a scheduled (embargoed) statement, a members-only statement, a
members-only file, a draft, and pictures used only by those. Every public surface — pages, listings,
hubs, a person's page, feeds, the sitemap, search, the API, file downloads — is walked anonymously,
as a member and as staff whose session has not given its second factor, with the shared page cache
on, and nothing leaks. A URL added later must be added to SURFACES (the last test fails otherwise).
"""

import io
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, PageViewRestriction, get_page_models

from demo.builders import add_page
from portal.models import OrganisationSettings
from publications.models import PublicationAttachment
from tests.accessibility.factories import AccessibilityStatementPageFactory
from tests.helpers import user_in
from tests.news.factories import NewsArticlePageFactory
from tests.portfolios.factories import PersonFactory
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory

# The words that give each item away, in its title (and its file's name).
PUBLIC = "Openword"
EMBARGOED = "Embargoword"
MEMBERS = "Memberword"
MEMBERS_FILE = "Memberfileword"
EMBARGOED_FILE = "Embargofileword"
DRAFT = "Draftword"
EMBARGOED_IMAGE = "Embargoimageword"
MEMBERS_IMAGE = "Memberimageword"
SECRETS = {EMBARGOED, MEMBERS, MEMBERS_FILE, EMBARGOED_FILE, DRAFT, EMBARGOED_IMAGE, MEMBERS_IMAGE}
SEEN_BY = {
    "anonymous": set(),
    "member": {MEMBERS, MEMBERS_FILE, MEMBERS_IMAGE},
    "unverified staff": set(),  # a superuser's password alone opens nothing where 2FA is required
}


def image_called(title):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (320, 200), "teal").save(buffer, "PNG")
    file_name = f"{title.lower()}.png"
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=file_name))


def body(person, image=None):
    """A paragraph, a quote from `person` (so their page lists the statement) and, if given, a picture."""
    blocks = [
        {"type": "paragraph", "value": "<p>Words.</p>"},
        {
            "type": "quote",
            "value": {"quote": "<p>We welcome it.</p>", "person": person.pk, "role": "", "speaker_name": ""},
        },
    ]
    if image is not None:
        blocks.append({"type": "image", "value": {"image": image.pk, "alt_text": "A picture", "decorative": False}})
    return json.dumps(blocks)


def restrict_to_members(page):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Members")])


@pytest.fixture
def world(news_index, publication_index, portfolio, policy_area):
    """Public content beside each kind of hidden content, all filed under one portfolio and quoting one person."""
    OrganisationSettings.for_site(news_index.get_site())
    statement = AccessibilityStatementPageFactory(parent=news_index.get_parent())  # names public files that fail
    person = PersonFactory(name="Quentin Quoted", slug="quentin-quoted", live=True)
    person.save_revision().publish()
    members_collection = Collection.objects.get(name="Members only")

    def article(word, image=None):
        page = NewsArticlePageFactory.build(
            title=f"{word} statement", slug=word.lower(), summary=f"{word} summary", body=body(person, image)
        )
        page.portfolios = [portfolio]
        return page

    add_page(news_index, article(PUBLIC))
    members = add_page(news_index, article(MEMBERS, image_called(MEMBERS_IMAGE)))
    restrict_to_members(members)
    draft = add_page(news_index, article(DRAFT), publish=False)
    embargoed = add_page(news_index, article(EMBARGOED, image_called(EMBARGOED_IMAGE)), publish=False)
    embargoed.go_live_at = timezone.now() + timezone.timedelta(days=1)
    embargoed.save_revision().publish()  # scheduled: not live until publish_scheduled runs after that time

    public_file = PolicyDocumentFactory(title=f"{PUBLIC} file", file_name=f"{PUBLIC.lower()}.pdf")
    members_file = PolicyDocumentFactory(
        title=f"{MEMBERS_FILE} file", file_name=f"{MEMBERS_FILE.lower()}.pdf", collection=members_collection
    )
    public_publication = PublicationPageFactory(
        parent=publication_index, title=f"{PUBLIC} publication", slug="open-publication", portfolios=[portfolio]
    )
    for document in (public_file, members_file):
        PublicationAttachment.objects.create(page=public_publication, document=document)
    embargoed_file = PolicyDocumentFactory(title=f"{EMBARGOED_FILE} file", file_name=f"{EMBARGOED_FILE.lower()}.pdf")
    scheduled_publication = PublicationPageFactory.build(title=f"{EMBARGOED_FILE} publication", slug="scheduled-pub")
    scheduled_publication.attachments = [PublicationAttachment(document=embargoed_file)]
    scheduled_publication = add_page(publication_index, scheduled_publication, publish=False)
    scheduled_publication.go_live_at = timezone.now() + timezone.timedelta(days=1)
    scheduled_publication.save_revision().publish()

    assert not embargoed.live and not draft.live and not scheduled_publication.live
    return {
        "pages": {PUBLIC: None, MEMBERS: members, DRAFT: draft, EMBARGOED: embargoed},
        "hidden pages": [members, draft, embargoed, scheduled_publication],
        "documents": [public_file, members_file, embargoed_file],
        "images": list(get_image_model().objects.all()),
        "person": person,
        "portfolio": portfolio,
        "policy area": policy_area,
        "accessibility statement": statement,
    }


def surfaces(world):
    """(name, URL, whether the public item must show there) for every public surface."""
    portfolio = world["portfolio"]
    listed = [
        ("home page", "/", True),
        ("news index", "/news/", True),
        ("news index by portfolio", f"/news/?portfolio={portfolio.slug}", True),
        ("news index by type", "/news/?type=news", True),
        ("publications index", "/resources-and-publications/", True),
        ("policy area hub", world["policy area"].url, True),
        ("accessibility statement", world["accessibility statement"].url, True),
        ("portfolio hub", portfolio.url, True),
        ("person page", f"/people/{world['person'].slug}/", True),
        ("RSS feed", "/news/feed/rss/", True),
        ("Atom feed", "/news/feed/atom/", True),
        ("portfolio RSS feed", f"/news/feed/{portfolio.slug}/rss/", True),
        ("portfolio Atom feed", f"/news/feed/{portfolio.slug}/atom/", True),
        ("sitemap", "/sitemap.xml", True),
        ("robots.txt", "/robots.txt", False),
        ("search for statements", "/search/?q=statement", True),
        ("search for files", "/search/?q=file", False),
        ("API pages", "/api/v2/pages/?fields=title&limit=20", True),
        ("API page search", "/api/v2/pages/?search=statement&limit=20", True),
        ("API documents", "/api/v2/documents/?limit=20", True),
        ("API document search", "/api/v2/documents/?search=file", False),
        ("API images", "/api/v2/images/?limit=20", False),
        ("health check", "/healthz", False),
        ("not found page", "/no-such-page/", False),
        ("email alerts", "/alerts/", False),
        ("email alerts for a policy area", f"/alerts/?area={world['policy area'].slug}", False),
        ("email alerts: check your email", "/alerts/check-your-email/", False),
        ("email alerts: a confirmation link", "/alerts/confirm/not-a-token/", False),
        ("email alerts: a manage link", "/alerts/manage/not-a-token/", False),
        ("email alerts: an unsubscribe link", "/alerts/unsubscribe/not-a-token/", False),
    ]
    for page in world["hidden pages"]:
        listed += [
            (f"page {page.slug}", page.url or f"/news/{page.slug}/", False),
            (f"API page {page.slug}", f"/api/v2/pages/{page.pk}/", False),
            (f"API find {page.slug}", f"/api/v2/pages/find/?html_path=/news/{page.slug}/", False),
        ]
    for document in world["documents"]:
        listed += [
            (f"file {document.pk}", document.url, False),
            (f"API document {document.pk}", f"/api/v2/documents/{document.pk}/", False),
            (f"API find document {document.pk}", f"/api/v2/documents/find/?id={document.pk}", False),
            (f"format request {document.pk}", f"/accessible-formats/{document.pk}/", False),
            (f"format request sent {document.pk}", f"/accessible-formats/{document.pk}/sent/", False),
        ]
    for image in world["images"]:
        listed += [
            (f"API image {image.pk}", f"/api/v2/images/{image.pk}/", False),
            (f"API find image {image.pk}", f"/api/v2/images/find/?id={image.pk}", False),
        ]
    return listed


def seen(client, url):
    """The secret words a visitor finds at `url`: in what it shows, or in a file it hands over."""
    response = client.get(url, follow=False)
    if response.status_code != 200:
        return set(), response
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return {url.rsplit("/", 1)[-1].split(".")[0].capitalize()} & SECRETS, response
    text = body.decode("utf-8", "replace").lower()
    return {word for word in SECRETS | {PUBLIC} if word.lower() in text}, response


def sign_in(client, django_user_model, actor, settings):
    if actor == "member":
        client.force_login(user_in(django_user_model, "Members"))
    elif actor == "unverified staff":
        settings.PORTAL_REQUIRE_ADMIN_2FA = True
        client.force_login(django_user_model.objects.create_superuser("staff", "", "a-long-password-1"))


@pytest.mark.parametrize("actor", list(SEEN_BY))
def test_no_public_surface_shows_what_the_visitor_may_not_see(client, world, actor, settings, django_user_model):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_SECONDS = 600  # anonymous visitors are served from the shared cache the second time
    cache.clear()
    sign_in(client, django_user_model, actor, settings)
    allowed = SEEN_BY[actor] | {PUBLIC}
    leaks, missing = {}, []
    for _round in range(2):
        for name, url, shows_public in surfaces(world):
            words, response = seen(client, url)
            if words - allowed:
                leaks[name] = sorted(words - allowed)
            if shows_public and PUBLIC not in words:
                missing.append(name)
    assert not leaks, f"{actor} sees: {leaks}"
    assert not missing, f"the public item is missing from {missing}: the walk would not notice a leak there"


def test_a_member_finds_the_members_statement_its_picture_and_the_members_file(
    client, world, settings, django_user_model
):
    """The other side of the table: the policy hides from others what it shows to members."""
    sign_in(client, django_user_model, "member", settings)
    members_page = world["pages"][MEMBERS]
    assert MEMBERS in seen(client, members_page.url)[0]
    assert MEMBERS_IMAGE.lower() in client.get("/api/v2/images/?limit=20").content.decode().lower()
    members_file = world["documents"][1]
    assert client.get(members_file.url).status_code == 200
    assert client.get(members_page.url)["Cache-Control"] is not None


def test_renditions_made_for_a_hidden_page_are_stored_under_names_nobody_can_guess(world):
    image = get_image_model().objects.get(title=EMBARGOED_IMAGE)
    rendition = image.get_rendition("fill-160x160|format-webp")
    assert re.fullmatch(r"images/[0-9a-f]{16}/embargoimageword\.[^/]+\.webp", rendition.file.name), rendition.file.name
    assert image.get_rendition("width-400").file.name.split("/")[1] != rendition.file.name.split("/")[1]


def public_url_names(patterns, route="", namespace=""):
    """The names of the URL patterns outside the two admins."""
    for pattern in patterns:
        full_route = route + str(pattern.pattern)
        if full_route.startswith(("admin/", "django-admin/")):
            continue
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from public_url_names(pattern.url_patterns, full_route, inner)
        elif isinstance(pattern, URLPattern):
            yield namespace + (pattern.name or full_route)


# Where the walk above goes, by URL name; and the URLs that show no content and so need no walk.
WALKED = {
    "wagtail_serve": "pages, listings, hubs",
    "person": "person page",
    "search": "search",
    "sitemap": "sitemap",
    "robots": "robots.txt",
    "healthz": "health check",
    "wagtaildocs_serve": "file downloads",
    "accessible_format_request": "format request",
    "accessible_format_request_sent": "format request sent",
    "wagtailapi:pages:listing": "API pages",
    "wagtailapi:pages:detail": "API page",
    "wagtailapi:pages:find": "API find",
    "wagtailapi:documents:listing": "API documents",
    "wagtailapi:documents:detail": "API document",
    "wagtailapi:documents:find": "API find document",
    "wagtailapi:images:listing": "API images",
    "wagtailapi:images:detail": "API image",
    "wagtailapi:images:find": "API find image",
    "NewsIndexPage:index_route": "news index",
    "NewsIndexPage:rss": "RSS feed",
    "NewsIndexPage:atom": "Atom feed",
    "NewsIndexPage:portfolio_rss": "portfolio RSS feed",
    "NewsIndexPage:portfolio_atom": "portfolio Atom feed",
    "alerts:subscribe": "email alerts (the portfolios offered)",
    "alerts:check_email": "email alerts: check your email",
    "alerts:confirm": "email alerts: a confirmation link",
    "alerts:manage": "email alerts: a manage link",
    "alerts:unsubscribe": "email alerts: an unsubscribe link",
}
NO_CONTENT = {
    "editorial:login": "the members' sign-in form",
    "editorial:logout": "signing out",
    "editorial:preview": "a draft by secret link: tests/editorial/test_preview_links.py",
    "wagtailcore_login": "Wagtail's sign-in redirect",
    "wagtailcore_authenticate_with_password": "a page password form",
    "wagtaildocs_authenticate_with_password": "a collection password form",
    "api_not_found": "any other address under /api/: a JSON 404",
}


def test_every_public_url_is_walked_or_shows_no_content():
    names = set(public_url_names(get_resolver().url_patterns))
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin) and issubclass(model, Page):
            names |= {f"{model.__name__}:{route.name}" for route in model.get_subpage_urls()}
    unknown = names - WALKED.keys() - NO_CONTENT.keys()
    assert not unknown, f"add these to the walk in this module (or to NO_CONTENT): {sorted(unknown)}"


def test_a_pages_view_restrictions_are_wagtails_own_read_in_one_query(
    news_index, policy_area, portfolio, django_assert_num_queries
):
    """BasePage.get_view_restrictions() is a documented override: if Wagtail's own changes, this fails."""
    restrict_to_members(policy_area)
    PageViewRestriction.objects.create(page=portfolio, restriction_type=PageViewRestriction.PASSWORD, password="x")
    PageViewRestriction.objects.create(page=news_index, restriction_type=PageViewRestriction.LOGIN)
    article = NewsArticlePageFactory(parent=news_index)
    alias = portfolio.create_alias(parent=news_index, update_slug="portfolio-alias")
    for page in (portfolio, policy_area, news_index, article, alias, news_index.get_parent()):
        page = Page.objects.get(pk=page.pk).specific
        with django_assert_num_queries(1):
            ours = {restriction.pk for restriction in page.get_view_restrictions()}
        assert ours == {restriction.pk for restriction in Page.get_view_restrictions(page)}, page


def test_a_draft_revisions_uses_are_found_by_wagtails_reference_scanner(publication_index):
    """The files a scheduled change adds are found in its revision with the scanner Wagtail's reference
    index uses (`ReferenceIndex._extract_references_from_object`): if Wagtail renames it, this fails."""
    from portal.visibility import withheld_ids

    publication = PublicationPageFactory(parent=publication_index)
    added = PolicyDocumentFactory(title="Added in a draft")
    publication.attachments = [PublicationAttachment(document=added)]
    publication.save_revision()  # a draft: the live publication does not have it yet
    assert added.pk in withheld_ids(None, type(added))
    publication.get_latest_revision().publish()
    assert added.pk not in withheld_ids(None, type(added))


def test_what_a_member_was_shown_is_never_kept_for_an_anonymous_visitor(client, world, django_user_model, settings):
    """The parts kept per content version (portal.version_memo, {% per_content_version %}) live in the
    server's process across requests: a walk as a member, then as an anonymous visitor, in one process."""
    sign_in(client, django_user_model, "member", settings)
    for _name, url, _shows_public in surfaces(world):
        seen(client, url)
    client.logout()
    allowed = SEEN_BY["anonymous"] | {PUBLIC}
    leaks = {}
    for name, url, _shows_public in surfaces(world):
        words, _response = seen(client, url)
        if words - allowed:
            leaks[name] = sorted(words - allowed)
    assert not leaks, f"an anonymous visitor sees what was kept for a member: {leaks}"
