// "Select all" on the discovery results ticks the results that are not in the registry yet;
// similar names stay for a person to decide.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var toggle = event.target.closest("[data-select-all]");
    if (!toggle) {
      return;
    }
    var form = document.getElementById(toggle.getAttribute("data-select-all"));
    form.querySelectorAll("input[name=qids][data-new]").forEach(function (box) {
      box.checked = toggle.checked;
    });
  });
})();
