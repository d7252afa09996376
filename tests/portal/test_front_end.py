"""What every visitor sees around the content: videos that wait to be asked, notices, help on errors."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from news.video_hosts import embed_url
from portal.models import OrganisationSettings
from publications.models import PublicationAttachment
from tests.helpers import soup_of
from tests.news.factories import VideoPageFactory
from tests.portal.factories import StandardPageFactory
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory


@pytest.mark.parametrize(
    ("address", "player"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://example.org/video.mp4", None),
        ("https://www.youtube.com/watch?v=<script>", None),
    ],
)
def test_a_video_address_becomes_a_privacy_friendly_player_address(address, player):
    result = embed_url(address)
    assert (result.split("?")[0] if result else None) == player


def test_a_video_page_loads_nothing_from_the_host_until_the_visitor_presses_play(client, news_index):
    video = VideoPageFactory(
        parent=news_index,
        title="Fighting fraud",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        description="<p>A panel on fraud.</p>",
        transcript="<p>Good morning, everyone.</p>",
    )

    soup = soup_of(client.get(video.url))

    play = soup.select_one(".video-player button.video-player__play")
    assert play["type"] == "button", "a real button: Space and Enter press it"
    assert play.has_attr("hidden"), "without JavaScript there is no player to play"
    assert play["data-embed-url"].startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    watch = soup.select_one(".video-player a.video-player__watch")
    assert watch["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert watch.get_text(" ", strip=True) == "Watch on YouTube : Fighting fraud"
    assert not soup.select(".video-player [role]"), "no link pretending to be a button"
    assert not soup.find("iframe")
    assert not soup.find(src=lambda src: src and "youtube" in src), "nothing from the host on page load"
    assert soup.find("script", src="/static/js/video-player.js").has_attr("defer")
    assert "A panel on fraud." in soup.get_text()
    assert soup.find(id="transcript-heading").find_next("p").get_text() == "Good morning, everyone."


def test_the_player_notice_and_every_footer_link_to_the_privacy_page(client, home, news_index):
    privacy = StandardPageFactory(parent=home, title="Privacy and cookies", slug="privacy-and-cookies")
    organisation = OrganisationSettings.for_site(home.get_site())
    organisation.privacy_page = privacy
    organisation.save()
    video = VideoPageFactory(parent=news_index, title="Fighting fraud", video_url="https://vimeo.com/76979871")

    soup = soup_of(client.get(video.url))

    notice = soup.select_one(".video-player__notice")
    assert "Vimeo’s player, which may set cookies" in notice.get_text()
    assert notice.find("a", href="/privacy-and-cookies/")
    assert soup.find("footer").find("a", href="/privacy-and-cookies/", string="Privacy and cookies")


def test_a_publication_offers_another_format_through_the_request_form(client, home, publication_index):
    document = PolicyDocumentFactory()
    publication = PublicationPageFactory(
        parent=publication_index, title="SPR guidance", attachments=[PublicationAttachment(document=document)]
    )

    link = soup_of(client.get(publication.url)).select_one(".accessible-format a")

    assert link["href"] == f"/accessible-formats/{document.pk}/"
    assert link.get_text(" ", strip=True) == "request an accessible format of SPR guidance"


def test_a_site_notice_shows_on_every_page_as_a_notification_banner(client, home, news_index):
    organisation = OrganisationSettings.for_site(home.get_site())
    organisation.site_notice = "The office is closed on 26 December."
    organisation.save()

    for url in (home.url, news_index.url, "/search/"):
        banner = soup_of(client.get(url)).select_one(".notification-banner")
        assert banner.get_text(" ", strip=True) == "Important The office is closed on 26 December."


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken_view)]


@override_settings(ROOT_URLCONF=__name__)
def test_an_error_gives_the_styled_error_page_without_a_traceback(db):
    response = Client(raise_request_exception=False).get("/broken/")

    assert response.status_code == 500
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "Sorry, there is a problem with the service"
    assert soup.find("a", href="/search/") and soup.find("a", href="/")
    assert "RuntimeError" not in response.content.decode()
