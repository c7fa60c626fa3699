"""Records → RDF: IRIs, evidence offsets into the original text, determinism, datasets, formats."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdf_fixtures import tiny_extraction
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, RDF, RDFS, TIME, XSD

from policykg.graph import iris
from policykg.graph.iris import report_iri
from policykg.graph.namespaces import ID_BASE, OA, PKG
from policykg.graph.rdf import extraction_to_graph, serialize, to_dataset
from policykg.graph.rdf.builder import _decimal_lexical
from policykg.ontology import validate


def _decimal(value: float) -> Literal:
    """The xsd:decimal literal the graph writes for `value`, as rdflib reads it back."""
    return Literal(_decimal_lexical(value), datatype=XSD.decimal)


REPORT = URIRef(f"{ID_BASE}report/620800-2021-12-11")


@pytest.fixture(scope="module")
def tiny():
    return tiny_extraction()


@pytest.fixture(scope="module")
def graph(tiny) -> Graph:
    return extraction_to_graph(tiny)


def _local(kind: str, local_id: str) -> URIRef:
    return URIRef(f"{REPORT}/{kind}/{local_id}")


# --- IRIs ------------------------------------------------------------------------------------


def test_report_iri_from_place_code_and_date(tiny, graph: Graph) -> None:
    assert report_iri(tiny) == REPORT
    assert (REPORT, RDF.type, PKG.Report) in graph


def test_report_iri_falls_back_to_text_hash(tiny) -> None:
    undated = dataclasses.replace(tiny, meta=dataclasses.replace(tiny.meta, date=""))
    iri = report_iri(undated)
    assert str(iri).startswith(f"{ID_BASE}report/sha256-")
    assert iri == report_iri(undated)
    assert iri != report_iri(dataclasses.replace(undated, original=undated.original + "\n"))


def test_report_without_metadata_still_conforms(tiny) -> None:
    from policykg.extract.records import ReportMeta

    bare = dataclasses.replace(tiny, meta=ReportMeta())
    graph = extraction_to_graph(bare)
    assert validate(graph).conforms
    scope = iris.scope(bare.meta, bare.original)
    assert (_local("task", "T1"), PKG.leadDepartment, URIRef(f"{ID_BASE}org/{scope}/dept/交通运输")) not in graph
    assert (None, PKG.leadDepartment, URIRef(f"{ID_BASE}org/{scope}/dept/交通运输")) in graph


def test_places_by_admin_code_and_parent_chain_from_gazetteer(graph: Graph) -> None:
    huating = URIRef(f"{ID_BASE}place/620881")
    pingliang = URIRef(f"{ID_BASE}place/620800")
    assert graph.value(huating, RDFS.label) == Literal("华亭市", lang="zh")
    assert (huating, PKG.parentPlace, pingliang) in graph
    assert (pingliang, PKG.parentPlace, URIRef(f"{ID_BASE}place/620000")) in graph
    assert graph.value(URIRef(f"{ID_BASE}place/620000"), RDFS.label) == Literal("甘肃省", lang="zh")


def test_uncoded_place_gets_a_name_hash_within_the_report_place(graph: Graph) -> None:
    qingyang = iris.place_iri("", "庆阳市", "620800")
    assert str(qingyang).startswith(f"{ID_BASE}place/620800-")
    assert (qingyang, RDFS.label, Literal("庆阳市", lang="zh")) in graph


def test_departments_by_function_under_the_government(graph: Graph) -> None:
    dept = URIRef(f"{ID_BASE}org/620800/dept/交通运输")
    assert (dept, RDF.type, ORG.OrganizationalUnit) in graph
    assert (dept, ORG.subOrganizationOf, URIRef(f"{ID_BASE}org/620800")) in graph
    assert (_local("task", "T1"), PKG.leadDepartment, dept) in graph
    assert (_local("task", "T1"), PKG.supportingDepartment, URIRef(f"{ID_BASE}org/620800/dept/发展改革")) in graph


def test_department_role_keeps_its_reasons(graph: Graph) -> None:
    role = URIRef(f"{_local('task', 'T1')}/role/lead/交通运输")
    assert graph.value(role, PKG.roleKind) == Literal("lead")
    assert graph.value(role, PKG.statedInReport) == Literal(False)
    assert set(graph.objects(role, PKG.departmentCue)) == {Literal("铁路", lang="zh")}
    assert (_local("task", "T1"), PKG.domainCue, Literal("铁路", lang="zh")) in graph


def test_domains_by_fixed_slug(graph: Graph) -> None:
    assert iris.domain_iri("能源") == URIRef(f"{ID_BASE}domain/energy")
    assert (_local("quantity", "Q4"), PKG.policyDomain, URIRef(f"{ID_BASE}domain/energy")) in graph
    assert iris.domain_iri("不存在的领域").startswith(f"{ID_BASE}domain/x-")


def test_projects_shared_by_name_within_their_division_with_a_mention_per_report(graph: Graph) -> None:
    project = URIRef(f"{ID_BASE}project/620800/平庆铁路")
    mention = _local("project", "P1")
    assert graph.value(mention, PKG.mentionOf) == project
    assert graph.value(mention, PKG.projectType) == Literal("railway")
    assert graph.value(mention, PKG.projectStatus) == Literal("start")
    assert graph.value(mention, PKG.localId) == Literal("P1")
    assert graph.value(project, PKG.projectStatus) is None and graph.value(project, PKG.localId) is None
    assert (_local("task", "T1"), PKG.involvesProject, project) in graph
    # a project in a county lies in that county, whoever's report names it
    assert (_local("project", "P2"), PKG.mentionOf, URIRef(f"{ID_BASE}project/620826/静宁县第二人民医院")) in graph
    assert (URIRef(f"{REPORT}/goal/G1"), PKG.hasTask, _local("task", "T1")) in graph


def test_no_blank_nodes(graph: Graph) -> None:
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


# --- quantities ------------------------------------------------------------------------------


def test_quantity_classes_values_and_periods(graph: Graph) -> None:
    assert (_local("quantity", "Q1"), RDF.type, PKG.Result) in graph
    q4 = _local("quantity", "Q4")
    assert (q4, RDF.type, PKG.Target) in graph
    assert graph.value(q4, PKG.value).toPython() == Decimal(35000000)
    assert graph.value(q4, PKG.unit) == Literal("吨")
    assert graph.value(q4, PKG.comparator) == Literal(">=")
    assert graph.value(q4, PKG.perYear) == Literal(True)
    period = graph.value(q4, PKG.period)
    assert period == URIRef(f"{ID_BASE}period/2022-2026")
    assert graph.value(graph.value(period, TIME.hasEnd), TIME.inXSDgYear) == Literal("2026", datatype=XSD.gYear)
    assert graph.value(q4, PKG.metric) == URIRef(f"{ID_BASE}metric/煤炭产能")


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_decimal_lexical_round_trips(value: float) -> None:
    lexical = str(_decimal(value))
    assert "e" not in lexical.lower()
    assert float(lexical) == value


# --- evidence ----------------------------------------------------------------------------------


def test_evidence_offsets_point_into_the_original_text(tiny, graph: Graph) -> None:
    shifted = 0
    for position in graph.subjects(RDF.type, OA.TextPositionSelector):
        start, end = graph.value(position, OA.start).toPython(), graph.value(position, OA.end).toPython()
        target = next(graph.subjects(OA.hasSelector, position))
        quote = next(q for q in graph.objects(target, OA.hasSelector) if (q, RDF.type, OA.TextQuoteSelector) in graph)
        assert str(graph.value(quote, OA.exact)) == tiny.original[start:end]
        shifted += tiny.text[start:end] != tiny.original[start:end]
    assert shifted, "the fixture's indentation should move original offsets away from normalised ones"


def test_quantity_evidence_is_its_clause_with_full_width_commas(graph: Graph) -> None:
    annotation = graph.value(_local("quantity", "Q3"), PKG.evidence)
    quote = URIRef(f"{annotation}/quote")
    assert str(graph.value(quote, OA.exact)) == "全市地区生产总值增长7%左右"
    task_quote = URIRef(f"{graph.value(_local('task', 'T1'), PKG.evidence)}/quote")
    assert "平庆铁路，华亭市" in str(graph.value(task_quote, OA.exact))  # original full-width comma kept


# --- determinism and formats ---------------------------------------------------------------------

_DUMP = """
import sys
sys.path.insert(0, {tests!r})
from rdf_fixtures import tiny_extraction
from policykg.graph.rdf import extraction_to_graph, serialize, to_dataset
ex = tiny_extraction()
g = extraction_to_graph(ex)
for fmt in ("turtle", "json-ld", "nt"):
    sys.stdout.buffer.write(serialize(g, fmt))
