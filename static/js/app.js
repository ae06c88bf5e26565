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
  // htmx 2 does not swap 4xx/5xx by default: show validation fragments (422/400/409) in place.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 400 || status === 409 || status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
