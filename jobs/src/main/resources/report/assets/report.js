/*
 * Draws the charts of a Schoolaanwezigheid Monitor report page with Chart.js. Each
 * <canvas data-chart="..."> holds its data as JSON (written by ReportSite); nothing is fetched.
 * When every chart is drawn, <body data-charts-rendered="N"> tells a headless check so;
 * a chart that fails is logged with console.error (the check fails on it).
 */
(function () {
  'use strict';
  var nl = function (v) {
    return v === null || v === undefined ? 'x' : Number(v).toLocaleString('nl-NL', {maximumFractionDigits: 1});
  };

  // A pyramid: one horizontal bar per tier, centred on zero, tier 3 at the top. The scale is
  // fixed at 100% wide so the actual pyramid and the norm pyramid can be compared by eye.
  function pyramid(spec) {
    return {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: [{
          label: spec.title,
          data: spec.values.map(function (v) { return v === null ? null : [-v / 2, v / 2]; }),
          backgroundColor: spec.colours,
          borderColor: '#333333',
          borderWidth: 1,
          barPercentage: 1.0,
          categoryPercentage: 0.96
        }]
      },
      options: {
        indexAxis: 'y',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: {min: -50, max: 50, ticks: {display: false}, grid: {display: false}, border: {display: false}},
          y: {grid: {display: false}}
        },
        plugins: {
          legend: {display: false},
          title: {display: true, text: spec.title},
          tooltip: {callbacks: {label: function (ctx) {
            var v = spec.values[ctx.dataIndex];
            return spec.title + ': ' + nl(v) + '%';
          }}}
        }
      }
    };
  }

  function trend(spec) {
    return {
      type: 'line',
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s) {
          return {
            label: s.label, data: s.values, borderColor: s.colour, backgroundColor: s.colour,
            borderDash: s.dashed ? [6, 4] : [], pointRadius: 2, spanGaps: false, tension: 0
          };
        })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: {mode: 'index', intersect: false},
        scales: {y: {beginAtZero: true, title: {display: true, text: '%'}}, x: {title: {display: true, text: 'week vanaf'}}},
        plugins: {tooltip: {callbacks: {label: function (ctx) { return ctx.dataset.label + ': ' + nl(ctx.raw); }}}}
      }
    };
  }

  var builders = {pyramid: pyramid, trend: trend};
  var canvases = document.querySelectorAll('canvas[data-chart]');
  var rendered = 0;
  canvases.forEach(function (canvas) {
    try {
      var spec = JSON.parse(canvas.getAttribute('data-chart'));
      new Chart(canvas, builders[spec.kind](spec));
      canvas.setAttribute('data-rendered', 'true');
      rendered++;
    } catch (e) {
      canvas.setAttribute('data-render-error', String(e));
      console.error('Chart not drawn: ' + e);
    }
  });
  document.body.setAttribute('data-charts', String(canvases.length));
  document.body.setAttribute('data-charts-rendered', String(rendered));
})();
