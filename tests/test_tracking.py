"""Commitment tracking (graph/tracking.py) on real consecutive dev reports.

hebei-province-2021 promises figures for 2021; hebei-province-2022 reviews 2021.  hailar
2012 -> 2013 gives a county pair with partly-met figures.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pytest
from conftest import DEV_CORPUS, load_dev

from policykg.extract.records import Extraction
from policykg.graph.export import TRACKING_COLUMNS, write_tracking_csv
from policykg.graph.tracking import MET, NO_STATEMENT, NOT_MET, PARTLY, TrackingLink, track

pytestmark = pytest.mark.shared  # the status rules without a corpus: test_tracking_rules.py


def _load(name: str) -> Extraction:
    """Each report is extracted once per session (shared with test_tracking_check)."""
    return load_dev(name)


@pytest.fixture(scope="session")
def hebei() -> tuple[Extraction, Extraction]:
    return _load("hebei-province-2021"), _load("hebei-province-2022")


@pytest.fixture(scope="session")
def hebei_links(hebei: tuple[Extraction, Extraction]) -> list[TrackingLink]:
    return track(*hebei)


@pytest.fixture(scope="session")
def hailar_links() -> list[TrackingLink]:
    return track(_load("hailar-2012-county"), _load("hailar-2013-county"))


def _link(links: list[TrackingLink], target_evidence: str, kind: str = "quantity") -> TrackingLink:
    found = [x for x in links if x.kind == kind and target_evidence in x.target_evidence]
    assert found, f"no {kind} link for {target_evidence}"
    return found[0]


# --- real pairs --------------------------------------------------------------------------------


def test_growth_target_met(hebei_links: list[TrackingLink]) -> None:
    link = _link(hebei_links, "生产总值增长6.5%")
    assert link.status == MET
    assert "增长6.5%" in link.result_evidence
    assert link.result_report == "hebei-province-2022.txt"


def test_ceiling_target_met_below(hebei_links: list[TrackingLink]) -> None:
    link = _link(hebei_links, "居民消费价格指数涨幅控制在3%左右")
    assert (link.status, link.result_evidence) == (MET, "居民消费价格上涨1%")


def test_growth_target_missed(hebei_links: list[TrackingLink]) -> None:
    link = _link(hebei_links, "社会消费品零售总额增长8%左右")
    assert link.status == NOT_MET
    assert "6.3%" in link.result_surface


def test_reduction_target_met(hebei_links: list[TrackingLink]) -> None:
    link = _link(hebei_links, "PM2.5平均浓度下降3%以上")
    assert link.status == MET
    assert link.result_surface.endswith("15.3%")


def test_reworded_indicator_is_found(hebei_links: list[TrackingLink]) -> None:
    link = _link(hebei_links, "新改造农村户用卫生厕所100万座以上")
    assert (link.status, link.result_evidence) == (MET, "新改造户厕141.8万座")


def test_no_statement_leaves_result_empty(hebei_links: list[TrackingLink]) -> None:
    link = _link(hebei_links, "新增100所普惠性民办幼儿园")
    assert link.status == NO_STATEMENT
    assert (link.result_report, link.result_surface, link.result_evidence) == ("", "", "")


def test_partly_met_county_figure(hailar_links: list[TrackingLink]) -> None:
    link = _link(hailar_links, "社会消费品零售总额达到100.8亿元")
    assert link.status == PARTLY
    assert "97.9亿元" in link.result_evidence


def test_project_start_not_met(hebei_links: list[TrackingLink]) -> None:
    link = _link(hebei_links, "开工建设雄商、雄忻高铁", kind="project")
    assert link.status == NOT_MET
    assert "尽早开工" in link.result_evidence


def test_evidence_is_original_text(hebei: tuple[Extraction, Extraction], hebei_links: list[TrackingLink]) -> None:
    old, new = hebei
    for link in hebei_links:
        assert link.target_surface in link.target_evidence
        assert old.original[link.target_start : link.target_end] == link.target_evidence
        if link.result_evidence:
            assert new.original[link.result_start : link.result_end] == link.result_evidence


def test_other_government_or_order_refused(hebei: tuple[Extraction, Extraction]) -> None:
    old, new = hebei
    with pytest.raises(ValueError, match="not later"):
        track(new, old)
    with pytest.raises(ValueError, match="different governments"):
        track(old, _load("hailar-2013-county"))


def test_corpus_tracking_pairs_each_government(hebei: tuple[Extraction, Extraction]) -> None:
    from policykg.track import track_corpus

    links = track_corpus([hebei[1], _load("hailar-2013-county"), hebei[0], _load("hailar-2012-county")])
    pairs = {(x.target_report, x.result_report) for x in links if x.result_report}
    assert pairs == {
        ("hebei-province-2021.txt", "hebei-province-2022.txt"),
        ("hailar-2012-county.txt", "hailar-2013-county.txt"),
    }


# --- names and output ----------------------------------------------------------------------------


def test_csv_columns_and_rows(tmp_path: Path, hebei_links: list[TrackingLink]) -> None:
    path = tmp_path / "tracking.csv"
    write_tracking_csv(hebei_links, path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0])
    assert header[: len(TRACKING_COLUMNS)] == list(TRACKING_COLUMNS)
    assert len(rows) == len(hebei_links)
    assert {r["status"] for r in rows} <= {MET, NOT_MET, PARTLY, NO_STATEMENT}


def test_track_command_writes_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from policykg.track import track_command

    args = argparse.Namespace(
        old=DEV_CORPUS / "hailar-2012-county.txt", new=DEV_CORPUS / "hailar-2013-county.txt", out=tmp_path / "o"
    )
    assert track_command(args) == 0
    assert (tmp_path / "o" / "tracking.csv").exists()
    assert not list((tmp_path / "o").glob(".tracking-*"))
    assert "met=" in capsys.readouterr().out


# --- in the graph and in a corpus build ------------------------------------------------------------


def test_corpus_pairs_track_like_track_corpus(hebei: tuple[Extraction, Extraction]) -> None:
    from policykg.graph.tracking import corpus_pairs
    from policykg.track import track_corpus

    reports = [hebei[1], _load("hailar-2013-county"), hebei[0], _load("hailar-2012-county")]
    pairs = corpus_pairs(reports)
    assert [(a.source, b.source) for a, b in pairs] == [
        ("hebei-province-2021.txt", "hebei-province-2022.txt"),
        ("hailar-2012-county.txt", "hailar-2013-county.txt"),
    ] or [(a.source, b.source) for a, b in pairs] == [
        ("hailar-2012-county.txt", "hailar-2013-county.txt"),
        ("hebei-province-2021.txt", "hebei-province-2022.txt"),
    ]
    assert pairs == corpus_pairs(reversed(reports))  # whatever order the files came in
    assert sorted(map(repr, (x for a, b in pairs for x in track(a, b)))) == sorted(map(repr, track_corpus(reports)))


def test_project_links_name_the_later_reports_project(hebei_links: list[TrackingLink]) -> None:
    found = [x for x in hebei_links if x.kind == "project" and x.result_report]
    assert found and all(x.result_id.startswith("P") for x in found)


def test_two_years_of_one_province_share_identities_and_conform(
    hebei: tuple[Extraction, Extraction], hebei_links: list[TrackingLink]
) -> None:
    from rdflib import URIRef
    from rdflib.namespace import RDF

    from policykg.graph.iris import report_iri
    from policykg.graph.namespaces import PKG
    from policykg.graph.rdf import extraction_to_graph, tracking_to_graph
    from policykg.ontology import validate

    old, new = hebei
    g_old, g_new = extraction_to_graph(old), extraction_to_graph(new)
    shared_metrics = set(g_old.objects(None, PKG.metric)) & set(g_new.objects(None, PKG.metric))
    assert URIRef("https://w3id.org/policykg/id/metric/地区生产总值增速") in shared_metrics
    assert URIRef("https://w3id.org/policykg/id/place/130000") in set(g_old.subjects(RDF.type, PKG.Place)) & set(
        g_new.subjects(RDF.type, PKG.Place)
    )
    shared_projects = set(g_old.subjects(RDF.type, PKG.Project)) & set(g_new.subjects(RDF.type, PKG.Project))
    assert shared_projects, "no project named in both years"
    union = g_old + g_new + tracking_to_graph(old, new, hebei_links)
    for project in shared_projects:
        reports = {
            union.value(m, URIRef("http://purl.org/dc/terms/isPartOf")) for m in union.subjects(PKG.mentionOf, project)
        }
        assert reports == {report_iri(old), report_iri(new)}
    checks = set(union.subjects(RDF.type, PKG.CommitmentCheck))
    assert len(checks) == len({(x.kind, x.target_id) for x in hebei_links})
    result = validate(union)
    assert result.conforms, result.text[:2000]


def test_build_of_several_reports_writes_tracking_csv_and_graphs(tmp_path: Path) -> None:
    import pyoxigraph as ox

    from policykg.build import build_command
    from policykg.queries import run_query

    reports = [DEV_CORPUS / "hailar-2013-county.txt", DEV_CORPUS / "hailar-2012-county.txt"]
    args = argparse.Namespace(
        reports=reports, out=tmp_path / "out", jobs=2, no_store=False, store=tmp_path / "store", jsonld=False
    )
    assert build_command(args) == 0
    with (tmp_path / "out" / "tracking.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert (tmp_path / "out" / "tracking.csv").read_bytes().startswith(b"\xef\xbb\xbfkind,")  # Excel reads UTF-8
    values = [r[c] for r in rows for c in ("target_value", "result_value", "similarity") if r[c]]
    assert values and not [v for v in values if v.endswith(".0") or "e+" in v]  # 8000亿 is 800000000000
    assert rows and list(rows[0])[: len(TRACKING_COLUMNS)] == list(TRACKING_COLUMNS)
    assert {r["target_report"] for r in rows} == {"hailar-2012-county.txt"}
    view = (tmp_path / "out" / "hailar-2012-county" / "view.html").read_text(encoding="utf-8")
    assert "下一年报告核查" in view  # the promises are coloured by status
    store = ox.Store.read_only(str(tmp_path / "store"))
    graphs = sorted(g.value for g in store.named_graphs())
    assert sum("/tracking/" in g for g in graphs) == 1 and len(graphs) == 3
    summary = run_query(store, "tracking-status-summary").as_dicts()
    assert sum(int(r["checks"]) for r in summary) == len(rows)
