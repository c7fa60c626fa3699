"""The workbench pages in a real headless chromium against a real server.

Each page loads with no console errors and no request leaving 127.0.0.1; a node click shows its
evidence; filters narrow the view; a saved query runs and its CSV downloads; report text with
<script> and HTML-like markup shows as text and never runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from server_fixtures import XSS_PAYLOAD, build_store, running_server, with_payload

from policykg.web.workbench import Filters, TaskRow, context_for, network

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory, example_path) -> Iterator[Any]:
    store_dir = tmp_path_factory.mktemp("store") / "store"
    graphs = build_store(store_dir, [(example_path.name, example_path.read_text(encoding="utf-8"))])
    with running_server(store_dir, graphs) as srv:
        yield srv


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, example_path) -> Iterator[Any]:
    store_dir = tmp_path_factory.mktemp("hostile") / "store"
    text = with_payload(example_path.read_text(encoding="utf-8"))
    graphs = build_store(store_dir, [("hostile.txt", text)])
    with running_server(store_dir, graphs) as srv:
        yield srv


class Log:
    def __init__(self) -> None:
        self.remote: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []


def open_page(browser: Any, server: Any, path: str) -> tuple[Any, Log]:
    """A page on `server` with every request off 127.0.0.1 aborted and recorded."""
    log = Log()
    context = browser.new_context(viewport={"width": 1500, "height": 900}, accept_downloads=True)
    page = context.new_page()

    def route(r: Any) -> None:
        if r.request.url.startswith(server.url + "/"):
            r.continue_()
        else:
            log.remote.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.errors.append(str(e)))
    page.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))
    page.goto(server.url + path)
    return page, log


def assert_clean(log: Log) -> None:
    assert log.remote == [] and log.errors == [] and log.dialogs == []


def click_node(page: Any, kind: str) -> dict[str, Any]:
    """Click the first node of a kind where vis-network drew it on the canvas."""
    spot = page.evaluate(
        """kind => {
        const s = window.policykg.state;
        const node = [...s.byId.values()].find(n => n.kind === kind);
        s.network.focus(node.id, {scale: 1.0, animation: false});
        const p = s.network.canvasToDOM(s.network.getPosition(node.id));
        const r = document.querySelector('#graph canvas').getBoundingClientRect();
        return {id: node.id, label: node.label, x: r.left + p.x, y: r.top + p.y};
    }""",
        kind,
    )
    page.mouse.click(spot["x"], spot["y"])
    return spot


def test_network_page_click_filter_search(chromium, server):
    page, log = open_page(chromium, server, "/network")
    page.wait_for_function("() => /任务/.test(document.getElementById('status').textContent)")
    tasks_before = page.evaluate("() => [...window.policykg.state.byId.values()].filter(n => n.kind === 'task').length")
    assert tasks_before > 10
    assert page.locator("#legend .legend-item").count() >= 3
    spot = click_node(page, "task")
    page.wait_for_selector("#panel .evidence mark")
    assert page.locator("#panel h2").text_content() == spot["label"]
    assert page.locator("#panel .evidence").first.text_content().strip()
    assert page.locator("#panel mark").first.text_content().strip()
    # filter: one domain keeps fewer tasks, all of that domain
    domains = page.eval_on_selector_all("#f-domain option", "opts => opts.map(o => o.value).filter(Boolean)")
    page.select_option("#f-domain", domains[0])
    page.wait_for_function(
        "n => [...window.policykg.state.byId.values()].filter(x => x.kind === 'task').length < n", arg=tasks_before
    )
    # layers: departments appear when switched on
    page.check("input[name=layer][value=department]")
    page.wait_for_function("() => [...window.policykg.state.byId.values()].some(n => n.kind === 'department')")
    # search finds and focuses a node, and the panel follows
    department = page.evaluate(
        "() => [...window.policykg.state.byId.values()].find(n => n.kind === 'department').label"
    )
    page.fill("#search", department)
    page.click("#search-form button")
    page.wait_for_function("t => document.querySelector('#panel h2')?.textContent === t", arg=department)
    assert page.evaluate("() => window.policykg.state.network.getSelectedNodes().length") == 1
    assert_clean(log)


def test_query_page_runs_a_saved_query_and_downloads_csv(chromium, server):
    page, log = open_page(chromium, server, "/query")
    page.wait_for_selector("#saved-select option[value='tasks-by-lead-department']", state="attached")
    page.select_option("#saved-select", "tasks-by-lead-department")
    assert "分工表" in page.locator("#saved-question").text_content()
    page.click("#saved-run")
    page.wait_for_selector("#results table.data tbody tr")
    rows = page.locator("#results tbody tr").count()
    assert rows > 5
    page.click("#results th[data-key=department]")
    assert page.locator("#results th[data-key=department]").get_attribute("aria-sort") == "ascending"
    # IRIs read as names: the task column shows the task's label, a click shows the IRI
    task_cell = page.locator("#results tbody td.iri").first
    assert not task_cell.text_content().startswith(("http", "pkgid:"))
    iri = task_cell.get_attribute("title")
    assert iri.startswith("https://w3id.org/policykg/id/")
    task_cell.click()
    assert task_cell.text_content() == iri
    with page.expect_download() as download:
        page.click("#saved-csv")
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdepartment,task,")
    assert data.count(b"\n") == rows + 1
    # the editor runs the user's own query
    page.fill("#editor", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    page.click("#editor-run")
    page.wait_for_function("() => document.querySelector('#results td')?.textContent > 0")
    page.fill("#editor", "SELECT ?x WHERE { ?x")
    page.click("#editor-run")
    page.wait_for_selector("#status.error")
    assert "syntax error" in page.locator("#status").text_content()
    log.errors = [e for e in log.errors if "400" not in e]  # the browser logs the failed fetch itself
    assert_clean(log)


def test_task_table_filters_and_downloads(chromium, server):
    page, log = open_page(chromium, server, "/tasks")
    page.wait_for_selector("#table tbody tr")
    total = page.locator("#table tbody tr").count()
    leads = page.eval_on_selector_all("#f-lead option", "opts => opts.map(o => o.value).filter(Boolean)")
    page.select_option("#f-lead", leads[0])
    page.wait_for_function("n => document.querySelectorAll('#table tbody tr').length < n", arg=total)
    shown = page.locator("#table tbody tr").count()
    with page.expect_download() as download:
        page.click("#download-csv")
    data = Path(download.value.path()).read_bytes().decode("utf-8")
    assert data.startswith("\ufeff编号,任务") and data.count("\r\n") == shown + 1
    with page.expect_download() as download:
        page.click("#download-xlsx")
    assert Path(download.value.path()).read_bytes()[:2] == b"PK"
    assert_clean(log)


def test_charts_page_on_a_store_without_checks_says_so(chromium, server):
    """One report, nothing tracked: /api/charts has no government and the 图表 page says what to do."""
    assert server.get("/api/charts").json() == {"governments": [], "chart": None}
    page, log = open_page(chromium, server, "/charts")
    page.wait_for_function("() => window.policykgChartsDrawn === 0")
    assert "policykg build" in page.text_content("#status")
    assert page.locator("#charts svg").count() == 0
    assert_clean(log)


def test_report_markup_shows_as_text_and_never_runs(chromium, hostile_server):
    # the task whose evidence holds the payload, found through the data API
    hostile = None
    for row in hostile_server.get("/api/tasks").json()["rows"]:
        details = hostile_server.get("/api/node", params={"iri": row["iri"]}).json()
        if any("<script>" in ev["before"] + ev["mark"] + ev["after"] for ev in details["evidence"]):
            hostile = details
            break
    assert hostile is not None
    page, log = open_page(chromium, hostile_server, "/network")
    page.wait_for_function("() => /任务/.test(document.getElementById('status').textContent)")
    page.evaluate("iri => { window.policykg.focusNode(iri); return window.policykg.showNode(iri); }", hostile["iri"])
    page.wait_for_selector("#panel .evidence")
    assert XSS_PAYLOAD in page.locator("#panel .evidence").first.text_content()
    assert page.locator("#panel script, #panel img, #panel b").count() == 0
    # the same text in a query result table
    query, qlog = open_page(page.context.browser, hostile_server, "/query")
    query.fill(
        "#editor", 'SELECT ?text WHERE { ?q <http://www.w3.org/ns/oa#exact> ?text FILTER(CONTAINS(?text, "<script>")) }'
    )
    query.click("#editor-run")
    query.wait_for_selector("#results tbody td")
    assert XSS_PAYLOAD in query.locator("#results tbody td").first.text_content()
    assert query.locator("#results script, #results img, #results b").count() == 0
    for p in (page, query):
        assert p.evaluate("() => window.__pwned") is None
    assert_clean(log)
    assert_clean(qlog)


def _task(iri: str, parent: str, start: int, domain: str = "") -> TaskRow:
    return TaskRow(
        "g",
        iri,
        iri,
        iri,
        parent,
        "https://w3id.org/policykg/ontology#Goal",
        parent,
        "2022",
        domain,
        "",
        start,
        start + 5,
    )


def test_layout_keeps_report_order_and_filters():
    tasks = [_task("t1", "g1", 0, "能源"), _task("t2", "g1", 10, "交通"), _task("t3", "g2", 20, "能源")]
    data = network(tasks, Filters())
    ys = {n["id"]: n["y"] for n in data["nodes"]}
    assert ys["t1"] < ys["t2"] < ys["t3"] and ys["g1"] < ys["g2"]
    only = network(tasks, Filters(domain="能源"))
    assert {n["id"] for n in only["nodes"] if n["kind"] == "task"} == {"t1", "t3"}


def test_context_marks_the_evidence_inside_its_paragraph():
    paragraph = {"start": "100", "end": "120", "exact": "加快项目建设。全市增长7%左右。"}
    clause = {"report": "r", "start": "107", "end": "115", "exact": "全市增长7%左右"}
    out = context_for(clause, [paragraph])
    assert (out["before"], out["mark"], out["after"]) == ("加快项目建设。", "全市增长7%左右", "。")
    whole = context_for(
        {"report": "r", "start": "100", "end": "120", "exact": paragraph["exact"]}, [paragraph], "加快项目建设"
    )
    assert whole["mark"] == "加快项目建设" and whole["after"].startswith("。")


# --- commitment tracking: two years of one government -----------------------------------------


@pytest.fixture(scope="module")
def tracked_server(tmp_path_factory) -> Iterator[Any]:
    """Two consecutive reports written for the tests (tracking_fixtures) and the tracking graph
    between them, as `policykg build` loads them: no corpus needed."""
    from tracking_fixtures import REPORT_N, REPORT_N1

    from policykg.graph.iris import report_iri, tracking_graph_iri
    from policykg.graph.rdf import extraction_to_graph, serialize, tracking_to_graph
    from policykg.graph.store import open_store, replace_graph, write_lock
    from policykg.graph.tracking import track
    from policykg.pipeline import extract_text

    old, new = extract_text(REPORT_N, "city-2021.txt"), extract_text(REPORT_N1, "city-2022.txt")
    store_dir = tmp_path_factory.mktemp("tracked") / "store"
    graphs = [str(report_iri(old)), str(report_iri(new))]
    links = track(old, new)
    with write_lock(store_dir):
        store = open_store(store_dir)
        replace_graph(store, graphs[0], serialize(extraction_to_graph(old), "nt"))
        replace_graph(store, graphs[1], serialize(extraction_to_graph(new), "nt"))
        replace_graph(store, str(tracking_graph_iri(old, new)), serialize(tracking_to_graph(old, new, links), "nt"))
        del store
    with running_server(store_dir, graphs) as srv:
        srv.links = links
        srv.graphs = graphs
        srv.store_dir = store_dir
        yield srv


# The single query the tracking table was once read with: slow on a corpus (OPTIONAL chains over the
# union graph) but plain to read, so it serves as the reference the fast plain-join assembly must match.
REFERENCE_TRACKING = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>

SELECT DISTINCT ?check ?promised_in ?reviewed_in ?year ?kind ?status ?name ?place ?target ?result ?evidence
       ?result_evidence ?promise ?project
WHERE {
  ?check a pkg:CommitmentCheck ;
    pkg:checkKind ?kind ;
    pkg:checkStatus ?status ;
    pkg:promise ?promise ;
    pkg:promisedIn ?promised_in ;
    pkg:reviewedIn ?reviewed_in ;
    pkg:promiseEvidence/oa:hasTarget/oa:hasSelector ?quote .
  ?quote a oa:TextQuoteSelector ;
    oa:exact ?evidence .
  OPTIONAL { ?promised_in pkg:planYear ?year }
  OPTIONAL { ?check pkg:metric/rdfs:label ?metric }
  OPTIONAL { ?promise pkg:mentionOf ?project }
  OPTIONAL { ?promise rdfs:label ?promise_label }
  BIND (COALESCE(?metric, ?promise_label) AS ?name)
  OPTIONAL { ?promise pkg:surface ?surface }
  OPTIONAL { ?check pkg:promisedStage ?stage }
  BIND (COALESCE(?surface, ?stage) AS ?target)
  OPTIONAL { ?promise pkg:concernsPlace/rdfs:label ?target_place }
  OPTIONAL { ?promised_in dcterms:spatial/rdfs:label ?report_place }
  BIND (COALESCE(?target_place, ?report_place) AS ?place)
  OPTIONAL { ?check pkg:outcome/pkg:surface ?result_surface }
  OPTIONAL { ?check pkg:reportedStage ?reported_stage }
  BIND (COALESCE(?result_surface, ?reported_stage) AS ?result)
  OPTIONAL {
    ?check pkg:outcomeEvidence/oa:hasTarget/oa:hasSelector ?result_quote .
    ?result_quote a oa:TextQuoteSelector ;
      oa:exact ?result_evidence .
  }
}
ORDER BY ?promised_in ?kind ?check
"""


