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

// Checkout with delivery and pickup: hide the address fields while pickup is chosen (the server does not
// need them for pickup; without JavaScript they simply stay visible and optional).
(function () {
  "use strict";
  var choice = document.getElementById("fulfilment-choice");
  var address = document.getElementById("address-fields");
  if (!choice || !address) return;
  function sync() {
    var picked = choice.querySelector("input[type=radio]:checked");
    address.hidden = !!picked && picked.value === "PICKUP";
  }
  choice.addEventListener("change", sync);
  sync();
})();
