// rolepack serve: small improvements on pages that work without script.
// The role list filters as you type; choosing a level shows it at once;
// an error summary takes the focus so a screen reader reads it first.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });
    document.querySelectorAll("input[data-filter]").forEach(function (input) {
      var list = document.querySelector(input.getAttribute("data-filter"));
      if (!list) { return; }
      input.addEventListener("input", function () {
        var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
        list.querySelectorAll("[data-search]").forEach(function (item) {
          var hay = item.getAttribute("data-search");
          item.hidden = !words.every(function (w) { return hay.indexOf(w) >= 0; });
        });
      });
    });
    var summary = document.querySelector("[data-focus]");
    if (summary) { summary.focus(); }
  });
})();
