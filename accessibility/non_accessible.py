"""What the accessibility statement lists as not accessible, read from the content itself: the public
videos without a transcript or captions, and the public files that fail the accessibility checks
(publications.file_checks) or could not be checked. Always as an anonymous visitor sees the site
(portal.visibility), so the statement is the same for everyone and never names hidden content."""

from dataclasses import dataclass

from django.db.models import Prefetch

from news.models import VideoPage
from portal import visibility
from portal.pages import plain_text
from publications.file_checks import Outcome
from publications.models import PolicyDocument, PublicationAttachment, PublicationPage

NO_TRANSCRIPT = "It has no transcript (WCAG 2.2 success criterion 1.2.3 Audio description or media alternative)."
NO_CAPTIONS = "It has no captions (WCAG 2.2 success criterion 1.2.2 Captions, prerecorded)."


@dataclass
class VideoProblem:
    video: VideoPage
    problems: list


def videos_without_alternatives():
    """Each public video that lacks a transcript or captions, newest first, with what it lacks."""
    videos = visibility.visible_pages(None, VideoPage.objects.all()).order_by("-date", "-pk")
    found = []
    for video in videos.only("title", "url_path", "date", "transcript", "captioned"):
        problems = [] if plain_text(video.transcript) else [NO_TRANSCRIPT]
        if not video.captioned:
            problems.append(NO_CAPTIONS)
        if problems:
            found.append(VideoProblem(video, problems))
    return found


def documents_not_accessible():
    """The files of public publications that fail the checks or could not be checked, by title, each
    with `public_publications` (the public pages it is attached to)."""
    public = visibility.visible_pages(None, PublicationPage.objects.all())
    documents = PolicyDocument.objects.filter(
        accessibility__in=[Outcome.FAILS, Outcome.COULD_NOT_CHECK], attachments__page__in=public
    ).distinct()
    attachments = PublicationAttachment.objects.filter(page__in=public).select_related("page")
    documents = visibility.visible_documents(None, documents).order_by("title", "pk")
    documents = documents.select_related("collection").prefetch_related(
        Prefetch("attachments", queryset=attachments, to_attr="public_attachments")
    )
    for document in documents:
        document.public_publications = [attachment.page for attachment in document.public_attachments]
    return list(documents)
