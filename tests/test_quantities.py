"""Quantities on real reports: the example (Pingliang 2021) and dev reports of other places and years."""

from __future__ import annotations

import dataclasses
from functools import cache

import pytest
from conftest import DEV_CORPUS, EXAMPLE

from policykg.extract.document import read_report
from policykg.extract.period import Period
from policykg.extract.quantities import extract_quantities
from policykg.extract.records import Extraction, Quantity

HEBEI_2021 = DEV_CORPUS / "hebei-province-2021.txt"


@pytest.fixture(scope="module")
def example() -> tuple[Extraction, list[Quantity]]:
    ex = read_report(EXAMPLE)
    return ex, list(extract_quantities(ex))


def find(ex: Extraction, qs: list[Quantity], clause: str, surface: str, nth: int = 0) -> Quantity:
    hits = [q for q in qs if clause in ex.text[q.evidence.start : q.evidence.end] and q.surface == surface]
    assert len(hits) > nth, (
        clause,
        surface,
        [q.surface for q in qs if clause in ex.text[q.evidence.start : q.evidence.end]],
    )
    return hits[nth]


def test_ids_in_text_order(example: tuple[Extraction, list[Quantity]]) -> None:
    _, qs = example
    assert [q.id for q in qs] == [f"Q{i}" for i in range(1, len(qs) + 1)]
    assert [q.start for q in qs] == sorted(q.start for q in qs)


def test_target_level_with_qualifier(example: tuple[Extraction, list[Quantity]]) -> None:
    ex, qs = example
    q = find(ex, qs, "煤炭产能达到3500万吨以上", "3500万吨以上")
    assert (q.metric, q.value, q.unit, q.comparator, q.kind, q.period) == (
        "煤炭产能",
        3.5e7,
        "吨",
        ">=",
        "target",
        Period.parse("2026"),
    )
    assert q.place == "平凉市"
    assert q.section == "S2.1.1"


def test_a_clause_opening_with_a_county_takes_its_place_from_the_places_list(example_extraction) -> None:
    """静宁 is resolved once, by the places extractor; the figure reads that mention, not the gazetteer."""
    ex = example_extraction
    (q,) = [
        q for q in ex.quantities if q.surface == "158.9亿元" and "静宁苹果品牌价值" in ex.evidence(q.start - 12, q.end)
    ]
    assert (q.place, q.rule.endswith("+place")) == ("静宁县", True)
    (county,) = [p for p in ex.places if p.name == "静宁县"]
    assert any(m.start == q.evidence.start and m.text == "静宁" for m in county.mentions)
    without = list(extract_quantities(dataclasses.replace(ex, places=[])))
    (bare,) = [b for b in without if b.start == q.start]
    assert bare.place == "平凉市"  # no resolved mention there: the issuer, and no rule


def test_growth_after_a_total_inherits_its_metric(example: tuple[Extraction, list[Quantity]]) -> None:
    ex, qs = example
    q = find(ex, qs, "较去年增长8%", "8%")
    assert (q.metric, q.comparator, q.kind, q.period) == ("地区生产总值增速", "~", "achievement", Period.parse("2021"))
    assert "地区生产总值完成546亿元" in ex.text[q.evidence.start : q.evidence.end]


def test_urban_rural_pair_splits(example: tuple[Extraction, list[Quantity]]) -> None:
    ex, qs = example
    urban = find(ex, qs, "分别达到33739元", "33739元")
    rural = find(ex, qs, "分别达到33739元", "10829元")
    assert (urban.metric, rural.metric) == ("城镇居民人均可支配收入", "农村居民人均可支配收入")
    ratio = find(ex, qs, "是2016年的1.4倍和1.5倍", "1.5倍")
    assert ratio.metric.startswith("农村居民人均可支配收入")
    assert ratio.period == Period.parse("2016-2021")


def test_list_qualifier_and_annual_period(example: tuple[Extraction, list[Quantity]]) -> None:
    ex, qs = example
    q = find(ex, qs, "年均分别增长8%和10%以上", "8%")
    assert (q.comparator, q.period, q.metric) == (">=", Period.parse("annual 2022-2026"), "城镇居民人均可支配收入增速")


def test_thresholds_classes_and_names_are_other(example: tuple[Extraction, list[Quantity]]) -> None:
    ex, qs = example
    assert find(ex, qs, "实施500万元以上项目490项", "500万元以上").kind == "other"
    assert find(ex, qs, "实施500万元以上项目490项", "490项").kind == "target"
    assert find(ex, qs, "实施35千伏、110千伏变电站", "35千伏").kind == "other"
    assert find(ex, qs, "20万吨聚丙烯项目年底前投料试产", "20万吨").kind == "other"


