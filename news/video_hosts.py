"""Turning a video page's address into the host's privacy-friendly player address."""

import re
from urllib.parse import parse_qs, urlparse

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^\d+$")


def embed_url(video_url):
    """The player to load when the visitor presses play, or None for an address we cannot embed."""
    if not video_url:
        return None
    parsed = urlparse(video_url)
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    candidate = None
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            candidate = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            candidate = parsed.path.split("/")[2]
        if candidate and YOUTUBE_ID.match(candidate):
            return f"https://www.youtube-nocookie.com/embed/{candidate}?autoplay=1&rel=0"
    elif host == "youtu.be":
        candidate = parsed.path.lstrip("/")
        if YOUTUBE_ID.match(candidate):
            return f"https://www.youtube-nocookie.com/embed/{candidate}?autoplay=1&rel=0"
    elif host in {"vimeo.com", "player.vimeo.com"}:
        candidate = parsed.path.rstrip("/").split("/")[-1]
        if VIMEO_ID.match(candidate):
            return f"https://player.vimeo.com/video/{candidate}?autoplay=1&dnt=1"
    return None


def host_name(video_url):
    host = (urlparse(video_url or "").hostname or "").lower()
    if "vimeo" in host:
        return "Vimeo"
    if "youtu" in host:
        return "YouTube"
    return host.removeprefix("www.") or "the video host"
