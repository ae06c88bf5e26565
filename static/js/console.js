// The super admin console: draws "orders and GMV per day" charts from json_script data.
(function () {
  "use strict";
  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var inr = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR" });
    new Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          { type: "bar", label: canvas.dataset.gmv || "GMV (₹)", data: data.gmv.map(Number), yAxisID: "gmv", backgroundColor: "rgba(21,128,61,.35)" },
          { type: "line", label: canvas.dataset.orders || "Orders", data: data.orders, yAxisID: "orders", borderColor: "#0369a1", tension: .25 }
        ]
      },
      options: {
        maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          gmv: { position: "left", beginAtZero: true, ticks: { callback: function (v) { return inr.format(v); } } },
          orders: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { precision: 0 } }
        },
        plugins: { tooltip: { callbacks: { label: function (ctx) {
          return ctx.dataset.yAxisID === "gmv" ? "GMV " + inr.format(ctx.parsed.y) : (canvas.dataset.orders || "Orders") + " " + ctx.parsed.y;
        } } } }
      }
    });
  }
  function init() { document.querySelectorAll("canvas[data-chart]").forEach(draw); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
