// The task table (分工表): every task with its period, targets, projects, places, lead and
// supporting departments; filters run on the server so that downloads match the screen.
"use strict";

(() => {
  const { el, getJSON, setStatus, fillSelect, sortableTable, reportName, watchFilters } = PK;
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

  let shown = { columns: [], rows: [], facets: {} };
  let generation = 0;

  function mergeFacets(into, more) {
    for (const name of FILTERS) into[name] = [...new Set([...(into[name] || []), ...(more[name] || [])])].sort();
  }

  /** The first page of rows at once; the corpus's other reports follow page by page in the background. */
  async function load() {
    setStatus("加载中 loading…");
    const query = params();
    const mine = ++generation;
    document.getElementById("download-csv").href = "/api/tasks.csv?" + query;
    document.getElementById("download-xlsx").href = "/api/tasks.xlsx?" + query;
    try {
      let data = await getJSON("/api/tasks?" + query);
      shown = { columns: data.columns, rows: data.rows, facets: data.facets };
      draw(data);
      while (data.next !== null && data.next !== undefined && mine === generation) {
        query.set("from", data.next);
        data = await getJSON("/api/tasks?" + query);
        if (mine !== generation) return;
        shown.rows.push(...data.rows);
        mergeFacets(shown.facets, data.facets);
        draw(data);
      }
    } catch (err) {
      setStatus("出错 error: " + err.message, true);
    }
  }

  function draw(data) {
    for (const name of FILTERS) fillSelect(document.getElementById("f-" + name), shown.facets[name] || []);
    document.getElementById("table").replaceChildren(sortableTable(shown.columns, shown.rows));
    const more = data.next !== null && data.next !== undefined;
    setStatus(
      `${shown.rows.length} 项任务 tasks` + (more ? ` · 加载中 loading ${data.next}/${data.reports_total} 份报告 reports…` : ""),
    );
  }

  async function init() {
    document.getElementById("filters").addEventListener("submit", (event) => event.preventDefault());
    try {
      const reports = await getJSON("/api/reports");
      const labels = {};
      for (const report of reports) labels[report.graph] = reportName(report);
      fillSelect(document.getElementById("f-report"), reports.map((report) => report.graph), labels);
    } catch (err) {
      setStatus("出错 error: " + err.message, true);
    }
    watchFilters(FILTERS, load);
    document.getElementById("f-text").addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(load, 300);
    });
    await load();
  }

  init();
})();
