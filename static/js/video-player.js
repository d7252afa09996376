// Click to play: swaps the placeholder for the host's player only when asked, so
// visiting a video page sends nothing to the video host. Without this script there is
// no Play button (it is hidden), only the "Watch on YouTube" link to the host's site.
document.querySelectorAll("[data-video-player]").forEach((player) => {
  const play = player.querySelector("button.video-player__play");
  const watch = player.querySelector(".video-player__watch");
  if (!play || !play.dataset.embedUrl) return;
  play.hidden = false;
  if (watch) watch.classList.remove("button", "video-player__play");
  play.addEventListener("click", () => {
    const frame = document.createElement("iframe");
    frame.className = "video-player__frame";
    frame.src = play.dataset.embedUrl;
    frame.title = play.dataset.title;
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.allowFullscreen = true;
    player.replaceChildren(frame);
    frame.focus();
  });
});
