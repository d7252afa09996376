// Click to play: swaps the placeholder for the host's player only when asked, so
// visiting a video page sends nothing to the video host. Without this script the
// play button is an ordinary link to the video on the host's site.
document.querySelectorAll("[data-video-player]").forEach((player) => {
  const play = player.querySelector(".video-player__play");
  const embedUrl = play && play.dataset.embedUrl;
  if (!embedUrl) return;
  play.setAttribute("role", "button");
  play.addEventListener("click", (event) => {
    event.preventDefault();
    const frame = document.createElement("iframe");
    frame.className = "video-player__frame";
    frame.src = embedUrl;
    frame.title = play.dataset.title;
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.allowFullscreen = true;
    player.replaceChildren(frame);
    frame.focus();
  });
});
