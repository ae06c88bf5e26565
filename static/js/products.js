// WebDPro products: select-all for bulk actions, and the sales/forecast chart on a product page.
(function () {
  "use strict";
  function selected() { return document.querySelectorAll('input[name="ids"][form="bulk-form"]:checked').length; }
  function updateCount() {
    var label = document.querySelector("[data-selected-count]");
    if (!label) return;
    if (!label.dataset.empty) { label.dataset.empty = label.textContent; }
    var n = selected();
    label.textContent = n ? (label.dataset.selected || "%(n)s selected:").replace("%(n)s", n) : label.dataset.empty;
  }
  document.addEventListener("change", function (event) {
    var t = event.target;
    if (t.matches && t.matches("[data-select-all]")) {
      document.querySelectorAll('input[name="ids"][form="bulk-form"]').forEach(function (box) { box.checked = t.checked; });
    }
    if (t.matches && (t.matches("[data-select-all]") || t.matches('input[name="ids"]'))) { updateCount(); }
  });
  document.addEventListener("submit", function (event) {
    if (event.target.id === "bulk-form" && !selected()) {
      event.preventDefault();
      var label = document.querySelector("[data-selected-count]");
      if (label) { label.textContent = label.dataset.pickFirst || "Select at least one product first."; }
    }
  });

  function drawChart() {
    var canvas = document.getElementById("forecast-chart");
    var source = document.getElementById("forecast-data");
    if (!canvas || !source || typeof window.Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    if (!data.labels || !data.labels.length) { return; }
    var words = canvas.dataset;
    new window.Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          { type: "bar", label: words.unitsSold || "Units sold", data: data.sales, backgroundColor: "rgba(15,118,110,.55)", yAxisID: "y" },
          { type: "line", label: words.forecast || "Forecast (units/day)", data: data.forecast, borderColor: "#f59e0b", borderDash: [6, 4],
            pointRadius: 0, spanGaps: false, yAxisID: "y" },
          { type: "line", label: words.projectedStock || "Projected stock", data: data.stock, borderColor: "#b91c1c", pointRadius: 0, yAxisID: "y1" }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { ticks: { maxTicksLimit: 8 } },
          y: { beginAtZero: true, title: { display: true, text: words.unitsDay || "units a day" } },
          y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: words.stock || "stock" } }
        }
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", drawChart); } else { drawChart(); }
})();
