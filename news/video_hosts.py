"""Turning a video page's address into the host's privacy-friendly player address, and refusing
an address the site cannot play.

The Content-Security-Policy's `frame-src` (settings.CONTENT_SECURITY_POLICY) is the one list of
players the public page may load: an address is accepted only if it turns into a player address
on that list, so taking a player out of the policy also stops its addresses being accepted.
"""

import re
from urllib.parse import parse_qs, urlparse

from django.conf import settings
from django.core.exceptions import ValidationError

# Each player the site knows how to embed: its name and the addresses editors paste.
PLAYERS = {
    "https://www.youtube-nocookie.com": ("YouTube", "youtube.com/watch?v=…, youtu.be/…"),
    "https://player.vimeo.com": ("Vimeo", "vimeo.com/…"),
}

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


def playable_players():
    """The players of PLAYERS that the Content-Security-Policy lets the public page load."""
    frame_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].get("frame-src", [])
    return [origin for origin in PLAYERS if origin in frame_src]


def accepted_hosts_text():
    """ "YouTube (youtube.com/watch?v=…, youtu.be/…) or Vimeo (vimeo.com/…)" """
    names = [f"{PLAYERS[origin][0]} ({PLAYERS[origin][1]})" for origin in playable_players()]
    return " or ".join(names) if names else "no video host (none is allowed by the site's security policy)"


def validate_video_url(video_url):
    """Raises ValidationError unless the address is a video the site can play."""
    if not video_url:
        return
    player = embed_url(video_url)
    origin = f"{urlparse(player).scheme}://{urlparse(player).hostname}" if player else None
    if origin not in playable_players():
        raise ValidationError(
            f"The site can only play videos from {accepted_hosts_text()}. "
            "Give the address of the video's page there; other sites' players are blocked on the public page.",
            code="unsupported_video_host",
        )
