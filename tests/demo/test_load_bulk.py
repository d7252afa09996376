"""`manage.py load_bulk` adds realistic content quickly, leaves a sound page tree, and never doubles it."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from demo.bulk_publisher import tree_problems
from news.models import ListingDate, NewsArticlePage, NewsIndexPage, VideoPage
from portfolios.models import Person, PolicyAreaPage, PortfolioPage
from publications.models import PolicyDocument, PublicationPage

SMALL = ["--news", "30", "--videos", "4", "--publications", "5", "--portfolios", "3", "--people", "10"]
SMALL += ["--policy-areas", "2", "--batch-size", "8"]  # several batches, so batch boundaries are exercised


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Person, PolicyAreaPage, PortfolioPage, NewsArticlePage, VideoPage, PublicationPage)
    }


@pytest.fixture
def bulk(db):
    run("load_demo")
    demo = counts()
    output = run("load_bulk", *SMALL)
    return demo, output


def bulk_pages(model):
    """The pages load_bulk made: theirs are the slugs that end in their number."""
    return model.objects.filter(slug__regex=r"-[0-9]+$").order_by("path")


def test_it_adds_the_numbers_asked_for_and_leaves_nothing_for_fixtree_to_fix(bulk):
    demo, output = bulk

    added = {name: count - demo[name] for name, count in counts().items()}

    assert added == {
        "Person": 10,
        "PolicyAreaPage": 2,
        "PortfolioPage": 3,
        "NewsArticlePage": 30,
        "VideoPage": 4,
        "PublicationPage": 5,
    }
    assert "news articles  [" in output and "30/30" in output  # progress lines
    assert "page tree checked: nothing for fixtree to fix" in output
    fixtree = run("fixtree", "--noinput")
    assert fixtree.count("No problems found.") == 2, fixtree  # the page tree and the collection tree
    # load_bulk's own check (one query, not two a page) finds what treebeard's finds.
    news_index = NewsIndexPage.objects.get()
    Page.objects.filter(pk=news_index.pk).update(numchild=1)
    Page.objects.filter(pk=bulk_pages(VideoPage).first().pk).update(depth=9)
    found = tree_problems()
    assert (found["bad depth"], found["bad numchild"]) == Page.find_problems()[3:] != ([], [])
    Page.fix_tree()
    assert not any(tree_problems().values())

    # Published, with one revision and a log each, dates over the years, their portfolios and quotes.
    articles = list(bulk_pages(NewsArticlePage))
    listed = {entry.page_id: entry.date for entry in ListingDate.objects.all()}
    assert all(listed[page.pk] == page.display_date for page in [*articles, *bulk_pages(VideoPage)])
    assert len({article.first_published_at.year for article in articles}) > 3
    assert len({article.news_type for article in articles}) > 2
    for article in articles:
        assert article.live and not article.has_unpublished_changes
        assert article.url_path == f"/home/news/{article.slug}/"
        assert article.latest_revision_id == article.live_revision_id
        revision = Revision.objects.get(pk=article.live_revision_id)
        assert revision.content["title"] == article.title
        assert revision.as_object().summary == article.summary
        assert article.portfolios.exists()
        assert PageLogEntry.objects.filter(page=article, action="wagtail.publish").count() == 1
    quoting = [article for article in articles if any(block.block_type == "quote" for block in article.body)]
    assert quoting, "some articles quote people"
    for article in quoting:
        quoted = {block.value["person"].pk for block in article.body if block.block_type == "quote"}
        assert set(article.quoted_people.values_list("pk", flat=True)) == quoted
        references = ReferenceIndex.objects.filter(object_id=str(article.pk), model_path="body.quote.person")
        assert {int(reference.to_object_id) for reference in references} == quoted

    # Publications have one or two real files, read as an upload's are.
    for publication in bulk_pages(PublicationPage):
        documents = [attachment.document for attachment in publication.attachments.all()]
        assert 1 <= len(documents) <= 2
        for document in documents:
            assert document.file_size == document.size_on_disk
            assert 20_000 <= document.file_size <= 220_000
            if document.file_extension == "pdf":
                assert document.page_count >= 2
                assert publication.title in document.extracted_text

    # Pages and files are in the search index.
    article, publication = articles[0], bulk_pages(PublicationPage).first()
    document = publication.attachments.first().document
    assert article in NewsArticlePage.objects.search(article.title)
    assert publication in PublicationPage.objects.search(publication.title)
    assert document in PolicyDocument.objects.search(document.title)


def test_every_kind_of_bulk_page_renders_on_the_site_and_in_the_admin_and_can_be_edited(bulk, client, admin_client):
    article = bulk_pages(NewsArticlePage).first()
    video = bulk_pages(VideoPage).first()
    publication = bulk_pages(PublicationPage).first()
    portfolio = PortfolioPage.objects.order_by("-path").first()
    area = portfolio.get_parent()
    person = portfolio.leads.first().person
    pages = [article, video, publication, portfolio, area]
    urls = [page.url for page in pages]
    urls += ["/", "/news/", "/news/?page=4", "/resources-and-publications/", f"/people/{person.slug}/"]
    urls += [f"/news/?portfolio={portfolio.slug}", publication.attachments.first().document.url]
    urls += ["/search/?q=" + article.title.split()[-1]]

    for url in urls:
        assert client.get(url).status_code == 200, url
    for page in pages:
        assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, page
    assert admin_client.get(f"/admin/pages/{article.get_parent().pk}/").status_code == 200
    assert admin_client.get(f"/admin/pages/{article.pk}/history/").status_code == 200

    article.title = "Edited after the bulk load"
    article.save_revision().publish()

    assert client.get(article.url).status_code == 200
    assert Revision.objects.filter(object_id=str(article.pk)).count() == 2
    assert Page.find_problems() == ([], [], [], [], [])


def test_running_it_again_adds_nothing_and_larger_numbers_top_up(bulk):
    before = counts()

    output = run("load_bulk", *SMALL)

    assert counts() == before
    assert "news articles: 30 of 30 exist already" in output

    run("load_bulk", *[("40" if value == "30" else value) for value in SMALL])

    assert counts() == {**before, "NewsArticlePage": before["NewsArticlePage"] + 10}
    assert "No problems found." in run("fixtree", "--noinput")
