"""`manage.py load_demo` builds the seed's section, and a second run changes nothing."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision

from portfolios.models import Person, PortfolioLead
from publications.models import PolicyDocument

AREA = "/police-capabilities-and-serious-organised-crime/"


def run_load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


@pytest.fixture
def demo(db):
    run_load_demo()


def test_the_policy_area_has_its_introduction_priorities_and_portfolio_leads(client, demo):
    text = page_text(client, AREA)

    assert "Developing Police Capabilities & Tackling Serious Organised Crime" in text
    assert "Never have we needed more to work with partners" in text
    assert "Our priorities for developing police capabilities and tackling SOC are:" in text
    assert "developing our ROCUs to ensure they are supported" in text
    assert "The APCC Modern Slavery work sits jointly between the SOC and Victims Portfolios" in text
    assert "Support PCCs to commission victim focused modern slavery services" in text
    for portfolio in [
        "Serious Organised Crime",
        "Fraud & Cyber-Crime",
        "Forensics",
        "International & Strategic Policing",
    ]:
        assert portfolio in text
    assert "Joint Lead Alison Hernandez PCC, Devon & Cornwall and the Isles of Scilly" in text
    assert "Joint Lead Kate Green Deputy Mayor, Greater Manchester Combined Authority" in text
    assert "Lead Mark Shelford PCC, Avon and Somerset" in text
    assert "Deputy Lead James Thomson City of London" in text
    assert "Deputy Lead Andy Dunbobbin PCC, North Wales" in text
    assert "Lead Darryl Preston PCC, Cambridgeshire" in text
    assert "Lead Peter McCall PCC, Cumbria" in text
    assert text.count("APCC contact Alex Campbell Senior Policy Manager") == 3


def test_the_soc_portfolio_states_no_tenure_the_seed_does_not_give(client, demo):
    text = page_text(client, AREA + "serious-organised-crime/")

    assert "Leading our work to tackle serious organised crime" in text
    assert "Former" not in text and "Until" not in text
    assert not PortfolioLead.objects.filter(person__slug="donna-jones").exists()
    assert "Joint Lead Alison Hernandez" in text and "Joint Lead Kate Green" in text
    assert "Joint APCC leads have responded to a new Government Strategy" in text
    assert "Donna Jones, APCC Joint Lead for Serious Organised Crime" in text  # her 2022 video
    assert "Strategic Policing Requirement guidance" in text


def test_the_soc_statement_has_its_full_text_and_attributed_quotes(client, demo):
    text = page_text(client, "/news/joint-apcc-leads-respond-to-serious-and-organised-crime-strategy/")

    assert "Statement" in text
    assert "PCCs play an important role, making sure that police forces are delivering an effective" in text
    assert "Never before has our nation had such clarity" in text
    assert "Alison Hernandez, PCC for Devon and Cornwall" in text
    assert "combine to cost the UK an estimated £47 billion a year" in text
    assert "Kate Green, Deputy Mayor for Greater Manchester" in text
    assert "it does not contain any new funding." in text


def test_the_news_index_holds_six_items_and_three_videos_in_the_seeds_order(client, demo):
    soup = BeautifulSoup(client.get("/news/").content, "html.parser")
    titles = [h.get_text(strip=True) for h in soup.select(".card__title")]

    assert titles[:6] == [
        "Joint APCC leads have responded to a new Government Strategy to tackle Serious and Organised Crime",
        "APCC comment on County Lines Intensification Week 9th to 15th October",
        "Fraud Strategy must recognise profound impact on victims",
        "“Serious and organised crime harms us all”",
        "Changes to national forensic contracts",
        "Review into drug driving samples concluded",
    ]
    assert titles[6:] == [
        "Mark Shelford, APCC Lead for Economic & Cyber Crime and PCC for Avon & Somerset",
        "Donna Jones, APCC Joint Lead for Serious Organised Crime",
        "James Thomson, APCC Deputy Lead for Economic & Cyber Crime (including fraud)",
    ]
    dates = [time["datetime"] for time in soup.select(".card__kicker time")]
    assert dates[6:] == ["2022-11-14", "2022-05-26", "2021-09-16"]
    assert dates[:6] == sorted(dates[:6], reverse=True), "the news in the seed's order, newest first"
    assert len(set(dates[:6])) == 6 and all(date < "2024" for date in dates[:6]), "distinct and clearly past"


def test_the_site_notice_says_the_demos_dates_and_contacts_are_illustrative(client, demo):
    for url in ("/", "/news/", "/media-enquiries/"):
        banner = BeautifulSoup(client.get(url).content, "html.parser").select_one(".notification-banner")
        assert "its dates and example.org addresses" in banner.get_text()
        assert "are illustrative" in banner.get_text()
    media = page_text(client, "/media-enquiries/")
    assert "Email press-office@example.org" in media


def test_the_publications_are_dated_in_the_seeds_order_in_the_past(client, demo):
    soup = BeautifulSoup(client.get("/resources-and-publications/").content, "html.parser")
    titles = [h.get_text(strip=True) for h in soup.select(".card__title")]
    assert titles == ["Strategic Policing Requirement guidance", "Forensics Capability Network explainer"]
    dates = [time["datetime"] for time in soup.select(".card time")]
    assert dates == ["2023-03-01", "2021-03-01"]


def test_the_publications_show_file_titles_formats_sizes_and_pages_or_slides_read_from_the_files(client, demo):
    spr = page_text(client, "/resources-and-publications/strategic-policing-requirement-guidance/")
    fcn = page_text(client, "/resources-and-publications/forensics-capability-network-explainer/")

    assert "Strategic Policing Requirement guidance (PDF) PDF, 0.86 MB, 2 pages" in spr
    assert "understanding & adhering to the statutory requirements of the Strategic Policing Requirements" in spr
    assert "Forensics Capability Network explainer (PDF) PDF, 0.30 MB, 2 pages" in fcn
    assert "Forensics Capability Network explainer (PPTX) PowerPoint, 1.48 MB, 3 slides" in fcn
    for document in PolicyDocument.objects.all():
        with document.file.open("rb") as file:
            start = file.read(4)
        assert start == (b"%PDF" if document.file_extension == "pdf" else b"PK\x03\x04")
        assert document.human_size == f"{document.file.size / 1024 / 1024:.2f} MB"


def test_media_enquiries_are_in_every_footer(client, demo):
    soup = BeautifulSoup(client.get("/").content, "html.parser")

    footer = soup.find("footer")
    assert footer.find("h2", string="Media enquiries")
    assert footer.find("a", href="/media-enquiries/")
    assert "Journalists can ask the association's communications team" in page_text(client, "/media-enquiries/")


def test_a_second_run_changes_nothing(client, demo):
    def snapshot():
        return {
            "pages": list(Page.objects.order_by("path").values_list("path", "title", "latest_revision_id")),
            "revisions": Revision.objects.count(),
            "people": list(Person.objects.values_list("slug", "role")),
            "documents": list(PolicyDocument.objects.values_list("file", "file_size", "file_hash")),
        }

    before = snapshot()
    output = run_load_demo()

    assert snapshot() == before
    assert "nothing changed" in output


def test_no_admin_user_is_created_unless_asked(db):
    run_load_demo()
    assert not get_user_model().objects.exists()

    run_load_demo("--admin-password", "correct-horse-battery")
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("correct-horse-battery")


def test_the_demo_files_are_checked_like_any_upload_and_show_every_kind_of_result(client, demo):
    outcomes = {document.file_name: document.accessibility for document in PolicyDocument.objects.all()}
    assert outcomes["apcc-spr-guidance.pdf"] == "passes"  # an accessible stand-in
    assert outcomes["tf-fcn-explainer-for-apcc-final.pdf"] == "fails"
    assert outcomes["tf-fcn-explainer-for-apcc-final.pptx"] == "fails"
    assert outcomes["example-password-protected-annex.pdf"] == "could not be checked"
    fcn = page_text(client, "/resources-and-publications/forensics-capability-network-explainer/")
    assert "This file may not be suitable for users of assistive technology" in fcn
    spr = page_text(client, "/resources-and-publications/strategic-policing-requirement-guidance/")
    assert "This file may not be suitable" not in spr


def test_the_accessibility_statement_lists_the_videos_and_files_that_are_not_accessible(client, demo):
    soup = BeautifulSoup(client.get("/accessibility-statement/").content, "html.parser")
    footer = soup.find("footer")
    assert footer.find("a", string="Accessibility statement")["href"] == "/accessibility-statement/"
    videos = [item.a.get_text() for item in soup.find(id="videos-heading").find_next("ul").find_all("li")]
    assert videos == [
        "Mark Shelford, APCC Lead for Economic & Cyber Crime and PCC for Avon & Somerset",
        "Donna Jones, APCC Joint Lead for Serious Organised Crime",
        "James Thomson, APCC Deputy Lead for Economic & Cyber Crime (including fraud)",
    ]
    files = [item.a.get_text() for item in soup.find(id="documents-heading").find_next("ul").find_all("li")]
    assert files == [
        "Forensics Capability Network explainer (PDF)",
        "Forensics Capability Network explainer (PPTX)",
    ], "the members-only annex is not named on a public page"
    assert "partially compliant" in soup.select_one(".statement__compliance").get_text()
    assert soup.find(id="preparation-heading").find_next("time")
