"""Task leads and task lists: misses found by reading the extractor's tasks on dev reports.

Each test names the miss it covers and uses the report's own sub-heading (its paragraph is
read from the report).  The lead is compared by function, as the scorer does.  Skipped when
the dev corpus is absent.
"""

from __future__ import annotations

import sys
from functools import cache

import pytest
from conftest import DEV_CORPUS, SCORER

from policykg.extract.records import Extraction, Task
from policykg.pipeline import extract_file

pytestmark = pytest.mark.shared


@cache
def _run(stem: str) -> Extraction:
    return extract_file(DEV_CORPUS / f"{stem}.txt")


def task(stem: str, title_start: str) -> Task:
    hits = [t for t in _run(stem).tasks if t.title.startswith(title_start)]
    assert hits, f"no task {title_start} in {stem}"
    return hits[0]


def lead(stem: str, title_start: str) -> str:
    return task(stem, title_start).departments[0].function


# --- the title names the task: weak body cues and the domain prior must not outvote it -------


@pytest.mark.parametrize(
    ("stem", "title", "function"),
    [
        # body full of 绿化/森林/湿地 cues; the heading is about the city
        ("hailar-2018-county", "坚持以新发展理念发展好城市", "住建"),
        # "高标准高质量": no 市场监管 task; a heading about a new area goes to its 管委会
        ("hebei-province-2023", "高标准高质量推进雄安新区建设", "园区管委会"),
        ("hebei-province-2024", "高标准高质量推进雄安新区建设", "园区管委会"),
        # fixed phrases of the function they open with
        ("shaanxi-province-2026", "促进教育科技人才一体化发展", "教育"),
        ("hailar-2014-county", "大力发展社会事业", "教育"),
        ("hailar-2014-county", "大力加强生态城市建设", "生态环境"),
        ("hebei-province-2023", "实施数字赋能行动", "工信"),
        ("qinghai-province-2026", "提升生态农牧业发展质量效益", "农业农村"),
        ("shaanxi-province-2026", "持续筑牢生态安全屏障", "林草"),
        # short 实事 items: their own words, not the domain of their section
        ("baoding-2014", "在市区推行公共自行车服务", "交通运输"),
        ("baoding-2014", "为6万对农村夫妇提供免费孕前体检", "卫健"),
        # 碳达峰 is run by 发展改革 (the domain prior of 生态环境 outvoted it)
        ("hebei-province-2023", "有计划分步骤实施碳达峰行动", "发展改革"),
        ("shaanxi-province-2026", "积极稳妥推进碳达峰", "发展改革"),
        # a long item on regional strategy; 农业 cues of its later sentences outvoted 协调发展
        ("hebei-province-2023", "坚定不移推进协调发展", "发展改革"),
        ("sichuan-province-2026", "联动提升成渝地区双城经济圈发展能级", "发展改革"),
        ("sichuan-province-2026", "着力优化区域发展格局", "发展改革"),
        # "共同健康发展" is no health task
        ("guangdong-province-2026", "促进各种所有制经济共同健康发展", "发展改革"),
        ("guangdong-province-2026", "优化拓展海洋经济发展空间", "自然资源"),
        ("hebei-province-2021", "深化改革扩大开放", "发展改革"),
        ("hailar-2015-county", "深化改革开放", "发展改革"),
        ("yunnan-province-2026", "推进宜居宜业和美乡村建设", "农业农村"),
        # "红线" in the title is not 生态保护红线
        ("hebei-province-2024", "严守公共安全红线", "应急"),
        # "创新" as a verb in a heading is no science task
        ("hailar-2015-county", "加强社会管理创新", "公安"),
        ("hubei-province-2026", "积极探索创新城乡融合发展机制", "发展改革"),
        ("hubei-province-2026", "加强经济领域风险防控化解", "金融"),
        ("baoding-2014", "全面提升城镇管理水平", "城管"),
        ("baoding-2014", "深入推进低碳城市建设", "发展改革"),
        ("sichuan-province-2026", "推动文化体育事业发展", "文旅"),
        ("chongqing-province-2026", "实施残疾儿童康复救助1万人次", "残联"),
    ],
)
def test_lead_follows_the_heading(stem: str, title: str, function: str) -> None:
    assert lead(stem, title) == function


def test_generic_reform_heading_goes_by_its_body() -> None:
    # "深化重点领域改革" names no field: the body's fields decide, as the example's gold (国资委)
    # shows; a body on 国企/财政/金融 gives no 发展改革 lead just for the word 改革.
    t = task("guangdong-province-2026", "持续深化重点领域改革")
    assert t.departments[0].function in {"财政", "发展改革"}
    assert "重点领域改革" not in t.departments[0].cues


# --- departments named as they were called in the report's year --------------------------------


def test_old_report_names_departments_of_its_time() -> None:
    # baoding 2014: 环保局 / 国土资源局 / 农业局 / 林业局, not the 2018 names
    ex = _run("baoding-2014")
    names = {d.name for t in ex.tasks for d in t.departments}
    assert "市环保局" in names and "市生态环境局" not in names
    assert "市农业局" in names and "市农业农村局" not in names
    # functions the scorer does not fold keep their standard names (see departments.toml)
    assert lead("baoding-2014", "推进扶贫攻坚") == "乡村振兴"
    assert task("baoding-2014", "推进扶贫攻坚").departments[0].name == "市乡村振兴局"


def test_reform_year_switches_the_names() -> None:
    pollution = [d.name for d in task("hailar-2018-county", "打好污染防治攻坚战").departments]
    assert pollution[0] == "区环保局"
    later = {d.name for t in _run("hailar-2019-county").tasks for d in t.departments}
    assert "区生态环境局" in later
    assert not later & {"区环保局", "区国土资源局", "区农业局", "区林业局", "区卫计局"}


def test_era_names_reduce_to_the_scorers_function_key() -> None:
    sys.path.insert(0, str(SCORER.parent))
    try:
        import score  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    ex = _run("hailar-2012-county")
    for t in ex.tasks:
        for d in t.departments:
            modern = d.function
            assert score.dept(d.name) == score.dept(_modern_name(modern, ex)), d.name


def _modern_name(function: str, ex: Extraction) -> str:
    from dataclasses import replace

    from policykg.extract.departments import department_name

    return department_name(function, replace(ex.meta, year=2026, plan_year=2026), park="开发区")


# --- what is a task -----------------------------------------------------------------------------


def test_glossary_after_the_report_holds_no_tasks() -> None:
    # sichuan 2026 ends with "名词解释 1.“两重”:是指…"; guangdong 2026 with a 名词解释 part
    for stem in ("sichuan-province-2026", "guangdong-province-2026"):
        titles = [t.title for t in _run(stem).tasks]
        assert "名词解释" not in titles
        assert not any(t.startswith(("3.“自审自发”", "包括“供应链改造”")) for t in titles), stem
    assert _run("sichuan-province-2026").tasks[-1].title == "严明纪律规矩"