sys.stdout.buffer.write(serialize(to_dataset(ex), "trig"))
"""


def test_serialisations_are_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    code = _DUMP.format(tests=str(Path(__file__).parent))
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        # run outside the source tree: `-c` puts the working directory first on sys.path
        run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True, cwd=tmp_path)
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]
    assert b"pkg:Target" in outputs[0]


def test_this_process_writes_what_another_process_writes(tmp_path: Path) -> None:
    """The bytes of this test process (its own hash seed, its own import order) against a fresh one."""
    code = _DUMP.format(tests=str(Path(__file__).parent))
    env = {**os.environ, "PYTHONHASHSEED": "777"}
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True, cwd=tmp_path)
    ex = tiny_extraction()
    graph = extraction_to_graph(ex)
    here = b"".join(serialize(graph, fmt) for fmt in ("turtle", "json-ld", "nt")) + serialize(to_dataset(ex), "trig")
    assert run.stdout == here


def _by_value(graph: Graph) -> Graph:
    """rdflib writes the decimal "8" as Turtle's 8.0; compare decimals by value, as Oxigraph does."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.decimal:
            o = _decimal(float(o))
        out.add((s, p, o))
    return out


@pytest.mark.parametrize("fmt", ["turtle", "json-ld", "nt"])
def test_formats_round_trip(graph: Graph, fmt: str) -> None:
    parsed = Graph().parse(data=serialize(graph, fmt).decode("utf-8"), format=fmt)
    assert isomorphic(_by_value(parsed), graph)


