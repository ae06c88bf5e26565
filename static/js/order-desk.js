// Order desk: "N new orders just arrived", the poller's "since" (the newest row on screen), select all.
(function () {
  "use strict";
  document.body.addEventListener("orders:new", function (event) {
    var note = document.getElementById("new-orders-note");
    if (!note) return;
    var n = event.detail.value;
    var text = n === 1 ? note.dataset.one : note.dataset.many;
    note.textContent = (text || "%(n)s new orders just arrived").replace("%(n)s", n);
  });
  document.body.addEventListener("htmx:configRequest", function (event) {
    if (!event.detail.elt || event.detail.elt.id !== "order-poller") return;
    var newest = document.querySelector("#order-rows tr[data-created]");
    if (newest) { event.detail.parameters.since = newest.dataset.created; }
  });
  document.addEventListener("change", function (event) {
    var all = event.target.closest("[data-select-all]");
    if (!all) return;
    document.querySelectorAll("input[name='" + all.getAttribute("data-select-all") + "']").forEach(function (box) {
      box.checked = all.checked;
    });
  });
})();
