/* The list of actions of the suivi pages (issue 14): the table is whole in the page, so
   it reads without this script; with it, the form above it (hidden otherwise) shows only
   the rows that match the words typed and the year, axis, quartier and operator chosen,
   and says how many in a live region. Same-origin file: the CSP allows no inline script. */
(function () {
  "use strict";

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function bind(form) {
    var table = document.getElementById(form.getAttribute("data-q2030-filter"));
    if (!table) { return; }
    var rows = Array.from(table.tBodies[0].rows);
    var text = form.querySelector("[data-q2030-filter-text]");
    var fields = Array.from(form.querySelectorAll("[data-q2030-filter-field]"));
    var status = form.querySelector("[role=status]");

    function matches(row) {
      var words = fold(text.value).split(/\s+/).filter(Boolean);
      var haystack = fold(row.getAttribute("data-texte"));
      if (!words.every(function (w) { return haystack.indexOf(w) !== -1; })) { return false; }
      return fields.every(function (select) {
        var wanted = select.value;
        if (!wanted) { return true; }
        var name = select.getAttribute("data-q2030-filter-field");
        var value = row.getAttribute("data-" + name) || "";
        return name === "qpv" ? value.split(" ").indexOf(wanted) !== -1 : value === wanted;
      });
    }

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var keep = matches(row);
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      status.textContent = shown + (shown > 1 ? " actions affichées" : " action affichée") +
        " sur " + rows.length + ".";
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  function start() {
    Array.from(document.querySelectorAll("form[data-q2030-filter]")).forEach(bind);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
