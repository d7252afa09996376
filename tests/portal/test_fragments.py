"""Parts of templates kept once per content version ({% per_content_version %}, portal/templatetags/
fragments.py): shared by the visitors who may see the same pages, made again as soon as anything
visitors see changes (issue 18)."""

import datetime

from django.contrib.auth.models import Group
from django.template import Context, Template
from django.utils import timezone
from wagtail.models import PageViewRestriction

from editorial.models import PreviewLink
from portal import content_version
from portal.models import OrganisationSettings
from tests.helpers import soup_of, text_of, user_in
from tests.news.factories import NewsArticlePageFactory
from tests.portal.factories import StandardPageFactory
from tests.portal.test_version_memo import request_of
from tests.portfolios.factories import PersonFactory

KEPT = Template("{% load fragments %}{% per_content_version 'greeting' %}{{ greeting }}{% end_per_content_version %}")


def rendered(request, greeting):
    return KEPT.render(Context({"request": request, "greeting": greeting}))


def test_a_kept_part_is_rendered_once_per_content_version(home):
    assert rendered(request_of(), "first") == "first"
    assert rendered(request_of(), "second") == "first"

    content_version.bump()

    assert rendered(request_of(), "third") == "third"


def test_a_kept_part_is_never_shared_with_visitors_who_may_see_other_pages(home, django_user_model):
    members_page = StandardPageFactory(parent=home, title="Members' page")
    restriction = PageViewRestriction.objects.create(page=members_page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Members"))
    member = user_in(django_user_model, "Members", "member")

    assert rendered(request_of(), "for everyone") == "for everyone"
    assert rendered(request_of(member), "for members") == "for members"
    assert rendered(request_of(), "again") == "for everyone"


def test_a_card_shows_a_new_title_as_soon_as_it_is_published(client, news_index):
    article = NewsArticlePageFactory(parent=news_index, title="Knife crime statement")
    assert "Knife crime statement" in text_of(client.get(news_index.url))

    article.title = "Knife crime: our statement"
    article.save_revision().publish()

    assert "Knife crime: our statement" in text_of(client.get(news_index.url))


def test_the_footer_shows_changed_media_enquiries_at_once(client, home):
    client.get(home.url)
    organisation = OrganisationSettings.for_site(home.get_site())
    organisation.media_enquiries_email = "press@apccs.example"
    organisation.save()

    assert "press@apccs.example" in text_of(client.get(home.url))


def test_the_filters_show_what_each_address_asks_for(client, news_index):
    NewsArticlePageFactory(parent=news_index, news_type="statement")
    NewsArticlePageFactory(parent=news_index, news_type="news")

    chosen = client.get(news_index.url + "?type=statement").content.decode()
    plain = client.get(news_index.url).content.decode()

    assert '<option value="statement" selected>' in chosen
    assert '<option value="statement" selected>' not in plain


def test_a_preview_renders_every_part_afresh(home):
    preview = request_of()
    preview.is_preview = True
    assert rendered(request_of(), "live") == "live"

    assert rendered(preview, "draft") == "draft"


def test_a_draft_preview_link_shows_the_draft_after_the_live_page_was_kept(client, news_index):
    article = NewsArticlePageFactory(parent=news_index, title="Published wording", summary="The live summary.")
    assert "The live summary." in text_of(client.get(article.url))  # the article's part is kept now
    article.summary = "The draft's summary."
    article.save_revision()
    link = PreviewLink.objects.create(page=article, expires_at=timezone.now() + datetime.timedelta(days=1))

    previewed = text_of(client.get(f"/preview/{link.token}/"))

    assert "The draft's summary." in previewed and "The live summary." not in previewed
    assert "The live summary." in text_of(client.get(article.url))


CONDITIONAL = Template(
    "{% load fragments %}{% per_content_version 'greeting' when keep %}{{ greeting }}{% end_per_content_version %}"
)


def test_a_part_with_a_condition_is_kept_only_where_it_holds(home):
    def shown(greeting, keep):
        return CONDITIONAL.render(Context({"request": request_of(), "greeting": greeting, "keep": keep}))

    assert [shown("first", True), shown("second", True)] == ["first", "first"]
    assert [shown("asked", False), shown("asked again", False)] == ["asked", "asked again"]


def test_the_menu_marks_the_section_of_each_page_once_its_header_is_kept(client, home, news_index, policy_area):
    article = NewsArticlePageFactory(parent=news_index, title="Kent statement")
    for _ in range(2):
        for page, section in ((home, "Home"), (article, news_index.title), (policy_area, policy_area.title)):
            current = soup_of(client.get(page.url)).select('.main-nav a[aria-current="page"]')
            assert [link.get_text(strip=True) for link in current] == [section], page


def test_each_page_has_its_own_kept_head_and_a_view_its_own_head_each_time(client, home, news_index):
    first = NewsArticlePageFactory(parent=news_index, title="First statement", summary="First summary.")
    second = NewsArticlePageFactory(parent=news_index, title="Second statement", summary="Second summary.")
    for _ in range(2):
        for page in (first, second):
            head = soup_of(client.get(page.url)).head
            assert head.select_one('link[rel="canonical"]')["href"].endswith(page.url)
            assert head.select_one('meta[name="description"]')["content"] == page.summary
            assert page.title in head.select_one('script[type="application/ld+json"]').string

    people = [PersonFactory(name=name, slug=name.split()[0].lower(), live=True) for name in ("Ann Ardent", "Ben Bold")]
    for _ in range(2):
        for person in people:
            head = soup_of(client.get(f"/people/{person.slug}/")).head
            assert head.select_one('meta[property="og:title"]')["content"] == person.name
