// "Set schedule": Wagtail's date picker opens over the dialog's "Save schedule" button and stays
// open while an editor types a date, so a click meant for the button lands on a day of the
// calendar instead. Typing (or pasting), Escape or a click elsewhere in the dialog closes it; it
// still opens on focus for those who pick a date with it. See portal.page_forms.ScheduleInput.
(function () {
  "use strict";
  var FIELDS = 'input[name="go_live_at"], input[name="expire_at"]';

  function pickerIsOpen() {
    return Array.from(document.querySelectorAll(".xdsoft_datetimepicker")).some(function (picker) {
      return picker.style.display !== "none" && picker.getClientRects().length > 0;
    });
  }

  function hideNow() {
    var jQuery = window.jQuery;
    if (!jQuery || !jQuery.fn.datetimepicker) return;
    document.querySelectorAll(FIELDS).forEach(function (input) {
      jQuery(input).datetimepicker("hide");
    });
  }

  // The picker opens 100 ms after the field gains focus, so text typed or a click made within
  // that time would be followed by the picker opening anyway: hide it again once it has.
  function hidePickers(unlessRefocused) {
    hideNow();
    window.setTimeout(function () {
      if (!(unlessRefocused && isScheduleField(document.activeElement))) hideNow();
    }, 150);
  }

  function isScheduleField(element) {
    return Boolean(element.matches && element.matches(FIELDS));
  }

  document.addEventListener("input", function (event) {
    if (isScheduleField(event.target)) hidePickers();
  });
  // Captured on the window, before the dialog's own Escape handler: the first Escape closes the
  // picker, a second one the dialog.
  window.addEventListener(
    "keydown",
    function (event) {
      if (event.key !== "Escape" || !isScheduleField(event.target) || !pickerIsOpen()) return;
      hidePickers();
      event.stopPropagation();
    },
    true
  );
  document.addEventListener("mousedown", function (event) {
    var target = event.target;
    if (isScheduleField(target) || target.closest(".xdsoft_datetimepicker")) return;
    hidePickers(true);
  });
})();