def test_base_year_figure(example: tuple[Extraction, list[Quantity]]) -> None:
    ex, qs = example
    base = find(ex, qs, "从2016年的38.3%提高到46.8%", "38.3%")
    now = find(ex, qs, "从2016年的38.3%提高到46.8%", "46.8%")
    assert (base.period, base.kind, now.period, now.kind) == (
        Period.parse("2016"),
        "other",
        Period.parse("2021"),
        "achievement",
    )


def test_review_year_paragraph_switches_period(example: tuple[Extraction, list[Quantity]]) -> None:
    ex, qs = example
    assert find(ex, qs, "完成造林封育22.8万亩", "22.8万亩").period == Period.parse("2021")
    assert find(ex, qs, "新增高等级公路284公里", "284公里").period == Period.parse("2017-2021")


def test_each_gives_one_entry_per_subject(example: tuple[Extraction, list[Quantity]]) -> None:
    ex, qs = example
    a = find(ex, qs, "新增高新技术企业和科技创新型企业各10家以上", "10家以上", 0)
    b = find(ex, qs, "新增高新技术企业和科技创新型企业各10家以上", "10家以上", 1)
    assert (a.metric, b.metric) == ("新增高新技术企业", "科技创新型企业")


def test_people_counted_by_a_bare_wan(example: tuple[Extraction, list[Quantity]]) -> None:
    ex, qs = example
    q = find(ex, qs, "为5.4万78岁以上老年人购买意外伤害保险", "5.4万")
    assert (q.value, q.unit) == (54000, "人")


def test_no_quantities_in_names(example: tuple[Extraction, list[Quantity]]) -> None:
    ex, qs = example
    for name in ("两不愁三保障", "十四五", "G312", "5G", "四个意识", "三大攻坚战", "十件实事"):
        start = ex.text.find(name)
        assert start >= 0, name
        while start >= 0:
            end = start + len(name)
            assert not [q.surface for q in qs if q.start < end and start < q.end], name
            start = ex.text.find(name, end)


@pytest.mark.shared
def test_from_year_to_year_in_a_province_report() -> None:
    ex = read_report(HEBEI_2021)
    qs = list(extract_quantities(ex))
    base = find(ex, qs, "从2015年的2.6万亿元增长到2020年的3.62万亿元", "2.6万亿元")
    now = find(ex, qs, "从2015年的2.6万亿元增长到2020年的3.62万亿元", "3.62万亿元")
    assert (base.period, base.kind, base.metric) == (Period.parse("2015"), "other", "生产总值")
    assert (now.period, now.kind, now.metric) == (Period.parse("2020"), "achievement", "生产总值")
    assert all(q.place == "河北省" for q in qs if "全省" in ex.text[q.evidence.start : q.evidence.start + 2])


# --- dev reports of other places and years: ranks, records, terms, names ---------------------

DEV = DEV_CORPUS


@cache
def _dev(stem: str) -> tuple[Extraction, list[Quantity]]:
    ex = read_report(DEV / f"{stem}.txt")
    return ex, list(extract_quantities(ex))


def dev(stem: str, clause: str, surface: str, nth: int = 0) -> Quantity:
    if not (DEV / f"{stem}.txt").exists():
        pytest.skip("dev corpus not available")
    ex, qs = _dev(stem)
    return find(ex, qs, clause, surface, nth)


def test_ranks_are_figures_with_their_scope() -> None:
    q = dev("shaanxi-province-2026", "人均生产总值居全国第12位", "第12位")
    assert (q.value, q.unit, q.kind, q.metric) == (12, "位", "achievement", "人均生产总值全国排名")
    city = dev("gaoyang-2019-county", "均居全市第1、全省第7", "第1")
    province = dev("gaoyang-2019-county", "均居全市第1、全省第7", "第7")
    assert city.metric.endswith("全市排名") and province.metric.endswith("全省排名")
    assert province.metric[:-4] == city.metric[:-4]
    growth = dev("baoding-2014", "增速全省第一", "第一")
    assert growth.metric == "社会消费品零售总额增速全省排名"  # the subject of the figure before


def test_records_of_consecutive_years_span_the_record() -> None:
    years = dev("qinghai-province-2026", "粮食总产量连续18年保持在100万吨以上", "18年")
    level = dev("qinghai-province-2026", "粮食总产量连续18年保持在100万吨以上", "100万吨以上")
    assert (years.value, years.unit, years.period) == (18, "年", Period.parse("2008-2025"))
    assert years.metric.startswith("粮食总产量") and years.metric.endswith("连续年数")
    assert (level.metric, level.period) == ("粮食总产量", Period.parse("2008-2025"))


