// spinmon's live page: one uPlot chart per view, fed by the run's analyses (Server-Sent Events while the
// run is monitored, the recorded analyses otherwise). No framework, no build step.
"use strict";

const COLORS = ["#c0392b", "#2465b3", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#2c3e50"];
const state = { analyses: [], health: [], charts: [], source: null, run: null, started: Date.now() };

function num(v) { return v === null || v === undefined || !isFinite(v) ? null : v; }
function pos(v) { v = num(v); return v !== null && v > 0 ? v : null; }
function fmt(v, d = 4) { return v === null || v === undefined ? "–" : Number(v).toPrecision(d); }

// A chart: a title, a note, series built from the analyses by `build`, which returns [x, ...ys], labels and,
// optionally, per-series styles (else the chart's `styles`).
function chart(title, note, opts) {
  const box = document.createElement("div");
  box.className = "chart";
  box.innerHTML = "<h2></h2><p></p>";
  box.querySelector("h2").textContent = title;
  box.querySelector("p").textContent = note;
  document.getElementById("charts").appendChild(box);
  const c = { box, opts, plot: null, labels: null };
  state.charts.push(c);
  return c;
}

function draw(c) {
  const built = c.opts.build();
  if (!built || built.data[0].length === 0) {
    return;
  }
  const key = built.labels.join("|");
  if (!c.plot || c.labels !== key) {
    if (c.plot) {
      c.plot.destroy();
    }
    const series = [{ label: c.opts.xLabel || "step" }].concat(built.labels.map((label, i) => ({
      label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true,
      points: { show: built.data[0].length < 60 },
      ...((built.styles || c.opts.styles || [])[i] || {}),
    })));
    c.plot = new uPlot({
      width: 560, height: 240, series,
      scales: { x: { time: false, distr: c.opts.logX ? 3 : 1 },
        y: c.opts.yRange ? { range: c.opts.yRange } : { distr: c.opts.logY ? 3 : 1 } },
      axes: [{ label: c.opts.xLabel || "step" }, { label: c.opts.yLabel || "" }],
    }, built.data, c.box);
    c.labels = key;
  } else {
    c.plot.setData(built.data);
  }
  // How many values there are, and how many x values a log axis cannot show (x ≤ 0 breaks uPlot's log
  // scale: the chart stays empty); tests read both.
  const xs = built.data[0];
  c.box.dataset.values = String(built.data.slice(1).reduce((n, ys) => n + ys.filter(y => y !== null).length, 0));
  c.box.dataset.badX = String(c.opts.logX ? xs.filter(x => !(x > 0)).length : 0);
  if (c.opts.note) {
    c.box.querySelector("p").textContent = c.opts.note();
  }
}

// A heatmap: layer (y, 1 at the bottom) × training step (x, log; each analysis a column up to the next step),
// colour from `lo` (light) to `hi` (dark) on a fixed scale; NaN cells are left blank. `cells` returns
// { steps, layers, value(a, layer) } built from the analyses.
function heatmap(title, note, opts) {
  const box = document.createElement("div");
  box.className = "chart heatmap";
  box.innerHTML = "<h2></h2><p></p><canvas width='560' height='240'></canvas><div class='legend'></div>";
  box.querySelector("h2").textContent = title;
  box.querySelector("p").textContent = note;
  box.querySelector(".legend").textContent = opts.legend;
  document.getElementById("charts").appendChild(box);
  const c = { box, opts, heat: true };
  state.charts.push(c);
  return c;
}

function paint(c) {
  const canvas = c.box.querySelector("canvas");
  const g = canvas.getContext("2d");
  g.clearRect(0, 0, canvas.width, canvas.height);
  const rows = later();
  const layers = rows.length ? c.opts.layers(rows[rows.length - 1]) : [];
  canvas.dataset.cells = "0";
  if (rows.length === 0 || layers.length === 0) {
    return;
  }
  const left = 56, bottom = 24, w = canvas.width - left - 8, h = canvas.height - bottom - 6;
  const x0 = Math.log(rows[0].step), x1 = Math.log(rows[rows.length - 1].step * 2);
  const x = s => left + w * (Math.log(s) - x0) / Math.max(x1 - x0, 1e-9);
  const bandH = h / layers.length;
  let cells = 0;
  g.font = "11px system-ui";
  g.fillStyle = "#333";
  layers.forEach((layer, k) => {
    const top = 6 + h - (k + 1) * bandH;
    g.fillText("layer " + layer, 2, top + bandH / 2 + 4);
    rows.forEach((a, i) => {
      const v = num(c.opts.value(a, layer));
      if (v === null) {
        return;
      }
      const t = Math.min(1, Math.max(0, (v - c.opts.lo) / (c.opts.hi - c.opts.lo)));
      g.fillStyle = `rgb(${Math.round(250 - 210 * t)}, ${Math.round(245 - 150 * t)}, ${Math.round(240 - 60 * t)})`;
      const end = i + 1 < rows.length ? rows[i + 1].step : a.step * 2;
      g.fillRect(x(a.step), top, Math.max(1, x(end) - x(a.step)), bandH - 1);
      cells++;
    });
  });
  g.fillStyle = "#333";
  [rows[0].step, rows[rows.length - 1].step].forEach(s => g.fillText("step " + s, Math.min(x(s), canvas.width - 70), canvas.height - 6));
  canvas.dataset.cells = String(cells);
}

// The lowest-energy inputs of the latest landscape, as 28×28 greyscale images (dark = high), one row per β.
function gallery(title, note) {
  const box = document.createElement("div");
  box.className = "chart gallery";
  box.innerHTML = "<h2></h2><p></p><div class='images'></div>";
  box.querySelector("h2").textContent = title;
  box.querySelector("p").textContent = note;
  document.getElementById("charts").appendChild(box);
  const c = { box, gallery: true, shown: null };
  state.charts.push(c);
  return c;
}

function latestLandscape() {
  const rows = ok().filter(a => a.landscape);
  return rows.length ? rows[rows.length - 1] : null;
}

function showImages(c) {
  const a = latestLandscape();
  const holder = c.box.querySelector(".images");
  if (!a || c.shown === a.step) {
    return;
  }
  c.shown = a.step;
  holder.innerHTML = "";
  const side = Math.round(Math.sqrt(a.landscape.input_dim));
  if (side * side !== a.landscape.input_dim) {
    c.box.querySelector("p").textContent = `step ${a.step}: inputs of dimension ${a.landscape.input_dim} are not`
      + " square images; their energies are in the JSON";
    holder.dataset.images = "0";
    return;
  }
  a.landscape.points.forEach(p => {
    const row = document.createElement("div");
    row.className = "image-row";
    row.textContent = `class ${p.class}, β ${p.beta}` + (p.equilibrated ? "" : " (not equilibrated)");
    p.lowest_images.forEach((pixels, i) => {
      const canvas = document.createElement("canvas");
      canvas.width = side;
      canvas.height = side;
      canvas.title = "H = " + fmt(p.lowest_energies[i]);
      const g = canvas.getContext("2d");
      const img = g.createImageData(side, side);
      for (let k = 0; k < side * side && k < pixels.length; k++) {
        const v = 255 - pixels[k];
        img.data.set([v, v, v, 255], 4 * k);
      }
      g.putImageData(img, 0, 0);
      row.appendChild(canvas);
    });
    holder.appendChild(row);
  });
  c.box.querySelector("p").textContent = `step ${a.step}: the lowest-energy inputs of the sampled replicas`
    + " (H_c = −z_c: the inputs the network finds most class-c-like), each scaled to its own range, dark = high";
  holder.dataset.images = String(holder.querySelectorAll("canvas").length);
}

function ok() { return state.analyses.filter(a => !a.error); }
function later() { return ok().filter(a => a.step > 0); }
function last() { const a = ok(); return a.length ? a[a.length - 1] : null; }
function first() { return ok().find(a => a.step === 0) || null; }
function perLayer(field) {
  const rows = ok();
  const layers = rows.length ? rows[rows.length - 1].layers.map(l => l.index) : [];
  return {
    data: [rows.map(a => a.step)].concat(layers.map(i => rows.map(a => {
      const l = a.layers.find(x => x.index === i);
      return l ? num(l[field]) : null;
    }))),
    labels: layers.map(i => "layer " + i),
  };
}

// A field of a per-layer view object (`kernel` or `freezing`), one series per layer that has the view; steps
// from 1 (log axis).
function perLayerView(view, field) {
  const rows = later();
  const layers = rows.length ? rows[rows.length - 1].layers.filter(l => l[view]).map(l => l.index) : [];
  return {
    data: [rows.map(a => a.step)].concat(layers.map(i => rows.map(a => {
      const l = a.layers.find(x => x.index === i);
      return l && l[view] ? num(l[view][field]) : null;
    }))),
    labels: layers.map(i => "layer " + i),
  };
}

// A WeightWatcher column per layer (failed fits, WeightWatcher's -1, are gaps), plus constant guide lines;
// steps from 1 (log axis).
function perLayerWw(field, guides = []) {
  const rows = later();
  const layers = rows.length ? rows[rows.length - 1].layers.filter(l => l.ww).map(l => l.index) : [];
  return {
    data: [rows.map(a => a.step)].concat(layers.map(i => rows.map(a => {
      const l = a.layers.find(x => x.index === i);
      return l && l.ww && l.ww.status !== "failed" ? num(l.ww[field]) : null;
    })), guides.map(g => rows.map(() => g.value))),
    labels: layers.map(i => "layer " + i).concat(guides.map(g => g.label)),
  };
}

function setup() {
  chart("Critical temperatures", "", {
    logX: true, logY: true, yLabel: "T (weight units)",
    styles: [null, null, null, { dash: [4, 4] }, { dash: [2, 6], stroke: "#000" }],
    build: () => {
      const rows = later();
      const fit = last() ? last().power_law : null;
      const fitted = rows.map(a => fit && fit.exponent !== null && a.step >= fit.first_step
        ? fit.prefactor * Math.pow(a.step, fit.exponent) : null);
      return {
        data: [rows.map(a => a.step), rows.map(a => pos(a.tc_melt)), rows.map(a => pos(a.t_sg)),
          rows.map(a => pos(a.tc_order)), rows.map(a => pos(a.tc_init_theory)), fitted],
        labels: ["tc_melt", "T_SG", "tc_order", "tc_init_theory", "power law"],
      };
    },
    note: () => {
      const fit = last() ? last().power_law : null;
      return !fit || fit.exponent === null ? "power law: " + (fit && fit.reason ? fit.reason : "not yet")
        : `tc_melt ∝ t^a: a = ${fmt(fit.exponent)} [${fmt(fit.ci_low)}, ${fmt(fit.ci_high)}], R² ${fmt(fit.r2, 3)},`
          + ` rolling a = ${fmt(fit.exponent_rolling)}`;
    },
  });
  chart("Phase", "0 = spin glass, 1 = hidden order (T_c,order > (1+δ)·T_SG)", {
    logX: true, yLabel: "phase", yRange: [-0.05, 1.05],
    styles: [{ fill: "rgba(192,57,43,0.25)", paths: uPlot.paths.stepped({ align: 1 }) }],
    build: () => {
      const rows = later();
      return { data: [rows.map(a => a.step), rows.map(a => a.phase === null ? null : a.phase === "hidden_order" ? 1 : 0)],
        labels: ["phase"] };
    },
  });
  chart("Bond matrix: λ_max(J) and outliers", "outliers: eigenvalues of J above (1+ε)·bulk edge at step 0", {
    logX: true, yLabel: "λ / count",
    build: () => {
      const rows = later();
      return { data: [rows.map(a => a.step), rows.map(a => num(a.lambda_max_j)), rows.map(a => num(a.outliers_j))],
        labels: ["λ_max(J)", "outliers"] };
    },
  });
  chart("Top eigenvalues of J", "against the bulk edge of the step-0 snapshot (dashed)", {
    logX: true, yLabel: "λ (weight units)",
    styles: [null, null, null, null, null, { dash: [4, 4], stroke: "#000" }],
    build: () => {
      const rows = later();
      const edge = first() ? num(first().lambda_max_j) : null;
      const ys = [0, 1, 2, 3, 4].map(k => rows.map(a => a.lambda_j && a.lambda_j.length > k ? num(a.lambda_j[k]) : null));
      return { data: [rows.map(a => a.step)].concat(ys, [rows.map(() => edge)]),
        labels: ["λ1", "λ2", "λ3", "λ4", "λ5", "edge at step 0"] };
    },
  });
  chart("TAP states", "distinct physical states and converged fraction at τ·tc_melt", {
    logX: true, yLabel: "count / ratio",
    build: () => {
      const rows = later();
      return { data: [rows.map(a => a.step), rows.map(a => a.tap ? a.tap.states : null),
        rows.map(a => a.tap ? num(a.tap.converged_ratio) : null)], labels: ["states", "converged ratio"] };
    },
  });
  chart("TAP q per spin layer", "q_l of the leading physical state", {
    logX: true, yLabel: "q",
    build: () => {
      const rows = later();
      const layers = last() ? last().spin_layers : [];
      return { data: [rows.map(a => a.step)].concat(layers.map((l, i) => rows.map(a => a.tap ? num(a.tap.q[i]) : null))),
        labels: layers.map(l => "spin layer " + l) };
    },
  });
  chart("σ_max per layer", "largest singular value of W", { logX: false, yLabel: "σ_max", build: () => perLayer("sigma_max") });
  chart("Stable rank per layer", "‖W‖_F² / ‖W‖_2²", { yLabel: "stable rank", build: () => perLayer("stable_rank") });
  chart("Hill α per layer", "tail exponent of the ESD of WᵀW (not WeightWatcher's alpha)", { yLabel: "α", build: () => perLayer("hill_alpha") });
  const guide = { dash: [4, 4], stroke: "#000", width: 1, points: { show: false } };
  chart("WeightWatcher alpha per layer", "power-law exponent of the ESD tail (WeightWatcher 0.7.5): 2–6 well"
    + " trained, < 2 over-trained, > 6 under-trained (dashed)", {
    logX: true, yLabel: "alpha",
    build: () => {
      const built = perLayerWw("alpha", [{ label: "alpha = 2", value: 2 }, { label: "alpha = 6", value: 6 }]);
      built.styles = Array(built.labels.length - 2).fill(null).concat([guide, guide]);
      return built;
    },
  });
  chart("Correlation traps per layer", "spikes of the entry-permuted W beyond its Marchenko–Pastur bulk (large"
    + " localised weights); measured on randomised snapshots", {
    logX: true, yLabel: "traps",
    build: () => perLayerWw("rand_num_spikes"),
  });
  heatmap("Freezing profile: spin self-overlap with the previous snapshot", "C_l(t, t_prev) of the signs of the"
    + " pre-activations on the probe batch (Yoshino 2020); dark = frozen (solid), light = still moving (liquid)", {
    lo: 0.8, hi: 1, legend: "colour: C from 0.8 (light) to 1 (dark); blank: undefined",
    layers: a => a.layers.filter(l => l.freezing && l.freezing.self_overlap_previous !== null).map(l => l.index),
    value: (a, layer) => { const l = a.layers.find(x => x.index === layer); return l && l.freezing ? l.freezing.self_overlap_previous : null; },
  });
  heatmap("Replica overlap per layer", "spin overlap of replicas trained from the same start with different data"
    + " orders (--replicas R); dark = the replicas agree", {
    lo: 0, hi: 1, legend: "colour: q from 0 (light) to 1 (dark); blank: not a replica run",
    layers: a => a.layers.filter(l => l.freezing && l.freezing.replica_overlap_spin !== null).map(l => l.index),
    value: (a, layer) => { const l = a.layers.find(x => x.index === layer); return l && l.freezing ? l.freezing.replica_overlap_spin : null; },
  });
  chart("Kernel change from init per hidden layer", "‖K_l(t) − K_l(0)‖_F / ‖K_l(0)‖_F of the pre-activation"
    + " kernel on the probe batch: 0 lazy (NNGP), grows with feature learning", {
    logX: true, yLabel: "relative change", build: () => perLayerView("kernel", "change"),
  });
  chart("Kernel–target alignment per hidden layer", "alignment of the centred pre-activation kernel with the"
    + " labels' Y Yᵀ (−1..1): how much the layer's geometry separates the classes", {
    logX: true, yLabel: "alignment", build: () => perLayerView("kernel", "alignment"),
  });
  chart("Pre-activation excess kurtosis per hidden layer", "mean over neurons across the probe batch; ≈ 0 when"
    + " the pre-activations are Gaussian (the separation-of-scales picture)", {
    logX: true, yLabel: "excess kurtosis", build: () => perLayerView("kernel", "preact_excess_kurtosis"),
  });
  chart("Input landscape: replica overlap distribution P(q)", "Hanin–Winer: inputs sampled on the sphere"
    + " |x|² = N_0 from exp(−β H_c), H_c = −z_c; one peak = one basin (replica symmetric), broad = many unrelated"
    + " low-energy regions (replica-symmetry breaking); latest sampled snapshot", {
    xLabel: "q", yLabel: "fraction of pairs",
    build: () => {
      const a = latestLandscape();
      if (!a) {
        return null;
      }
      const points = a.landscape.points;
      const bins = points[0].histogram.length;
      const q = Array.from({ length: bins }, (_, i) => -1 + (2 * i + 1) / bins);
      return { data: [q].concat(points.map(p => p.histogram.map(num))),
        labels: points.map(p => `class ${p.class}, β ${p.beta}`) };
    },
  });
  chart("Input landscape: mean replica overlap", "mean of q_ab per class and β over training (sampled on every"
    + " K-th snapshot); null where the sampler did not equilibrate", {
    logX: true, yLabel: "⟨q⟩", yRange: [-0.05, 1.05],
    build: () => {
      const rows = later().filter(a => a.landscape);
      if (!rows.length) {
        return null;
      }
      const keys = rows[rows.length - 1].landscape.points.map(p => [p.class, p.beta]);
      return { data: [rows.map(a => a.step)].concat(keys.map(([c, b]) => rows.map(a => {
        const p = a.landscape.points.find(x => x.class === c && x.beta === b);
        return p ? num(p.overlap_mean) : null;
      }))), labels: keys.map(([c, b]) => `class ${c}, β ${b}`) };
    },
  });
  gallery("Input landscape: lowest-energy inputs", "waiting for a sampled snapshot");
  chart("Change from init per layer", "‖W_t − W_0‖_F / ‖W_0‖_F: ≪ 1 lazy, O(1) rich", { yLabel: "relative change", build: () => perLayer("rel_change_from_init") });
  chart("Loss and accuracy", "training loss of the minibatch; test accuracy where measured", {
    yLabel: "loss / accuracy",
    build: () => {
      const rows = ok();
      return { data: [rows.map(a => a.step), rows.map(a => num(a.loss)), rows.map(a => num(a.accuracy))],
        labels: ["loss", "accuracy"] };
    },
  });
  chart("Stream health", "snapshots emitted, analysed, dropped (counts) and analysis seconds", {
    xLabel: "seconds since the page opened", yLabel: "count / s",
    build: () => {
      const h = state.health;
      const rows = ok();
      const seconds = h.map(x => x.t);
      return { data: [seconds, h.map(x => x.emitted), h.map(x => x.analyzed), h.map(x => x.dropped),
        h.map(x => { const r = rows.filter(a => a.received <= x.at); return r.length ? num(r[r.length - 1].analysis_seconds) : null; })],
        labels: ["emitted", "analysed", "dropped", "analysis seconds"] };
    },
  });
}

function summary() {
  const a = last();
  const zero = first();
  const el = document.getElementById("summary");
  if (!a) {
    el.textContent = state.analyses.length ? "no successful analysis yet" : "waiting for the first analysis";
    return;
  }
  el.innerHTML = "";
  const parts = [
    ["step", a.step], ["epoch", fmt(a.epoch, 3)], ["tc_melt", fmt(a.tc_melt)], ["T_SG", fmt(a.t_sg)],
    ["tc_order", fmt(a.tc_order)], ["loss", fmt(a.loss, 3)], ["accuracy", fmt(a.accuracy, 3)],
    ["T_SG(0)", zero ? fmt(zero.t_sg) : "–"], ["edge(0)", zero ? fmt(zero.lambda_max_j) : "–"],
  ];
  const phase = document.createElement("span");
  phase.className = "phase-" + a.phase;
  phase.textContent = a.phase === null ? "phase undefined" : a.phase.replace("_", " ");
  el.append(phase, " · " + parts.map(p => p[0] + " " + p[1]).join(" · "));
}

function refresh() {
  summary();
  state.charts.forEach(c => (c.heat ? paint(c) : c.gallery ? showImages(c) : draw(c)));
  document.body.dataset.points = String(state.analyses.length);
}

function reset() {
  if (state.source) {
    state.source.close();
    state.source = null;
  }
  state.analyses = [];
  state.health = [];
  state.charts.forEach(c => { if (c.plot) { c.plot.destroy(); } c.plot = null; c.labels = null; c.shown = null; });
  refresh();
}

function status(text) {
  document.getElementById("status").textContent = text;
}

function add(a) {
  a.received = Date.now();
  state.analyses.push(a);
}

function follow(run) {
  const source = new EventSource("api/runs/" + encodeURIComponent(run.run) + "/events");
  state.source = source;
  document.body.dataset.state = "live";
  status(run.mode + " run, following");
  source.addEventListener("analysis", e => { add(JSON.parse(e.data)); refresh(); });
  source.addEventListener("health", e => {
    const h = JSON.parse(e.data);
    h.at = Date.now();
    h.t = (h.at - state.started) / 1000;
    state.health.push(h);
    refresh();
  });
  source.addEventListener("end", e => {
    source.close();
    document.body.dataset.state = JSON.parse(e.data).state;
    status(run.mode + " run, " + JSON.parse(e.data).state);
  });
  source.addEventListener("resync", () => { source.close(); load(run); });
  source.onerror = () => { if (source.readyState === EventSource.CLOSED) { status("connection closed"); } };
}

async function load(run) {
  reset();
  state.run = run;
  if ((run.mode === "live" || run.mode === "replay") && run.state === "running") {
    follow(run);
    return;
  }
  const response = await fetch("api/runs/" + encodeURIComponent(run.run) + "/analyses");
  if (!response.ok) {
    status((await response.json()).error);
    document.body.dataset.state = "error";
    return;
  }
  (await response.json()).forEach(add);
  document.body.dataset.state = "recorded";
  status(run.mode + " run, " + state.analyses.length + " analyses");
  refresh();
}

async function start() {
  setup();
  const runs = await (await fetch("api/runs")).json();
  const select = document.getElementById("run");
  runs.forEach(r => {
    const o = document.createElement("option");
    o.value = r.run;
    o.textContent = r.run + " (" + r.mode + ", " + r.state + ")";
    select.appendChild(o);
  });
  if (runs.length === 0) {
    status("no runs yet");
    document.body.dataset.state = "empty";
    return;
  }
  const chosen = runs.find(r => r.state === "running") || runs[0];
  select.value = chosen.run;
  select.addEventListener("change", () => load(runs.find(r => r.run === select.value)));
  await load(chosen);
}

start().catch(e => { status("error: " + e.message); document.body.dataset.state = "error"; });
