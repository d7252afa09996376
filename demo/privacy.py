"""The demo's privacy and cookies page (not in the seed text: it describes this site itself)."""

# Not in the source: what this site itself does with cookies and personal data, as its code does it
# (portal/settings/base.py, news/video_hosts.py, publications/format_requests.py). Keep it true.
PRIVACY = {
    "title": "Privacy and cookies",
    "slug": "privacy-and-cookies",
    "introduction": "What this website stores on your device, what it sends to others and what it keeps about you.",
    "body": [
        {"type": "heading", "value": "Cookies"},
        {
            "type": "paragraph",
            "value": "<p>Reading this website sets no cookies. It has no analytics, advertising or social media "
            "trackers.</p>"
            "<p>It sets only the cookies that a feature you choose needs:</p>"
            "<ul><li><b>sessionid</b> keeps you signed in, if you are a member who signs in. It is deleted when "
            "you sign out, and expires after two weeks.</li>"
            "<li><b>csrftoken</b> protects a form you fill in, such as the sign-in form or a request for a "
            "document in another format, from being sent by another website in your name.</li></ul>"
            "<p>Both are strictly necessary for those features, so we do not ask for your consent to them.</p>",
        },
        {"type": "heading", "value": "Videos"},
        {
            "type": "paragraph",
            "value": "<p>Our videos are hosted on YouTube or Vimeo. A video page loads nothing from them until "
            "you press Play. Then the player loads from youtube-nocookie.com (YouTube’s privacy-enhanced mode) or "
            "player.vimeo.com (with “do not track” asked for), which may set cookies or store data on your device "
            "under their own privacy policies. The “Watch on YouTube” link takes you to YouTube’s own site.</p>",
        },
        {"type": "heading", "value": "Requests for a document in another format"},
        {
            "type": "paragraph",
            "value": "<p>If you ask for a document in another format, we keep your email address and what you "
            "asked for only to reply to you, and delete them once the request is dealt with, or after 30 days at "
            "the most.</p>",
        },
    ],
}
