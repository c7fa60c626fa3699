// The task table (分工表): every task with its period, targets, projects, places, lead and
// supporting departments; filters run on the server so that downloads match the screen.
"use strict";

(() => {
  const { el, getJSON, setStatus, fillSelect, sortableTable } = PK;
  const FILTERS = ["period", "domain", "lead", "place"];
  let timer = null;

  function params() {
    const out = new URLSearchParams();
    for (const name of ["report", ...FILTERS, "text"]) {
      const value = document.getElementById("f-" + name).value.trim();
      if (value) out.set(name, value);
    }
    return out;
  }

  async function load() {
    setStatus("加载中 loading…");
    const query = params();
    document.getElementById("download-csv").href = "/api/tasks.csv?" + query;
    document.getElementById("download-xlsx").href = "/api/tasks.xlsx?" + query;
    try {
      const data = await getJSON("/api/tasks?" + query);
      for (const name of FILTERS) fillSelect(document.getElementById("f-" + name), data.facets[name] || []);
      document.getElementById("table").replaceChildren(sortableTable(data.columns, data.rows));
      setStatus(`${data.rows.length} 项任务 tasks`);
    } catch (err) {
      setStatus("出错 error: " + err.message, true);
    }
  }

  async function init() {
    document.getElementById("filters").addEventListener("submit", (event) => event.preventDefault());
    try {
      const reports = await getJSON("/api/reports");
      const labels = {};
      for (const report of reports) labels[report.graph] = [report.place, report.date].filter(Boolean).join(" ") || report.graph;
      fillSelect(document.getElementById("f-report"), reports.map((report) => report.graph), labels);
    } catch (err) {
      setStatus("出错 error: " + err.message, true);
    }
    document.getElementById("f-report").addEventListener("change", () => {
      for (const name of FILTERS) document.getElementById("f-" + name).value = "";
      load();
    });
    for (const name of FILTERS) document.getElementById("f-" + name).addEventListener("change", load);
    document.getElementById("f-text").addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(load, 300);
    });
    await load();
  }

  init();
})();
