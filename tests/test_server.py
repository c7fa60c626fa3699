"""The SPARQL 1.1 Protocol endpoint and the workbench's data API, over HTTP against a real server.

The server is `python -m policykg.web.server` on a free loopback port over a store built from the
bundled example with the project's own pipeline; clients are SPARQLWrapper and httpx.
"""

from __future__ import annotations

import csv
import io
import json
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph
from server_fixtures import build_store, running_server
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TURTLE, URLENCODED, SPARQLWrapper

from policykg.web import conneg

PKG = "PREFIX pkg: <https://w3id.org/policykg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
COUNT_TASKS = PKG + "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a pkg:Task }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def example_store(tmp_path_factory, example_path):
    store_dir = tmp_path_factory.mktemp("store") / "store"
    graphs = build_store(store_dir, [(example_path.name, example_path.read_text(encoding="utf-8"))])
    return store_dir, graphs


@pytest.fixture(scope="module")
def server(example_store):
    with running_server(*example_store) as srv:
        yield srv


@pytest.fixture(scope="module")
def tight_server(example_store):
    """One worker, a 1 s time limit and a 4 KiB result limit."""
    with running_server(*example_store, "--workers", "1", "--timeout", "1", "--max-result-bytes", "4096") as srv:
        yield srv


def wrapper(server, query: str, fmt: str = JSON) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def task_count(server) -> int:
    result = wrapper(server, COUNT_TASKS).queryAndConvert()
    return int(result["results"]["bindings"][0]["n"]["value"])


def test_select_json_with_sparqlwrapper_get_and_post(server):
    by_get = task_count(server)
    assert by_get > 10  # the example's annual plan holds dozens of tasks
    for request_method in (URLENCODED, POSTDIRECTLY):
        client = wrapper(server, COUNT_TASKS)
        client.setMethod(POST)
        client.setRequestMethod(request_method)
        result = client.queryAndConvert()
        assert int(result["results"]["bindings"][0]["n"]["value"]) == by_get


def test_csv_and_tsv_negotiated(server):
    query = PKG + "SELECT ?t ?title WHERE { ?t a pkg:Task ; rdfs:label ?title } ORDER BY ?t LIMIT 5"
    raw = wrapper(server, query, CSV).query().response.read().decode("utf-8")
    rows = list(csv.reader(io.StringIO(raw)))
    assert rows[0] == ["t", "title"] and len(rows) == 6
    assert rows[1][0].startswith("https://w3id.org/policykg/id/report/")
    response = server.get("/sparql", params={"query": query}, headers={"Accept": "text/tab-separated-values"})
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    lines = response.text.strip().split("\n")
    assert lines[0] == "?t\t?title" and lines[1].startswith("<https://w3id.org/policykg/id/report/")


def test_accept_with_quality_values(server):
    response = server.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Accept": "text/csv;q=0.5, application/sparql-results+json"}
    )
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert response.json()["boolean"] is True


def test_construct_turtle_and_jsonld(server):
    query = PKG + "CONSTRUCT { ?t rdfs:label ?l } WHERE { ?t a pkg:Task ; rdfs:label ?l }"
    graph = wrapper(server, query, TURTLE).queryAndConvert()
    if isinstance(graph, bytes):
        graph = Graph().parse(data=graph, format="turtle")
    assert len(graph) >= task_count(server)
    turtle = server.get("/sparql", params={"query": query}, headers={"Accept": "text/turtle"}).text
    assert "@prefix pkg: <https://w3id.org/policykg/ontology#>" in turtle and "rdfs:label" in turtle  # names
    response = server.get("/sparql", params={"query": query}, headers={"Accept": "application/ld+json"})
    assert response.headers["content-type"].startswith("application/ld+json")
    assert len(Graph().parse(data=response.text, format="json-ld")) == len(graph)
    assert wrapper(server, query, JSONLD).query().response.headers["content-type"].startswith("application/ld+json")


def test_default_graph_is_the_union_unless_graphs_are_named(server):
    graph = server.graphs[0]
    count = PKG + "SELECT (COUNT(*) AS ?n) WHERE { ?t a pkg:Task }"

    def n(**params):
        body = server.get("/sparql", params={"query": count, **params}).json()
        return int(body["results"]["bindings"][0]["n"]["value"])

    assert n() == n(**{"default-graph-uri": graph}) > 0
    assert n(**{"default-graph-uri": "https://example.org/no-such-graph"}) == 0
    named = PKG + "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?t a pkg:Task } }"
    body = server.get("/sparql", params={"query": named, "named-graph-uri": "https://example.org/none"}).json()
    assert body["results"]["bindings"][0]["n"]["value"] == "0"


def test_updates_are_refused_and_change_nothing(server):
    before = task_count(server)
    update = "DELETE WHERE { ?s ?p ?o }"
    for response in (
        server.post("/sparql", data={"update": update}),
        server.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"}),
        server.get("/sparql", params={"update": update}),
    ):
        assert response.status_code == 403
        assert response.text.strip() == "this endpoint is read-only: SPARQL Update is not accepted"
    # an update sent as a query is refused the same way
    assert server.post("/sparql", data={"query": update}).status_code == 403
    assert task_count(server) == before


