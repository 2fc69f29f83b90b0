/* Tables wider than their box (a phone, a table of many years): the hint « Faire glisser
   pour voir la suite » above each one (templates/core/table.html) is shown, and hidden
   again once the table fits (a wider screen, a table in a closed <details>, whose box has
   no width until it opens). Without this script the hint stays hidden: the table still
   scrolls. Same-origin file: the CSP allows no inline script. */
(function () {
  "use strict";
  function update(wrap) {
    var hint = wrap.querySelector(".q2030-table-hint");
    if (hint) { hint.hidden = !(wrap.scrollWidth > wrap.clientWidth + 1); }
  }

  function start() {
    var wraps = Array.prototype.slice.call(document.querySelectorAll(".q2030-table-wrap"));
    if ("ResizeObserver" in window) {
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { update(entry.target); });
      });
      wraps.forEach(function (wrap) { observer.observe(wrap); });
    } else {
      wraps.forEach(update);
      window.addEventListener("resize", function () { wraps.forEach(update); });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
