// The tracking table: each promise of a report (target figure or project stage) against what the
// government's next report states, with the status and both evidence spans. Filters run on the
// server so that the CSV download matches the screen.
"use strict";

(() => {
  const { getJSON, setStatus, fillSelect, sortableTable } = PK;
  const FILTERS = ["report", "status", "kind"];
  let filled = false;

  function params() {
    const out = new URLSearchParams();
    for (const name of FILTERS) {
      const value = document.getElementById("f-" + name).value;
      if (value) out.set(name, value);
    }
    return out;
  }

  let labels = {};

  /** Status and kind cells read in Chinese with the value beside it; the status colours its cell. */
  function dress(table) {
    const keys = [...table.querySelectorAll("th")].map((th) => th.dataset.key);
    for (const row of table.querySelectorAll("tbody tr")) {
      keys.forEach((key, index) => {
        const cell = row.children[index];
        if (!cell || (key !== "status" && key !== "kind")) return;
        const value = cell.dataset.value || cell.textContent;
        cell.dataset.value = value;
        cell.textContent = labels[value] || value;
        if (key === "status") cell.className = "status-" + value;
      });
    }
  }

  async function load() {
    setStatus("加载中 loading…");
    const query = params();
    document.getElementById("download-csv").href = "/api/tracking.csv?" + query;
    try {
      const data = await getJSON("/api/tracking?" + query);
      if (!filled) {
        fillSelect(document.getElementById("f-report"), data.reports, data.report_labels);
        labels = data.labels || {};
        fillSelect(document.getElementById("f-status"), data.statuses, labels);
        filled = true;
      }
      const table = sortableTable(data.columns, data.rows);
      dress(table);
      // dress again after a sort re-renders the body
      table.querySelector("thead").addEventListener("click", () => dress(table));
      table.querySelector("thead").addEventListener("keydown", (event) => event.key === "Enter" && dress(table));
      document.getElementById("table").replaceChildren(table);
      setStatus(`${data.rows.length} 项核查 checks`);
    } catch (err) {
      setStatus("出错 error: " + err.message, true);
    }
  }

  document.getElementById("filters").addEventListener("submit", (event) => event.preventDefault());
  for (const name of FILTERS) document.getElementById("f-" + name).addEventListener("change", load);
  load();
})();
