// A running count under every admin field with data-portal-max-length (the page title): the
// limit is in the help text for those without JavaScript, and a longer text is a form error.
(function () {
  "use strict";
  function attach(input) {
    if (input.dataset.portalCounter) return;
    input.dataset.portalCounter = "on";
    var limit = parseInt(input.dataset.portalMaxLength, 10);
    var counter = document.createElement("p");
    counter.id = input.id + "-count";
    counter.className = "w-help-text portal-char-count";
    counter.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", counter);
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    described.push(counter.id);
    input.setAttribute("aria-describedby", described.join(" "));
    function update() {
      var length = Array.from(input.value).length;
      var over = length - limit;
      counter.textContent =
        length + " of " + limit + " characters" + (over > 0 ? ": " + over + " too many" : "");
      counter.classList.toggle("error-message", over > 0);
      if (over > 0) input.setAttribute("aria-invalid", "true");
      else if (!input.closest(".w-field--error")) input.removeAttribute("aria-invalid");
    }
    input.addEventListener("input", update);
    update();
  }
  function attachAll() {
    document.querySelectorAll("input[data-portal-max-length]").forEach(attach);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attachAll);
  else attachAll();
})();
