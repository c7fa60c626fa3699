"""The SPARQL query library: headers, loading, binding, both engines, result formats."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdf_fixtures import tiny_extraction
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from policykg.graph.namespaces import ID_BASE
from policykg.graph.rdf import extraction_to_graph, serialize, to_dataset
from policykg.queries import (
    BadParameter,
    QueryResult,
    UnknownQuery,
    list_queries,
    load_query,
    run_query,
    to_csv,
    to_sparql_json,
)

REPORT = f"{ID_BASE}report/620800-2021-12-11"
QUERY_NAMES = [q.name for q in list_queries()]

# One parameter value per query that selects some, but not all, rows of the tiny graph.
NARROWING = {
    "targets-for-year": {"year": "2022"},
    "results-vs-targets": {"metric": "地区生产总值增速"},
    "projects-by-place": {"place_name": "庆阳市"},
    "tasks-by-lead-department": {"department": "市交通运输局"},
    "targets-by-domain": {"domain": "能源"},
    "places-with-codes": {"type": "county-city"},
    "evidence-for-node": {"node": f"{REPORT}/quantity/Q4"},
    "projects-by-status": {"status": "start"},
    "projects-by-investment": {"kind": "total"},
    "goal-task-project-chains": {"task": f"{REPORT}/task/T1"},
    "targets-met": {"status": "met"},
    "tracking-status-summary": {"kind": "project"},
    "promise-record": {"kind": "project"},
    "promise-record-by-domain": {"kind": "quantity"},
    "target-vs-result": {"metric": "地区生产总值增速"},
}
# Queries over commitment checks: run on the tiny report, its next year's report and their tracking graph.
TRACKING_QUERIES = (
    "targets-met",
    "projects-started",
    "tracking-status-summary",
    "promise-record",
    "promise-record-by-domain",
    "target-vs-result",
)
# Parameters whose value matches everything in the tiny graph (it holds one report, one government).
WHOLE = {
    "department-task-counts": {"government": f"{ID_BASE}org/620800"},
    "report-metadata": {"report": REPORT},
    "report-outline": {"report": REPORT},
    "domain-summary": {"report": REPORT},
    "projects-started": {"year": "2022"},
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return extraction_to_graph(tiny_extraction())


@pytest.fixture(scope="module")
def store(graph: Graph) -> ox.Store:
    """The report as its own named graph, as `policykg build` loads it."""
    store = ox.Store()
    store.load(serialize(graph, "nt"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(REPORT))
    return store


@pytest.fixture(scope="module")
def tracked() -> Graph:
    from tracking_fixtures import tiny_dataset

    return tiny_dataset()


@pytest.fixture(scope="module")
def tracked_store() -> ox.Store:
    """The two reports and the tracking graph as named graphs, as `policykg build` loads them."""
    from tracking_fixtures import tiny_named_graphs

    store = ox.Store()
    for iri, graph in tiny_named_graphs():
        store.load(serialize(graph, "nt"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(iri))
    return store


@pytest.fixture
def engines(request, graph: Graph, store: ox.Store, tracked: Graph, tracked_store: ox.Store):
    """(rdflib graph, Oxigraph store) for a query: the tracked pair for the tracking queries."""
    return lambda name: (tracked, tracked_store) if name in TRACKING_QUERIES else (graph, store)


def _rows(result: QueryResult) -> list[str]:
    return sorted(map(str, result.rows))


# --- the library -------------------------------------------------------------------------------


def test_at_least_ten_documented_queries() -> None:
    queries = list_queries()
    assert len(queries) >= 10
    assert set(NARROWING) | set(WHOLE) == {q.name for q in queries}
    for query in queries:
        assert query.question.endswith("?"), query.name
        assert query.question_zh.endswith("？") and all(
            "\u4e00" <= ch <= "\u9fff" or not ch.isalpha() for ch in query.question_zh
        ), query.name
        assert all(p.description for p in query.params), query.name


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_declared_columns_are_the_projection(name: str) -> None:
    query = load_query(name)
    parsed = prepareQuery(query.text)
    assert tuple(str(v) for v in parsed.algebra["PV"]) == query.columns
    assert {p.name for p in query.params} <= set(query.columns)


def test_load_by_file_name_and_path() -> None:
    by_name = load_query("targets-for-year")
    assert load_query("targets-for-year.rq") == by_name
    from importlib.resources import files

    assert load_query(str(files("policykg.queries") / "targets-for-year.rq")).text == by_name.text


def test_unknown_query_suggests_the_closest_saved_one() -> None:
    with pytest.raises(UnknownQuery, match="did you mean targets-for-year"):
        load_query("target-for-year")
    with pytest.raises(UnknownQuery, match="policykg queries"):
        load_query("no-such-query")


def test_undeclared_parameter_is_refused(graph: Graph) -> None:
    with pytest.raises(BadParameter, match="takes: year"):
        run_query(graph, "targets-for-year", {"metric": "煤炭产能"})


@pytest.mark.parametrize(("name", "params"), [("targets-for-year", {"year": "明年"}),
                                              ("evidence-for-node", {"node": "not an iri"})])  # fmt: skip
def test_ill_typed_parameter_is_refused(graph: Graph, name: str, params: dict[str, str]) -> None:
    with pytest.raises(BadParameter):
        run_query(graph, name, params)


def test_parameters_are_bound_not_pasted(graph: Graph, store: ox.Store) -> None:
    hostile = {"department": '市交通运输局"@zh } UNION { ?task ?p ?o } #'}
    assert run_query(graph, "tasks-by-lead-department", hostile).rows == ()
    assert run_query(store, "tasks-by-lead-department", hostile).rows == ()


# --- both engines --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_runs_alike_on_rdflib_and_oxigraph(engines, name: str) -> None:
    graph, store = engines(name)
    on_rdflib, on_oxigraph = run_query(graph, name), run_query(store, name)
    assert on_rdflib.columns == on_oxigraph.columns == load_query(name).columns
    assert on_rdflib.rows, f"{name} found nothing in the tiny graph"
    assert _rows(on_rdflib) == _rows(on_oxigraph)


@pytest.mark.parametrize("name", sorted(NARROWING))
def test_parameter_narrows_the_answer(engines, name: str) -> None:
    graph, store = engines(name)
    everything = set(_rows(run_query(graph, name)))
    narrowed = run_query(graph, name, NARROWING[name])
    assert narrowed.rows and set(_rows(narrowed)) < everything
    assert _rows(narrowed) == _rows(run_query(store, name, NARROWING[name]))


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_parameter_matching_everything_keeps_every_row(engines, name: str) -> None:
    graph, store = engines(name)
    everything = _rows(run_query(graph, name))
    assert _rows(run_query(graph, name, WHOLE[name])) == everything
    assert _rows(run_query(store, name, WHOLE[name])) == everything


def test_answers_carry_the_facts(graph: Graph) -> None:
    targets = run_query(graph, "targets-for-year", {"year": "2026"}).as_dicts()
    assert [(t["metric"], t["value"], t["unit"], t["comparator"], t["period"]) for t in targets] == [
        ("煤炭产能", "35000000", "吨", ">=", "2022-2026")
    ]
    pairs = run_query(graph, "results-vs-targets").as_dicts()
    assert [(p["metric"], p["target_value"], p["result_value"]) for p in pairs] == [
        ("地区生产总值增速", "7", "8"),
        ("煤炭产能", "35000000", "20000000"),
    ]
    rows = run_query(graph, "tasks-by-lead-department").as_dicts()
    assert [(r["department"], r["supporting"], r["domain"], r["stated"]) for r in rows] == [
        ("市交通运输局", "市发展改革委", "交通", "false"),
        ("市卫健委", "", "卫生健康", "true"),
    ]
    (evidence,) = run_query(graph, "evidence-for-node", {"node": f"{REPORT}/quantity/Q4"}).as_dicts()
    assert evidence["text"] == "煤炭产能达到3500万吨以上"


def test_tracking_answers_carry_the_facts(tracked_store: ox.Store) -> None:
    met = run_query(tracked_store, "targets-met", {"year": "2022"}).as_dicts()
    assert [(r["metric"], r["place"], r["target"], r["result"], r["status"]) for r in met] == [
        ("新增煤矿", "华亭市", "1座", None, "no_statement"),
        ("地区生产总值增速", "平凉市", "7%左右", "7.5%", "met"),
    ]
    assert met[1]["evidence"] == "全市地区生产总值增长7%左右" and met[1]["result_evidence"] == "全市GDP增长7.5%"
    assert not run_query(tracked_store, "targets-met", {"year": "2023"}).rows
    (started,) = run_query(tracked_store, "projects-started", {"year": "2022"}).as_dicts()
    assert (started["name"], started["status"], started["reported_stage"]) == ("平庆铁路", "met", "start")
    summary = run_query(tracked_store, "tracking-status-summary").as_dicts()
    assert {(r["kind"], r["status"], r["checks"]) for r in summary} == {
        ("quantity", "met", "1"),
        ("quantity", "no_statement", "1"),
        ("project", "met", "1"),
        ("project", "no_statement", "1"),
    }


def test_runs_on_a_dataset_of_named_graphs() -> None:
    result = run_query(to_dataset(tiny_extraction()), "report-metadata")
    assert [r["date"] for r in result.as_dicts()] == ["2021-12-11"]


def test_store_named_graphs_are_queried_as_union() -> None:
    store = ox.Store()
    store.load(serialize(to_dataset(tiny_extraction()), "nquads"), format=ox.RdfFormat.N_QUADS)
    assert [r["plan_year"] for r in run_query(store, "report-metadata").as_dicts()] == ["2022"]


# --- result formats --------------------------------------------------------------------------------


def test_sparql_json_results(graph: Graph) -> None:
    result = run_query(graph, "targets-for-year", {"year": "2022"})
    data = json.loads(to_sparql_json(result))
    assert data["head"]["vars"] == list(result.columns)
    first = data["results"]["bindings"][0]
    assert first["target"]["type"] == "uri"
    assert first["metric"] == {"type": "literal", "value": first["metric"]["value"], "xml:lang": "zh"}
    assert first["value"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"
    assert "value_max" not in first  # unbound values are left out


def test_csv_results(graph: Graph) -> None:
    result = run_query(graph, "targets-for-year")
    text = to_csv(result)
    assert text.split("\r\n")[0] == ",".join(result.columns)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(result.rows)
    assert {r["unit"] for r in rows} >= {"吨", "%"}


# --- the bundled example ---------------------------------------------------------------------------


def test_example_outline_and_metadata(example_doc) -> None:
    graph = extraction_to_graph(example_doc)
    outline = run_query(graph, "report-outline").as_dicts()
    assert [r["local_id"] for r in outline] == [s.id for s in example_doc.sections]
    (meta,) = run_query(graph, "report-metadata").as_dicts()
    assert (meta["code"], meta["date"], meta["plan_year"]) == ("620800", "2021-12-11", "2022")


MAIN_QUERIES = ("targets-for-year", "tasks-by-lead-department", "department-task-counts", "evidence-for-node",
                "goal-task-project-chains", "report-metadata", "report-outline", "projects-by-place")  # fmt: skip


def test_every_query_runs_on_the_example_graph(example_extraction) -> None:
    """Every query on the store holding the example. rdflib and Oxigraph are compared query by query
    on the hand-made fixture (test_query_runs_alike_on_rdflib_and_oxigraph): on the example's 18k
    triples rdflib alone took minutes of the suite."""
    graph = extraction_to_graph(example_extraction)
    store = ox.Store()
    store.load(serialize(graph, "nt"), format=ox.RdfFormat.N_TRIPLES)
    for name in QUERY_NAMES:
        result = run_query(store, name)
        if name in MAIN_QUERIES:
            assert result.rows, f"{name} found nothing in the example"
    year = str(example_extraction.meta.plan_year)
    assert run_query(store, "targets-for-year", {"year": year}).rows


def test_every_query_is_per_report_or_says_it_is_corpus_wide() -> None:
    for query in list_queries():
        takes_report = any(p.name == "report" for p in query.params)
        assert takes_report or query.scope.startswith("corpus-wide"), query.name


def test_queries_page_with_limit_and_offset(graph: Graph, store: ox.Store) -> None:
    everything = run_query(store, "places-with-codes").rows
    assert len(everything) >= 2
    for target in (graph, store):
        assert run_query(target, "places-with-codes", {"limit": "1"}).rows == everything[:1]
        assert run_query(target, "places-with-codes", {"limit": "1", "offset": "1"}).rows == everything[1:2]
    with pytest.raises(BadParameter, match="whole number"):
        run_query(store, "places-with-codes", {"limit": "1; DROP"})


def test_chart_queries_give_the_rows_of_the_charts(tracked: Graph, tracked_store: ox.Store) -> None:
    """promise-record, promise-record-by-domain and target-vs-result on the tiny pair: the rows
    graph/series.py computes from the links themselves (what `policykg chart` draws), on both engines."""
    from tracking_fixtures import tiny_pair

    from policykg.graph.series import Pair, series_rows, typed_rows

    old, new, links = tiny_pair()
    expected = series_rows([Pair(old, new, links)])
    for kind, name in (("record", "promise-record"), ("domains", "promise-record-by-domain"), ("metrics", "target-vs-result")):  # fmt: skip
        for engine in (tracked, tracked_store):
            assert typed_rows(kind, run_query(engine, name).as_dicts()) == expected[kind], (name, engine)
    gdp = [r for r in expected["metrics"] if r["metric"] == "地区生产总值增速"]
    assert [(r["year"], r["target"], r["comparator"], r["result"], r["status"]) for r in gdp] == [
        (2022, 7.0, "~", 7.5, "met")
    ]
    assert {(r["year"], r["reviewed_year"], r["kind"], r["status"], r["checks"]) for r in expected["record"]} == {
        (2022, 2023, "quantity", "met", 1),
        (2022, 2023, "quantity", "no_statement", 1),
        (2022, 2023, "project", "met", 1),
        (2022, 2023, "project", "no_statement", 1),
    }
    assert not run_query(tracked_store, "promise-record", {"government": "不存在市"}).rows
