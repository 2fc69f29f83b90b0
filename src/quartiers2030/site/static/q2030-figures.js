/* Draw every chart of the page from its JSON spec (see quartiers2030/figures.py).
   The spec sits in a <script type="application/json"> element, which the browser never
   executes: no inline script is needed, so a strict Content-Security-Policy holds. */
(function () {
  "use strict";
  function draw(el) {
    var holder = document.getElementById(el.getAttribute("data-q2030-figure"));
    if (!holder || typeof Plotly === "undefined") { return; }
    var spec = JSON.parse(holder.textContent);
    Plotly.newPlot(el, spec.data, spec.layout, spec.config).then(function () {
      el.setAttribute("data-q2030-drawn", "true");
    });
  }
  function drawAll() {
    var charts = document.querySelectorAll("[data-q2030-figure]");
    for (var i = 0; i < charts.length; i++) { draw(charts[i]); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
