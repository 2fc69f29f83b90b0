/* Draw every chart of the page from its JSON spec (see quartiers2030/core/figures.py),
   only once it is about to be seen. The spec sits in a <script type="application/json">
   element, which the browser never executes: no inline script is needed, so a strict
   Content-Security-Policy holds. The chart's text alternative and its data are in the page
   already; its height is reserved by the markup, so drawing moves nothing.

   plotly.js is not in the page's head: this script loads it (the files listed in its own
   `data-q2030-scripts`, from the same folder, in order) when a chart comes within 200 px
   of the viewport, then draws the charts one a task; and all of them when the page is
   printed (`beforeprint`, which the PDF printer sends too: site/pdf.py). A chart in the
   first screen therefore draws at load. */
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

  // A chart drawn narrower than its spec's `meta.q2030_narrow.below` (a phone) takes the
  // changes it holds (core/figures.py, on_narrow): its layout's, and its traces' by index.
  function merged(base, changes) {
    var out = Object.assign({}, base);
    Object.keys(changes).forEach(function (key) {
      var value = changes[key];
      var both = value && typeof value === "object" && !Array.isArray(value) &&
        out[key] && typeof out[key] === "object" && !Array.isArray(out[key]);
      out[key] = both ? merged(out[key], value) : value;
    });
    return out;
  }

  function forWidth(spec, width) {
    var narrow = spec.layout.meta && spec.layout.meta.q2030_narrow;
    if (!narrow || width >= narrow.below) { return spec; }
    return {
      data: spec.data.map(function (trace, i) { return merged(trace, narrow.data[i] || {}); }),
      layout: merged(spec.layout, narrow.layout),
      config: spec.config
    };
  }

  function render(el) {
    var holder = document.getElementById(el.getAttribute("data-q2030-figure"));
    if (!holder || el.hasAttribute("data-q2030-rendered")) { return Promise.resolve(); }
    el.setAttribute("data-q2030-rendered", "true");
    var spec = forWidth(JSON.parse(holder.textContent), el.clientWidth);
    return Plotly.newPlot(el, spec.data, spec.layout, spec.config).then(function () {
      el.setAttribute("data-q2030-drawn", "true");
    });
  }

  // One chart a task: the page stays responsive while several charts draw.
  var queue = [];
  var busy = false;
  function pump() {
    if (busy || !queue.length) { return; }
    busy = true;
    var el = queue.shift();
    plotly().then(function () { return render(el); })
      .catch(function (error) { console.error(error); })
      .then(function () { busy = false; setTimeout(pump, 0); });
  }

  function draw(el) {
    if (el.hasAttribute("data-q2030-queued")) { return; }
    el.setAttribute("data-q2030-queued", "true");
    queue.push(el);
    pump();
  }

  function charts() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-q2030-figure]"));
  }

  function drawAll() { charts().forEach(draw); }

  // Before printing: at once, if plotly.js is there (the print starts when this returns).
  function drawForPrint() {
    if (typeof Plotly === "undefined") { drawAll(); return; }
    charts().forEach(function (el) { render(el).catch(function (error) { console.error(error); }); });
  }

  function start() {
    if (!("IntersectionObserver" in window)) { drawAll(); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: "200px 0px" });
    charts().forEach(function (el) { observer.observe(el); });
  }

  window.addEventListener("beforeprint", drawForPrint);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