def test_tracking_rows_match_the_reference_query(tracked_server):
    import pyoxigraph as ox

    store = ox.Store.read_only(str(tracked_server.store_dir))
    expected: dict[str, dict[str, set[str]]] = {}
    for solution in store.query(REFERENCE_TRACKING, use_default_graph_as_union=True):
        row = expected.setdefault(solution["check"].value, {})
        for name in ("promised_in", "reviewed_in", "year", "kind", "status", "name", "place", "target", "result",
                     "evidence", "result_evidence", "promise", "project"):  # fmt: skip
            term = solution[name]
            if term is not None:
                row.setdefault(name, set()).add(term.value)
    got = tracked_server.get("/api/tracking").json()["rows"]
    assert {r["iri"] for r in got} == set(expected) and len(got) == len(expected)
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as thread:  # a thread of its own: Playwright's loop may be running in this one
        assembled = thread.submit(asyncio.run, _load_tracking(tracked_server.store_dir)).result()
    full = {r["check"]: r for r in assembled}
    for check, want in expected.items():
        have = full[check]
        assert set(have) - {"check"} == set(want), check
        for key, values in want.items():
            assert have[key] in values, (check, key)
    one = tracked_server.get("/api/tracking", params={"report": tracked_server.graphs[0]}).json()
    assert len(one["rows"]) == len(expected) and set(one["report_labels"]) == {tracked_server.graphs[0]}
    assert tracked_server.get("/api/tracking", params={"report": tracked_server.graphs[1]}).json()["rows"] == []


