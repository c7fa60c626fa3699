// The query page: saved queries with their parameters, an editor for one's own query, results
// as a sortable table, CSV / JSON downloads.
"use strict";

(() => {
  const { el, getJSON, errorText, setStatus, sortableTable } = PK;
  const DEFAULT_QUERY = `PREFIX pkg: <https://w3id.org/policykg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?task ?title WHERE {
  ?task a pkg:Task ; rdfs:label ?title .
}
LIMIT 50`;
  let saved = [];

  function current() {
    return saved.find((q) => q.name === document.getElementById("saved-select").value);
  }

  function savedParams(extra) {
    const params = new URLSearchParams();
    document.querySelectorAll("#saved-params input").forEach((input) => {
      if (input.value.trim()) params.set(input.name, input.value.trim());
    });
    for (const [key, value] of Object.entries(extra || {})) params.set(key, value);
    return params;
  }

  function updateSavedLinks() {
    const query = current();
    if (!query) return;
    const base = "/api/queries/" + encodeURIComponent(query.name) + "?";
    document.getElementById("saved-csv").href = base + savedParams({ format: "csv", download: "1", bom: "1" });
    document.getElementById("saved-json").href = base + savedParams({ format: "json", download: "1" });
  }

  function showSaved() {
    const query = current();
    if (!query) return;
    document.getElementById("saved-question").textContent =
      query.question_zh ? query.question_zh + " · " + query.question : query.question;
    const box = document.getElementById("saved-params");
    box.replaceChildren(
      ...query.parameters.map((param) =>
        el(
          "label",
          { class: "param" },
          `${param.name} (${param.type}) `,
          el("input", { name: param.name, type: "text", placeholder: param.description, title: param.description }),
          el("span", { class: "muted small", text: " " + param.description }),
        ),
      ),
    );
    box.querySelectorAll("input").forEach((input) => input.addEventListener("input", updateSavedLinks));
    updateSavedLinks();
  }

  const LABEL_LIMIT = 2000;

  /** rdfs:label (or dcterms:title) of the IRIs in a result, asked of the endpoint in one query. */
  async function fetchLabels(iris) {
    const wanted = [...iris].filter((iri) => !/[<>"\s{}|\\^`]/.test(iri)).slice(0, LABEL_LIMIT);
    if (!wanted.length) return {};
    const query = `SELECT ?node (SAMPLE(?text) AS ?label) WHERE {
  VALUES ?node { ${wanted.map((iri) => "<" + iri + ">").join(" ")} }
  { ?node <http://www.w3.org/2000/01/rdf-schema#label> ?text } UNION { ?node <http://purl.org/dc/terms/title> ?text }
} GROUP BY ?node`;
    try {
      const response = await fetch("/sparql", {
        method: "POST",
        headers: { Accept: "application/sparql-results+json" },
        body: new URLSearchParams({ query: query }),
      });
      if (!response.ok) return {};
      const labels = {};
      for (const b of (await response.json()).results.bindings) {
        if (b.node && b.label) labels[b.node.value] = b.label.value;
      }
      return labels;
    } catch (err) {
      return {};
    }
  }

  async function renderResults(data, seconds) {
    const box = document.getElementById("results");
    if ("boolean" in data) {
      box.replaceChildren(el("p", { class: "boolean", text: data.boolean ? "true" : "false" }));
      setStatus(`ASK → ${data.boolean} (${seconds} s)`);
      return;
    }
    const vars = data.head.vars || [];
    const iris = new Set();
    for (const binding of data.results.bindings) {
      for (const name of vars) if (binding[name] && binding[name].type === "uri") iris.add(binding[name].value);
    }
    const labels = iris.size ? await fetchLabels(iris) : {};
    const rows = data.results.bindings.map((binding) => {
      const row = {};
      for (const name of vars) {
        const term = binding[name];
        if (!term) row[name] = "";
        else if (term.type === "uri") row[name] = { iri: term.value, label: labels[term.value] || "" };
        else row[name] = term.value;
      }
      return row;
    });
    box.replaceChildren(sortableTable(vars.map((name) => [name, name]), rows));
    setStatus(`${rows.length} 行 rows (${seconds} s)`);
  }

  async function run(url, options) {
    setStatus("运行中 running…");
    const started = performance.now();
    try {
      const response = await fetch(url, options);
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (!response.ok) {
        setStatus(`出错 error ${response.status}: ${await errorText(response)}`, true);
        document.getElementById("results").replaceChildren();
        return;
      }
      const type = response.headers.get("content-type") || "";
      if (type.includes("json") && !type.includes("ld+json")) await renderResults(await response.json(), seconds);
      else {
        const text = await response.text();
        document.getElementById("results").replaceChildren(el("pre", { class: "rdf", text: text }));
        setStatus(`${type.split(";")[0]} (${seconds} s)`);
      }
    } catch (err) {
      setStatus("出错 error: " + err.message, true);
    }
  }

  function updateEditorLinks() {
    const query = document.getElementById("editor").value;
    const base = "/sparql?" + new URLSearchParams({ query: query });
    document.getElementById("editor-csv").href = base + "&format=csv&bom=1&download=query.csv";
    document.getElementById("editor-json").href = base + "&format=json&download=query.json";
  }

  async function init() {
    const editor = document.getElementById("editor");
    editor.value = DEFAULT_QUERY;
    editor.addEventListener("input", updateEditorLinks);
    updateEditorLinks();
    const select = document.getElementById("saved-select");
    select.addEventListener("change", showSaved);
    document.getElementById("saved-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const query = current();
      if (query) {
        run("/api/queries/" + encodeURIComponent(query.name) + "?" + savedParams(), {
          headers: { Accept: "application/sparql-results+json" },
        });
      }
    });
    document.getElementById("saved-edit").addEventListener("click", () => {
      const query = current();
      if (query) {
        editor.value = query.text;
        updateEditorLinks();
      }
    });
    document.getElementById("editor-form").addEventListener("submit", (event) => {
      event.preventDefault();
      run("/sparql", {
        method: "POST",
        headers: { Accept: "application/sparql-results+json, text/turtle;q=0.9" },
        body: new URLSearchParams({ query: editor.value }),
      });
    });
    try {
      saved = await getJSON("/api/queries");
    } catch (err) {
      setStatus("出错 error: " + err.message, true);
    }
    for (const query of saved) select.append(el("option", { value: query.name, text: query.name }));
    showSaved();
  }

  init();
})();
