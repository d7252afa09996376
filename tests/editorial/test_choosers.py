"""Roles exactly as documented: no stock group with more than the project's roles give, choosers
that offer only what the user may do, and page-link choosers that open at the home page."""

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from editorial import setup
from tests.helpers import user_in
from tests.news.factories import NewsArticlePageFactory, VideoPageFactory
from tests.portfolios.factories import PersonFactory


@pytest.fixture
def news_editor(django_user_model):
    return user_in(django_user_model, "News editors")


@pytest.fixture
def moderator(django_user_model):
    return user_in(django_user_model, "Moderators")


def test_wagtails_stock_editors_group_is_gone_after_the_migration(db):
    assert not Group.objects.filter(name="Editors").exists()
    assert set(Group.objects.values_list("name", flat=True)) == set(setup.ROLES)


def test_a_stock_editors_group_someone_is_in_is_kept_for_them_with_no_permission_at_all(django_user_model, home):
    editors = Group.objects.create(name="Editors")
    editors.permissions.add(*Group.objects.get(name="Moderators").permissions.all())
    for grant in GroupPagePermission.objects.filter(group__name="Moderators"):
        GroupPagePermission.objects.create(group=editors, page_id=grant.page_id, permission=grant.permission)
    newcomer = user_in(django_user_model, "Editors", username="newcomer")

    setup.apply(django_apps)

    editors.refresh_from_db()
    assert list(newcomer.groups.all()) == [editors]
    assert not editors.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=editors).exists()
    assert not newcomer.has_perm("wagtailadmin.access_admin")

    newcomer.groups.clear()
    setup.apply(django_apps)
    assert not Group.objects.filter(name="Editors").exists()


def person_edit_link(person):
    return f"/admin/snippets/portfolios/person/edit/{person.pk}/"


def test_a_news_editors_person_chooser_offers_no_edit_this_person(client, news_editor, news_index):
    person = PersonFactory(name="Darryl Preston")
    quote = {"quote": "<p>We welcome it.</p>", "person": person, "role": "", "speaker_name": ""}
    article = NewsArticlePageFactory(parent=news_index, body=[("quote", quote)])
    video = VideoPageFactory(parent=news_index, speaker=person, video_url="https://youtu.be/dQw4w9WgXcQ")
    client.force_login(news_editor)
    for page in (article, video):
        html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert "Darryl Preston" in html
        assert person_edit_link(person) not in html, page

    chosen = client.get(f"/admin/snippets/choose/portfolios/person/chosen/{person.pk}/").json()
    assert chosen["result"]["id"] == str(person.pk) and not chosen["result"].get("edit_url")


def test_a_moderator_who_may_edit_people_gets_the_edit_link_once_a_person_is_chosen(client, moderator, news_index):
    person = PersonFactory(name="Darryl Preston")
    client.force_login(moderator)
    chosen = client.get(f"/admin/snippets/choose/portfolios/person/chosen/{person.pk}/").json()
    assert chosen["result"]["edit_url"] == person_edit_link(person)


@pytest.mark.parametrize("query", ["", "?allow_external_link=true&allow_email_link=true"])
def test_the_page_link_chooser_opens_at_the_home_page(client, news_editor, home, news_index, query):
    client.force_login(news_editor)
    response = client.get(f"/admin/choose-page/{query}", follow=True)
    assert response.status_code == 200
    assert response.json()["parent_page_id"] == home.pk
    assert response.redirect_chain[0][0].startswith(f"/admin/choose-page/{home.pk}/")


def test_a_chooser_for_one_page_type_still_opens_at_where_those_pages_are(client, news_editor, news_index):
    NewsArticlePageFactory(parent=news_index)
    client.force_login(news_editor)
    response = client.get("/admin/choose-page/?page_type=news.newsarticlepage")
    assert response.status_code == 200
    assert response.json()["parent_page_id"] == news_index.pk