async def _load_tracking(store_dir: Path) -> list[dict[str, str]]:
    """The workbench's own assembly, run on the store in this process (no server in between)."""

    import pyoxigraph as ox

    from policykg.web.workbench import load_tracking, solution_rows, workbench_query

    store = ox.Store.read_only(str(store_dir))

    async def select(name: str, bindings: dict[str, tuple[str, str, str]]) -> list[dict[str, str]]:
        subs = {ox.Variable(k): ox.NamedNode(v[1]) for k, v in bindings.items()}
        result = store.query(workbench_query(name), substitutions=subs, use_default_graph_as_union=True)
        return solution_rows(result.serialize(format=ox.QueryResultsFormat.JSON))

    return await load_tracking(select)


def test_tracking_api_without_a_browser(tracked_server):
    """/api/tracking and its CSV on the hand-written pair: the statuses a reader gives them."""
    rows = tracked_server.get("/api/tracking").json()["rows"]
    by_target = {(r["kind"], r["target"]): (r["result"], r["status"]) for r in rows}
    assert by_target == {
        ("project", "start"): ("start", "met"),
        ("quantity", "7%左右"): ("7%", "met"),
        ("quantity", "不超过3%"): ("3%", "met"),
        ("quantity", "控制在4.5%以内"): ("4.6%", "partly"),
        ("quantity", "3%"): ("3%", "met"),
        ("quantity", "8%"): ("7.2%", "partly"),
    }
    assert {r["promised_in"] for r in rows} == {tracked_server.graphs[0]}
    assert {r["reviewed_in"] for r in rows} == {tracked_server.graphs[1]}
    partly = tracked_server.get("/api/tracking", params={"status": "partly"}).json()["rows"]
    assert sorted(r["target"] for r in partly) == ["8%", "控制在4.5%以内"]
    csv = tracked_server.get("/api/tracking.csv").content.decode("utf-8")
    assert csv.startswith("\ufeff年度,类型,指标/项目,") and csv.count("\r\n") == len(rows) + 1
    page = tracked_server.get("/tracking")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")


