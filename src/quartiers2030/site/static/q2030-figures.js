/* Draw every chart of the page from its JSON spec (see quartiers2030/core/figures.py),
   only once it is about to be seen. The spec sits in a <script type="application/json">
   element, which the browser never executes: no inline script is needed, so a strict
   Content-Security-Policy holds. The chart's text alternative and its data are in the page
   already; its height is reserved by the markup, so drawing moves nothing.

   plotly.js is not in the page's head: this script loads it (the files listed in its own
   `data-q2030-scripts`, from the same folder, in order) when a chart comes within a screen
   of the viewport, or when the page is printed (`beforeprint`, which the PDF printer sends
   too: site/pdf.py). A chart in the first screen therefore draws at load. */
(function () {
  "use strict";
  var self = document.currentScript;
  var folder = self.src.replace(/[^/]*$/, "");
  var scripts = (self.getAttribute("data-q2030-scripts") || "").split(/\s+/).filter(Boolean);
  var loading = null;

  function load(name) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = folder + name;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("q2030: " + name + " introuvable")); };
      document.head.appendChild(script);
    });
  }

  function plotly() {
    if (!loading) {
      loading = scripts.reduce(function (done, name) {
        return done.then(function () { return load(name); });
      }, Promise.resolve());
    }
    return loading;
  }

  function draw(el) {
    if (el.hasAttribute("data-q2030-drawing")) { return; }
    el.setAttribute("data-q2030-drawing", "true");
    plotly().then(function () {
      var holder = document.getElementById(el.getAttribute("data-q2030-figure"));
      if (!holder) { return; }
      var spec = JSON.parse(holder.textContent);
      return Plotly.newPlot(el, spec.data, spec.layout, spec.config).then(function () {
        el.setAttribute("data-q2030-drawn", "true");
      });
    }).catch(function (error) { console.error(error); });
  }

  function charts() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-q2030-figure]"));
  }

  function drawAll() { charts().forEach(draw); }

  function start() {
    if (!("IntersectionObserver" in window)) { drawAll(); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: "100% 0px" });
    charts().forEach(function (el) { observer.observe(el); });
  }

  window.addEventListener("beforeprint", drawAll);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
