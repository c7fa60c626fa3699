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

  function colourStatus(table) {
    const index = [...table.querySelectorAll("th")].findIndex((th) => th.dataset.key === "status");
    if (index < 0) return;
    for (const row of table.querySelectorAll("tbody tr")) {
      const cell = row.children[index];
      if (cell) cell.className = "status-" + cell.textContent;
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
        fillSelect(document.getElementById("f-status"), data.statuses);
        filled = true;
      }
      const table = sortableTable(data.columns, data.rows);
      colourStatus(table);
      // re-colour after a sort re-renders the body
      table.querySelector("thead").addEventListener("click", () => colourStatus(table));
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
