// rolepack serve: small improvements on pages that work without script.
// The role list filters as you type; an error summary takes the focus so
// a screen reader reads it first; leaving a page with details typed and
// not saved asks first. (Choosing a level does not submit the
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
    // A form of details (data-keep) that has changes not yet saved (typed
    // since the page loaded, or typed and refused: data-unsaved) asks the
    // browser to confirm before the page is left, so that a tab, a level
    // or a reload does not lose what was typed. Saving it does not ask.
    var keep = [];
    document.querySelectorAll("form[data-keep]").forEach(function (form) {
      var state = { dirty: form.hasAttribute("data-unsaved") };
      var touch = function () { state.dirty = true; };
      form.addEventListener("input", touch);
      form.addEventListener("change", touch);
      form.addEventListener("submit", function () { state.dirty = false; });
      keep.push(state);
    });
    if (keep.length) {
      window.addEventListener("beforeunload", function (e) {
        if (keep.some(function (s) { return s.dirty; })) {
          e.preventDefault();
          e.returnValue = "";
        }
      });
    }
    var summary = document.querySelector("[data-focus]");
    if (summary) { summary.focus(); }
    // A run in progress: ask for its page every two seconds and update the
    // count in place (no reload, which would send a screen reader back to
    // the top: WCAG 2.2.1 and 3.2.5); when the run is over, show its result.
    var poll = document.querySelector("[data-poll]");
    if (poll && window.fetch && window.DOMParser) {
      var tick = function () {
        fetch(window.location.href, { credentials: "same-origin" })
          .then(function (r) { return r.text(); })
          .then(function (html) {
            var next = new DOMParser().parseFromString(html, "text/html");
            var fresh = next.querySelector("[data-poll]");
            if (fresh) {
              poll.innerHTML = fresh.innerHTML;
              window.setTimeout(tick, 2000);
              return;
            }
            var main = document.querySelector("main");
            var done = next.querySelector("main");
            if (main && done) {
              main.innerHTML = done.innerHTML;
              document.title = next.title;
            }
          })
          .catch(function () { window.setTimeout(tick, 5000); });
      };
      window.setTimeout(tick, 2000);
    }
  });
})();
