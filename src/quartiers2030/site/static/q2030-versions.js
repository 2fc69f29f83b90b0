/* Version switcher and banner of a published version. versions.json sits one level above
   the version's own root (see quartiers2030/publish.py) on the same origin; old versions
   are never rebuilt, so the banner is decided here, from the current list. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="q2030-version"]');
  var root = document.documentElement.getAttribute("data-content_root") || "./";
  if (!meta) { return; }
  var current = meta.getAttribute("content");
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }
  fetch(root + "../versions.json").then(function (r) { return r.ok ? r.json() : []; }).then(function (versions) {
    if (!versions.length) { return; }
    var latest = versions.filter(function (v) { return (v.aliases || []).indexOf("latest") >= 0; })[0];
    var page = location.pathname.split("/" + current + "/")[1] || "";
    var main = document.querySelector("main") || document.body;
    var nav = el("nav", { "class": "q2030-versions", "aria-label": "Versions du site" });
    var details = el("details");
    details.appendChild(el("summary", {}, "Version : " + current));
    var list = el("ul");
    versions.forEach(function (v) {
      var item = el("li");
      var link = el("a", { href: root + "../" + v.version + "/" + page }, v.title);
      if (v.version === current) { link.setAttribute("aria-current", "true"); }
      item.appendChild(link);
      list.appendChild(item);
    });
    details.appendChild(list);
    nav.appendChild(details);
    main.insertBefore(nav, main.firstChild);
    if (latest && latest.version !== current) {
      var banner = el("div", { "class": "q2030-version-banner", role: "note" });
      banner.appendChild(document.createTextNode("Vous consultez la version « " + current +
        " ». La dernière version publiée est "));
      banner.appendChild(el("a", { href: root + "../" + latest.version + "/" + page }, latest.version));
      banner.appendChild(document.createTextNode("."));
      main.insertBefore(banner, main.firstChild);
    }
  }).catch(function () { /* no versions.json: a local build */ });
})();
