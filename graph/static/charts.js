// The promise charts of one government, drawn with plotly.js (served from the installed plotly
// package, or inlined by `policykg chart`). The data come either from a JSON script element
// (the CLI's charts.html) or from /api/charts (the workbench page); both have the shape of
// graph/series.py's chart_data. Strings from reports reach the page as text only: plotly draws
// labels as SVG text, and every other string goes through textContent.
"use strict";

(() => {
  const FONT = { family: '"WenQuanYi Micro Hei", "Noto Sans CJK SC", system-ui, sans-serif', size: 13 };
  const CONFIG = { displaylogo: false, responsive: true, displayModeBar: false };
  const SHORT_KIND = { quantity: "指标", project: "项目" };
  const BAND = "rgba(37, 99, 235, 0.16)";
  const TARGET = "#1d4ed8";
  let drawn = 0;

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  function plot(node, traces, layout, config) {
    const base = { font: FONT, paper_bgcolor: "#fff", plot_bgcolor: "#fff", hoverlabel: { font: FONT } };
    // plotly's responsive mode takes the container's size when the window changes: give it the chart's height
    node.style.height = `${layout.height}px`;
    return Plotly.newPlot(node, traces, { ...base, ...layout }, { ...CONFIG, ...config }).then(() => {
      drawn += 1;
    });
  }

  /** Stacked bars: one bar per (year, kind), one colour per status. */
  function recordChart(node, data) {
    const kinds = ["quantity", "project"].filter((k) => data.record.some((r) => r.kind === k));  // targets first
    const cats = [];
    // a year whose next report is not the next year's (2015 → 2017: no 2016 report) says so
    const later = (year) => (data.reviewed_in[year] === year + 1 ? "" : `<br>→${data.reviewed_in[year]}`);
    for (const year of data.years) {
      for (const kind of kinds) cats.push((kinds.length > 1 ? `${year}<br>${SHORT_KIND[kind]}` : String(year)) + later(year));
    }
    const count = (year, kind, status) =>
      data.record.filter((r) => r.year === year && r.kind === kind && r.status === status).reduce((n, r) => n + r.checks, 0);
    const traces = data.statuses.map((status) => {
      const y = [];
      for (const year of data.years) for (const kind of kinds) y.push(count(year, kind, status));
      return {
        type: "bar",
        name: data.status_labels[status],
        x: cats,
        y,
        marker: { color: data.status_colors[status] },
        text: y.map((n) => (n >= 3 ? String(n) : "")),
        textposition: "inside",
        textangle: 0,
        hovertemplate: "%{x}<br>" + data.status_labels[status] + ": %{y}<extra></extra>",
      };
    });
    return plot(node, traces, {
      barmode: "stack",
      title: { text: "按承诺年份 by year promised（指标 targets · 项目 projects）", x: 0.01, xanchor: "left", y: 0.97, yref: "container" },
      xaxis: { type: "category", tickangle: 0, title: { text: "承诺年份 year promised（→ 下一份报告核查 checked by the next report）" } },
      yaxis: { title: { text: "承诺数 promises" } },
      legend: { orientation: "h", y: 1.01, yanchor: "bottom", x: 0, traceorder: "normal" },
      margin: { t: 80, b: 70 },
      height: 460,
    });
  }

  /** Horizontal stacked bars: one bar per policy domain (both kinds), the largest at the top. */
  function domainChart(node, data) {
    const totals = new Map();
    for (const r of data.domains) totals.set(r.domain, (totals.get(r.domain) || 0) + r.checks);
    const domains = [...totals.keys()].sort((a, b) => totals.get(a) - totals.get(b) || (a < b ? 1 : -1));
    const traces = data.statuses.map((status) => {
      const x = domains.map((d) =>
        data.domains.filter((r) => r.domain === d && r.status === status).reduce((n, r) => n + r.checks, 0)
      );
      return {
        type: "bar",
        orientation: "h",
        name: data.status_labels[status],
        y: domains,
        x,
        marker: { color: data.status_colors[status] },
        hovertemplate: "%{y}<br>" + data.status_labels[status] + ": %{x}<extra></extra>",
      };
    });
    return plot(node, traces, {
      barmode: "stack",
      title: { text: "按政策领域 by policy domain（所有年份 all years）", x: 0.01, xanchor: "left", y: 0.97, yref: "container" },
      xaxis: { title: { text: "承诺数 promises" } },
      yaxis: { automargin: true },
      legend: { orientation: "h", y: 1.01, yanchor: "bottom", x: 0, traceorder: "normal" },
      margin: { t: 80, l: 10, b: 50 },
      height: Math.max(360, 60 + 26 * domains.length),
    });
  }

  /** The band a target promises: upward for ≥, downward for ≤, ±5% for 左右, a line for =. */
  function band(point, lo, hi) {
    const t = point.target;
    if (point.comparator === ">=") return [t, hi];
    if (point.comparator === "<=") return [lo, t];
    if (point.comparator === "~") return [t - Math.abs(t) * 0.05, t + Math.abs(t) * 0.05];
    return [t, t];
  }

  const COMPARATOR = { ">=": "≥ 以上", "<=": "≤ 以内", "~": "≈ 左右", "=": "=" };

  /** Large figures read in 万 / 亿 as the reports write them (450万亩, not 4.5M 亩). */
  function scaleOf(metric) {
    const top = Math.max(...metric.points.flatMap((p) => [Math.abs(p.target), Math.abs(p.result || 0)]));
    if (top >= 1e8) return [1e8, "亿"];
    if (top >= 1e5) return [1e4, "万"];
    return [1, ""];
  }

  /** One small chart per indicator: target bands by year, the reported result as a dot coloured by status. */
  function metricChart(node, metric, data) {
    const [divisor, prefix] = scaleOf(metric);
    metric = {
      ...metric,
      points: metric.points.map((p) => ({
        ...p,
        target: p.target / divisor,
        result: p.result === null || p.result === undefined ? null : p.result / divisor,
      })),
    };
    const values = metric.points.flatMap((p) => [p.target, p.result]).filter((v) => v !== null && v !== undefined);
    let lo = Math.min(...values);
    let hi = Math.max(...values);
    const pad = (hi - lo || Math.abs(hi) || 1) * 0.3;
    lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
    hi += pad;
    const shapes = [];
    const targetX = [];
    const targetY = [];
    const targetText = [];
    for (const p of metric.points) {
      const [a, b] = band(p, lo, hi);
      if (a !== b) {
        shapes.push({ type: "rect", xref: "x", yref: "y", x0: p.year - 0.32, x1: p.year + 0.32, y0: a, y1: b,
          fillcolor: BAND, line: { width: 0 }, layer: "below" });
      }
      shapes.push({ type: "line", xref: "x", yref: "y", x0: p.year - 0.32, x1: p.year + 0.32, y0: p.target, y1: p.target,
        line: { color: TARGET, width: 2 } });
      targetX.push(p.year);
      targetY.push(p.target);
      targetText.push(`${p.year} 目标 target ${p.target_surface} (${COMPARATOR[p.comparator] || p.comparator})`);
    }
    const traces = [
      { type: "scatter", mode: "markers", name: "目标 target", x: targetX, y: targetY, text: targetText,
        marker: { symbol: "line-ew-open", size: 18, color: TARGET, line: { width: 2, color: TARGET } },
        hovertemplate: "%{text}<extra></extra>", showlegend: false },
    ];
    for (const status of data.statuses) {
      const points = metric.points.filter((p) => p.status === status);
      if (!points.length) continue;
      const silent = status === "no_statement";
      traces.push({
        type: "scatter",
        mode: "markers",
        name: data.status_labels[status],
        x: points.map((p) => p.year),
        y: points.map((p) => (silent ? p.target : p.result)),
        text: points.map((p) =>
          silent
            ? `${data.reviewed_in[p.year]} 报告未提及 not mentioned`
            : `${data.reviewed_in[p.year]} 报告 result ${p.result_surface} · ${data.status_labels[status]}`
        ),
        marker: silent
          ? { symbol: "x-thin-open", size: 12, line: { width: 2, color: data.status_colors[status] }, color: data.status_colors[status] }
          : { symbol: "circle", size: 13, color: data.status_colors[status], line: { width: 1.5, color: "#fff" } },
        hovertemplate: "%{text}<extra></extra>",
        showlegend: false,
      });
    }
    const unit = metric.unit || prefix ? `（${prefix}${metric.unit}）` : "";
    return plot(node, traces, {
      title: { text: metric.metric + unit, font: { ...FONT, size: 15 } },
      shapes,
      xaxis: { tickmode: "array", tickvals: data.years, ticktext: data.years.map(String),
        range: [data.years[0] - 0.6, data.years[data.years.length - 1] + 0.6], zeroline: false },
      yaxis: { range: [lo, hi], zeroline: false, gridcolor: "#eef2f7" },
      margin: { t: 44, b: 36, l: 56, r: 12 },
      height: 280,
    });
  }

  function legend(data) {
    const items = [
      el("span", { class: "chart-key" }, el("span", { class: "key-band" }), "目标区间 target band（≥ 向上, ≤ 向下, 左右 ±5%）"),
      el("span", { class: "chart-key" }, el("span", { class: "key-line" }), "目标值 target"),
    ];
    for (const status of data.statuses) {
      const dot = el("span", { class: status === "no_statement" ? "key-cross" : "key-dot", text: status === "no_statement" ? "×" : "" });
      dot.style.background = status === "no_statement" ? "none" : data.status_colors[status];
      dot.style.color = data.status_colors[status];
      items.push(el("span", { class: "chart-key" }, dot, "下一年报告 result: " + data.status_labels[status]));
    }
    return el("p", { class: "chart-legend" }, ...items);
  }

  /** Draw every chart of `data` into `root`; resolves with the number of charts drawn. */
  async function draw(root, data) {
    drawn = 0;
    root.replaceChildren();
    const record = el("div", { class: "chart", id: "chart-record" });
    const domains = el("div", { class: "chart", id: "chart-domains" });
    const span = `${data.years[0]}–${data.years[data.years.length - 1]}`;
    root.append(
      el("h2", { text: `${data.government}：承诺记录 Promise record, ${span}` }),
      el("div", { class: "chart-pair" }, record, domains),
      el("h2", { text: `${data.government}：目标与实际 Targets against results（每年的目标，下一年报告的结果 the year's target, the result the next report gave）` }),
      legend(data),
    );
    const grid = el("div", { class: "chart-grid", id: "chart-metrics" });
    root.append(grid);
    if (!data.metrics.length) grid.append(el("p", { class: "muted", text: "没有跨两年以上的指标 no indicator set in two or more years" }));
    const pending = [];
    data.metrics.forEach((metric, i) => {
      const cell = el("div", { class: "chart metric-chart", id: "chart-metric-" + i });
      grid.append(cell);
      pending.push(metricChart(cell, metric, data));
    });
    if (data.other_metrics.length) {
      root.append(el("p", { class: "muted small", text: `只设定一年的指标 indicators set in one year only (${data.other_metrics.length}): ` + data.other_metrics.join("、") }));
    }
    pending.push(recordChart(record, data), domainChart(domains, data));
    await Promise.all(pending);
    window.policykgChartsDrawn = drawn;
    return drawn;
  }

  window.PKCharts = { draw };

  // The CLI's file: the data sit in the page itself.
  const embedded = document.getElementById("chart-data");
  if (embedded) {
    draw(document.getElementById("charts"), JSON.parse(embedded.textContent));
    return;
  }

  // The workbench page: a government picker and /api/charts.
  const select = document.getElementById("f-government");
  const status = document.getElementById("status");
  // The first answer is asked for at once, while plotly.js (a deferred script) is still loading.
  let first = fetch("/api/charts");
  const plotlyLoaded = new Promise((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve, { once: true });
    else resolve();
  });
  async function load() {
    status.textContent = "加载中 loading…";
    status.classList.remove("error");
    const query = select.value ? "?government=" + encodeURIComponent(select.value) : "";
    const asked = first && !query ? first : fetch("/api/charts" + query);
    first = null;
    try {
      const response = await asked;
      const body = await response.json();
      if (!response.ok) throw new Error(body.error || response.statusText);
      if (!select.options.length) {
        for (const name of body.governments) select.append(el("option", { value: name, text: name }));
      }
      if (!body.chart) {
        status.textContent = "库中没有核查结果：用 policykg build 一个政府的多年报告 no checks yet: build several reports of one government";
        window.policykgChartsDrawn = 0;
        return;
      }
      select.value = body.chart.government;
      await plotlyLoaded;
      const n = await draw(document.getElementById("charts"), body.chart);
      const download = document.getElementById("download-json");
      download.href = "/api/charts" + (query || "?government=" + encodeURIComponent(body.chart.government));
      status.textContent = `${n} 张图 charts`;
    } catch (err) {
      status.textContent = "出错 error: " + err.message;
      status.classList.add("error");
    }
  }
  select.addEventListener("change", load);
  load();
})();
