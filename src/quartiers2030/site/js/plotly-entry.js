/* The site's plotly.js: its core and the only two trace types the charts use (bar and
   scatter; the maps are scatter traces), bundled by esbuild (see site/plotly_bundle.py). */
"use strict";
var Plotly = require("plotly.js/lib/core");
Plotly.register([require("plotly.js/lib/bar"), require("plotly.js/lib/scatter")]);
module.exports = Plotly;
