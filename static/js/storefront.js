// Storefront: keep the "Place order" button from being pressed twice while the order is sent.
// (The server is idempotent anyway: the form's signed token makes a double submit one order.)
(function () {
  "use strict";
  var form = document.getElementById("checkout-form");
  if (!form) return;
  form.addEventListener("submit", function () {
    var button = document.getElementById("place-order");
    if (button) {
      window.setTimeout(function () { button.disabled = true; button.setAttribute("aria-busy", "true"); }, 0);
    }
  });
})();
