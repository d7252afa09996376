// The header's Search and Menu buttons (see templates/components/header.html) work without this
// script, as <details>. With it they also say whether they are expanded, Escape closes the open one
// and returns to its button, and opening Search puts the cursor in the search box.
document.querySelectorAll("[data-header-panel]").forEach((panel) => {
  const toggle = panel.querySelector("summary");
  const sync = () => toggle.setAttribute("aria-expanded", panel.open ? "true" : "false");
  sync();
  panel.addEventListener("toggle", () => {
    sync();
    const field = panel.open && panel.querySelector("input[type=search]");
    if (field && getComputedStyle(toggle).display !== "none") field.focus();
  });
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && panel.open && getComputedStyle(toggle).display !== "none") {
      panel.open = false;
      toggle.focus();
    }
  });
});
