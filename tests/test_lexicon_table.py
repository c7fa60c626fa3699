"""Every magnitude and comparator word of the figure lexicon (extract/data/units.toml), with the
value and comparator a reader of Chinese gives it, written by hand.

A word added to the lexicon without a row here fails test_every_lexicon_word_has_a_row, so the
table stays complete; a value or comparator changed in the lexicon fails its row.
"""

from __future__ import annotations

import pytest

from policykg.extract.numbers import lexicon, parse_figure

# magnitude word -> (a figure using it, value, unit)
MAGNITUDES = {
    "万": ("3万元", 3e4, "元"),
    "十万": ("2十万吨", 2e5, "吨"),
    "百万": ("8百万元", 8e6, "元"),
    "千万": ("7千万元", 7e7, "元"),
    "亿": ("6亿元", 6e8, "元"),
    "十亿": ("4十亿元", 4e9, "元"),
    "百亿": ("5百亿元", 5e10, "元"),
    "千亿": ("2千亿元", 2e11, "元"),
    "万亿": ("3万亿元", 3e12, "元"),
}
# bare magnitudes with a unit: 百亿元 is ten billion yuan
BARE = {
    "万亩": 1e4,
    "十万元": 1e5,
    "百万元": 1e6,
    "千万元": 1e7,
    "亿元": 1e8,
    "十亿元": 1e9,
    "百亿元": 1e10,
    "千亿元": 1e11,
    "万亿元": 1e12,
}
# qualifier written before the figure -> comparator
BEFORE = {
    "力争突破": ">=",
    "力争超过": ">=",
    "力争达到": "=",
    "力争实现": "=",
    "力争": "=",
    "突破": ">=",
    "迈上": ">=",
    "迈过": ">=",
    "超过": ">=",
    "超": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "至少": ">=",
    "不超过": "<=",
    "不高于": "<=",
    "低于": "<=",
    "控制在": "<=",
    "约": "~",
    "近": "~",
    "大约": "~",
}
# qualifier written after the figure -> comparator
AFTER = {
    "及以上": ">=",
    "及以下": "<=",
    "以上": ">=",
    "之上": ">=",
    "多": ">=",
    "余": ">=",
    "以下": "<=",
    "以内": "<=",
    "之内": "<=",
    "内": "<=",
    "左右": "~",
    "上下": "~",
}


@pytest.mark.parametrize(("word", "row"), MAGNITUDES.items(), ids=list(MAGNITUDES))
def test_magnitude(word: str, row: tuple[str, float, str]) -> None:
    surface, value, unit = row
    fig = parse_figure(surface)
    assert fig is not None, surface
    assert (fig.value, fig.unit, fig.comparator) == (pytest.approx(value), unit, "=")


@pytest.mark.parametrize(("surface", "value"), BARE.items(), ids=list(BARE))
def test_bare_magnitude(surface: str, value: float) -> None:
    fig = parse_figure(surface)
    assert fig is not None, surface
    assert fig.value == pytest.approx(value)


def test_hundred_yi_is_ten_billion() -> None:
    """百亿 = 100 × 亿 = 1e10 (the fault once seen: read as 1e9)."""
    assert parse_figure("超百亿元").value == pytest.approx(1e10)
    assert parse_figure("1.5百亿元").value == pytest.approx(1.5e10)


@pytest.mark.parametrize(("word", "comparator"), BEFORE.items(), ids=list(BEFORE))
def test_comparator_before(word: str, comparator: str) -> None:
    for surface, unit in ((f"{word}5%", "%"), (f"{word}120万吨", "吨")):
        fig = parse_figure(surface)
        assert fig is not None, surface
        value = 5 if unit == "%" else 1.2e6
        assert (fig.value, fig.unit, fig.comparator) == (pytest.approx(value), unit, comparator), surface


@pytest.mark.parametrize(("word", "comparator"), AFTER.items(), ids=list(AFTER))
def test_comparator_after(word: str, comparator: str) -> None:
    fig = parse_figure(f"30个{word}")
    assert fig is not None
    assert (fig.value, fig.unit, fig.comparator) == (30, "个", comparator)


def test_ceiling_with_both_words() -> None:
    """控制在…以内: both words say 'at most'."""
    fig = parse_figure("控制在4.5%以内")
    assert (fig.value, fig.unit, fig.comparator) == (4.5, "%", "<=")


def test_every_lexicon_word_has_a_row() -> None:
    lex = lexicon()
    assert set(lex.magnitudes) == set(MAGNITUDES)
    assert set(lex.before) == set(BEFORE)
    assert set(lex.after) == set(AFTER)
