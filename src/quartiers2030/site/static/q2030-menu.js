/* The menu and page-contents buttons on a phone (issue 19). The theme's script binds the
   first `.primary-toggle` / `.secondary-toggle` of the page, a hidden one, so the visible
   buttons did nothing. This binds the visible ones (marked data-q2030-menu by our
   templates) to the theme's own dialogs: the sidebar's content moves into the dialog while
   it is open and back when it closes, focus goes in, Escape and « Fermer » close it and
   focus returns to the button. Same-origin file: the CSP allows no inline script. */
(function () {
  "use strict";
  var PANELS = {
    primary: { sidebar: "pst-primary-sidebar", dialog: "pst-primary-sidebar-modal",
               name: "Menu du site", close: "Fermer le menu" },
    secondary: { sidebar: "pst-secondary-sidebar", dialog: "pst-secondary-sidebar-modal",
                 name: "Sommaire de la page", close: "Fermer le sommaire" }
  };
  var WIDE = "(min-width: 992px)";

  // Move children and classes, like the theme does; a second move finds nothing to move.
  function move(from, to) {
    Array.from(from.childNodes).forEach(function (node) { to.appendChild(node); });
    Array.from(from.classList).forEach(function (cls) {
      from.classList.remove(cls);
      to.classList.add(cls);
    });
  }

  function closeButton(dialog, label) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "q2030-menu-close btn btn-sm";
    button.textContent = "Fermer";
    button.setAttribute("aria-label", label);
    button.addEventListener("click", function () { dialog.close(); });
    return button;
  }

  function open(toggle, panel) {
    var sidebar = document.getElementById(panel.sidebar);
    var dialog = document.getElementById(panel.dialog);
    if (!sidebar || !dialog || dialog.open) { return; }
    move(sidebar, dialog);
    var close = closeButton(dialog, panel.close);
    dialog.insertBefore(close, dialog.firstChild);
    dialog.setAttribute("aria-label", panel.name);
    dialog.addEventListener("close", function () {
      close.remove();
      move(dialog, sidebar); // nothing left to move if the theme's own listener did it
      toggle.focus();
    }, { once: true });
    dialog.showModal();
    close.focus();
  }

  function bind(toggle) {
    var panel = PANELS[toggle.getAttribute("data-q2030-menu")];
    if (!panel) { return; }
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();
      toggle.blur();
      var sidebar = document.getElementById(panel.sidebar);
      // On a wide screen the left sidebar is beside the page: the button folds it away.
      if (panel === PANELS.primary && window.matchMedia(WIDE).matches && sidebar) {
        sidebar.classList.toggle("pst-sidebar-hidden");
        toggle.focus();
        return;
      }
      open(toggle, panel);
    });
  }

  function setup() {
    document.querySelectorAll("button[data-q2030-menu]").forEach(bind);
    Object.keys(PANELS).forEach(function (key) {
      var dialog = document.getElementById(PANELS[key].dialog);
      if (!dialog) { return; }
      // Sphinx's highlight script swallows Escape; close the dialog ourselves.
      dialog.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && dialog.open) {
          event.preventDefault();
          dialog.close();
        }
      });
      dialog.addEventListener("click", function (event) {
        if (event.target === dialog) {
          var box = dialog.getBoundingClientRect();
          var inside = event.clientX >= box.left && event.clientX <= box.right &&
                       event.clientY >= box.top && event.clientY <= box.bottom;
          if (!inside) { dialog.close(); }
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
