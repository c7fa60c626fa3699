"""The figure parser: real figures from work reports, and properties over any input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.extract.numbers import find_figures, lexicon, parse_chinese_numeral, parse_figure


@pytest.mark.parametrize(
    ("surface", "value", "unit", "comparator", "value_max"),
    [
        ("3500万吨以上", 3.5e7, "吨", ">=", None),
        ("力争突破千亿元", 1e11, "元", ">=", None),
        ("8%", 8, "%", "=", None),
        ("3个百分点", 3, "百分点", "=", None),
        ("1.4倍", 1.4, "倍", "=", None),
        ("813万千瓦", 8.13e6, "千瓦", "=", None),
        ("2~3个", 2, "个", ">=", 3),
        ("5%—6%", 5, "%", ">=", 6),
        ("5%-6%", 5, "%", ">=", 6),
        ("300-500万元", 3e6, "元", ">=", 5e6),
        ("6%左右", 6, "%", "~", None),
        ("控制在5.5%以内", 5.5, "%", "<=", None),
        ("90个工作日内", 90, "工作日", "<=", None),
        ("14岁以下", 14, "岁", "<=", None),
        ("7名", 7, "人", "=", None),
        ("100余家", 100, "家", ">=", None),
        ("万亩", 1e4, "亩", "=", None),
        ("八条", 8, "条", "=", None),
        ("103左右", 103, "", "~", None),
        ("40.6万", 4.06e5, "", "=", None),
        ("150平方公里", 150, "平方公里", "=", None),
    ],
)
def test_report_figures(surface: str, value: float, unit: str, comparator: str, value_max: float | None) -> None:
    fig = parse_figure(surface)
    assert fig is not None, surface
    assert fig.value == pytest.approx(value)
    assert (fig.unit, fig.comparator) == (unit, comparator)
    assert fig.value_max == (pytest.approx(value_max) if value_max is not None else None)


def test_two_digit_growth_is_at_least_ten_percent() -> None:
    (fig,) = find_figures("全市地区生产总值增速年均保持两位数增长")
    assert (fig.value, fig.unit, fig.comparator) == (10, "%", ">=")


@pytest.mark.parametrize(
    "text",
    ["2021年12月11日", "G312改造崇信至崆峒段", "5G网络基本覆盖", "“十四五”良好开局", "第3个", "三年行动顺利完成"],
)
def test_no_figure_in_dates_codes_names(text: str) -> None:
    assert list(find_figures(text)) == []


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("三千五百", 3500),
        ("十二", 12),
        ("两", 2),
        ("千亿", 1e11),
        ("一百零五", 105),
        ("一亿五千万", 1.5e8),
        ("二〇二二", 2022),
    ],
)
def test_chinese_numerals(numeral: str, value: float) -> None:
    assert parse_chinese_numeral(numeral) == value


def test_malformed_chinese_numeral() -> None:
    assert parse_chinese_numeral("十四五") is None


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789.%万亿千百十一二两三五个吨元以上左右约~-—、和年第G ,;")), max_size=40
    )
)
def test_never_raises_on_report_like_text(text: str) -> None:
    for fig in find_figures(text):
        assert 0 <= fig.start <= fig.num_start < fig.num_end <= fig.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_never_raises_on_any_text(text: str) -> None:
    list(find_figures(text))


_UNITS = sorted(k for k in lexicon().units if not k[0].isdigit())


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=0, max_value=99_999),
    st.integers(min_value=0, max_value=99),
    st.sampled_from(["", "万", "亿"]),
    st.sampled_from(_UNITS),
)
def test_round_trip(whole: int, cents: int, magnitude: str, unit: str) -> None:
    number = f"{whole}.{cents:02d}" if cents else str(whole)
    fig = parse_figure(f"{number}{magnitude}{unit}")
    assert fig is not None
    scale = {"": 1, "万": 1e4, "亿": 1e8}[magnitude]
    assert fig.value == pytest.approx(float(number) * scale)
    assert fig.unit == lexicon().units[unit]


def _to_chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n == 0:
        return "零"
    out, zero = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero and out:
                out += "零"
            out += digits[d] + name
            zero = False
        else:
            zero = True
    return out


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_round_trip(n: int) -> None:
    assert parse_chinese_numeral(_to_chinese(n)) == n


@pytest.mark.parametrize(
    ("surface", "value", "unit", "comparator"),
    [("翻一番", 2, "倍", "="), ("翻两番", 4, "倍", "="), ("超三成", 30, "%", ">="), ("九成以上", 90, "%", ">=")],
)
def test_word_figures(surface: str, value: float, unit: str, comparator: str) -> None:
    fig = parse_figure(surface)
    assert fig is not None and (fig.value, fig.unit, fig.comparator) == (value, unit, comparator)


def test_cheng_inside_words_is_no_figure() -> None:
    assert list(find_figures("一成不变,建成投产,十九成立")) == []


@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["万", "亿"]), st.sampled_from(["多", "余"]))
def test_more_before_the_magnitude(n: int, magnitude: str, more: str) -> None:
    """总投资1370多亿元: 多/余 between the numeral and 万/亿 still folds the magnitude."""
    text = f"总投资{n}{more}{magnitude}元,"
    (fig,) = find_figures(text)
    factor = 1e4 if magnitude == "万" else 1e8
    assert (text[fig.start : fig.end], fig.value, fig.unit, fig.comparator) == (
        f"{n}{more}{magnitude}元",
        n * factor,
        "元",
        ">=",
    )


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("可可盖等11处煤矿建成试运转、新增产能3095万吨/年", "3095万吨/年", 3.095e7, "吨/年"),
        ("延长石油150亿方/年天然气产能倍增工程", "150亿方/年", 1.5e10, "方/年"),
    ],
)
def test_capacity_per_year(text: str, surface: str, value: float, unit: str) -> None:
    figs = [f for f in find_figures(text) if text[f.start : f.end] == surface]
    assert figs and (figs[0].value, figs[0].unit) == (value, unit)
