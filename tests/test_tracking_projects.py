"""Project promises (issue 15): the step a clause states, how N+1's word is judged, and a hand-written
pair run through the pipeline for the failure modes seen on real pairs — a promise in a list, a name
shortened or worded otherwise in the review, a lesser step reported, a start scheduled again, and a
label figure (七大专项行动) that must not pair with another report's 7个专项行动.

The sentences are real report sentences or written in their style; nothing in the library knows them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tracking_fixtures import _FILL, load_pair

from policykg.graph.tracking import MET, NO_STATEMENT, NOT_MET, PARTLY, track
from policykg.graph.tracking_projects import Occurrence, judge_project
from policykg.graph.tracking_steps import (
    COMPLETED,
    IN_SERVICE,
    PLANNED,
    START,
    STRUCTURE,
    UNDER_WAY,
    step_for,
)


@pytest.mark.parametrize(
    ("clause", "name", "step"),
    [
        ("确保时代广场城市综合体开工、万家惠农贸市场投入运营", "时代广场城市综合体", START),
        ("确保时代广场城市综合体开工、万家惠农贸市场投入运营", "万家惠农贸市场", IN_SERVICE),
        ("华润雪花啤酒迁建、亘富200万吨褐煤提质项目主体完工", "华润雪花啤酒迁建", STRUCTURE),
        ("确保大唐700万吨露天矿一季度完成核准并开工建设", "大唐700万吨露天矿", START),
        ("大唐700万吨露天矿完成项目核准", "大唐700万吨露天矿", PLANNED),  # 完成 an approval is not completion
        ("年内完成东海写字楼、大兴安岭棚户区项目一期、国税局综合业务用房建设", "国税局综合业务用房", COMPLETED),
        ("全力推进东电2×35万千瓦热电联产项目前期工作", "东电2×35万千瓦热电联产项目", PLANNED),
        ("加快幸福家园、金水岸等项目的开发建设", "金水岸", UNDER_WAY),
        ("西出口道路建成通车", "西出口道路", IN_SERVICE),
        ("确保年内农村敬老院、综合养护院建成并投入使用", "农村敬老院", IN_SERVICE),
        ("荣获“国家慢性病综合防控示范区”称号", "国家慢性病综合防控示范区", COMPLETED),
        ("打造药品进口口岸、大宗商品交易中心等开放平台", "大宗商品交易中心", UNDER_WAY),  # 开放平台 is no opening
    ],
)
def test_the_step_a_clause_states_for_a_name(clause: str, name: str, step: str) -> None:
    i = clause.index(name)
    found = step_for(clause, i, i + len(name))
    assert found is not None and found[0] == step, found


def _occ(step: str, clause: str, part: str) -> Occurrence:
    return Occurrence(0, 2, 0, len(clause), part, step, 0, 2, "x", clause)


@pytest.mark.parametrize(
    ("promised", "review", "plan", "status"),
    [
        (START, [(START, "雄商、雄忻高铁正式开工")], [], MET),
        (UNDER_WAY, [(IN_SERVICE, "中俄蒙文化创意产业园正式运营")], [], MET),
        (IN_SERVICE, [(STRUCTURE, "红星美凯龙主力店主体工程完工")], [], PARTLY),  # a lesser step
        (START, [(PLANNED, "大唐700万吨露天矿完成项目核准")], [], PARTLY),
        (COMPLETED, [(UNDER_WAY, "污水处理厂项目进度滞后")], [], NOT_MET),  # the review says it did not happen
        (START, [], [(START, "确保时代广场城市综合体开工")], NOT_MET),  # scheduled again for N+1
        (IN_SERVICE, [], [(IN_SERVICE, "确保中成酒店、百府悦酒店投入运营")], NOT_MET),
        (UNDER_WAY, [], [(UNDER_WAY, "继续实施哈克镇滨河新区建设")], MET),  # the work goes on
        (UNDER_WAY, [], [(UNDER_WAY, "实施火车站规划三路、滨河路等城区道路工程")], NO_STATEMENT),
        (STRUCTURE, [], [(IN_SERVICE, "确保南开路中学投入使用")], NO_STATEMENT),  # a later step says nothing of N
        (START, [], [(COMPLETED, "完成龙腾果蔬批发市场项目建设")], MET),  # to finish it, it has started
        (START, [], [], NO_STATEMENT),
    ],
)
def test_judging_a_project_promise(
    promised: str, review: list[tuple[str, str]], plan: list[tuple[str, str]], status: str
) -> None:
    got, occurrence, reason = judge_project(
        promised, [_occ(s, c, "review") for s, c in review], [_occ(s, c, "annual") for s, c in plan]
    )
    assert got == status, reason
    assert reason
    assert (occurrence is None) == (status == NO_STATEMENT)


COUNTY_FILES = ("county-2021.txt", "county-2022.txt")
OLD = f"""静宁县政府工作报告
——2021年12月11日在静宁县第十八届人民代表大会第一次会议上
静宁县县长 王明
各位代表:
{_FILL}
一、2021年工作回顾
全县地区生产总值增长6%。
二、2022年主要目标
地区生产总值增长10%。
三、2022年重点工作
(一)推进项目建设。确保年内农村敬老院、综合养护院建成并投入使用。确保城市东外环道路开工建设。加快威戎新区、金水岸等项目的开发建设。开展公共服务、基础设施、宜居环境等七大专项行动。
"""
NEW = f"""静宁县政府工作报告
——2022年12月10日在静宁县第十八届人民代表大会第二次会议上
静宁县县长 王明
各位代表:
{_FILL}
一、2022年工作回顾
全县地区生产总值增长8.5%。农村敬老院和综合老年养护院项目主体完工。实施工业企业全面达标排放等7个专项行动。
二、2023年重点工作
确保城市东外环道路开工建设。
"""


@pytest.fixture(scope="module")
def links(tmp_path_factory: pytest.TempPathFactory):
    return track(*load_pair(tmp_path_factory.mktemp("county"), OLD, NEW, COUNTY_FILES))


def test_a_growth_at_85_percent_of_the_target_is_partly(links) -> None:
    (gdp,) = [x for x in links if x.kind == "quantity" and x.target_surface == "10%"]
    assert gdp.status == PARTLY and "8.5%" in gdp.reason and "10%" in gdp.reason


def test_a_label_count_pairs_with_nothing(links) -> None:
    assert not [x for x in links if "专项行动" in x.metric or "七大" in x.target_surface]


def test_works_named_in_a_list_are_promises_judged_by_the_step_reported(links) -> None:
    by_name = {x.metric: x for x in links if x.kind == "project"}
    home = by_name["农村敬老院"]
    assert home.status == PARTLY and "主体完工" in home.result_evidence  # promised in use, only the shell is up
    assert by_name["综合养护院"].status == PARTLY  # named 综合老年养护院 in the review
    road = by_name["城市东外环道路"]
    assert road.status == NOT_MET and road.reason.startswith("next plan schedules")
    assert by_name["金水岸"].status == NO_STATEMENT and not by_name["金水岸"].result_evidence
    assert all(x.reason for x in links)
    assert len({(x.kind, x.target_id) for x in links}) == len(links)  # one check per promise


def test_a_county_pair_with_plan_works_conforms_to_the_shapes(tmp_path: Path, links) -> None:
    from policykg.graph.rdf import extraction_to_graph, tracking_to_graph
    from policykg.ontology import validate

    a, b = load_pair(tmp_path, OLD, NEW, COUNTY_FILES)
    pair = track(a, b)
    assert any(x.target_id.startswith("W") for x in pair)
    union = extraction_to_graph(a) + extraction_to_graph(b) + tracking_to_graph(a, b, pair)
    result = validate(union)
    assert result.conforms, result.text[:2000]
