"""Draft preview links: made in the admin by choosing a page, shared by their address, revoked at will.

The address shows the page's latest revision exactly as it will be published, to anyone who has it,
and is never cached or indexed. A revoked, expired or unknown address is "not found".
"""

import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from editorial.models import PreviewLink
from tests.helpers import errors, user_in
from tests.news.factories import NewsArticlePageFactory
from tests.publications.factories import PublicationPageFactory

BASE_TEMPLATE = Path(settings.BASE_DIR) / "templates" / "base.html"


@pytest.fixture
def news_editor(django_user_model):
    return user_in(django_user_model, "News editors")


@pytest.fixture
def draft(news_index):
    """A live statement with a newer, unpublished draft."""
    article = NewsArticlePageFactory(parent=news_index, title="Published wording", slug="statement")
    article.title = "Draft wording"
    article.summary = "The draft's summary."
    article.save_revision()
    return article


def test_a_news_editor_creates_a_link_copies_it_from_the_list_and_revokes_it(client, news_editor, draft):
    client.force_login(news_editor)
    assert client.get("/admin/previewlink/new/").status_code == 200
    response = client.post("/admin/previewlink/new/", {"page": draft.pk, "expires_at": ""})
    assert response.status_code == 302, errors(response)
    link = PreviewLink.objects.get()
    assert link.page_id == draft.pk and link.created_by == news_editor
    assert len(link.token) >= 43

    listing = BeautifulSoup(client.get("/admin/previewlink/").content, "html.parser")
    address = f"http://testserver/preview/{link.token}/"
    assert listing.select_one(f"input[value='{address}']") is not None
    assert "Active" in listing.get_text()
    assert listing.select_one(f"a[href='/admin/previewlink/revoke/{link.pk}/']") is not None

    # Its expiry can be changed; its page cannot.
    response = client.post(
        f"/admin/previewlink/edit/{link.pk}/", {"page": draft.get_parent().pk, "expires_at": "2099-01-01 10:00"}
    )
    assert response.status_code == 302, errors(response)
    link.refresh_from_db()
    assert link.expires_at.year == 2099 and link.page_id == draft.pk

    client.logout()
    assert "Draft wording" in client.get(f"/preview/{link.token}/").content.decode()

    client.force_login(news_editor)
    confirm = client.get(f"/admin/previewlink/revoke/{link.pk}/")
    assert confirm.status_code == 200 and "stop working" in confirm.content.decode()
    assert client.post(f"/admin/previewlink/revoke/{link.pk}/").status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert "Revoked" in client.get("/admin/previewlink/").content.decode()

    client.logout()
    assert client.get(f"/preview/{link.token}/").status_code == 404


def test_the_preview_shows_the_latest_revision_as_published_never_cached_or_indexed(client, draft):
    link = PreviewLink.objects.create(page=draft)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft wording" in html and "The draft's summary." in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response.context["robots_noindex"] is True
    # It is the page's own template, as visitors will see it.
    assert "pages/news_article_page.html" in [template.name for template in response.templates]
    # The live page is unchanged.
    assert "Published wording" in client.get(draft.url).content.decode()


@pytest.mark.skipif(
    "robots_noindex" not in BASE_TEMPLATE.read_text(),
    reason="templates/base.html has no {% if robots_noindex %} meta tag yet (see the editorial report)",
)
def test_the_preview_page_carries_a_robots_noindex_meta_tag(client, draft):
    link = PreviewLink.objects.create(page=draft)
    soup = BeautifulSoup(client.get(link.get_absolute_url()).content, "html.parser")
    assert "noindex" in soup.select_one("meta[name=robots]")["content"]


def test_a_never_published_page_can_be_previewed(client, news_index):
    article = NewsArticlePageFactory(parent=news_index, title="Not yet out", slug="not-yet", publish=False)
    link = PreviewLink.objects.create(page=article)
    assert client.get(article.url).status_code == 404
    assert "Not yet out" in client.get(link.get_absolute_url()).content.decode()


def test_a_revoked_expired_or_unknown_token_is_not_found(client, draft):
    revoked = PreviewLink.objects.create(page=draft, revoked_at=timezone.now())
    expired = PreviewLink.objects.create(page=draft, expires_at=timezone.now() - datetime.timedelta(minutes=1))
    future = PreviewLink.objects.create(page=draft, expires_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(revoked.get_absolute_url()).status_code == 404
    assert client.get(expired.get_absolute_url()).status_code == 404
    assert client.get("/preview/not-a-real-token-at-all-0123456789abcdefghijk/").status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 200


def test_a_revoked_link_stops_working_even_with_the_shared_page_cache_on(client, draft, settings):
    settings.PAGE_CACHE_SECONDS = 600
    link = PreviewLink.objects.create(page=draft)
    assert client.get(link.get_absolute_url()).status_code == 200
    link.revoke()
    assert client.get(link.get_absolute_url()).status_code == 404


def test_a_members_only_draft_is_previewed_only_by_members(client, django_user_model, publication_index):
    publication = PublicationPageFactory(parent=publication_index, slug="members-draft", publish=False)
    restriction = PageViewRestriction.objects.create(page=publication, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Members")])
    link = PreviewLink.objects.create(page=publication)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    client.force_login(user_in(django_user_model, "Members"))
    assert client.get(link.get_absolute_url()).status_code == 200


def test_only_pages_you_can_edit_can_be_shared_and_listed(client, news_editor, django_user_model, draft, portfolio):
    client.force_login(news_editor)
    response = client.post("/admin/previewlink/new/", {"page": portfolio.pk, "expires_at": ""})
    assert response.status_code == 200
    assert "You can only share drafts of pages you can edit." in " ".join(errors(response))
    assert not PreviewLink.objects.exists()

    # A portfolio editor's link is not listed for a news editor, nor can they revoke it.
    theirs = PreviewLink.objects.create(page=portfolio, created_by=user_in(django_user_model, "Portfolio editors"))
    assert theirs.token not in client.get("/admin/previewlink/").content.decode()
    assert client.get(f"/admin/previewlink/revoke/{theirs.pk}/").status_code == 404

    # Members and anonymous visitors have no way in to the admin's list.
    client.force_login(user_in(django_user_model, "Members"))
    assert client.get("/admin/previewlink/").status_code == 302
