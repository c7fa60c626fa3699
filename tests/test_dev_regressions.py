"""Regressions found by reading the extractor's output on dev reports (../shared/corpus/dev).

Each test names the miss it covers and uses the report sentence that failed. Skipped when the
dev corpus is absent.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import DEV_CORPUS

from policykg.extract.document import read_report
from policykg.extract.period import Period
from policykg.extract.places import extract_places
from policykg.extract.quantities import extract_quantities
from policykg.extract.records import Extraction, Place, Quantity

pytestmark = pytest.mark.shared


@cache
def _run(stem: str) -> tuple[Extraction, list[Quantity], list[Place]]:
    ex = read_report(DEV_CORPUS / f"{stem}.txt")
    return ex, list(extract_quantities(ex)), list(extract_places(ex))


def quantity(stem: str, clause: str, surface: str) -> Quantity:
    ex, qs, _ = _run(stem)
    hits = [q for q in qs if q.surface == surface and clause in ex.text[q.evidence.start : q.evidence.end + 1]]
    assert hits, f"{surface} not found in {clause}"
    return hits[0]


def surfaces(stem: str, clause: str) -> list[str]:
    ex, qs, _ = _run(stem)
    return [q.surface for q in qs if clause in ex.text[q.evidence.start : q.evidence.end + 1]]


def place_names(stem: str) -> dict[str, Place]:
    return {p.name: p for p in _run(stem)[2]}


# --- quantities -------------------------------------------------------------------------------


def test_starting_level_of_a_change_is_context_of_the_base_year() -> None:
    # 高速公路从6333公里增加到7809公里 (five-year review 2016-2020)
    start = quantity("hebei-province-2021", "高速公路从6333公里增加到7809公里", "6333公里")
    assert (start.kind, start.period, start.metric) == ("other", Period.parse("2015"), "高速公路")
    end = quantity("hebei-province-2021", "高速公路从6333公里增加到7809公里", "7809公里")
    assert end.kind == "achievement"


def test_list_of_subjects_and_list_of_figures_pair_up_without_fenbie() -> None:
    clause = "新发展家庭农场、农民合作社、农业托管服务组织6000家、3000家、2000家"
    metrics = [quantity("hebei-province-2021", clause, s).metric for s in ("6000家", "3000家", "2000家")]
    assert metrics == ["新发展家庭农场", "农民合作社", "农业托管服务组织"]


def test_items_of_different_heads_do_not_borrow_a_tail() -> None:
    q = quantity("shaanxi-province-2026", "每千人床位数、执业(助理)医师数", "7.83张")
    assert q.metric == "每千人床位数"


def test_tenths_and_doubling_are_figures() -> None:
    share = quantity("xinjiang-province-2026", "绿电占比超三成", "超三成")
    assert (share.value, share.unit, share.comparator, share.metric) == (30, "%", ">=", "绿电占比")
    doubled = quantity("xinjiang-province-2026", "研发投入翻一番", "翻一番")
    assert (doubled.value, doubled.unit, doubled.metric) == (2, "倍", "研发投入")


def test_doubling_in_quotes_is_a_slogan() -> None:
    assert "翻一番" not in surfaces("baoding-2021", "如期实现小康社会两个“翻一番”")


def test_two_digit_growth_keeps_its_qualifier() -> None:
    q = quantity("baoding-2021", "新兴服务业年均增速保持在两位数左右", "两位数左右")
    assert (q.value, q.comparator, q.period) == (10, "~", Period.parse("annual 2016-2020"))


def test_a_growth_rate_name_is_not_a_growth() -> None:
    q = quantity("baoding-2014", "人口自然增长率控制在", "控制在7.8%")
    assert q.metric == "人口自然增长率"


def test_change_verb_after_a_figure_is_not_its_counted_noun() -> None:
    q = quantity("hebei-province-2021", "市场主体从", "327.7万户")
    assert q.metric == "市场主体"


# --- places -----------------------------------------------------------------------------------


def test_everyday_words_before_a_village_head_are_no_place() -> None:
    found = place_names("hailar-2012-county")
    # 重点抓好主要街道 / 全面作好村务公开 / 办好海拉尔区第六届社区运动会
    assert not {"主要街道", "作好村", "第六届社区"} & set(found)
    assert {"哈克镇", "正阳社区", "呼伦社区"} <= set(found)
    assert not {"利用社区"} & set(place_names("hailar-2018-county"))
    assert not {"首批社区", "居家社区", "分钟社区"} & set(place_names("sichuan-province-2026"))


def test_park_name_starts_after_a_verb() -> None:
    found = place_names("hailar-2012-county")  # 一汽大众4S店入驻中俄蒙国际汽车产业园
    assert "中俄蒙国际汽车产业园" in found and "店入驻中俄蒙国际汽车产业园" not in found


def test_taiwan_has_its_code() -> None:
    assert place_names("hailar-2012-county")["台湾省"].adcode == "710000"


def test_river_named_after_the_division_starts_at_it() -> None:
    found = place_names("hailar-2018-county")  # 保持住海拉尔河、伊敏河…碧水长流
    assert "海拉尔河" in found and "住海拉尔河" not in found


def test_classes_and_organisations_are_no_places() -> None:
    found = place_names("hebei-province-2021")
    # 引导规范小额贷款公司、融资担保等地方金融组织; 主营业务收入超千亿元开发区达到30家以上
    assert not {"额贷款公司", "融资担保", "超千亿元开发区"} & set(found)
    assert "青藏高原首个综合保税区" not in place_names("qinghai-province-2026")
    assert "自贸联动创新区" not in place_names("xinjiang-province-2026")  # 设立5个自贸联动创新区


def test_a_stretch_between_two_bridges_names_no_place() -> None:
    assert "哈萨尔桥" not in place_names("hailar-2015-county")  # 中央桥至哈萨尔桥段工程
