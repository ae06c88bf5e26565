// WebDPro: small progressive enhancements on top of server-rendered HTML + htmx.
(function () {
  "use strict";
  // Confirm dangerous actions: <button data-confirm="Cancel this order?">
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  // <button data-print> prints the page; <select data-autosubmit> submits its form when changed.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });
  document.addEventListener("change", function (event) {
    var select = event.target.closest("[data-autosubmit]");
    if (select && select.form) { select.form.submit(); }
  });
  // The top bar's menu is a <details>: closed on phones and tablets, kept open (and shown inline by CSS) from
  // 1024 px. Its "More" part is open inside the phone menu and a drop-down closed until asked for on a desktop.
  var wide = window.matchMedia ? window.matchMedia("(min-width: 1024px)") : null;
  var roomy = window.matchMedia ? window.matchMedia("(min-width: 900px)") : null;
  function syncMenu() {
    var isWide = !!(wide && wide.matches);
    document.querySelectorAll("details[data-navmenu]").forEach(function (menu) { menu.open = isWide; });
    document.querySelectorAll("details[data-more-menu]").forEach(function (menu) { menu.open = !isWide; });
  }
  function syncPanels() {
    if (roomy && roomy.matches) {
      document.querySelectorAll("details[data-open-wide]").forEach(function (panel) { panel.open = true; });
    }
  }
  [[wide, syncMenu], [roomy, syncPanels]].forEach(function (pair) {
    if (!pair[0]) { return; }
    pair[1]();
    if (pair[0].addEventListener) { pair[0].addEventListener("change", pair[1]); }
  });
  // Tapping outside closes the phone menu (on a desktop, the "More" drop-down); so does Escape.
  function closeOutside(target) {
    var selector = wide && wide.matches ? "details[data-more-menu][open]" : "details[data-navmenu][open]";
    document.querySelectorAll(selector).forEach(function (menu) {
      if (!target || !menu.contains(target)) { menu.open = false; }
    });
  }
  document.addEventListener("click", function (event) { closeOutside(event.target); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeOutside(null); }
  });
  // htmx 2 does not swap 4xx/5xx by default. Validation answers (400/409/422) are fragments for their
  // target and are always swapped in place; a region that renders its own refusals (sign-in: 403, 404,
  // 429 with a message) opts in to having every 4xx swapped with data-swap-errors on the target or the
  // requesting element.
  function optedIn(event) {
    var target = event.detail.target || event.target;
    var elt = event.detail.elt || event.target;
    return !!((target && target.closest && target.closest("[data-swap-errors]")) ||
      (elt && elt.closest && elt.closest("[data-swap-errors]")));
  }
  function swapsInPlace(event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 400 || status === 409 || status === 422) { return true; }
    return status >= 400 && status < 500 && optedIn(event);
  }
  // Under DEBUG, django-htmx's debug script replaces the whole document with any 400/403/404 answer
  // (meant for Django's technical error pages). Answers swapped in place never reach it: this listener
  // runs first (capture on window) and keeps the event from the document's listeners; htmx goes on.
  window.addEventListener("htmx:beforeOnLoad", function (event) {
    if (swapsInPlace(event)) { event.stopPropagation(); }
  }, true);
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (swapsInPlace(event)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
