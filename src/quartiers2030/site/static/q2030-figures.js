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

  // Margins known before drawing. plotly.js's automargin draws a chart, measures its
  // labels and draws it again: half the time of a first draw on a phone. For horizontal
  // bars without a legend, the margins it finds follow from the widest row label and the
  // lines of the value axis's title, in the house fonts (core/figures.py): left = label
  // width + standoff + 26 px, bottom = BOTTOM[title lines], measured on plotly.js's own
  // results (tests/test_chart_margins.py compares every such chart with them). After the
  // draw, a label outside the chart (a value tick past the right edge) hands the chart
  // back to automargin, so a guess is never left wrong. `data-q2030-margins` says which:
  // "calcul" (computed), "repli" (computed, then automargin), "plotly" (automargin).
  var HOUSE_FONT_SIZE = 14;
  var BOTTOM = { 1: 51, 2: 78, 3: 100 };
  var LABEL_PAD = 26;
  var RIGHT_PAD = 8;
  var canvas = null;

  function plain(label) {  // as plotly.js shows it: "&amp;" is "&"
    return new DOMParser().parseFromString(label, "text/html").body.textContent;
  }

  function widest(labels, font) {
    canvas = canvas || document.createElement("canvas").getContext("2d");
    canvas.font = font;
    return Math.max.apply(null, labels.map(function (line) { return canvas.measureText(plain(line)).width; }));
  }

  function knownMargins(spec) {
    var layout = spec.layout;
    var x = layout.xaxis || {};
    var y = layout.yaxis || {};
    var font = layout.font || {};
    var rows = spec.data.every(function (t) {
      return (t.type === "bar" && t.orientation === "h") || t.type === "scatter";
    });
    var title = (x.title && x.title.text) || "";
    var lines = title ? title.split(/<br>/i).length : 0;
    var labels = [].concat.apply([], (y.ticktext || []).map(function (t) { return String(t).split(/<br>/i); }));
    var simple = labels.every(function (line) { return line.indexOf("<") === -1; });
    if (!rows || layout.showlegend !== false || (layout.title && layout.title.text) || !BOTTOM[lines] ||
        font.size !== HOUSE_FONT_SIZE || x.tickfont || (x.title && x.title.font) || y.side === "right" ||
        (y.title && y.title.text) || !labels.length || !simple) { return null; }
    var size = (y.tickfont && y.tickfont.size) || font.size;
    var width = widest(labels, size + "px " + font.family);
    var base = layout.margin || {};
    return { l: Math.round(width + (y.ticklabelstandoff || 0) + LABEL_PAD), r: base.r, t: base.t, b: BOTTOM[lines] };
  }

  // Labels past the chart's edge drawn (not hidden, plotly.js's default without
  // automargin), so that the check after the draw sees them.
  function withMargins(layout, margin) {
    var axis = { automargin: false, ticklabeloverflow: "allow" };
    return merged(layout, { margin: margin, xaxis: axis, yaxis: axis });
  }

  function automargin(layout) {
    var x = layout.xaxis || {};
    var y = layout.yaxis || {};
    return {
      margin: layout.margin, "xaxis.automargin": true, "yaxis.automargin": true,
      "xaxis.ticklabeloverflow": x.ticklabeloverflow || null, "yaxis.ticklabeloverflow": y.ticklabeloverflow || null
    };
  }

  // A label past the chart's edge, or nearer its right edge than RIGHT_PAD (where
  // automargin would have widened the right margin: a value tick at the end of the axis).
  function spills(el) {
    var box = el.querySelector(".main-svg").getBoundingClientRect();
    return Array.prototype.some.call(el.querySelectorAll(".main-svg text"), function (text) {
      var r = text.getBoundingClientRect();
      return r.width > 0 && (r.left < box.left - 1 || r.right > box.right - RIGHT_PAD ||
        r.top < box.top - 1 || r.bottom > box.bottom + 1);
    });
  }

  function render(el) {
    var holder = document.getElementById(el.getAttribute("data-q2030-figure"));
    if (!holder || el.hasAttribute("data-q2030-rendered")) { return Promise.resolve(); }
    el.setAttribute("data-q2030-rendered", "true");
    var spec = forWidth(JSON.parse(holder.textContent), el.clientWidth);
    var margin = knownMargins(spec);
    var layout = margin ? withMargins(spec.layout, margin) : spec.layout;
    return Plotly.newPlot(el, spec.data, layout, spec.config).then(function () {
      if (!margin) { return "plotly"; }
      if (!spills(el)) { return "calcul"; }
      return Plotly.relayout(el, automargin(spec.layout)).then(function () { return "repli"; });
    }).then(function (margins) {
      el.setAttribute("data-q2030-margins", margins);
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