def test_json_ld_uses_the_prefix_context(graph: Graph) -> None:
    data = json.loads(serialize(graph, "json-ld"))
    assert data["@context"]["pkg"] == str(PKG)
    assert any(node.get("@type") == "pkg:Task" for node in data["@graph"])


def test_unknown_format_is_refused(graph: Graph) -> None:
    with pytest.raises(ValueError, match="unknown RDF format"):
        serialize(graph, "rdfa")


def test_dataset_has_one_named_graph_per_report(tiny) -> None:
    other = dataclasses.replace(tiny, meta=dataclasses.replace(tiny.meta, date="2022-12-20"))
    dataset = to_dataset([tiny, other])
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert names == {REPORT, URIRef(f"{ID_BASE}report/620800-2022-12-20")}
    nquads = serialize(dataset, "nquads").decode("utf-8")
    assert f"<{REPORT}> ." in nquads
    reread = Dataset()
    reread.parse(data=serialize(dataset, "trig").decode("utf-8"), format="trig")
    assert isomorphic(_by_value(reread.graph(REPORT)), extraction_to_graph(tiny))


# --- IRI segments ------------------------------------------------------------------------------


@given(st.text(max_size=30))
def test_segment_is_a_safe_reversible_iri_segment(name: str) -> None:
    seg = iris.segment(name)
    assert not any(ch in seg for ch in ' <>"{}|\\^`/?#[]\n\t')
    assert unquote(seg) == iris.norm_name(name)


def test_segment_keeps_chinese_readable() -> None:
    assert iris.segment("各县(市、区)政府") == "各县%28市、区%29政府"
    assert iris.segment("平庆 铁路") == "平庆铁路"


# --- the bundled example -----------------------------------------------------------------------


def test_example_document_graph_conforms(example_doc) -> None:
    graph = extraction_to_graph(example_doc)
    result = validate(graph)
    assert result.conforms, result.text
    assert len(set(graph.subjects(RDF.type, PKG.Section))) == len(example_doc.sections)
    assert (report_iri(example_doc), PKG.planYear, None) in graph


def test_example_extraction_graph_conforms(example_extraction) -> None:
    """Everything the extractors find in the bundled report passes the shapes."""
    graph = extraction_to_graph(example_extraction)
    result = validate(graph)
    assert result.conforms, result.text[:3000]
    assert len(set(graph.subjects(RDF.type, PKG.Task))) == len(example_extraction.tasks)


# --- identity across reports and tracking in the graph ----------------------------------------


@pytest.fixture(scope="module")
def pair():
    from tracking_fixtures import tiny_pair

    return tiny_pair()


@pytest.fixture(scope="module")
def union(pair) -> Graph:
    from policykg.graph.rdf import tracking_to_graph

    old, new, links = pair
    graph = extraction_to_graph(old)
    graph += extraction_to_graph(new)
    graph += tracking_to_graph(old, new, links)
    return graph


NEXT = URIRef(f"{ID_BASE}report/620800-2022-12-10")


def test_reworded_metric_is_one_metric_across_reports(union: Graph) -> None:
    metric = URIRef(f"{ID_BASE}metric/地区生产总值增速")
    assert union.value(_local("quantity", "Q3"), PKG.metric) == metric
    assert union.value(URIRef(f"{NEXT}/quantity/Q1"), PKG.metric) == metric
    assert set(union.objects(metric, RDFS.label)) == {Literal("地区生产总值增速", lang="zh")}
    assert union.value(URIRef(f"{NEXT}/quantity/Q1"), PKG.metricName) == Literal("GDP增长", lang="zh")


def test_shared_project_has_one_mention_per_report(union: Graph) -> None:
    project = URIRef(f"{ID_BASE}project/620800/平庆铁路")
    mentions = sorted(union.subjects(PKG.mentionOf, project))
    assert mentions == [_local("project", "P1"), URIRef(f"{NEXT}/project/P1")]
    assert [str(union.value(m, PKG.projectStatus)) for m in mentions] == ["start", "under_way"]
    assert set(union.objects(project, RDFS.label)) == {Literal("平庆铁路", lang="zh")}


