// The loss surface as a heat map with contour lines (marching squares), and the path of gradient descent on it,
// drawn on a plain canvas: uPlot has no contours.
(function () {
  'use strict';

  var VIRIDIS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

  function color(t, alpha) {
    t = Math.max(0, Math.min(1, t));
    var s = t * (VIRIDIS.length - 1), i = Math.min(VIRIDIS.length - 2, Math.floor(s)), f = s - i;
    var a = VIRIDIS[i], b = VIRIDIS[i + 1];
    var c = [0, 1, 2].map(function (k) { return Math.round(a[k] + (b[k] - a[k]) * f); });
    return alpha === undefined ? c : 'rgba(' + c[0] + ',' + c[1] + ',' + c[2] + ',' + alpha + ')';
  }

  // Levels spaced evenly in log(loss − min): a quadratic bowl's rings stay readable from the valley floor up.
  function levels(min, max, count) {
    var span = max - min;
    if (!(span > 0)) return [];
    var lo = Math.log(span * 1e-4), hi = Math.log(span), out = [];
    for (var i = 1; i <= count; i++) out.push(min + Math.exp(lo + (hi - lo) * i / (count + 1)));
    return out;
  }

  // Segments of the level line z = level over the grid z[j][i] (j along b, i along w), in grid coordinates.
  function march(z, level) {
    var segs = [], nb = z.length, nw = z[0].length;
    for (var j = 0; j < nb - 1; j++) {
      for (var i = 0; i < nw - 1; i++) {
        var a = z[j][i], b = z[j][i + 1], c = z[j + 1][i + 1], d = z[j + 1][i];
        var idx = (a > level ? 1 : 0) | (b > level ? 2 : 0) | (c > level ? 4 : 0) | (d > level ? 8 : 0);
        if (idx === 0 || idx === 15) continue;
        // crossing points on the four edges: bottom (a-b), right (b-c), top (d-c), left (a-d)
        var e = [
          [i + (level - a) / (b - a), j],
          [i + 1, j + (level - b) / (c - b)],
          [i + (level - d) / (c - d), j + 1],
          [i, j + (level - a) / (d - a)]
        ];
        var pairs = {1: [[3, 0]], 2: [[0, 1]], 3: [[3, 1]], 4: [[1, 2]], 5: [[3, 2], [0, 1]], 6: [[0, 2]],
          7: [[3, 2]], 8: [[2, 3]], 9: [[0, 2]], 10: [[0, 3], [1, 2]], 11: [[1, 2]], 12: [[1, 3]], 13: [[0, 1]],
          14: [[0, 3]]}[idx];
        for (var p = 0; p < pairs.length; p++) segs.push([e[pairs[p][0]], e[pairs[p][1]]]);
      }
    }
    return segs;
  }

  function ticks(lo, hi, n) {
    var step = Math.pow(10, Math.floor(Math.log10((hi - lo) / n)));
    var err = (hi - lo) / n / step;
    step *= err >= 5 ? 10 : err >= 2 ? 5 : err >= 1.5 ? 2 : 1;
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + 1e-12 * step; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }

  function fmt(v) {
    var s = Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(1) : String(+v.toPrecision(4));
    return s;
  }

  // Draws the surface s = {w, b, loss, optimum} and the steps 0..k of path (each [w, b]) on canvas.
  function draw(canvas, s, path, k, opts) {
    opts = opts || {};
    var ctx = canvas.getContext('2d'), W = canvas.width, H = canvas.height;
    var m = {l: 56, r: 12, t: 10, b: 34}, pw = W - m.l - m.r, ph = H - m.t - m.b;
    ctx.clearRect(0, 0, W, H);
    var nw = s.w.length, nb = s.b.length, w0 = s.w[0], w1 = s.w[nw - 1], b0 = s.b[0], b1 = s.b[nb - 1];
    var min = Infinity, max = -Infinity;
    for (var j = 0; j < nb; j++) for (var i = 0; i < nw; i++) {
      var v = s.loss[j][i];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    var X = function (w) { return m.l + (w - w0) / (w1 - w0) * pw; };
    var Y = function (b) { return m.t + ph - (b - b0) / (b1 - b0) * ph; };

    // heat map, one pixel per grid point, scaled up smoothly
    var img = document.createElement('canvas');
    img.width = nw; img.height = nb;
    var ic = img.getContext('2d'), data = ic.createImageData(nw, nb), lspan = Math.log1p((max - min) / Math.max(min, 1e-300 + (max - min) * 1e-6));
    for (j = 0; j < nb; j++) for (i = 0; i < nw; i++) {
      var t = Math.log1p((s.loss[j][i] - min) / Math.max(min, (max - min) * 1e-6)) / lspan;
      var c = color(1 - t), o = ((nb - 1 - j) * nw + i) * 4;
      data.data[o] = c[0]; data.data[o + 1] = c[1]; data.data[o + 2] = c[2]; data.data[o + 3] = 70;
    }
    ic.putImageData(data, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(img, m.l, m.t, pw, ph);

    // contour lines
    var ls = levels(min, max, 14);
    ctx.lineWidth = 1;
    for (var q = 0; q < ls.length; q++) {
      ctx.strokeStyle = color(1 - q / ls.length, 0.9);
      ctx.beginPath();
      var segs = march(s.loss, ls[q]);
      for (var g = 0; g < segs.length; g++) {
        var p0 = segs[g][0], p1 = segs[g][1];
        ctx.moveTo(m.l + p0[0] / (nw - 1) * pw, m.t + ph - p0[1] / (nb - 1) * ph);
        ctx.lineTo(m.l + p1[0] / (nw - 1) * pw, m.t + ph - p1[1] / (nb - 1) * ph);
      }
      ctx.stroke();
    }

    // axes
    ctx.strokeStyle = '#8a93a3'; ctx.fillStyle = '#3a4252'; ctx.font = '11px system-ui, sans-serif';
    ctx.strokeRect(m.l, m.t, pw, ph);
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    ticks(w0, w1, 6).forEach(function (v) {
      var x = X(v); ctx.beginPath(); ctx.moveTo(x, m.t + ph); ctx.lineTo(x, m.t + ph + 4); ctx.stroke();
      ctx.fillText(fmt(v), x, m.t + ph + 6);
    });
    ctx.fillText(opts.wLabel || 'w', m.l + pw / 2, H - 13);
    ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
    ticks(b0, b1, 5).forEach(function (v) {
      var y = Y(v); ctx.beginPath(); ctx.moveTo(m.l - 4, y); ctx.lineTo(m.l, y); ctx.stroke();
      ctx.fillText(fmt(v), m.l - 6, y);
    });
    ctx.save(); ctx.translate(12, m.t + ph / 2); ctx.rotate(-Math.PI / 2); ctx.textAlign = 'center';
    ctx.fillText(opts.bLabel || 'b', 0, 0); ctx.restore();

    // the path, clipped to the plot: a diverging one leaves it
    ctx.save();
    ctx.beginPath(); ctx.rect(m.l, m.t, pw, ph); ctx.clip();
    var clamp = function (v) { return Math.max(-1e6, Math.min(1e6, v)); };
    var pts = [];
    for (var n = 0; n <= Math.min(k, path.length - 1); n++) {
      var pw_ = path[n];
      if (pw_ == null || pw_[0] == null || pw_[1] == null) break;
      pts.push([clamp(X(pw_[0])), clamp(Y(pw_[1]))]);
    }
    ctx.strokeStyle = opts.diverged ? '#c62828' : '#ffffff'; ctx.lineWidth = 3.5;
    ctx.beginPath();
    pts.forEach(function (p, idx) { if (idx === 0) ctx.moveTo(p[0], p[1]); else ctx.lineTo(p[0], p[1]); });
    ctx.stroke();
    ctx.strokeStyle = opts.diverged ? '#7f1d1d' : '#d84315'; ctx.lineWidth = 1.6;
    ctx.stroke();
    ctx.fillStyle = opts.diverged ? '#7f1d1d' : '#d84315';
    pts.forEach(function (p) { ctx.beginPath(); ctx.arc(p[0], p[1], 2.2, 0, 2 * Math.PI); ctx.fill(); });
    if (pts.length) {
      var cur = pts[pts.length - 1];
      ctx.beginPath(); ctx.arc(cur[0], cur[1], 5, 0, 2 * Math.PI);
      ctx.fillStyle = '#fff'; ctx.fill(); ctx.lineWidth = 2; ctx.stroke();
    }
    if (s.optimum) {
      var ox = X(s.optimum.w), oy = Y(s.optimum.b);
      ctx.strokeStyle = '#111'; ctx.lineWidth = 2;
      ctx.beginPath(); ctx.moveTo(ox - 6, oy - 6); ctx.lineTo(ox + 6, oy + 6); ctx.moveTo(ox - 6, oy + 6);
      ctx.lineTo(ox + 6, oy - 6); ctx.stroke();
    }
    ctx.restore();
  }

  window.Contours = {draw: draw, march: march, levels: levels};
})();
