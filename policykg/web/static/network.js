// The network page: the report's parts, goals and tasks with optional layers, filters, search and
// a side panel. Positions and looks come precomputed from the server (the standalone view's layout
// and styles.json); physics stays off.
"use strict";

(() => {
  const { el, shortIri, getJSON, setStatus, fillSelect, reportName, watchFilters } = PK;
  const FILTERS = ["period", "domain", "lead", "place"];
  const state = { network: null, nodes: null, edges: null, byId: new Map(), matches: [], matchAt: -1 };

  function short(label, chars) {
    return label.length > chars ? label.slice(0, chars - 1) + "…" : label;
  }

  function query() {
    const params = new URLSearchParams();
    const report = document.getElementById("f-report").value;
    if (report) params.set("report", report);
    for (const name of FILTERS) {
      const value = document.getElementById("f-" + name).value;
      if (value) params.set(name, value);
    }
    const layers = [...document.querySelectorAll("input[name=layer]:checked")].map((box) => box.value);
    params.set("layers", layers.join(","));
    const graph = document.getElementById("graph");  // the layout fits the tree to this canvas
    params.set("width", String(Math.round(graph.clientWidth)));
    params.set("height", String(Math.round(graph.clientHeight)));
    return params;
  }

  function drawLegend(legend, tracking) {
    const box = document.getElementById("legend");
    const items = [
      el("h3", { text: "图例 Legend" }),
      ...legend.map((item) => {
        const swatch = el("span", { class: "swatch shape-" + item.shape + (item.dashed ? " dashed" : "") });
        swatch.style.backgroundColor = item.fill;
        swatch.style.borderColor = item.border;
        return el("div", { class: "legend-item" }, swatch, item.label);
      }),
    ];
    if (tracking.length) {
      items.push(el("h3", { text: "次年报告核查 Checked next year" }));
      for (const item of tracking) {
        const swatch = el("span", { class: "swatch status-swatch" });
        swatch.style.borderColor = item.color;
        items.push(el("div", { class: "legend-item tracking-item", "data-status": item.status }, swatch, item.label));
      }
    }
    box.replaceChildren(...items);
  }

  // Links to departments, domains and places are drawn for the selected node only: all at once
  // they cross the whole page.
  function showLinks(selected) {
    if (!state.edges) return;
    state.edges.update(state.edges.get().filter((e) => e.link).map((e) => ({ id: e.id, hidden: e.from !== selected && e.to !== selected })));
  }

  function draw(data) {
    // shapes, colours, font sizes and box widths come from the server, read from styles.json
    const style = new Map(data.legend.map((item) => [item.kind, item]));
    const statusColour = new Map((data.tracking_legend || []).map((item) => [item.status, item.color]));
    state.byId = new Map(data.nodes.map((node) => [node.id, node]));
    const nodes = data.nodes.map((node) => {
      const look = style.get(node.kind) || { fill: "#e5e7eb", border: "#9ca3af", font: "#111827", shape: "dot", size: 13, chars: 18 };
      const border = statusColour.get(node.status) || look.border;
      const width = node.width || look.width;
      const drawn = {
        id: node.id,
        label: short(node.label, look.chars),
        x: node.x,
        y: node.y,
        shape: look.shape,
        borderWidth: node.status ? 4 : node.kind === "part" ? 2 : 1,
        color: { background: look.fill, border: border, highlight: { background: look.fill, border: "#dc2626" } },
        font: { color: look.font, size: look.size, face: "sans-serif" },
        shapeProperties: { borderDashes: look.dashed ? [4, 3] : false },
      };
      if (width) drawn.widthConstraint = { minimum: width, maximum: width };
      if (["dot", "diamond", "triangle", "hexagon", "square", "star"].includes(look.shape)) drawn.size = 11;
      return drawn;
    });
    const edges = data.edges.map((edge, index) => ({ id: index, from: edge.from, to: edge.to, link: !!edge.link, hidden: !!edge.hidden || !!edge.link }));
    state.captions = data.captions || [];  // the band rows' captions, drawn on the canvas
    state.nodes = new vis.DataSet(nodes);
    state.edges = new vis.DataSet(edges);
    const container = document.getElementById("graph");
    const options = {
      physics: false,
      layout: { improvedLayout: false },
      interaction: { hover: true, hideEdgesOnDrag: true, tooltipDelay: 300 },
      edges: { smooth: false, arrows: { to: { enabled: true, scaleFactor: 0.4 } }, color: { color: "#94a3b8", highlight: "#dc2626" } },
      nodes: { margin: 6, scaling: { label: { drawThreshold: 7 } } },
    };
    if (state.network) {
      state.network.setData({ nodes: state.nodes, edges: state.edges });
    } else {
      state.network = new vis.Network(container, { nodes: state.nodes, edges: state.edges }, options);
      state.network.on("beforeDrawing", (ctx) => {
        ctx.save();
        ctx.font = "bold 48px sans-serif";
        ctx.fillStyle = "#9ca3af";
        for (const c of state.captions || []) ctx.fillText(c.text, c.x, c.y);
        ctx.restore();
      });
      state.network.on("click", (params) => {
        showLinks(params.nodes.length ? params.nodes[0] : null);
        if (params.nodes.length) showNode(params.nodes[0]);
      });
    }
    // the first view: the report's tree (parts, goals, tasks, figures, projects) when only those are
    // shown; with departments, domains or places switched on, their rows below too
    const bands = new Set(["place", "department", "domain"]);
    const wanted = data.layers.some((layer) => bands.has(layer)) ? data.nodes.map((n) => n.id) : data.tree;
    state.network.fit({ nodes: wanted, animation: false });
    drawLegend(data.legend, data.tracking_legend || []);
  }

  async function load() {
    setStatus("加载中 loading…");
    try {
      const data = await getJSON("/api/network?" + query());
      for (const name of FILTERS) fillSelect(document.getElementById("f-" + name), data.facets[name] || []);
      const report = document.getElementById("f-report");
      if (!report.value && data.report) report.value = data.report;
      state.report = data.report || "";
      draw(data);
      let text = `${data.tasks} 项任务 tasks · ${data.nodes.length} 个节点 nodes · ${data.edges.length} 条边 edges`;
      if (data.truncated) text += " · 节点过多, 仅显示部分, 请缩小筛选 (truncated: narrow the filters)";
      setStatus(text);
    } catch (err) {
      setStatus("出错 error: " + err.message, true);
    }
  }

  function evidenceBlock(evidence) {
    const para = el("p", { class: "evidence" });
    para.append(evidence.before || "");
    para.append(el("mark", { text: evidence.mark || "" }));
    para.append(evidence.after || "");
    return el("div", { class: "evidence-box" }, para, el("p", { class: "muted small", text: `${shortIri(evidence.report)} [${evidence.start}, ${evidence.end})` }));
  }

  function focusNode(id) {
    if (!state.network || !state.byId.has(id)) return false;
    state.network.selectNodes([id]);
    showLinks(id);
    state.network.focus(id, { scale: 1.0, animation: false });
    return true;
  }

  async function showNode(id) {
    const panel = document.getElementById("panel");
    panel.replaceChildren(el("p", { class: "muted", text: "加载中 loading…" }));
    try {
      const params = new URLSearchParams({ iri: id });
      if (state.report) params.set("report", state.report);
      const node = await getJSON("/api/node?" + params);
      const parts = [el("h2", { text: node.label }), el("p", { class: "muted small", text: node.types.map(shortIri).join(", ") })];
      parts.push(el("p", { class: "iri small", text: node.iri }));
      parts.push(el("h3", { text: "原文依据 Evidence" }));
      if (node.evidence.length) node.evidence.forEach((ev) => parts.push(evidenceBlock(ev)));
      else parts.push(el("p", { class: "muted", text: "无原文依据 no evidence span" }));
      parts.push(el("h3", { text: "属性 Properties" }));
      const props = el("table", { class: "props" });
      for (const prop of node.properties) {
        props.append(el("tr", {}, el("th", { text: shortIri(prop.predicate) }), el("td", { text: prop.value })));
      }
      parts.push(props);
      parts.push(el("h3", { text: "相邻节点 Neighbours" }));
      const list = el("ul", { class: "neighbours" });
      for (const nb of node.neighbours) {
        const arrow = nb.direction === "out" ? "→" : "←";
        const button = el("button", { type: "button", class: "link", text: nb.label || nb.node });
        button.addEventListener("click", () => {
          focusNode(nb.node);
          showNode(nb.node);
        });
        list.append(el("li", {}, el("span", { class: "muted small", text: `${arrow} ${shortIri(nb.predicate)} ` }), button));
      }
      parts.push(list);
      panel.replaceChildren(...parts);
    } catch (err) {
      panel.replaceChildren(el("p", { class: "error", text: "出错 error: " + err.message }));
    }
  }

  function search(event) {
    event.preventDefault();
    const text = document.getElementById("search").value.trim().toLowerCase();
    if (!text) return;
    const matches = [...state.byId.values()].filter((node) => node.label.toLowerCase().includes(text)).map((node) => node.id);
    if (!matches.length) {
      setStatus(`未找到 not found: ${text}`, true);
      return;
    }
    if (matches.join("\n") !== state.matches.join("\n")) {
      state.matches = matches;
      state.matchAt = -1;
    }
    state.matchAt = (state.matchAt + 1) % matches.length;
    const id = matches[state.matchAt];
    focusNode(id);
    showNode(id);
    setStatus(`找到 found ${state.matchAt + 1}/${matches.length}`);
  }

  async function init() {
    document.getElementById("search-form").addEventListener("submit", search);
    window.policykg = { state, showNode, focusNode, load };
    try {
      const reports = await getJSON("/api/reports");
      const select = document.getElementById("f-report");
      for (const report of reports) {
        select.append(el("option", { value: report.graph, text: reportName(report) }));
      }
    } catch (err) {
      setStatus("出错 error: " + err.message, true);
    }
    watchFilters(FILTERS, load);
    document.querySelectorAll("input[name=layer]").forEach((box) => box.addEventListener("change", load));
    await load();
  }

  init();
})();
