// Owner dashboard home: the 30-day revenue chart (Chart.js, vendored). Data comes from json_script.
(function () {
  "use strict";
  function draw() {
    var canvas = document.getElementById("revenue-chart");
    var source = document.getElementById("revenue-data");
    if (!canvas || !source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var rupees = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", maximumFractionDigits: 0 });
    new Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          { type: "bar", label: "Revenue", data: data.revenue.map(Number), backgroundColor: "#0f766e", yAxisID: "y" },
          { type: "line", label: "Orders", data: data.orders, borderColor: "#f59e0b", backgroundColor: "#f59e0b",
            tension: 0.3, pointRadius: 2, yAxisID: "y1" }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          y: { beginAtZero: true, ticks: { callback: function (v) { return rupees.format(v); } } },
          y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, ticks: { precision: 0 } }
        },
        plugins: { tooltip: { callbacks: { label: function (ctx) {
          return ctx.dataset.yAxisID === "y" ? "Revenue " + rupees.format(ctx.parsed.y) : "Orders " + ctx.parsed.y;
        } } } }
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
