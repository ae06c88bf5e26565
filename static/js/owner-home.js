// Owner dashboard home: the 30-day revenue chart (Chart.js, vendored). Data comes from json_script.
(function () {
  "use strict";
  function draw() {
    var canvas = document.getElementById("revenue-chart");
    var source = document.getElementById("revenue-data");
    if (!canvas || !source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var words = { revenue: canvas.dataset.revenue || "Revenue", orders: canvas.dataset.orders || "Orders" };
    var rupees = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", maximumFractionDigits: 0 });
    var paise = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", minimumFractionDigits: 2 });
    var revenue = data.revenue.map(Number);
    // With no sales every value is 0: give the axes a sensible range instead of Chart.js's 0–1
    // (which, in whole rupees, reads ₹0 ₹0 ₹1 ₹1).
    var anyRevenue = revenue.some(function (v) { return v > 0; });
    var anyOrders = data.orders.some(function (v) { return v > 0; });
    new Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          { type: "bar", label: words.revenue, data: revenue, backgroundColor: "#0f766e", yAxisID: "y" },
          { type: "line", label: words.orders, data: data.orders, borderColor: "#f59e0b", backgroundColor: "#f59e0b",
            tension: 0.3, pointRadius: 2, yAxisID: "y1" }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          y: { beginAtZero: true, suggestedMax: anyRevenue ? undefined : 1000,
            ticks: { precision: 0, callback: function (v) { return rupees.format(v); } } },
          y1: { beginAtZero: true, suggestedMax: anyOrders ? undefined : 5, position: "right",
            grid: { drawOnChartArea: false }, ticks: { precision: 0 } }
        },
        plugins: { tooltip: { callbacks: { label: function (ctx) {
          return ctx.dataset.yAxisID === "y" ? words.revenue + " " + paise.format(ctx.parsed.y) : words.orders + " " + ctx.parsed.y;
        } } } }
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
