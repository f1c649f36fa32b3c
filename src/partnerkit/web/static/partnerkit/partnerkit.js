// Small enhancements; every page works without them.
(function () {
  "use strict";
  // Workspace switcher: go to the chosen workspace as soon as it is picked.
  document.addEventListener("change", function (event) {
    var select = event.target.closest("[data-switcher] select");
    if (select && select.value) {
      window.location = select.value;
    }
  });
  // Ask before destructive actions that carry data-confirm.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
})();
