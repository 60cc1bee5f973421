/*
 * Draws the charts of a Schoolaanwezigheid Monitor report page with Chart.js. Each
 * <canvas data-chart="..."> holds its data as JSON (written by ReportSite or ResearchReport);
 * nothing is fetched.
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

  // A forest plot of a research report: per predictor its 95% interval as a floating bar and its
  // odds ratio as a point, on a logarithmic scale with a dashed line at OR 1.
  function forest(spec) {
    var orOne = {
      id: 'orOne',
      afterDatasetsDraw: function (chart) {
        var x = chart.scales.x.getPixelForValue(1);
        var area = chart.chartArea;
        var ctx = chart.ctx;
        ctx.save();
        ctx.strokeStyle = '#555555';
        ctx.setLineDash([4, 4]);
        ctx.beginPath();
        ctx.moveTo(x, area.top);
        ctx.lineTo(x, area.bottom);
        ctx.stroke();
        ctx.restore();
      }
    };
    var text = function (i) {
      return 'OR ' + nl2(spec.values[i]) + ' (' + nl2(spec.low[i]) + '–' + nl2(spec.high[i]) + ')';
    };
    return {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: [{
          type: 'bar', label: '95%-interval', backgroundColor: '#9dbbd6', borderColor: '#1f4e79', borderWidth: 1,
          barPercentage: 0.35, data: spec.low.map(function (low, i) {
            return low === null || spec.high[i] === null ? null : [low, spec.high[i]];
          })
        }, {
          type: 'line', label: 'Odds ratio', indexAxis: 'y', data: spec.values, showLine: false,
          pointRadius: 4, pointBackgroundColor: '#1f4e79', borderColor: '#1f4e79'
        }]
      },
      options: {
        indexAxis: 'y',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {x: {
          type: 'logarithmic', min: Math.min.apply(null, known(spec.low).concat([1])) / 1.25,
          max: Math.max.apply(null, known(spec.high).concat([1])) * 1.25,
          title: {display: true, text: 'odds ratio (logaritmische schaal)'},
          // Only 1, 2 and 5 times a power of ten: the other ticks of a log scale crowd the axis.
          ticks: {callback: function (v) {
            var m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
            return [1, 2, 5].some(function (n) { return Math.abs(m - n) < 1e-6; })
              ? Number(v).toLocaleString('nl-NL', {maximumSignificantDigits: 2}) : '';
          }}
        }},
        plugins: {tooltip: {callbacks: {label: function (ctx) { return text(ctx.dataIndex); }}}}
      },
      plugins: [orOne]
    };
  }

  // Calibration by decile: mean predicted against observed (%), with the diagonal of a perfect model.
  function calibration(spec) {
    var points = spec.predicted.map(function (p, i) { return {x: p, y: spec.observed[i]}; });
    var top = Math.max.apply(null, known(spec.predicted.concat(spec.observed)).concat([1]));
    return {
      type: 'scatter',
      data: {
        datasets: [{
          label: 'Deciel: voorspeld tegen waargenomen', data: points, showLine: true, borderColor: '#c62828',
          backgroundColor: '#c62828', pointRadius: 4
        }, {
          label: 'Perfect gekalibreerd', data: [{x: 0, y: 0}, {x: top, y: top}], showLine: true, pointRadius: 0,
          borderColor: '#7f7f7f', borderDash: [6, 4]
        }]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: {min: 0, title: {display: true, text: 'voorspeld (%)'}},
          y: {min: 0, title: {display: true, text: 'waargenomen (%)'}}
        },
        plugins: {tooltip: {callbacks: {label: function (ctx) {
          return ctx.datasetIndex === 0
            ? 'Deciel ' + spec.labels[ctx.dataIndex] + ': voorspeld ' + nl(ctx.raw.x) + '%, waargenomen ' + nl(ctx.raw.y) + '%'
            : ctx.dataset.label;
        }}}}
      }
    };
  }

  var known = function (values) { return values.filter(function (v) { return v !== null; }); };
  var nl2 = function (v) {
    return v === null || v === undefined ? '–' : Number(v).toLocaleString('nl-NL', {minimumFractionDigits: 2, maximumFractionDigits: 2});
  };

  var builders = {pyramid: pyramid, trend: trend, forest: forest, calibration: calibration};
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
