"""Embargoes: a statement or publication scheduled to go live appears nowhere public before its time,
and everywhere once `manage.py publish_scheduled` has run after it.

How the time passes, honestly: the page is scheduled an hour ahead, through the admin, as an editor
does it. The test then runs Wagtail's publish_scheduled twice: once at the real time (it must publish
nothing), and once with django.utils.timezone.now patched to two hours ahead, as the cron job would
see the clock then. Nothing in the database is altered by hand, so this proves that the scheduled
revision is published by the command once its time has passed, and not before; it does not wait for
a real hour.
"""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from news.models import NewsArticlePage
from publications.models import PublicationAttachment, PublicationPage
from tests.helpers import add_url, article_form, errors, publication_form, user_in
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory

SECRET_WORD = "Zephyrquill"  # in no other content, so a search finds only the embargoed item


@pytest.fixture
def moderator(django_user_model):
    return user_in(django_user_model, "Moderators")


@pytest.fixture
def news_editor(django_user_model):
    return user_in(django_user_model, "News editors")


def in_an_hour():
    """The "go live" value an editor types: local time, an hour from now."""
    return timezone.localtime(timezone.now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")


def run_publish_scheduled(hours_ahead=0):
    later = timezone.now() + datetime.timedelta(hours=hours_ahead)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")


def public_sightings(client, page_path, title, slug, model_label):
    """Where an anonymous visitor can see the item: a set of place names."""
    client.logout()
    seen = set()
    if client.get(page_path).status_code == 200:
        seen.add("own URL")
    checks = {
        "home page": "/",
        "news index": "/news/",
        "publications index": "/resources-and-publications/",
        "RSS feed": "/news/feed/rss/",
        "Atom feed": "/news/feed/atom/",
        "search": f"/search/?q={SECRET_WORD}",
        "API listing": f"/api/v2/pages/?type={model_label}&fields=title",
        "API search": f"/api/v2/pages/?search={SECRET_WORD}",
    }
    for place, url in checks.items():
        response = client.get(url)
        if response.status_code == 200 and title in response.content.decode():
            seen.add(place)
    if slug in client.get("/sitemap.xml").content.decode():
        seen.add("sitemap")
    return seen


def test_an_embargoed_statement_is_nowhere_public_until_publish_scheduled_runs_after_its_time(
    client, moderator, news_index, publication_index, settings
):
    settings.PAGE_CACHE_SECONDS = 600  # the shared page cache must not keep the embargo on show, or hidden
    title = f"Embargoed statement on {SECRET_WORD}"
    client.force_login(moderator)
    response = client.post(
        add_url(NewsArticlePage, news_index), article_form(title, "embargoed", go_live_at=in_an_hour())
    )
    assert response.status_code == 302, errors(response)
    article = NewsArticlePage.objects.get(slug="embargoed")
    assert not article.live
    assert article.get_latest_revision().approved_go_live_at is not None  # "publish" pressed: scheduled

    where = ("/news/embargoed/", title, "embargoed", "news.NewsArticlePage")
    assert public_sightings(client, *where) == set()
    assert client.get(f"/api/v2/pages/{article.pk}/").status_code == 404

    run_publish_scheduled()  # at the real time: too early, nothing happens
    article.refresh_from_db()
    assert not article.live
    assert public_sightings(client, *where) == set()

    run_publish_scheduled(hours_ahead=2)
    article.refresh_from_db()
    assert article.live
    assert public_sightings(client, *where) == {
        "own URL",
        "home page",
        "news index",
        "RSS feed",
        "Atom feed",
        "search",
        "API listing",
        "API search",
        "sitemap",
    }


def test_a_statement_submitted_with_an_embargo_and_approved_waits_for_its_time(
    client, news_editor, moderator, news_index
):
    title = f"Submitted embargo {SECRET_WORD}"
    client.force_login(news_editor)
    response = client.post(
        add_url(NewsArticlePage, news_index),
        article_form(title, "submitted-embargo", action="action-submit", go_live_at=in_an_hour()),
    )
    assert response.status_code == 302, errors(response)
    article = NewsArticlePage.objects.get(slug="submitted-embargo")
    task_state = article.current_workflow_state.current_task_state

    client.force_login(moderator)
    client.post(f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/", {"comment": ""})
    article.refresh_from_db()
    assert not article.live  # approved, and scheduled: not yet out
    where = ("/news/submitted-embargo/", title, "submitted-embargo", "news.NewsArticlePage")
    assert public_sightings(client, *where) == set()

    run_publish_scheduled(hours_ahead=2)
    article.refresh_from_db()
    assert article.live
    assert {"own URL", "news index", "RSS feed", "search", "sitemap"} <= public_sightings(client, *where)


def test_the_files_of_an_embargoed_publication_cannot_be_fetched_before_it_goes_live(
    client, moderator, publication_index
):
    report = PolicyDocumentFactory(title=f"Report on {SECRET_WORD}", file_name="embargoed-report.pdf", accessible=True)
    slides = PolicyDocumentFactory(title="Slides", file_name="embargoed-slides.pdf", accessible=True)
    loose = PolicyDocumentFactory(title="Attached to nothing", file_name="loose.pdf")

    client.force_login(moderator)
    response = client.post(
        add_url(PublicationPage, publication_index),
        publication_form(
            f"Embargoed guidance {SECRET_WORD}", "embargoed-guidance", [report, slides], go_live_at=in_an_hour()
        ),
    )
    assert response.status_code == 302, errors(response)
    publication = PublicationPage.objects.get(slug="embargoed-guidance")
    assert not publication.live
    # Staff who can use the admin may fetch the files, to check them.
    assert client.get(report.url).status_code == 200

    client.logout()
    for document in (report, slides):
        assert client.get(document.url).status_code == 404, document.url
        assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404
        assert client.get(f"/media/{document.file.name}").status_code == 404
    listed = client.get("/api/v2/documents/").json()["items"]
    assert {item["id"] for item in listed} == {loose.pk}
    assert client.get(loose.url).status_code == 200  # a file attached to no publication is served as usual
    found = client.get(f"/search/?q={SECRET_WORD}").content.decode()
    assert "Embargoed guidance" not in found and "embargoed-report.pdf" not in found

    run_publish_scheduled(hours_ahead=2)
    assert client.get(report.url).status_code == 200
    assert client.get(slides.url).status_code == 200
    assert {item["id"] for item in client.get("/api/v2/documents/").json()["items"]} == {loose.pk, report.pk, slides.pk}
    assert f"Embargoed guidance {SECRET_WORD}" in client.get(f"/search/?q={SECRET_WORD}").content.decode()


def test_a_new_file_in_a_scheduled_change_to_a_live_publication_waits_for_the_change(
    client, moderator, publication_index
):
    first = PolicyDocumentFactory(title="First edition", file_name="first-edition.pdf", accessible=True)
    publication = PublicationPageFactory(parent=publication_index, title="Live guidance", slug="live")
    attached = PublicationAttachment.objects.create(page=publication, document=first)
    second = PolicyDocumentFactory(title="Second edition", file_name="second-edition.pdf", accessible=True)

    client.force_login(moderator)
    response = client.post(
        f"/admin/pages/{publication.pk}/edit/",
        publication_form("Live guidance", "live", [attached, second], go_live_at=in_an_hour()),
    )
    assert response.status_code == 302, errors(response)
    publication.refresh_from_db()
    assert publication.live and publication.has_unpublished_changes

    client.logout()
    assert client.get(first.url).status_code == 200
    assert client.get(second.url).status_code == 404  # only in the scheduled draft

    run_publish_scheduled(hours_ahead=2)
    assert client.get(second.url).status_code == 200


def test_a_withdrawn_publication_takes_its_files_with_it(client, publication_index):
    document = PolicyDocumentFactory(file_name="withdrawn.pdf")
    publication = PublicationPageFactory(parent=publication_index, slug="withdrawn")
    PublicationAttachment.objects.create(page=publication, document=document)
    assert client.get(document.url).status_code == 200

    Page.objects.get(pk=publication.pk).specific.unpublish()
    assert client.get(document.url).status_code == 404
