"""A page asked for again in the same content version reads the version and nothing else: the site,
its root page, the settings, the page itself and its view restrictions are kept per version
(portal.sites, HomePage.route) and handed to Wagtail where it looks for them; so are a person and
the publications index's filters, and the content of both pages (issue 18)."""

import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory
from wagtail.models import PageViewRestriction, Site

from portal.models import OrganisationSettings
from portal.sites import keep_site
from tests.news.factories import NewsArticlePageFactory
from tests.portfolios.factories import PersonFactory
from tests.publications.factories import PublicationPageFactory


@pytest.fixture
def article(news_index):
    OrganisationSettings.for_site(news_index.get_site())  # made on a site's first request otherwise
    return NewsArticlePageFactory(parent=news_index, title="Kent statement", slug="kent-statement")


def test_a_page_asked_for_again_reads_the_content_version_alone(client, article, django_assert_num_queries):
    assert client.get(article.url).status_code == 200

    with django_assert_num_queries(1):
        assert client.get(article.url).status_code == 200


def test_the_home_page_asked_for_again_reads_the_content_version_alone(client, article, django_assert_num_queries):
    client.get("/")

    with django_assert_num_queries(1):
        assert client.get("/").status_code == 200


def test_wagtail_finds_the_kept_site_and_its_root_page_on_the_request(home, django_assert_num_queries):
    """Site.find_for_request reads `request._wagtail_site` when set: if Wagtail stops, this fails."""
    site_pk = home.get_site().pk
    keep_site(RequestFactory().get("/"))  # read and kept
    request, another = RequestFactory().get("/"), RequestFactory().get("/")

    with django_assert_num_queries(1):  # the content version
        keep_site(request)
        site = Site.find_for_request(request)
        assert site.pk == site_pk
        assert site.root_page.localized.specific.pk == home.pk
        root_restrictions = list(site.root_page.specific.get_view_restrictions())
    keep_site(another)
    assert Site.find_for_request(another) is not site, "each request its own copy"
    assert root_restrictions == []


def test_wagtails_settings_lookup_and_template_tag_give_the_kept_settings_fresh_each_request(
    client, article, django_assert_num_queries
):
    """BaseSiteSetting.for_request keeps its object under get_cache_attr_name(): our for_request does too."""
    settings = OrganisationSettings.for_site(article.get_site())
    settings.organisation_name = "Kent Association"
    settings.media_enquiries_page = article
    settings.save()
    request = RequestFactory().get("/")
    keep_site(request)
    OrganisationSettings.for_request(request)  # read and kept

    again = RequestFactory().get("/")
    with django_assert_num_queries(1):  # the content version
        keep_site(again)
        kept = OrganisationSettings.for_request(again)
        assert kept is getattr(again, OrganisationSettings.get_cache_attr_name())
        assert kept.organisation_name == "Kent Association"
        assert kept.media_enquiries_page.pk == article.pk
    assert kept is not OrganisationSettings.for_request(request)

    settings.organisation_name = "Kent and Medway Association"
    settings.save()
    assert "| Kent and Medway Association</title>" in client.get(article.url).content.decode()


def test_a_page_made_members_only_after_it_was_kept_is_refused_at_once_and_a_member_still_sees_it(
    client, article, django_user_model
):
    assert [client.get(article.url).status_code for _ in range(2)] == [200, 200]

    restriction = PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Members")])

    assert client.get(article.url).status_code == 302, "sent to sign in"
    member = django_user_model.objects.create_user("member", password="x")
    member.groups.add(Group.objects.get(name="Members"))
    client.force_login(member)
    assert [client.get(article.url).status_code for _ in range(2)] == [200, 200]
    other = django_user_model.objects.create_user("other", password="x")
    client.force_login(other)
    assert client.get(article.url).status_code == 302


def test_a_persons_page_and_the_publications_index_asked_for_again_read_the_content_version_alone(
    client, article, publication_index, django_assert_num_queries
):
    person = PersonFactory(name="Kate Green", slug="kate-green", live=True)
    PublicationPageFactory(parent=publication_index, title="Forensics strategy")
    for url in (f"/people/{person.slug}/", publication_index.url):
        first = client.get(url)

        with django_assert_num_queries(1):
            again = client.get(url)

        assert again.content == first.content, url


def test_a_person_renamed_after_their_page_was_kept_is_shown_renamed_and_an_unknown_one_is_not_found(client, article):
    person = PersonFactory(name="Kate Green", slug="kate-green", live=True)
    assert "Kate Green" in client.get("/people/kate-green/").content.decode()

    person.name = "Kate Green-Smith"
    person.save()

    assert "Kate Green-Smith" in client.get("/people/kate-green/").content.decode()
    assert [client.get("/people/nobody/").status_code for _ in range(2)] == [404, 404]
