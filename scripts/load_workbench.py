"""Every workbench API and page against a real `policykg serve` on a corpus store: latencies and errors.

    python scripts/load_workbench.py --store DIR [--reports 10] [--browser] [--saved]

Starts a server over the store on a free loopback port, then times each per-report call (network
with every layer set, node details, tasks, tracking of one report) for a sample of reports, and the
corpus-wide calls (all tasks, all tracking links, one department or status across reports, the
charts of a government): p50, p95 and max per call, with any status other than 200. With --browser it also opens each page in
Debian's chromium and times its first view; with --saved it also times every saved query that takes
a report or metric parameter, run as `policykg query` runs it (in process, start-up excluded), for
the sampled reports and the most common metrics. A benchmark, not a test: it prints, it asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import httpx
from local_server import running_server

PREFIXES = "PREFIX pkg: <https://w3id.org/policykg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
REPORTS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a pkg:Report } } ORDER BY ?g"
COMMON_METRICS = (
    "SELECT ?label (COUNT(?q) AS ?n) WHERE { GRAPH ?g { ?q pkg:metric ?m . ?m rdfs:label ?label } }"
    " GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 5"
)
LAYER_SETS = ["", "project", "project,target", "project,target,place,department,domain"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Timer:
    def __init__(self, http: httpx.Client | None = None) -> None:
        self.http = http
        self.times: dict[str, list[float]] = defaultdict(list)
        self.bad: dict[str, list[int]] = defaultdict(list)

    def get(self, name: str, path: str, **params: str) -> httpx.Response:
        started = time.perf_counter()
        response = self.http.get(path, params=params)
        self.times[name].append(time.perf_counter() - started)
        if response.status_code != 200:
            self.bad[name].append(response.status_code)
        return response

    def report(self) -> None:
        print("| call | n | p50 ms | p95 ms | max ms | not 200 |\n|---|---:|---:|---:|---:|---|")
        for name, values in self.times.items():
            bad = ", ".join(map(str, self.bad.get(name, []))) or "—"
            print(
                f"| {name} | {len(values)} | {statistics.median(values) * 1000:.0f} | "
                f"{percentile(values, 0.95) * 1000:.0f} | {max(values) * 1000:.0f} | {bad} |"
            )


def api_calls(url: str, sample: int) -> None:
    with httpx.Client(base_url=url, timeout=120) as http:
        timer = Timer(http)
        reports = timer.get("reports", "/api/reports").json()
        step = max(1, len(reports) // sample)
        chosen = [r["graph"] for r in reports[::step][:sample]]
        print(f"{len(reports)} reports in the store, {len(chosen)} sampled")
        for graph in chosen:
            for layers in LAYER_SETS:
                data = timer.get(f"network layers=[{layers}]", "/api/network", report=graph, layers=layers).json()
            nodes = [n["id"] for n in data.get("nodes", [])]
            for node in nodes[:: max(1, len(nodes) // 4)][:4]:
                timer.get("node", "/api/node", iri=node, report=graph)
            timer.get("tasks of a report", "/api/tasks", report=graph)
            timer.get("tracking of a report", "/api/tracking", report=graph)
        tasks = timer.get("all tasks (first page)", "/api/tasks").json()
        leads = tasks.get("facets", {}).get("lead", [])
        for lead in leads[:: max(1, len(leads) // 5)][:5]:
            timer.get("a department across reports", "/api/tasks", lead=lead)
        timer.get("all tracking (first page)", "/api/tracking")
        for status in ("met", "not_met"):
            timer.get("a status across reports", "/api/tracking", status=status)
        governments = timer.get("charts, first government", "/api/charts").json().get("governments", [])
        for government in governments[:: max(1, len(governments) // 5)][:5]:
            timer.get("charts of a government", "/api/charts", government=government)
        timer.report()


def page_views(url: str) -> None:
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
    ready = {  # the status line each page writes once its first view is drawn
        "/network": "() => /任务|tasks/.test(document.getElementById('status').textContent)",
        "/tasks": "() => document.querySelectorAll('#table tbody tr').length > 0",
        "/tracking": "() => /checks|项/.test(document.getElementById('status').textContent)",
        "/query": "() => document.querySelectorAll('#saved-select option').length > 0",
        "/charts": "() => /charts|图|error|出错/.test(document.getElementById('status').textContent)",
    }
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=args, headless=True)
        print("| page | first view s | console errors |\n|---|---:|---|")
        for path, condition in ready.items():
            page = browser.new_page(viewport={"width": 1600, "height": 900})
            errors: list[str] = []
            page.on("console", lambda m, e=errors: m.type == "error" and e.append(m.text))
            started = time.perf_counter()
            page.goto(url + path)
            page.wait_for_function(condition, timeout=60_000)
            print(f"| {path} | {time.perf_counter() - started:.2f} | {'; '.join(errors) or '—'} |")
            page.close()
        browser.close()


def saved_queries(store_dir: Path, sample: int) -> None:
    from policykg.graph.store import open_store
    from policykg.queries import list_queries, run_query

    store = open_store(store_dir, read_only=True)
    timer = Timer()
    reports = [row[0].value for row in store.query(PREFIXES + REPORTS)]
    metrics = [row[0].value for row in store.query(PREFIXES + COMMON_METRICS)]
    values = {"report": reports[:: max(1, len(reports) // sample)][:sample], "metric": metrics}
    for query in list_queries():
        for param in (p.name for p in query.params if p.name in values):
            for value in values[param]:
                started = time.perf_counter()
                run_query(store, query.name, {param: value, "limit": "100"})
                timer.times[f"{query.name} --param {param}=…"].append(time.perf_counter() - started)
    timer.report()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--reports", type=int, default=10, help="reports sampled for the per-report calls")
    parser.add_argument("--browser", action="store_true", help="also time each page's first view in chromium")
    parser.add_argument(
        "--saved", action="store_true", help="also time the saved queries with a report or metric parameter"
    )
    args = parser.parse_args()
    with running_server(args.store) as url:
        api_calls(url, args.reports)
        if args.browser:
            page_views(url)
    if args.saved:
        saved_queries(args.store, args.reports)
    return 0


if __name__ == "__main__":
    sys.exit(main())
