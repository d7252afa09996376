"""Site search finds the words inside publications' files, and says it found them there."""

import io

from pypdf import PdfReader
from wagtail.models import Collection, CollectionViewRestriction

from demo.files import make_pdf, make_pptx
from publications.models import PublicationAttachment
from tests.helpers import publication_with_file, result_titles, search
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory

# Words inside files ---------------------------------------------------------------------


def test_a_phrase_only_inside_a_pdf_finds_its_publication_and_says_so(client, publication_index):
    phrase = "the hydrological survey of custody suites"
    data = make_pdf("FCN explainer", [f"This explainer covers {phrase} in detail."], 40_000, seed="fcn")
    assert phrase in " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    publication_with_file(publication_index, "Forensic Capability Network explainer", "tf-fcn-explainer.pdf", data)
    publication_with_file(
        publication_index, "Unrelated guidance", "other.pdf", make_pdf("Other", ["Nothing."], 9_000, 1)
    )

    soup = search(client, "q=hydrological+survey")

    assert result_titles(soup) == ["Forensic Capability Network explainer"]
    item = soup.select_one(".result")
    assert item.select_one(".result__matched").get_text(strip=True) == "Matched inside tf-fcn-explainer.pdf"
    snippet = item.select_one(".result__snippet")
    assert phrase in snippet.get_text()
    assert [mark.get_text() for mark in snippet.select("mark")] == ["hydrological", "survey"]


def test_a_phrase_only_inside_a_powerpoint_finds_its_publication(client, publication_index):
    data = make_pptx("Briefing", ["Slide about the cartographic backlog."], 40_000, seed="deck")
    publication_with_file(publication_index, "Briefing slides", "briefing-slides.pptx", data)

    soup = search(client, "q=cartographic")

    assert result_titles(soup) == ["Briefing slides"]
    assert soup.select_one(".result__matched").get_text(strip=True) == "Matched inside briefing-slides.pptx"
    assert soup.select_one(".result__snippet mark").get_text() == "cartographic"


def test_a_publication_matched_by_its_own_words_does_not_say_it_matched_inside_a_file(client, publication_index):
    data = make_pdf("Guidance", ["About the estuary."], 9_000, seed="e")
    publication_with_file(publication_index, "Estuary guidance", "estuary.pdf", data, summary="On the estuary.")

    soup = search(client, "q=estuary")

    assert result_titles(soup) == ["Estuary guidance"]
    assert soup.select_one(".result__matched") is None


def test_files_of_unpublished_publications_and_private_collections_are_not_searched(client, publication_index):
    data = make_pdf("Secret", ["The marmoset protocol."], 9_000, seed="s")
    publication_with_file(publication_index, "Draft publication", "draft.pdf", data, publish=False)
    PolicyDocumentFactory(title="Loose file", file_name="loose.pdf", data=data)  # attached to nothing
    private_collection = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type="password", password="secret"
    )
    document = PolicyDocumentFactory(file_name="board.pdf", data=data, collection=private_collection)
    PublicationPageFactory(parent=publication_index, attachments=[PublicationAttachment(document=document)])

    assert result_titles(search(client, "q=marmoset")) == []
