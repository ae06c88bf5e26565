// Razorpay Checkout (real mode only): open it, hand a successful result to our callback form.
(function () {
  "use strict";
  var button = document.getElementById("rzp-pay");
  var data = document.getElementById("rzp-options");
  var form = document.getElementById("rzp-callback");
  var failed = document.getElementById("rzp-failed");
  if (!button || !data || !form || typeof window.Razorpay !== "function") {
    if (button) { button.disabled = true; button.textContent = button.dataset.unavailable || "Payments are unavailable right now. Reload to try again."; }
    return;
  }
  var options = JSON.parse(data.textContent);
  options.handler = function (response) {
    // razorpay_payment_id, razorpay_signature and razorpay_order_id (orders) or razorpay_subscription_id
    Object.keys(response).forEach(function (name) {
      if (name.indexOf("razorpay_") !== 0) { return; }
      var input = form.elements[name];
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        form.appendChild(input);
      }
      input.value = response[name];
    });
    button.disabled = true;
    button.textContent = button.dataset.confirming || "Confirming your payment…";
    form.submit();
  };
  options.modal = { ondismiss: function () { button.disabled = false; } };
  function open() {
    var checkout = new window.Razorpay(options);
    checkout.on("payment.failed", function (response) {
      failed.hidden = false;
      var reason = (response.error && response.error.description) || failed.dataset.tryAgain || "please try again";
      var message = failed.dataset.failed || "Payment failed: %(reason)s. No money was taken — you can retry.";
      failed.textContent = message.replace("%(reason)s", reason);
      button.disabled = false;
      button.textContent = button.dataset.retry || "Retry payment";
    });
    checkout.open();
  }
  button.addEventListener("click", function () { button.disabled = true; open(); });
})();