def test_union_of_two_reports_and_their_tracking_conforms(union: Graph) -> None:
    result = validate(union)
    assert result.conforms, result.text


def test_commitment_checks_link_promise_outcome_and_both_evidence_spans(union: Graph) -> None:
    base = f"{ID_BASE}tracking/620800-2021-12-11--620800-2022-12-10"
    check = URIRef(f"{base}/check/quantity/Q3")
    assert union.value(check, PKG.checkStatus) == Literal("met")
    assert union.value(check, PKG.promise) == _local("quantity", "Q3")
    assert union.value(check, PKG.outcome) == URIRef(f"{NEXT}/quantity/Q1")
    quotes = {}
    for prop in (PKG.promiseEvidence, PKG.outcomeEvidence):
        ann = union.value(check, prop)
        assert (check, PKG.evidence, ann) in union
        source = union.value(union.value(ann, OA.hasTarget), OA.hasSource)
        quote = next(
            s for s in union.objects(union.value(ann, OA.hasTarget), OA.hasSelector) if (s, OA.exact, None) in union
        )
        quotes[prop] = (source, str(union.value(quote, OA.exact)))
    assert quotes[PKG.promiseEvidence] == (REPORT, "全市地区生产总值增长7%左右")
    assert quotes[PKG.outcomeEvidence] == (NEXT, "全市GDP增长7.5%")
    silent = URIRef(f"{base}/check/project/P2")
    assert union.value(silent, PKG.checkStatus) == Literal("no_statement")
    assert union.value(silent, PKG.outcome) is None
    started = URIRef(f"{base}/check/project/P1")
    assert union.value(started, PKG.outcome) == URIRef(f"{NEXT}/project/P1")
    assert union.value(started, PKG.promisedStage) == Literal("start")


def test_tracking_graph_bytes_are_stable(pair) -> None:
    from policykg.graph.iris import tracking_graph_iri
    from policykg.graph.rdf import tracking_to_graph

    old, new, links = pair
    assert serialize(tracking_to_graph(old, new, links)) == serialize(tracking_to_graph(old, new, list(links)))
    assert str(tracking_graph_iri(old, new)).endswith("/tracking/620800-2021-12-11--620800-2022-12-10")


def test_shapes_reject_a_bad_check_or_status_on_the_shared_project(union: Graph) -> None:
    check = URIRef(f"{ID_BASE}tracking/620800-2021-12-11--620800-2022-12-10/check/quantity/Q3")
    broken = Graph()
    broken += union
    broken.set((check, PKG.checkStatus, Literal("done")))
    assert not validate(broken).conforms
    broken = Graph()
    broken += union
    broken.add((URIRef(f"{ID_BASE}project/620800/平庆铁路"), PKG.projectStatus, Literal("start")))
    assert not validate(broken).conforms


@pytest.mark.parametrize(
    ("name", "place", "code", "level", "owner", "lower"),
    [
        ("省交通运输厅", "平凉市", "620800", "prefecture", "620000", False),  # the province's, not the city's
        ("市交通运输局", "平凉市", "620800", "prefecture", "620800", False),
        ("市发展改革委", "静宁县", "620826", "county", "620800", False),  # the prefecture's
        ("市发展改革委", "华亭市", "620881", "county", "620881", False),  # a county-level city's own
        ("县交通运输局", "平凉市", "620800", "prefecture", "620800", True),  # its counties', no one county's
        ("自治区发展改革委", "额敏县", "654221", "county", "650000", False),
    ],
)
def test_departments_belong_to_the_government_their_name_says(name, place, code, level, owner, lower) -> None:
    from policykg.extract.records import ReportMeta

    meta = ReportMeta(place=place, place_code=code, level=level)
    assert iris.department_owner(name, meta, code) == (owner, lower)


def test_provincial_department_named_by_a_city_is_the_provinces(tiny) -> None:
    from policykg.extract.records import DepartmentAssignment

    task = dataclasses.replace(
        tiny.tasks[0], departments=(DepartmentAssignment("省交通运输厅", "交通运输", "lead", stated=True),)
    )
    graph = extraction_to_graph(tiny, tasks=[task])
    dept = URIRef(f"{ID_BASE}org/620000/dept/交通运输")
    assert (_local("task", "T1"), PKG.leadDepartment, dept) in graph
    assert graph.value(dept, ORG.subOrganizationOf) == URIRef(f"{ID_BASE}org/620000")
    assert graph.value(URIRef(f"{ID_BASE}org/620000"), RDFS.label) == Literal("甘肃省人民政府", lang="zh")
    assert validate(graph).conforms
