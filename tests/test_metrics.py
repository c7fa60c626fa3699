"""Indicator keys (extract/metrics.py): one key per indicator across reports and years."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.extract.metrics import metric_key, parse_metric, similarity

SAME = [
    # metrics as the quantities extractor words them in hebei-province / hailar reports
    [
        "地区生产总值增速",
        "GDP增长",
        "生产总值增长",
        "地区生产总值增长",
        "全市地区生产总值增长",
        "”时期全省生产总值增速",
    ],
    ["新增城镇就业", "城镇新增就业", "新增就业"],
    ["改造老旧小区", "老旧小区改造"],
    ["新改造农村户用卫生厕所", "新改造户厕"],
    ["规上工业增加值增速", "规模以上工业增加值增速"],
    ["一般公共预算收入增速", "地方一般公共预算收入增长", "一般公共财政预算收入增长"],
    ["区本级固定资产投资增速", "区本级全社会固定资产投资额增速"],
    ["技术合同成交额", "技术合同成交总额"],
    ["地表水国考断面优良比例", "国考地表水断面优良比例"],
    ["外贸进出口增速", "进出口总额增长"],
    ["居民消费价格指数涨幅", "居民消费价格上涨"],
    ["单位GDP能耗", "单位地区生产总值能耗"],
    ["农民人均纯收入", "农村居民人均可支配收入", "农村牧区常住居民人均可支配收入"],
]

DIFFERENT = [
    ("城镇居民人均可支配收入", "农村居民人均可支配收入"),
    ("城镇居民人均可支配收入", "居民人均可支配收入"),
    ("地区生产总值增速", "地区生产总值"),  # a growth rate is not a level
    ("新增国家高新技术企业", "国家高新技术企业"),  # a flow is not a stock
    ("棚户区改造开工", "棚户区基本建成"),
    ("出口总额增速", "进出口增速"),
]


@pytest.mark.parametrize("names", SAME, ids=[n[0] for n in SAME])
def test_variants_share_one_key(names: list[str]) -> None:
    assert len({metric_key(n) for n in names}) == 1, {n: metric_key(n) for n in names}


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_distinct_indicators_keep_distinct_keys(a: str, b: str) -> None:
    assert metric_key(a) != metric_key(b)
    assert similarity(parse_metric(a), parse_metric(b)) < 0.7


def test_key_is_readable() -> None:
    assert metric_key("GDP增长") == "地区生产总值增速"
    assert metric_key("城镇新增就业") == "新增城镇就业"


def test_fuzzy_similarity_pairs_rewordings_only() -> None:
    assert similarity(parse_metric("新增商业营业面积"), parse_metric("新增商业面积")) >= 0.7
    assert similarity(parse_metric("河湖生态补水"), parse_metric("完成生态补水")) >= 0.7
    assert similarity(parse_metric("供水管网"), parse_metric("雨水管网")) < 0.7


def test_generic_metrics_never_match() -> None:
    # "动态完善四个项目清单" gives the metric 项目: it must not pair with "15个项目获中国专利奖"
    assert parse_metric("项目").generic
    assert similarity(parse_metric("项目"), parse_metric("项目")) == 0.0


_CJK = st.text(
    alphabet=st.sampled_from(list("新增城镇就业地区生产总值增长速全市省改造老旧小区项目投资额率GDP%年2021")),
    max_size=14,
)


@given(_CJK)
def test_key_is_deterministic_and_clean(metric: str) -> None:
    key = metric_key(metric)
    assert key == metric_key(metric)
    assert not any(ch.isspace() for ch in key)


@given(_CJK)
def test_key_of_a_key_is_the_key(metric: str) -> None:
    key = metric_key(metric)
    if parse_metric(metric).base:
        assert metric_key(key) == key