def test_tracking_page_sorts_filters_and_downloads(chromium, tracked_server):
    page, log = open_page(chromium, tracked_server, "/tracking")
    page.wait_for_selector("#table tbody tr")
    total = page.locator("#table tbody tr").count()
    assert total == len({(x.kind, x.target_id) for x in tracked_server.links})
    statuses = page.eval_on_selector_all("#table td[class^=status-]", "cells => cells.map(c => c.dataset.value)")
    assert set(statuses) == {x.status for x in tracked_server.links}
    shown_as = page.eval_on_selector_all("#table td[class^=status-]", "cells => cells.map(c => c.textContent)")
    assert {"已完成 met", "未完成 not met"} & set(shown_as)  # read in Chinese with the value beside it
    page.click("#table th[data-key=status]")
    assert page.locator("#table th[data-key=status]").get_attribute("aria-sort") == "ascending"
    shown = page.eval_on_selector_all(
        "#table td.status-met, #table td[class^=status-]", "c => c.map(x => x.dataset.value)"
    )
    assert shown == sorted(shown)
    page.select_option("#f-status", "met")
    page.wait_for_function("n => document.querySelectorAll('#table tbody tr').length < n", arg=total)
    met = page.locator("#table tbody tr").count()
    assert met == sum(x.status == "met" for x in tracked_server.links)
    with page.expect_download() as download:
        page.click("#download-csv")
    data = Path(download.value.path()).read_bytes().decode("utf-8")
    assert data.startswith("\ufeff年度,类型,指标/项目") and data.count("\r\n") == met + 1
    assert_clean(log)


