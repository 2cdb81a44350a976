// Charts drawn with the vendored Chart.js from JSON embedded in the page
// (<script type="application/json">: data, never code — the CSP runs no inline script).
(function () {
  "use strict";
  var css = getComputedStyle(document.documentElement);
  function typeColor(key) { return css.getPropertyValue("--t-" + key).trim() || "#888"; }
  function data(canvas) { return JSON.parse(document.getElementById(canvas.dataset.source).textContent); }

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#4a5466";
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  var draw = {
    // Events per year, stacked by codebook type.
    timeline: function (canvas, d) {
      return new Chart(canvas, {
        type: "bar",
        data: {
          labels: d.years,
          datasets: d.series.map(function (s) {
            return { label: s.label, data: s.counts, backgroundColor: typeColor(s.type), borderWidth: 0 };
          })
        },
        options: {
          scales: { x: { stacked: true, grid: { display: false } },
                    y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { position: "bottom", labels: { boxWidth: 10, boxHeight: 10 } },
                     tooltip: { mode: "index", intersect: false,
                                filter: function (item) { return item.raw > 0; } } }
        }
      });
    },
    // People trained per year (bars) and the running total (line).
    trained: function (canvas, d) {
      return new Chart(canvas, {
        data: {
          labels: d.map(function (r) { return r.year; }),
          datasets: [
            { type: "bar", label: "Trained that year", data: d.map(function (r) { return r.people; }),
              backgroundColor: typeColor("training"), yAxisID: "y" },
            { type: "line", label: "Cumulative", data: d.map(function (r) { return r.cumulative; }),
              borderColor: "#14213d", backgroundColor: "#14213d", tension: 0.2, yAxisID: "y" }
          ]
        },
        options: {
          scales: { x: { grid: { display: false } }, y: { beginAtZero: true } },
          plugins: { legend: { position: "bottom", labels: { boxWidth: 10, boxHeight: 10 } } }
        }
      });
    }
  };

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var kind = draw[canvas.dataset.chart];
    if (kind) { kind(canvas, data(canvas)); canvas.dataset.ready = "true"; }
  });
})();
