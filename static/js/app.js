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
  // htmx 2 does not swap 4xx/5xx by default: show validation fragments (422/400/409) in place.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 400 || status === 409 || status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  // A region that renders its own refusals (sign-in: 403, 404, 429 with a message) opts in to having
  // every 4xx swapped with data-swap-errors on the target or the requesting element.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    var elt = event.detail.elt || event.target;
    var optedIn = (event.target.closest && event.target.closest("[data-swap-errors]")) ||
      (elt && elt.closest && elt.closest("[data-swap-errors]"));
    if (status >= 400 && status < 500 && optedIn) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
