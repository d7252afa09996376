"""A crafted upload cannot take a web worker's memory or time: its text is read in a child process
with limits (publications/limited.py), and when that fails the file is kept with no text, and a warning."""

import io
import logging
import time
from pathlib import Path

import pytest

from publications.limited import LimitedRunFailed, run_limited
from publications.models import PolicyDocument
from tests.crafted_files import inflating_pptx


def peak_memory_mb():
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


@pytest.fixture(scope="module")
def crafted_slides():
    data = inflating_pptx(megabytes=300)
    assert len(data) < 1024 * 1024
    return data


def test_a_pptx_whose_slide_inflates_to_hundreds_of_mb_is_kept_without_text_and_the_worker_stays_small(
    admin_client, crafted_slides, caplog
):
    upload = io.BytesIO(crafted_slides)
    upload.name = "crafted.pptx"
    before = peak_memory_mb()

    with caplog.at_level(logging.WARNING, logger="publications.files"):
        response = admin_client.post("/admin/documents/add/", {"title": "Crafted", "file": upload, "collection": 1})

    assert response.status_code == 302, "the upload succeeds"
    document = PolicyDocument.objects.get(title="Crafted")
    assert document.extracted_text == ""
    assert document.file_extension == "pptx"
    assert "search will not find words in it: needed more than 512 MB of memory" in caplog.text
    assert peak_memory_mb() - before < 100


def test_an_ordinary_file_is_read_as_before(admin_client):
    from pptx import Presentation

    presentation = Presentation()
    presentation.slides.add_slide(presentation.slide_layouts[5]).shapes.title.text = "Knife crime prevention"
    upload = io.BytesIO()
    presentation.save(upload)
    upload.seek(0)
    upload.name = "slides.pptx"

    admin_client.post("/admin/documents/add/", {"title": "Slides", "file": upload, "collection": 1})

    assert PolicyDocument.objects.get(title="Slides").extracted_text == "Knife crime prevention"


def test_the_runner_returns_what_the_function_returns():
    assert run_limited(sum, [1, 2, 3], memory_mb=256, seconds=5) == 6


def test_the_runner_stops_a_function_that_takes_too_long():
    started = time.monotonic()
    with pytest.raises(LimitedRunFailed, match="took longer than 1 s"):
        run_limited(time.sleep, 30, memory_mb=256, seconds=1)
    assert time.monotonic() - started < 3
    assert run_limited(sum, [1], memory_mb=256, seconds=5) == 1, "a fresh child for the next call"


def test_the_runner_refuses_a_function_more_memory_than_its_limit():
    with pytest.raises(LimitedRunFailed, match="needed more than 256 MB of memory"):
        run_limited(bytearray, 600 * 1024 * 1024, memory_mb=256, seconds=5)


def test_the_runner_reports_what_the_function_raised():
    with pytest.raises(LimitedRunFailed, match="int failed: ValueError"):
        run_limited(int, "not a number", memory_mb=256, seconds=5)
