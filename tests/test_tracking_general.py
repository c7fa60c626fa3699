"""General rules of project and quantity tracking (issue 15), each on real report sentences set in a
hand-written county pair: the rules any county report needs, not the names of one report.

The sentences are real report sentences; nothing in the library knows them.
"""

from __future__ import annotations

import pytest
from tracking_fixtures import _FILL, load_pair

from policykg.graph.tracking import MET, NO_STATEMENT, NOT_MET, PARTLY, TrackingLink, track

OLD = f"""某某区政府工作报告
——2014年1月10日在某某区第十五届人民代表大会第三次会议上
某某区区长 王明
各位代表:
{_FILL}
一、2013年工作回顾
全区地区生产总值增长10%。
二、2014年重点工作
(一)推进项目建设。实施中网科技“云计算”基地一期项目，实现数字中心开工建设。重点实施自治区冬季项目体育场馆、社区卫生服务中心、第三中学分校及标准化中学、幼儿园等公共公益项目。实施5个村级卫生室项目。确保城市东外环道路开工建设。力争年末，入园企业达到14家。认真谋划第十届中俄蒙经贸洽谈暨商品展销会。确保大唐700万吨露天矿一季度完成核准并开工建设，雪花迁建项目10月份投入使用。投资8000万元实施10公里雨水管网及泵站改造、污泥处置、城市主干道路改造等项目。完成对胜利大街、西大街、胜利三路等主干道路的综合改造。全面启动三角地商圈改造。认真做好第三次全国经济普查工作。启动区医院扩建工程，力争年内晋升为二级甲等医院。
"""
NEW = f"""某某区政府工作报告
——2015年1月12日在某某区第十五届人民代表大会第四次会议上
某某区区长 王明
各位代表:
{_FILL}
一、2014年工作回顾
全区地区生产总值增长9%。中俄蒙国际物流园区中网科技云计算、蒙拓牧机二期等项目开工建设，入驻企业达到8家。区医院120急救中心项目开工建设，村级卫生室建设全部达标。成功举办第十届中国·海拉尔中俄蒙经贸洽谈暨商品展销会。华润雪花啤酒迁建、亘富200万吨褐煤提质项目主体完工。完成对胜利三路、学府路和贝尔大街3条主干道路的改造。顺利完成第三次全国经济普查工作。
二、2015年重点工作
(一)推进项目建设。启动社区卫生服务中心、妇幼保健所等公共服务设施建设。实施火车站规划三路、滨河路等城区道路工程，东西外环道路开工建设。集中对加格达奇路、尼尔基路、巴彦托海路和胜利大街、哈萨尔大街、海拉尔大街、贝尔大街等7条主干道路进行综合改造。切实抓好公立医院改革，确保区医院晋升为二级甲等综合医院。
"""


@pytest.fixture(scope="module")
def links(tmp_path_factory: pytest.TempPathFactory):
    names = ("district-2014.txt", "district-2015.txt")
    return track(*load_pair(tmp_path_factory.mktemp("general"), OLD, NEW, names))


def _project(links, word: str):
    found = [x for x in links if x.kind == "project" and word in x.metric]
    assert len(found) == 1, [x.metric for x in links]
    return found[0]


def test_the_step_of_a_following_clause_is_the_promise(links) -> None:
    """实施X项目，实现Y开工建设: the promise is the start, and the review's 开工建设 meets it."""
    cloud = _project(links, "云计算")
    assert cloud.promised_step == "start" and "开工建设" in cloud.target_surface
    assert cloud.status == MET and "开工建设" in cloud.result_evidence


def test_works_of_a_list_called_projects_are_promises(links) -> None:
    """A、B等公共公益项目: each facility of the list is a promise, scheduled again in N+1's plan: not met."""
    centre = _project(links, "社区卫生服务中心")
    assert centre.status == NOT_MET and centre.reason.startswith("next plan schedules")


def test_a_kind_of_facility_in_such_a_list_is_no_work(links) -> None:
    assert not [x for x in links if x.metric == "标准化中学"]


def _quantity(links, surface: str) -> TrackingLink:
    found = [x for x in links if x.kind == "quantity" and x.target_surface == surface]
    assert len(found) == 1, [(x.metric, x.target_surface) for x in links]
    return found[0]


def test_a_count_stated_as_done_in_full_is_met(links) -> None:
    """实施5个村级卫生室项目 / 村级卫生室建设全部达标: no figure, but all of them: met, with that clause."""
    clinics = _quantity(links, "5个")
    assert clinics.status == MET and clinics.result_surface == "全部达标"
    assert "村级卫生室建设全部达标" in clinics.result_evidence and "全部达标" in clinics.reason


def test_firms_in_the_park_however_said(links) -> None:
    """入园企业达到14家 / 入驻企业达到8家: one indicator; 8 of 14 is below 80%: not met."""
    firms = _quantity(links, "14家")
    assert firms.status == NOT_MET and firms.result_surface == "8家"


def test_a_pair_of_ring_roads_named_at_once(links) -> None:
    """确保城市东外环道路开工建设 / N+1's plan: 东西外环道路开工建设: the start is scheduled again."""
    ring = _project(links, "东外环")
    assert ring.status == NOT_MET and "东西外环道路开工建设" in ring.result_evidence


def test_an_event_counted_by_its_ordinal_is_a_promise(links) -> None:
    """认真谋划第十届…展销会 / 成功举办第十届中国·海拉尔…展销会: the fair was held, named with a qualifier."""
    fair = _project(links, "展销会")
    assert fair.metric.startswith("第十届") and fair.status == MET and "成功举办" in fair.result_evidence


def test_a_dated_work_is_named_without_its_date_and_found_by_a_gapped_name(links) -> None:
    """雪花迁建项目10月份投入使用 / 华润雪花啤酒迁建…主体完工: a lesser step than promised: partly."""
    brewery = _project(links, "迁建")
    assert brewery.metric == "雪花迁建项目" and brewery.status == PARTLY
    assert "主体完工" in brewery.result_evidence


def test_an_investment_sum_is_no_part_of_a_listed_name(links) -> None:
    works = [x.metric for x in links if x.kind == "project"]
    assert works and not [m for m in works if "投资" in m or "万元" in m or m[0].isdigit()], works


def test_a_work_listed_again_with_one_done_is_no_proof(links) -> None:
    """N+1's plan lists 胜利大街 again, but with 贝尔大街, which its review reports done: a new round of
    works, not proof that 胜利大街 was not done; the review is silent on it: no statement."""
    street = _project(links, "胜利大街")
    assert street.status == NO_STATEMENT and not street.result_evidence
    assert _project(links, "胜利三路").status == MET


def test_a_shopping_district_is_a_work(links) -> None:
    assert _project(links, "商圈").status == NO_STATEMENT


def test_a_census_to_carry_out_is_a_promise(links) -> None:
    """认真做好第三次全国经济普查工作 / 顺利完成…: 做好 is a step word, 工作 no part of the name."""
    census = _project(links, "普查")
    assert census.metric == "第三次全国经济普查" and census.status == MET


def test_a_grade_to_reach_is_a_promise_and_its_grade_no_list(links) -> None:
    """力争年内晋升为二级甲等医院 / N+1's plan: 确保区医院晋升为二级甲等综合医院: not reached; 甲等 is a grade."""
    grade = _project(links, "甲等")
    assert grade.metric == "二级甲等医院" and grade.status == NOT_MET
