// Shared helpers of the workbench pages. Report text is untrusted: every string from the
// server reaches the page through textContent / text nodes, never through innerHTML.
"use strict";

const PK = (() => {
  const PREFIXES = [
    ["pkg:", "https://w3id.org/policykg/ontology#"],
    ["pkgid:", "https://w3id.org/policykg/id/"],
    ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
    ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"],
    ["skos:", "http://www.w3.org/2004/02/skos/core#"],
    ["dcterms:", "http://purl.org/dc/terms/"],
    ["org:", "http://www.w3.org/ns/org#"],
    ["prov:", "http://www.w3.org/ns/prov#"],
    ["oa:", "http://www.w3.org/ns/oa#"],
    ["time:", "http://www.w3.org/2006/time#"],
    ["geo:", "http://www.opengis.net/ont/geosparql#"],
    ["schema:", "https://schema.org/"],
  ];

  /** Build an element; string children become text nodes. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child !== undefined && child !== null) node.append(child);
    }
    return node;
  }

  function shortIri(iri) {
    for (const [prefix, ns] of PREFIXES) {
      if (iri.startsWith(ns)) return prefix + iri.slice(ns.length);
    }
    return iri;
  }

  async function errorText(response) {
    const text = await response.text();
    try {
      return JSON.parse(text).error || text;
    } catch (e) {
      return text.trim() || response.statusText;
    }
  }

  async function getJSON(url, options) {
    const response = await fetch(url, options);
    if (!response.ok) throw new Error(`${response.status}: ${await errorText(response)}`);
    return response.json();
  }

  function setStatus(text, isError) {
    const status = document.getElementById("status");
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  }

  /** Replace a select's options after the first ("all") one, keeping the choice if still offered. */
  function fillSelect(select, values, labels) {
    const keep = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const value of values) {
      select.append(el("option", { value: value, text: (labels && labels[value]) || value }));
    }
    select.value = values.includes(keep) ? keep : "";
  }

  const collator = new Intl.Collator("zh", { numeric: true });

  function cellText(value) {
    if (Array.isArray(value)) return value.join("；");
    if (value && typeof value === "object" && "iri" in value) return value.label || shortIri(value.iri);
    return value === undefined || value === null ? "" : String(value);
  }

  /** A cell: an IRI shows its label (or prefixed name); a click shows the full IRI and back. */
  function cellNode(value) {
    const td = el("td", { text: cellText(value) });
    if (value && typeof value === "object" && "iri" in value) {
      td.className = "iri";
      td.title = value.iri;
      td.addEventListener("click", () => {
        td.textContent = td.textContent === value.iri ? cellText(value) : value.iri;
      });
    }
    return td;
  }

  /** A table whose header cells sort it (click again to reverse). */
  function sortableTable(columns, rows) {
    const table = el("table", { class: "data" });
    const head = el("tr");
    const body = el("tbody");
    let sortKey = null;
    let ascending = true;
    function render() {
      body.replaceChildren(
        ...rows.map((row) => el("tr", {}, ...columns.map(([key]) => cellNode(row[key])))),
      );
    }
    columns.forEach(([key, title]) => {
      const th = el("th", { scope: "col", tabindex: "0", "data-key": key, text: title });
      const sort = () => {
        ascending = sortKey === key ? !ascending : true;
        sortKey = key;
        rows.sort((a, b) => collator.compare(cellText(a[key]), cellText(b[key])) * (ascending ? 1 : -1));
        head.querySelectorAll("th").forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        render();
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", (event) => event.key === "Enter" && sort());
      head.append(th);
    });
    render();
    table.append(el("thead", {}, head), body);
    return table;
  }

  /** A report as people name it: place and date, else its label, else its IRI. */
  function reportName(report) {
    return [report.place, report.date].filter(Boolean).join(" ") || report.label || report.graph;
  }

  /** Reload on any filter change; choosing another report clears the other filters first. */
  function watchFilters(filters, load) {
    document.getElementById("f-report").addEventListener("change", () => {
      for (const name of filters) document.getElementById("f-" + name).value = "";
      load();
    });
    for (const name of filters) document.getElementById("f-" + name).addEventListener("change", load);
  }

  return { el, shortIri, getJSON, errorText, setStatus, fillSelect, sortableTable, cellText, reportName, watchFilters };
})();
