"""Quantities on real reports: the example (Pingliang 2021) and dev reports of other places and years."""

from __future__ import annotations

import pytest
from conftest import DEV_CORPUS, EXAMPLE

from policykg.extract.document import read_report
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
        "2026",
    )
    assert q.place == "平凉市"
    assert q.section == "S2.1.1"


def test_growth_after_a_total_inherits_its_metric(example: tuple[Extraction, list[Quantity]]) -> None:
    ex, qs = example
    q = find(ex, qs, "较去年增长8%", "8%")
    assert (q.metric, q.comparator, q.kind, q.period) == ("地区生产总值增速", "~", "achievement", "2021")
    assert "地区生产总值完成546亿元" in ex.text[q.evidence.start : q.evidence.end]


def test_urban_rural_pair_splits(example: tuple[Extraction, list[Quantity]]) -> None:
    ex, qs = example
    urban = find(ex, qs, "分别达到33739元", "33739元")
    rural = find(ex, qs, "分别达到33739元", "10829元")
    assert (urban.metric, rural.metric) == ("城镇居民人均可支配收入", "农村居民人均可支配收入")
    ratio = find(ex, qs, "是2016年的1.4倍和1.5倍", "1.5倍")
    assert ratio.metric.startswith("农村居民人均可支配收入")
    assert ratio.period == "2016-2021"


def test_list_qualifier_and_annual_period(example: tuple[Extraction, list[Quantity]]) -> None:
    ex, qs = example
    q = find(ex, qs, "年均分别增长8%和10%以上", "8%")
    assert (q.comparator, q.period, q.metric) == (">=", "annual 2022-2026", "城镇居民人均可支配收入增速")


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
    assert (base.period, base.kind, now.period, now.kind) == ("2016", "other", "2021", "achievement")


def test_review_year_paragraph_switches_period(example: tuple[Extraction, list[Quantity]]) -> None:
    ex, qs = example
    assert find(ex, qs, "完成造林封育22.8万亩", "22.8万亩").period == "2021"
    assert find(ex, qs, "新增高等级公路284公里", "284公里").period == "2017-2021"


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
    assert (base.period, base.kind, base.metric) == ("2015", "other", "生产总值")
    assert (now.period, now.kind, now.metric) == ("2020", "achievement", "生产总值")
    assert all(q.place == "河北省" for q in qs if "全省" in ex.text[q.evidence.start : q.evidence.start + 2])