def test_protocol_errors_are_one_line(server):
    cases = [
        (server.get("/sparql", params={"query": "SELEC ?x"}), 400, "query syntax error"),
        (server.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"}), 406, "no acceptable"),
        (server.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"}), 415, "POST a query"),
        (server.get("/sparql"), 400, "missing the query"),
        (server.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")]), 400, "more than one"),
        (
            server.post(
                "/sparql", content=b"x" * (2 * 1024 * 1024), headers={"Content-Type": "application/sparql-query"}
            ),
            413,
            "request body larger than",
        ),
    ]
    for response, status, start in cases:
        assert response.status_code == status, (status, response.text)
        assert response.text.startswith(start) and response.text.count("\n") == 1


def test_a_runaway_query_is_stopped_and_the_worker_replaced(tight_server):
    started = time.monotonic()
    response = tight_server.post("/sparql", data={"query": RUNAWAY})
    assert response.status_code == 504
    assert response.text.strip() == "query stopped after 1 s (time limit)"
    # one worker only: had the runaway kept running, this would wait for it and get 503
    answer = tight_server.get("/sparql", params={"query": "ASK {}"})
    assert answer.status_code == 200 and answer.json()["boolean"] is True
    assert time.monotonic() - started < 30


def test_a_result_over_the_size_limit_is_refused(tight_server):
    response = tight_server.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 413
    assert "larger than 4096 bytes" in response.text
    small = tight_server.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
    assert small.status_code == 200 and len(small.json()["results"]["bindings"]) == 3


def test_saved_queries_listed_and_run_with_bound_parameters(server):
    listed = {q["name"]: q for q in server.get("/api/queries").json()}
    assert "tasks-by-lead-department" in listed
    assert any(p["name"] == "department" for p in listed["tasks-by-lead-department"]["parameters"])
    every = server.get("/api/queries/tasks-by-lead-department").json()["results"]["bindings"]
    assert every
    department = every[0]["department"]["value"]
    one = server.get("/api/queries/tasks-by-lead-department", params={"department": department}).json()
    rows = one["results"]["bindings"]
    assert rows and {r["department"]["value"] for r in rows} == {department}
    assert len(rows) <= len(every)
    csv_response = server.get(
        "/api/queries/tasks-by-lead-department", params={"format": "csv", "download": "1", "bom": "1"}
    )
    assert (
        csv_response.content.startswith(b"\xef\xbb\xbf") and "attachment" in csv_response.headers["content-disposition"]
    )
    assert server.get("/api/queries/no-such-query").status_code == 404
    bad = server.get("/api/queries/report-outline", params={"report": "not an iri"})
    assert bad.status_code == 400 and "absolute IRI" in bad.text


def test_task_table_json_csv_and_xlsx_agree(server):
    openpyxl = pytest.importorskip("openpyxl")
    table = server.get("/api/tasks").json()
    rows = table["rows"]
    assert len(rows) == task_count(server)
    assert all(row["lead"] for row in rows)  # every task gets a lead department
    raw = server.get("/api/tasks.csv").content
    assert raw.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert parsed[0][:2] == ["编号", "任务"] and len(parsed) == len(rows) + 1
    book = openpyxl.load_workbook(io.BytesIO(server.get("/api/tasks.xlsx").content))
    sheet = book["分工表"]
    assert sheet.max_row == len(rows) + 1 and sheet.cell(1, 11).value == "配合单位"
    lead = rows[0]["lead"][0]
    filtered = server.get("/api/tasks", params={"lead": lead}).json()["rows"]
    assert filtered and all(lead in row["lead"] for row in filtered)


def test_network_json_has_positions_and_no_overlaps(server):
    data = server.get("/api/network", params={"layers": "project,place,department,domain"}).json()
    kinds = {node["kind"] for node in data["nodes"]}
    assert {"task", "department", "domain"} <= kinds
    ids = {node["id"] for node in data["nodes"]}
    assert all(edge["from"] in ids and edge["to"] in ids for edge in data["edges"])
    seen = set()
    for node in data["nodes"]:
        key = (node["x"], round(node["y"]))
        assert key not in seen
        seen.add(key)


def test_node_details_show_evidence_inside_its_paragraph(server):
    data = server.get("/api/network", params={"layers": "target"}).json()
    target = next(node for node in data["nodes"] if node["kind"] == "target")
    details = server.get("/api/node", params={"iri": target["id"]}).json()
    evidence = details["evidence"][0]
    assert evidence["mark"] and (evidence["before"] or evidence["after"])  # the clause within its task's text
    assert any(n["direction"] == "in" and n["predicate"].endswith("hasQuantity") for n in details["neighbours"])
    assert server.get("/api/node", params={"iri": "javascript:alert(1)"}).status_code == 400


def test_pages_and_assets_are_served_locally(server):
    for path in ("/network", "/tasks", "/query"):
        response = server.get(path)
        assert response.status_code == 200
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert "http://" not in response.text and "https://" not in response.text
    vis = server.get("/vendor/vis-network/vis-network.min.js")
    assert vis.status_code == 200 and "vis-network" in vis.text[:400]


@given(st.text(alphabet=st.sampled_from(list("abtx/*;q=0.5, +-json")), max_size=40))
def test_parse_accept_never_fails_and_keeps_only_media_ranges(header):
    ranked = conneg.parse_accept(header)
    assert all("/" in media for media in ranked)


def test_choose_prefers_the_clients_order():
    assert conneg.choose_solutions(conneg.parse_accept("text/csv, */*;q=0.1"))[1] == "csv"
    assert conneg.choose_solutions(conneg.parse_accept("text/*"))[1] == "csv"
    assert conneg.choose_graph(conneg.parse_accept("application/json"))[1] == "jsonld"
    assert conneg.choose_graph(conneg.parse_accept("text/csv")) is None
    assert json.loads(json.dumps(conneg.accept_from_format("json"))) == [
        "application/sparql-results+json",
        "application/ld+json",
    ]
