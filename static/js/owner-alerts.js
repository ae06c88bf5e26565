// New-order alerts on every owner page: polls /dashboard/orders/alerts/ every few seconds (the same
// interval as the order desk), shows the orders waiting for acceptance in the navigation, and for each
// new order an in-page alert, a short sound (static/audio/new-order.wav, generated: two sine tones,
// 8 kHz, 8-bit) and a browser notification (permission asked once, on the first click on the page).
(function () {
  "use strict";
  var root = document.getElementById("owner-alerts");
  if (!root || !window.fetch) return;
  var url = root.getAttribute("data-url");
  var every = parseInt(root.getAttribute("data-every"), 10) * 1000 || 15000;
  var since = root.getAttribute("data-since");
  var sound = root.getAttribute("data-sound");
  var list = document.getElementById("owner-alert-list");
  var ASKED = "webdpro.notifications.asked";

  function askOnce() {
    if (!("Notification" in window) || Notification.permission !== "default") return;
    try { if (window.localStorage.getItem(ASKED)) return; window.localStorage.setItem(ASKED, "1"); } catch (e) { /* private mode */ }
    Notification.requestPermission();
  }
  document.addEventListener("click", askOnce, { once: true });

  function setCount(count) {
    var badge = document.getElementById("nav-awaiting");
    if (!badge) return;
    badge.textContent = count;
    badge.hidden = !count;
    badge.setAttribute("aria-label", badge.getAttribute("data-label").replace("%s", count));
  }

  function show(order) {
    var item = document.createElement("div");
    item.className = "alert alert-info owner-alert";
    item.setAttribute("role", "alert");
    var link = document.createElement("a");
    link.href = order.url;
    link.textContent = order.text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn btn-ghost btn-sm";
    close.textContent = "×";
    close.setAttribute("aria-label", root.getAttribute("data-dismiss"));
    close.addEventListener("click", function () { item.remove(); });
    item.appendChild(link);
    item.appendChild(close);
    list.insertBefore(item, list.firstChild);
  }

  function notify(orders) {
    if (sound) { try { new Audio(sound).play().catch(function () {}); } catch (e) { /* no audio */ } }
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    orders.forEach(function (order) {
      try { new Notification(order.text, { tag: order.ref }); } catch (e) { /* not allowed here */ }
    });
  }

  function poll() {
    fetch(url + "?since=" + encodeURIComponent(since), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        setCount(data.awaiting);
        if (data.orders.length) {
          since = data.latest;
          data.orders.slice().reverse().forEach(show);
          notify(data.orders);
          document.body.dispatchEvent(new CustomEvent("orders:alert", { detail: data }));
        }
      })
      .catch(function () { /* offline for a moment: the next poll catches up */ });
  }
  poll();
  window.setInterval(poll, every);
})();
