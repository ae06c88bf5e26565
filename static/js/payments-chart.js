// Owner payments: COD due / collected / handed over per day (Chart.js, vendored). Redrawn after htmx swaps.
(function () {
  "use strict";
  var chart = null;
  function draw() {
    var canvas = document.getElementById("cod-chart");
    var source = document.getElementById("cod-chart-data");
    if (chart) { chart.destroy(); chart = null; }
    if (!canvas || !source || typeof window.Chart !== "function") { return; }
    var data = JSON.parse(source.textContent);
    var num = function (values) { return values.map(function (v) { return Number(v); }); };
    chart = new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: canvas.dataset.due || "Due", data: num(data.due), backgroundColor: "#cbd5e1" },
          { label: canvas.dataset.collected || "Collected", data: num(data.collected), backgroundColor: "#0f766e" },
          { label: canvas.dataset.handedOver || "Handed over", data: num(data.handed_over), backgroundColor: "#f59e0b" }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { beginAtZero: true, suggestedMax: 1000, ticks: { precision: 0, callback: function (v) { return "₹" + v.toLocaleString("en-IN"); } } } },
        plugins: { tooltip: { callbacks: { label: function (ctx) {
          return ctx.dataset.label + ": ₹" + ctx.parsed.y.toLocaleString("en-IN", { minimumFractionDigits: 2 });
        } } } }
      }
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
})();
