// rolepack serve: small improvements on pages that work without script.
// The role list filters as you type; an error summary takes the focus so
// a screen reader reads it first. (Choosing a level does not submit the
// form by itself: a change of context on input would fail WCAG 3.2.2.)
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
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
