// gradfit play: the page. It sends the settings to POST /api/run at every change, and draws the answer: every step
// of the run, computed by gradfit on the server. Step, play and reset move through those steps here.
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var info = null;          // GET /api/info
  var points = null;        // GET /api/data, sorted by x
  var run = null;           // the last POST /api/run answer
  var k = 0;                // the step shown
  var timer = null;         // play's interval
  var inFlight = false, pending = false, lastChange = 0;
  var lrRange = {lo: -6, hi: 1};
  var epochRange = {lo: 0, hi: Math.log10(5000)};
  var charts = {fit: null, loss: null};
  // Timings of each answer drawn, read by the browser test: server compute, round trip, drawing.
  window.playTimings = [];

  function num(v) {
    if (v === null || v === undefined) return '∞ / NaN';
    if (v === 0) return '0';
    var a = Math.abs(v);
    return a >= 1e5 || a < 1e-4 ? v.toExponential(4) : String(+v.toPrecision(5));
  }

  // Axis labels: 0.01 … 1000 as they are, powers of ten beyond as 1e5.
  function axisNum(v) {
    if (v == null) return '';
    var a = Math.abs(v);
    return a !== 0 && (a >= 1e4 || a < 1e-3) ? v.toExponential(0).replace('+', '') : String(+v.toPrecision(4));
  }

  function getJson(url) {
    return fetch(url, {headers: {'Accept': 'application/json'}}).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
        return body;
      });
    });
  }

  // ---- settings ---------------------------------------------------------------------------------------------

  function lrFromSlider() {
    var v = +$('lr').value / 1000;
    return +Math.pow(10, lrRange.lo + (lrRange.hi - lrRange.lo) * v).toPrecision(4);
  }

  function sliderFromLr(lr) {
    return Math.round((Math.log10(lr) - lrRange.lo) / (lrRange.hi - lrRange.lo) * 1000);
  }

  function setLr(lr) {
    $('lr').value = String(sliderFromLr(lr));
    $('lr').dataset.lr = String(lr);
    $('lr-value').textContent = num(lr);
  }

  function currentLr() {
    return +$('lr').dataset.lr;
  }

  function setEpochs(n) {
    $('epochs').value = String(n);
    $('epochs-slider').value = String(Math.round(Math.log10(n) / epochRange.hi * 1000));
  }

  function settings() {
    return {
      data: $('data').value,
      lr: currentLr(),
      epochs: Math.max(1, Math.min(info.limits.maxEpochs, Math.round(+$('epochs').value) || 1)),
      optimizer: $('optimizer').value,
      degree: +$('degree').value,
      standardize: $('standardize').checked,
      seed: Math.max(0, Math.round(+$('seed').value) || 0)
    };
  }

  function applyDefaults(d) {
    setLr(d.lr);
    setEpochs(d.epochs);
    $('optimizer').value = d.optimizer;
    $('degree').value = String(d.degree);
    $('degree-value').textContent = String(d.degree);
    $('standardize').checked = d.standardize;
    $('seed').value = String(d.seed);
  }

  // The slider spans at least 10⁻⁶ … 10 and always four decades below and one above the advisor's bound.
  function placeBound(bound) {
    var lb = Math.log10(bound);
    var lo = Math.min(-6, Math.floor(lb) - 4), hi = Math.max(1, Math.ceil(lb) + 1);
    if (lo !== lrRange.lo || hi !== lrRange.hi) {
      lrRange = {lo: lo, hi: hi};
      setLr(currentLr());
    }
    var f = (lb - lo) / (hi - lo);
    var track = $('lr-track'), thumb = 8; // the thumb's half width: its centre runs from thumb to width - thumb
    var x = thumb + f * (track.clientWidth - 2 * thumb);
    $('lr-bound').style.left = (x - 1) + 'px';
    $('lr-danger').style.left = x + 'px';
    $('lr-bound-label').textContent = 'advisor: stable below 2/λ_max = ' + num(bound) + ' (shaded: diverges)';
  }

  // ---- the server --------------------------------------------------------------------------------------------

  // One request at a time; changes made meanwhile are sent together as soon as the answer is in.
  function changed() {
    lastChange = performance.now();
    if (inFlight) { pending = true; return; }
    send();
  }

  function send() {
    inFlight = true; pending = false;
    var started = lastChange, sent = performance.now(), body = settings();
    fetch('/api/run', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)})
      .then(function (r) {
        return r.json().then(function (answer) {
          if (!r.ok) throw new Error(answer.error || ('HTTP ' + r.status));
          return answer;
        });
      })
      .then(function (answer) {
        var received = performance.now();
        run = answer;
        k = answer.steps.count - 1;
        stopPlaying();
        drawAll();
        var drawn = performance.now();
        $('status').textContent = '';
        requestAnimationFrame(function () {
          window.playTimings.push({serverMs: answer.serverMs, roundTripMs: received - sent,
            drawMs: drawn - received, toDrawnMs: drawn - started, toFrameMs: performance.now() - started,
            rows: points ? points.rows : 0, epochs: answer.settings.epochs});
        });
      })
      .catch(function (e) { $('status').textContent = 'error: ' + e.message; })
      .then(function () {
        inFlight = false;
        if (pending) send();
      });
  }

  // ---- drawing -----------------------------------------------------------------------------------------------

  function chartWidth(id) {
    return Math.max(300, $(id).parentNode.clientWidth - 20);
  }

  function evalCurve(coef, x) {
    var d = coef.length - 1, y = coef[d], p = 1;
    for (var j = 0; j < d; j++) { p *= x; y += coef[j] * p; }
    return y;
  }

  function makeFitChart() {
    if (charts.fit) charts.fit.destroy();
    var ys = points.y, ylo = Math.min.apply(null, ys), yhi = Math.max.apply(null, ys), pad = (yhi - ylo) * 0.15 || 1;
    var xs = points.x, xlo = xs[0], xhi = xs[xs.length - 1], xpad = (xhi - xlo) * 0.04 || 1;
    charts.fit = new uPlot({
      width: chartWidth('fit-chart'), height: 280,
      scales: {x: {time: false, range: [xlo - xpad, xhi + xpad]}, y: {range: [ylo - pad, yhi + pad]}},
      legend: {live: false},
      cursor: {drag: {x: false, y: false}},
      series: [
        {label: points.feature},
        {label: points.target, stroke: '#2a6fdb', fill: 'rgba(42,111,219,0.5)', paths: function () { return null; },
          points: {show: true, size: points.rows > 500 ? 3 : 7, stroke: '#2a6fdb', fill: 'rgba(42,111,219,0.45)'}},
        {label: 'fitted', stroke: '#d84315', width: 2.5, spanGaps: true, points: {show: false}}
      ],
      axes: [{label: points.feature}, {label: points.target}]
    }, fitData(), $('fit-chart'));
  }

  // x: the data's x and 200 points of the curve, merged in order (uPlot wants one ascending x).
  function fitData() {
    var xs = points.x, n = xs.length, xlo = xs[0], xhi = xs[n - 1], m = 200;
    var coef = run ? run.steps.coefficients[Math.min(k, run.steps.count - 1)] : null;
    var cx = [];
    for (var i = 0; i < m; i++) cx.push(xlo + (xhi - xlo) * i / (m - 1));
    var X = [], Yd = [], Yc = [], a = 0, b = 0;
    while (a < n || b < m) {
      if (b >= m || (a < n && xs[a] <= cx[b])) { X.push(xs[a]); Yd.push(points.y[a]); Yc.push(null); a++; }
      else { X.push(cx[b]); Yd.push(null); Yc.push(coef && coef.every(function (c) { return c !== null; })
        ? evalCurve(coef, cx[b]) : null); b++; }
    }
    return [X, Yd, Yc];
  }

  function makeLossChart() {
    if (charts.loss) charts.loss.destroy();
    charts.loss = new uPlot({
      width: chartWidth('loss-chart'), height: 280,
      scales: {x: {time: false}, y: {distr: 3}},
      legend: {live: false},
      cursor: {drag: {x: false, y: false}},
      series: [
        {label: 'step'},
        {label: 'loss (whole run)', stroke: 'rgba(216,67,21,0.25)', width: 1.5, points: {show: false}},
        {label: 'loss', stroke: '#d84315', width: 2, points: {show: false}},
        {label: 'least-squares optimum', stroke: '#2e7d32', width: 1.5, dash: [6, 4], points: {show: false}}
      ],
      axes: [{label: 'epoch', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000]}, {label: 'loss', values: function (u, vals) { return vals.map(axisNum); }, size: 56}],
      hooks: {draw: [function (u) {
        if (!run) return;
        var x = u.valToPos(k, 'x', true), ctx = u.ctx;
        ctx.save(); ctx.strokeStyle = 'rgba(42,111,219,0.7)'; ctx.lineWidth = 1; ctx.setLineDash([3, 3]);
        ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
        ctx.restore();
      }]}
    }, lossData(), $('loss-chart'));
  }

  // Losses ≤ 0 have no place on a log scale; a loss of exactly 0 is drawn at the smallest positive one.
  function lossData() {
    if (!run) return [[0], [null], [null], [null]];
    var L = run.steps.loss, n = L.length, X = [], all = [], upto = [], opt = [];
    var floor = Infinity;
    L.forEach(function (v) { if (v !== null && v > 0 && v < floor) floor = v; });
    var o = run.optimum.loss;
    if (o !== null && o > 0 && o < floor) floor = o;
    var pos = function (v) { return v === null ? null : v > 0 ? v : floor; };
    for (var i = 0; i < n; i++) {
      X.push(i); all.push(pos(L[i])); upto.push(i <= k ? pos(L[i]) : null); opt.push(o === null ? null : pos(o));
    }
    return [X, all, upto, opt];
  }

  function drawNumbers() {
    var s = run.steps, i = Math.min(k, s.count - 1), p = s.params[i], g = s.gradient[i], L = s.loss[i];
    $('step-index').textContent = String(i);
    $('step-count').textContent = String(s.count - 1);
    var names = run.model.features.map(function (f, j) { return run.model.features.length === 1 ? 'w' : 'w' + (j + 1) + ' (' + f + ')'; });
    names.push('b');
    var rows = names.map(function (nm, j) {
      return '<tr><th>' + nm + (run.model.standardized ? ' <span class="hint">standardized</span>' : '') +
        '</th><td data-value="' + p[j] + '">' + num(p[j]) + '</td></tr>';
    });
    $('params').innerHTML = rows.join('');
    var lossCell = $('loss');
    lossCell.textContent = L === null ? 'diverged (∞ / NaN)' : String(L);
    lossCell.dataset.value = String(L);
    lossCell.className = run.stop.diverged && i === s.count - 1 ? 'diverged-value' : '';
    var gn = g.every(function (v) { return v !== null; }) ? Math.sqrt(g.reduce(function (a, v) { return a + v * v; }, 0)) : null;
    $('gradient').textContent = gn === null ? '—' : '|g| = ' + num(gn) + '  (' + g.map(num).join(', ') + ')';
    var gap = L === null || run.optimum.loss === null ? null : L - run.optimum.loss;
    $('gap').textContent = gap === null ? '—' : num(gap) + (run.optimum.loss > 0 ? '  (' + num(100 * gap / run.optimum.loss) + '%)' : '');
    $('gap').dataset.value = String(gap);
    $('optimum').textContent = num(run.optimum.loss);
    $('optimum').dataset.value = String(run.optimum.loss);
    $('condition').textContent = num(run.advice.conditionNumber) +
      (run.model.standardized ? '' : '  (standardized: ' + num(run.advice.standardizedConditionNumber) + ')');
    $('bound').textContent = num(run.advice.maxStableLr) + '  (lr is ' + num(100 * run.settings.lr / run.advice.maxStableLr) + '% of it)';
    // the loop's printout, as the notebook prints it: epoch e is the update from step e to step e + 1
    var lines = [];
    for (var e = 0; e < i && e < s.count - 1; e++) lines.push('epoch: ' + e + ', loss: ' + (s.loss[e] === null ? 'inf' : String(s.loss[e])));
    $('log').textContent = lines.slice(-200).join('\n');
    $('log').scrollTop = $('log').scrollHeight;
  }

  function drawSurface() {
    var canvas = $('surface');
    var note = $('surface-note');
    if (!run.surface) {
      canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
      canvas.hidden = true;
      note.textContent = run.model.parameters === 2
        ? 'The loss surface is not available from this server.'
        : 'The loss surface is drawn for two parameters (w, b): set the degree to 1. This model has ' +
          run.model.parameters + '.';
      return;
    }
    canvas.hidden = false;
    var w = Math.max(300, canvas.parentNode.clientWidth - 20);
    if (canvas.width !== w) { canvas.width = w; canvas.height = Math.round(w * 0.62); }
    window.Contours.draw(canvas, run.surface, run.steps.params, k, {
      diverged: run.stop.diverged,
      wLabel: run.model.standardized ? 'w (on standardized x)' : 'w', bLabel: 'b'});
    note.textContent = '× least-squares optimum; the path runs from the initial weights (step 0) to step ' + k + '.';
  }

  function drawMessages() {
    var box = $('diverged');
    if (run.stop.diverged) {
      box.hidden = false;
      $('diverged-text').textContent = run.stop.explanation;
    } else {
      box.hidden = true;
    }
    $('verdict').textContent = 'Advisor: ' + run.advice.verdict;
  }

  function drawAll() {
    if (!run) return;
    placeBound(run.advice.maxStableLr);
    $('fit-kind').textContent = run.settings.degree === 1 ? 'line' : 'polynomial of degree ' + run.settings.degree;
    // setData with its scales reset: uPlot recomputes the paths only then (the scales' ranges are fixed anyway)
    charts.fit.setData(fitData());
    charts.loss.setData(lossData());
    drawNumbers();
    drawSurface();
    drawMessages();
  }

  function drawStep() {
    charts.fit.setData(fitData());
    charts.loss.setData(lossData());
    drawNumbers();
    drawSurface();
  }

  // ---- step, play, reset -------------------------------------------------------------------------------------

  function stopPlaying() {
    if (timer) { clearInterval(timer); timer = null; }
    $('play').textContent = 'play';
  }

  function step() {
    if (!run) return;
    stopPlaying();
    if (k < run.steps.count - 1) { k++; drawStep(); }
  }

  function play() {
    if (!run) return;
    if (timer) { stopPlaying(); return; }
    if (k >= run.steps.count - 1) k = 0;
    $('play').textContent = 'pause';
    var every = Math.max(16, Math.min(400, 4000 / run.steps.count));
    var per = Math.max(1, Math.round(run.steps.count * every / 4000));
    timer = setInterval(function () {
      k = Math.min(run.steps.count - 1, k + per);
      drawStep();
      if (k >= run.steps.count - 1) stopPlaying();
    }, every);
  }

  function reset() {
    if (!run) return;
    stopPlaying();
    k = 0;
    drawStep();
  }

  // ---- wiring ------------------------------------------------------------------------------------------------

  function loadData(id) {
    return getJson('/api/data?data=' + encodeURIComponent(id)).then(function (d) {
      var order = d.x.map(function (_, i) { return i; }).sort(function (a, b) { return d.x[a] - d.x[b]; });
      points = {x: order.map(function (i) { return d.x[i]; }), y: order.map(function (i) { return d.y[i]; }),
        rows: d.rows, shown: d.shown, feature: d.feature, target: d.target};
      makeFitChart();
      makeLossChart();
    });
  }

  function wire() {
    $('lr').addEventListener('input', function () {
      var lr = lrFromSlider();
      $('lr').dataset.lr = String(lr);
      $('lr-value').textContent = num(lr);
      changed();
    });
    $('epochs').addEventListener('input', function () {
      var n = Math.round(+$('epochs').value);
      if (n >= 1) { $('epochs-slider').value = String(Math.round(Math.log10(n) / epochRange.hi * 1000)); changed(); }
    });
    $('epochs-slider').addEventListener('input', function () {
      $('epochs').value = String(Math.round(Math.pow(10, +$('epochs-slider').value / 1000 * epochRange.hi)));
      changed();
    });
    $('degree').addEventListener('input', function () { $('degree-value').textContent = $('degree').value; changed(); });
    ['optimizer', 'standardize'].forEach(function (id) { $(id).addEventListener('change', changed); });
    // text fields: 'input' at each keystroke (a 'change' on leaving the field would send the same run again)
    $('seed').addEventListener('input', changed);
    $('data').addEventListener('change', function () {
      var d = info.data.filter(function (x) { return x.id === $('data').value; })[0];
      applyDefaults(d.defaults);
      loadData(d.id).then(changed);
    });
    $('step').addEventListener('click', step);
    $('play').addEventListener('click', play);
    $('reset').addEventListener('click', reset);
    window.addEventListener('resize', function () {
      if (!points) return;
      charts.fit.setSize({width: chartWidth('fit-chart'), height: 280});
      charts.loss.setSize({width: chartWidth('loss-chart'), height: 280});
      drawAll();
    });
  }

  getJson('/api/info').then(function (i) {
    info = i;
    epochRange.hi = Math.log10(i.limits.maxEpochs);
    $('epochs').max = String(i.limits.maxEpochs);
    $('degree').max = String(i.limits.maxDegree);
    i.data.forEach(function (d) {
      var o = document.createElement('option');
      o.value = d.id; o.textContent = d.title + ' (' + d.rows + ' rows)';
      $('data').appendChild(o);
    });
    applyDefaults(i.data[0].defaults);
    wire();
    return loadData(i.data[0].id);
  }).then(function () {
    changed();
  }).catch(function (e) { $('status').textContent = 'error: ' + e.message; });

  // For the browser test: the page has drawn an answer to the current settings.
  window.playReady = function () { return !!run && !inFlight && !pending; };
})();
