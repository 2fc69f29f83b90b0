/* The search page (_templates/search.html): Pagefind's interface, in French (the page's
   language), filtered by part of the contract; the words the search field of every page
   sent (?q=) are searched at once. Same-origin file: the CSP allows no inline script. */
(function () {
  "use strict";
  var holder = document.getElementById("q2030-search");
  if (!holder || typeof PagefindUI === "undefined") { return; }
  var ui = new PagefindUI({
    element: "#q2030-search",
    // An absolute address: Pagefind imports its module from it.
    bundlePath: new URL(holder.getAttribute("data-q2030-bundle"), document.baseURI).href,
    showImages: false,
    showSubResults: true,
    resetStyles: false
  });
  // Its field, named by the page's visible label (not by its placeholder alone). The label
  // is tied to it here: in the page as served there is no field yet, and a label's `for`
  // must name one (Nu HTML checker).
  var field = holder.querySelector("input");
  var label = document.getElementById("q2030-search-label");
  if (field) {
    field.id = "q2030-search-input";
    if (label) { label.htmlFor = field.id; }
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