def test_term_paragraph_inside_a_year_review() -> None:
    # 2025年工作回顾 … 各位代表！2025年目标任务顺利完成…。五年来，…地区生产总值跨过3万亿元、年均增长5.2%
    growth = dev("shaanxi-province-2026", "地区生产总值跨过3万亿元、年均增长5.2", "5.2%")
    level = dev("shaanxi-province-2026", "地区生产总值跨过3万亿元", "3万亿元")
    assert growth.period == Period.parse("annual 2021-2025")
    assert level.period == Period.parse("2025")  # a state reached: the year under review
    assert dev("shaanxi-province-2026", "工业投资占比提高11.9个百分点", "11.9个百分点").period == Period.parse(
        "2021-2025"
    )


def test_levels_of_a_change_over_the_term() -> None:
    start = dev("hebei-province-2023", "一般公共预算收入从3233.8亿元增长到4084亿元", "3233.8亿元")
    end = dev("hebei-province-2023", "一般公共预算收入从3233.8亿元增长到4084亿元", "4084亿元")
    assert (start.kind, start.period, end.kind, end.period) == (
        "other",
        Period.parse("2017"),
        "achievement",
        Period.parse("2022"),
    )
    steel = dev("hebei-province-2023", "钢铁产能由2.39亿吨减至1.9亿多吨", "2.39亿吨")
    assert (steel.kind, steel.metric) == ("other", "钢铁产能")


def test_plant_sizes_and_quoted_names_are_context() -> None:
    assert dev("qinghai-province-2026", "推动国达化工60万吨钾肥复合造粒", "60万吨").kind == "other"
    assert dev("shaanxi-province-2026", "弗迪12吉瓦时动力电池扩产", "12吉瓦时").kind == "other"
    assert dev("qinghai-province-2026", "兰西“1小时经济圈”初步成型", "1小时").kind == "other"
    # a reserve formed, and a total after 等, stay amounts
    assert dev("qinghai-province-2026", "形成60万吨政府可调度煤炭储备能力", "60万吨").kind == "achievement"
    assert find(*example_quantities(), "打造“15分钟健身圈”", "15分钟").kind == "target"


def test_class_units_only_before_a_noun() -> None:
    assert dev("qinghai-province-2026", "人均预期寿命提高到75.3岁", "75.3岁").kind == "achievement"
    assert find(*example_quantities(), "实施35千伏、110千伏变电站", "110千伏").kind == "other"


def test_note_in_brackets_does_not_split_a_list() -> None:
    q = dev("baoding-2014", "全市生产总值完成2650.6亿元(不含定州,下同)、增长9%", "9%")
    assert q.metric == "生产总值增速"


@cache
def example_quantities() -> tuple[Extraction, list[Quantity]]:
    ex = read_report(EXAMPLE)
    return ex, list(extract_quantities(ex))


def test_parts_from_text_cues_when_the_outline_has_none() -> None:
    """An outline that found no part kinds must not turn every figure into one year's achievement."""
    ex = read_report(EXAMPLE)
    plan = Period.of(ex.meta.plan_year)
    blind = dataclasses.replace(ex, sections=[dataclasses.replace(s, part="other", period=plan) for s in ex.sections])
    qs = list(extract_quantities(blind))
    review = find(blind, qs, "新增高等级公路284公里", "284公里")
    target = find(blind, qs, "煤炭产能达到3500万吨以上", "3500万吨以上")
    annual = find(blind, qs, "新建高标准农田16万亩", "16万亩")
    assert (review.kind, review.period) == ("achievement", Period.parse("2017-2021"))
    assert (target.kind, target.period) == ("target", Period.parse("2026"))
    assert (annual.kind, annual.period) == ("target", Period.parse("2022"))


def test_metrics_that_need_a_subject_from_around_them() -> None:
    # an investment opening its clause names the work that follows it
    assert dev("hailar-2014-county", "投资1168万元", "1168万元").metric == "老旧小区供热管网改造投资"
    # a bare flow word takes the subject of the figure before it
    assert dev("gaoyang-2019-county", "去年新增1000多台", "1000多台").metric == "新增剑杆织机"
    # a rate named alone borrows the subject of the count before it
    assert dev("baoding-2014", "交办率100%", "100%").metric.endswith("交办率")
    assert len(dev("baoding-2014", "交办率100%", "100%").metric) > len("交办率")
    # the size of a named plant and the bound of a class
    assert dev("qinghai-province-2026", "推动国达化工60万吨钾肥复合造粒", "60万吨").metric == "国达化工钾肥复合造粒产能"
    assert find(*example_quantities(), "实施500万元以上项目490项", "500万元以上").metric == "项目投资规模起点"
    assert (
        dev("hebei-province-2023", "营业收入超百亿元县域特色产业集群", "超百亿元").metric
        == "县域特色产业集群营业收入门槛"
    )


def test_figure_after_a_list_names_the_last_item() -> None:
    q = dev("shaanxi-province-2026", "新增产能3095万吨/年", "3095万吨/年")
    assert (q.metric, q.unit) == ("新增产能", "吨/年")