def test_network_colours_checked_targets_and_projects(chromium, tracked_server):
    page, log = open_page(chromium, tracked_server, "/network")
    page.wait_for_function("() => /任务/.test(document.getElementById('status').textContent)")
    page.select_option("#f-report", tracked_server.graphs[0])  # the report whose promises were checked
    page.check("input[name=layer][value=target]")
    page.wait_for_function("() => [...window.policykg.state.byId.values()].some(n => n.status && n.kind === 'target')")
    coloured = page.evaluate(
        """() => [...window.policykg.state.byId.values()].filter(n => n.status).map(n => {
            const drawn = window.policykg.state.nodes.get(n.id);
            return [n.status, drawn.color.border, drawn.borderWidth];
        })"""
    )
    assert coloured and all(width == 4 for _, _, width in coloured)
    assert {border for status, border, _ in coloured if status == "met"} <= {"#15803d"}
    legend = page.eval_on_selector_all("#legend .tracking-item", "items => items.map(i => i.dataset.status)")
    assert set(legend) == {status for status, _, _ in coloured}
    assert_clean(log)


def test_tracking_statuses_colour_only_the_shown_reports_promises():
    from policykg.web.workbench import tracking_legend, tracking_statuses

    rows = [
        {"promise": "r1/quantity/Q1", "status": "met", "promised_in": "r1"},
        {"promise": "r1/project/P1", "project": "project/X", "status": "not_met", "promised_in": "r1"},
        {"promise": "r2/project/P4", "project": "project/X", "status": "met", "promised_in": "r2"},
    ]
    assert tracking_statuses(rows, "r1") == {
        "r1/quantity/Q1": "met",
        "r1/project/P1": "not_met",
        "project/X": "not_met",
    }
    assert [x["status"] for x in tracking_legend(["not_met", "met", "met"])] == ["met", "not_met"]


