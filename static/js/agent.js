// WebDPro agent phone view: share the agent's location while a delivery is in transit.
(function () {
  "use strict";
  var box = document.querySelector("[data-location-url]");
  if (!box) { return; }
  var url = box.getAttribute("data-location-url");
  var text = box.querySelector(".location-text");
  var INTERVAL = 60000;
  var lastSent = 0;
  var latest = null;
  var stopped = false;
  var watchId = null;

  function words(key, fallback) { return box.dataset[key] || fallback; }
  function say(state, message) {
    box.setAttribute("data-state", state);
    text.textContent = message;
  }
  function csrf() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }
  function stop(message) {
    stopped = true;
    if (watchId !== null) { navigator.geolocation.clearWatch(watchId); }
    say("off", message);
  }
  function send(force) {
    if (stopped || !latest) { return; }
    var now = Date.now();
    if (!force && now - lastSent < INTERVAL) { return; }
    lastSent = now;
    var c = latest.coords;
    var body = new URLSearchParams({ lat: c.latitude.toFixed(6), lng: c.longitude.toFixed(6),
                                     accuracy: c.accuracy ? c.accuracy.toFixed(1) : "" });
    fetch(url, { method: "POST", body: body, credentials: "same-origin",
                 headers: { "X-CSRFToken": csrf(), "X-Requested-With": "fetch" } })
      .then(function (r) {
        if (r.status === 409) { stop(words("stopped", "Delivery no longer in transit — location sharing stopped.")); return; }
        if (!r.ok) { say("error", words("sendFailed", "Could not send your location (will retry).")); lastSent = 0; return; }
        var t = new Date();
        var sent = t.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
        say("on", words("sharing", "Sharing your location with the store · sent %(time)s").replace("%(time)s", sent));
      })
      .catch(function () { say("error", words("offline", "No connection — will send your location when you're back online.")); lastSent = 0; });
  }
  if (!("geolocation" in navigator)) {
    say("off", words("unsupported", "This phone's browser cannot share location. Deliveries still work."));
    return;
  }
  say("wait", words("asking", "Asking for your location…"));
  watchId = navigator.geolocation.watchPosition(function (position) {
    latest = position;
    send(false);
  }, function (error) {
    if (error.code === 1) {
      stop(words("denied", "Location permission denied — the store can't see where you are. Allow location for this site in your browser settings, then reload."));
    } else {
      say("error", words("noFix", "Can't find your location right now (GPS off or weak signal). Will keep trying."));
    }
  }, { enableHighAccuracy: true, maximumAge: 30000, timeout: 30000 });
  // watchPosition fires only on movement: resend the latest fix every minute while the page is open.
  setInterval(function () { send(true); }, INTERVAL);
})();
// One tap, one step: a second tap while the page is submitting does nothing.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.getAttribute("data-submitting")) { event.preventDefault(); return; }
  form.setAttribute("data-submitting", "1");
  setTimeout(function () { form.removeAttribute("data-submitting"); }, 8000);
});
// Paid by UPI at the door: the cash box is not needed.
(function () {
  var form = document.getElementById("deliver-form");
  if (!form) { return; }
  var cash = form.querySelector(".cash-field");
  function sync() {
    var upi = form.querySelector("input[name=method][value=UPI]");
    if (cash && upi) { cash.hidden = upi.checked; }
  }
  form.addEventListener("change", sync);
  sync();
})();
