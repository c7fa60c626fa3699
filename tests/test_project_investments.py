"""Project investment amounts end to end: real sentences of the example and the dev corpus, the
mention record, projects.csv, the RDF under its SHACL shape, the saved query and the view's side panel."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from browser import open_view
from rdf_fixtures import tiny_extraction
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SDO

from policykg.extract.projects import extract_projects
from policykg.extract.records import Extraction, ReportMeta
from policykg.graph.export import tables
from policykg.graph.namespaces import OA, PKG
from policykg.graph.network import build_network
from policykg.graph.rdf import extraction_to_graph
from policykg.graph.view import render_view, write_view
from policykg.ontology import validate
from policykg.queries import run_query


def _doc(text: str, place: str) -> Extraction:
    return Extraction(
        source="t", text=text, original=text, offsets=list(range(len(text) + 1)), meta=ReportMeta(place=place)
    )


def _amounts(text: str, place: str = "海拉尔区") -> dict[str, list[tuple[str, float, str, str, str]]]:
    """Project name -> (kind, value in yuan, unit as written, comparator, evidence) of its mentions."""
    out: dict[str, list[tuple[str, float, str, str, str]]] = {}
    for p in extract_projects(_doc(text, place)):
        for m in p.mentions:
            out.setdefault(p.name, []).extend(
                (i.kind, i.value, i.unit, i.comparator, text[i.start : i.end]) for i in m.investments
            )
    return out


# --- extraction: real sentences (hailar-2013/2014/2015/2017, hebei-province-2021/2023, qinghai-province-2026)


def test_amount_after_the_name_in_its_clause():
    got = _amounts("双良集团集中供热项目完成投资8.3亿元,铺设主管网31.6公里,实现局部供热。")
    assert got["双良集团集中供热项目"] == [("completed", 830_000_000.0, "亿元", "=", "完成投资8.3亿元")]
    got = _amounts("中俄蒙国际汽车产业园累计完成投资1.5亿元,新建成的4个4S店正式运营。")
    assert got["中俄蒙国际汽车产业园"] == [("completed", 150_000_000.0, "亿元", "=", "累计完成投资1.5亿元")]


def test_amount_before_the_name_with_de_is_the_total():
    got = _amounts("投资3.3亿元的机场快速路建成通车,投资1.4亿元的西出口道路工程进展顺利。")
    assert got["机场快速路"] == [("total", 330_000_000.0, "亿元", "=", "投资3.3亿元")]
    got = _amounts("推进总投资10亿元的国网信通大数据项目开工建设。")
    assert got["国网信通大数据项目"] == [("total", 1_000_000_000.0, "亿元", "=", "总投资10亿元")]


def test_amount_in_the_next_clause_of_a_single_project():
    got = _amounts("“菜篮子”工程一期全面完工,完成投资2.4亿元,建成大棚2350亩、温室500栋。")
    assert got["“菜篮子”工程"] == [("completed", 240_000_000.0, "亿元", "=", "完成投资2.4亿元")]
    got = _amounts("全力建设中俄蒙国际物流园区,全年计划投资3亿元,用于基础设施和项目建设。")
    assert got["中俄蒙国际物流园区"] == [("planned", 300_000_000.0, "亿元", "=", "计划投资3亿元")]


def test_each_listed_item_takes_its_own_amount_in_wan_yuan():
    got = _amounts(
        "投资3500万元的二三级供水管网改造、3800万元的背街巷道改造、729万元的旧有小区供热改造、"
        "740万元的公交新型客车更换等项目全面完成。"
    )
    assert got["背街巷道改造"] == [("total", 38_000_000.0, "万元", "=", "3800万元")]
    assert got["旧有小区供热改造"] == [("total", 7_290_000.0, "万元", "=", "729万元")]
    assert got["公交新型客车更换"] == [("total", 7_400_000.0, "万元", "=", "740万元")]


def test_a_qualifier_becomes_the_comparator():
    got = _amounts("推动一批疏解项目落地,廊坊临空经济区完成投资360亿元以上。", "河北省")
    assert got["廊坊临空经济区"] == [("completed", 36_000_000_000.0, "亿元", ">=", "完成投资360亿元以上")]


def test_an_amount_of_a_list_belongs_to_no_single_project():
    got = _amounts("全国电源规模最大、新能源占比最高、总投资近2000亿元的格尔木东、海南清洁能源基地开工建设。", "青海省")
    assert got and not any(got.values())
    got = _amounts("加快R1线、雄商高铁等重大工程建设进度,年内完成投资2000亿元以上。", "河北省")
    assert "雄商高铁" in got and not any(got.values())
    got = _amounts("保护好海拉尔河湿地,启动投资1.3亿元的海拉尔河、伊敏河堤防工程。")
    assert got and not any(got.values())


def test_an_amount_of_a_category_is_not_attached():
    text = "抓好抽水蓄能电站等一批新型能源项目,确保省市重点项目完成投资8500亿元以上。"
    assert not any(_amounts(text, "河北省").values())
    text = "京承高铁建成通车,全年完成固定资产投资1200亿元。"
    assert _amounts(text, "河北省") == {"京承高铁": []}


def test_a_name_that_only_modifies_a_longer_work_takes_no_amount():
    got = _amounts("确保投资4800万元的成吉思汗广场改造提升工程如期完工。")
    assert not any(got.values())


def test_the_example_states_one_amount(example_extraction):
    found = [
        (p.name, inv.kind, inv.value, inv.unit, example_extraction.evidence(inv.start, inv.end))
        for p in example_extraction.projects
        for m in p.mentions
        for inv in m.investments
    ]
    assert found == [("低阶煤高效低碳清洁化综合利用", "total", 12_000_000_000.0, "亿元", "投资120亿元")]


# --- projects.csv -------------------------------------------------------------------------------


def test_projects_csv_has_the_amounts_in_yuan(example_extraction):
    rows = list(csv.DictReader(io.StringIO(tables(example_extraction)["projects.csv"].decode("utf-8-sig"))))
    stated = [r for r in rows if r["investment_evidence"]]
    assert [
        (r["name"], r["total_investment_yuan"], r["planned_investment_yuan"], r["completed_investment_yuan"])
        for r in stated
    ] == [("低阶煤高效低碳清洁化综合利用", "12000000000", "", "")]
    assert stated[0]["investment_evidence"] == "投资120亿元"
    assert sum(1 for r in rows if not r["investment_evidence"]) == len(rows) - 1


# --- RDF and its shape ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_graph() -> Graph:
    return extraction_to_graph(tiny_extraction())


def test_investments_are_monetary_amounts_in_yuan(tiny_graph: Graph):
    amounts = sorted(tiny_graph.subjects(RDF.type, PKG.Investment))
    assert len(amounts) == 2
    for node in amounts:
        assert (node, RDF.type, SDO.MonetaryAmount) in tiny_graph
        assert tiny_graph.value(node, SDO.currency) == Literal("CNY")
    values = {str(tiny_graph.value(n, PKG.investmentKind)): tiny_graph.value(n, SDO.value).toPython() for n in amounts}
    assert values == {"total": 320_000_000, "planned": 100_000_000}
    total = next(n for n in amounts if str(tiny_graph.value(n, PKG.investmentKind)) == "total")
    annotation = tiny_graph.value(total, PKG.evidence)
    exact = tiny_graph.value(URIRef(f"{annotation}/quote"), OA.exact)
    assert str(exact) == "总投资3.2亿元"
    assert validate(tiny_graph).conforms


def _without(graph: Graph, prop, value=None) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    node = sorted(copy.subjects(RDF.type, PKG.Investment))[0]
    copy.remove((node, prop, None))
    if value is not None:
        copy.add((node, prop, Literal(value)))
    return copy


@pytest.mark.parametrize(
    ("prop", "value"),
    [
        (SDO.currency, None),  # an amount without its currency
        (SDO.currency, "USD"),
        (SDO.value, None),
        (PKG.investmentKind, "estimated"),  # a kind outside total / planned / completed
        (PKG.statedUnit, "美元"),
        (PKG.evidence, None),  # an amount without the words that state it
    ],
)
def test_shape_rejects_a_broken_investment(tiny_graph: Graph, prop, value):
    assert not validate(_without(tiny_graph, prop, value)).conforms


# --- the saved query, on the built example (Oxigraph store) and on rdflib --------------------------


def test_saved_query_answers_on_a_built_report(example_build, example_extraction):
    _, store_dir = example_build
    store = ox.Store.read_only(str(store_dir))
    rows = run_query(store, "projects-by-investment").as_dicts()
    assert [(r["kind"], r["value"], r["unit"], r["surface"], r["name"]) for r in rows] == [
        ("total", "12000000000", "亿元", "120亿元", "低阶煤高效低碳清洁化综合利用")
    ]
    assert not run_query(store, "projects-by-investment", {"kind": "completed"}).rows
    on_rdflib = run_query(extraction_to_graph(example_extraction), "projects-by-investment").as_dicts()
    assert [(r["kind"], r["value"], r["name"]) for r in on_rdflib] == [(r["kind"], r["value"], r["name"]) for r in rows]


# --- the view's side panel ----------------------------------------------------------------------


def _data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


def test_view_data_carries_the_investment_of_a_project_only():
    nodes = {n["id"]: n for n in _data(render_view(build_network(tiny_extraction()), "报告"))["nodes"]}
    assert nodes["project:P2"]["facts"] == [["投资 investment", "总投资 3.2亿元 · 计划投资 1亿元"]]
    assert [nid for nid, n in nodes.items() if "facts" in n] == ["project:P2"]


@pytest.mark.browser
def test_side_panel_shows_the_investment(chromium, tmp_path: Path) -> None:
    path = write_view(build_network(tiny_extraction()), tmp_path / "view.html", "报告")
    page, log = open_view(chromium, path)
    try:
        box = page.locator("#network").bounding_box()
        assert box
        for nid, expected in (("project:P2", "投资 investment: 总投资 3.2亿元 · 计划投资 1亿元"), ("project:P1", "")):
            xy = page.evaluate(f"() => network.canvasToDOM(network.getPositions(['{nid}'])['{nid}'])")
            page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
            page.wait_for_function("(id) => network.getSelectedNodes()[0] === id", arg=nid)
            assert page.evaluate("() => document.getElementById('d-facts').textContent") == expected
        assert log.console_errors == [] and log.page_errors == []
    finally:
        page.context.close()