def test_shared_node_neighbours_stay_in_the_report_on_screen(tracked_server):
    first, second = tracked_server.graphs
    tasks = tracked_server.get("/api/tasks", params={"report": first}).json()["rows"]
    lead = next(t for t in tasks if t["lead"])
    network = tracked_server.get("/api/network", params={"report": first, "layers": "department"}).json()
    department = next(n["id"] for n in network["nodes"] if n["kind"] == "department" and n["label"] == lead["lead"][0])
    everywhere = tracked_server.get("/api/node", params={"iri": department}).json()["neighbours"]
    here = tracked_server.get("/api/node", params={"iri": department, "report": first}).json()["neighbours"]
    incoming = [n["node"] for n in here if n["direction"] == "in"]
    assert incoming and all(node.startswith(first) for node in incoming)
    assert any(n["node"].startswith(second) for n in everywhere if n["direction"] == "in")
    bad = tracked_server.get("/api/node", params={"iri": department, "report": "not an iri"})
    assert bad.status_code == 400


def test_network_all_layers_reads_as_captioned_parts(chromium, server):
    """All layers on: a column per part under a caption in words, goals legible, rows below the tree."""
    page, log = open_page(chromium, server, "/network")
    page.wait_for_function("() => /任务/.test(document.getElementById('status').textContent)")
    for layer in ("target", "place", "department", "domain"):
        before = page.evaluate("() => window.policykg.state.byId.size")
        page.check(f"input[name=layer][value={layer}]")
        page.wait_for_function("n => window.policykg.state.byId.size > n", arg=before)
    seen = page.evaluate(
        """() => {
        const s = window.policykg.state;
        const scale = s.network.getScale();
        const box = document.getElementById('graph').getBoundingClientRect();
        return [...s.byId.values()].map(n => {
            const drawn = s.nodes.get(n.id);
            const p = s.network.canvasToDOM(s.network.getPosition(n.id));
            return {kind: n.kind, label: drawn.label, y: n.y, px: drawn.font.size * scale,
                    inside: p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height};
        });
    }"""
    )
    parts = [s for s in seen if s["kind"] == "part"]
    goals = [s for s in seen if s["kind"] == "goal"]
    assert [s["label"] for s in parts] == ["未来五年发展目标任务", "2022年重点工作", "全面加强政府自身建设"]
    assert min(s["px"] for s in parts) >= 12 and min(s["px"] for s in goals) >= 8
    assert all(s["inside"] for s in parts + goals)
    tree_bottom = max(s["y"] for s in seen if s["kind"] in ("goal", "task", "project", "target"))
    assert min(s["y"] for s in seen if s["kind"] in ("department", "place", "domain")) > tree_bottom
    # links to the rows below are not all drawn at once (the grey hairball): only the selected node's
    hidden = page.evaluate("() => window.policykg.state.edges.get({filter: e => e.link}).every(e => e.hidden)")
    assert hidden
    assert_clean(log)


def test_every_page_shares_one_navigation_marking_itself() -> None:
    """The pages extend one base template: the same links on each, the page's own marked current."""
    import re

    from policykg.web.server import NAV, PAGES, page_html

    for path in PAGES:
        html = page_html(path)
        links = re.findall(r'<a href="(/[a-z]+)"( aria-current="page")?>', html.split("</nav>")[0])
        assert [href for href, _ in links] == [p for p, _ in NAV]
        assert [href for href, current in links if current] == [path]
