/* The site's plotly.js, bundled by esbuild (see site/plotly_bundle.py): plotly's core as
   plotly.js/src/core.js assembles it, with only the components the site's charts use, and
   the only two trace types they use (bar and scatter; the maps are scatter traces).

   Left out, because no chart of the site asks for them and no other module requires them
   (plotly reaches them through its Registry, which treats an absent component as off):
   updatemenus, sliders, rangeslider, rangeselector, images, errorbars, annotations3d, grid
   and colorbar; and the extra exports of core.js (Icons, Plots, Fx, Snapshot), which the
   site's scripts do not call. PlotSchema stays: the tests read from it which traces exist. Kept: annotations and shapes (the governance
   diagrams and reference lines), selections and modebar (required by plotly's own axes and
   configuration code, even with the modebar hidden), colorscale, legend and fx (hover). */
"use strict";
exports.version = require("plotly.js/src/version").version;
require("native-promise-only");
require("plotly.js/build/plotcss");

var Registry = require("plotly.js/src/registry");
var register = (exports.register = Registry.register);

var plotApi = require("plotly.js/src/plot_api");
Object.keys(plotApi).forEach(function (name) {
  if (name.charAt(0) !== "_") exports[name] = plotApi[name];
  register({ moduleType: "apiMethod", name: name, fn: plotApi[name] });
});

register(require("plotly.js/src/traces/scatter"));
// In core.js's order: the legend after shapes, fx after the legend.
register([
  require("plotly.js/src/components/annotations"),
  require("plotly.js/src/components/selections"),
  require("plotly.js/src/components/shapes"),
  require("plotly.js/src/components/colorscale"),
  require("plotly.js/src/components/legend"),
  require("plotly.js/src/components/fx"),
  require("plotly.js/src/components/modebar"),
]);
register([require("plotly.js/src/locale-en"), require("plotly.js/src/locale-en-us")]);
if (window.PlotlyLocales && Array.isArray(window.PlotlyLocales)) {
  register(window.PlotlyLocales);
  delete window.PlotlyLocales;
}
register(require("plotly.js/src/traces/bar"));
exports.PlotSchema = require("plotly.js/src/plot_api/plot_schema");
