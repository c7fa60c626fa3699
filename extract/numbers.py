"""Find and parse the figures of Chinese text: 3500万吨以上, 千亿元, 8%, 2~3个, 两位数, 三千五百万元.

A figure is a numeral (Arabic or Chinese), an optional 万/亿 magnitude folded into the value, a
unit word from ``data/units.toml`` and the qualifiers around it (以上, 左右, 力争突破 …) folded into
a comparator. Deciding whether a figure is a measure worth recording (not a year, not inside a
name) is the quantity extractor's job; this module only reads figures, without exceptions on any
input. Own parser rather than cn2an: cn2an needs the figure cut out first and fails on 千亿元.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from policykg.extract.reference import load_toml

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG)
_NUMERAL = re.compile(rf"\d+(?:\.\d+)?|[{_CN_CHARS}]+")
_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_TWO_DIGITS = re.compile(r"两位数")
# 翻一番 / 翻番 (x2), 翻两番 (x4): a multiple of the base, recorded in 倍
_DOUBLING = re.compile(r"翻了?(一|两|二|三)?番")
# 三成, 九成以上: tenths, recorded in %; not 一成不变, 建成, 九成立 (a numeral before 成 is the figure)
_TENTHS = re.compile(r"(?<![一二三四五六七八九十\d])([二两三四五六七八九])成(?![立为功长本果绩员都交])")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9.]")


@dataclass(frozen=True)
class Figure:
    """One figure as written: `start:end` spans the surface including qualifiers."""

    start: int
    end: int
    value: float
    unit: str
    comparator: str  # "=", ">=", "<=", "~"
    value_max: float | None = None
    num_start: int = 0  # the numeral itself, without a leading qualifier
    num_end: int = 0  # end of numeral + magnitude + unit, before a trailing qualifier
    explicit: bool = False  # a qualifier was written (以上, 左右, 力争突破 …)


@dataclass(frozen=True)
class Lexicon:
    units: dict[str, str]
    magnitudes: dict[str, float]
    cn_units: frozenset[str]
    classifier_units: dict[str, str]
    bare_units: frozenset[str]
    after: dict[str, str]
    before: dict[str, str]
    range_seps: frozenset[str]
    estimate: tuple[str, ...]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The unit and qualifier lexicon, read once from the package data."""
    raw = load_toml("units.toml")
    q = raw["qualifiers"]
    return Lexicon(
        units=dict(raw["units"]),
        magnitudes={k: float(v) for k, v in raw["magnitudes"].items()},
        cn_units=frozenset(raw["chinese"]["units"]),
        classifier_units=dict(raw["chinese"]["classifier_units"]),
        bare_units=frozenset(raw["chinese"]["bare_magnitude_units"]),
        after=dict(q["after"]),
        before=dict(q["before"]),
        range_seps=frozenset(q["range"]),
        estimate=tuple(q["estimate"]),
    )


def parse_chinese_numeral(s: str) -> float | None:
    """三千五百 -> 3500, 两 -> 2, 十二 -> 12, 千亿 -> 1e11, 二〇二二 -> 2022; None if malformed (十四五)."""
    if not s or any(ch not in _CN_CHARS for ch in s):
        return None
    if len(s) > 1 and all(ch in _CN_DIGITS for ch in s):  # digit by digit: 二〇二二
        return float("".join(str(_CN_DIGITS[ch]) for ch in s))
    total = section = 0
    number: int | None = None
    last_small = 10_000
    for ch in s:
        if ch in _CN_DIGITS:
            if number is not None and number != 0 and ch != "零":
                return None  # two digits in a row in a mixed numeral: 十四五
            number = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if unit >= last_small and section:
                return None  # 十百
            section += (number if number else 1) * unit
            last_small, number = unit, None
        else:
            big = _CN_BIG[ch]
            chunk = section + (number or 0)
            if big == 10_000:
                if total % 100_000_000 >= 10_000 and chunk:
                    return None  # 万 twice
                total += (chunk or (0 if total else 1)) * big
            else:
                total = (total + chunk or 1) * big
            section, number, last_small = 0, None, 10_000
    return float(total + section + (number or 0))


def _longest(table: dict[str, object] | frozenset[str], text: str, pos: int, limit: int = 6) -> str:
    """The longest key of `table` that `text` holds at `pos`."""
    for n in range(min(limit, len(text) - pos), 0, -1):
        if text[pos : pos + n] in table:
            return text[pos : pos + n]
    return ""


def _qualifier_before(text: str, pos: int, lex: Lexicon) -> str:
    for n in range(min(4, pos), 0, -1):
        if text[pos - n : pos] in lex.before:
            return text[pos - n : pos]
    return ""


def _qualifier_after(text: str, pos: int, lex: Lexicon) -> str:
    word = _longest(lex.after, text, pos, 3)
    if word in ("内", "多", "余"):  # only as the last word of a clause: 90个工作日内, 3万多
        nxt = text[pos + 1 : pos + 2]
        if nxt and ("\u4e00" <= nxt <= "\u9fff"):
            return ""
    return word


@dataclass
class _Read:
    value: float
    unit: str  # recorded unit, "" if none
    end: int
    magnitude: bool
    chinese: bool
    more: bool = False  # 3万多人, 100余家


def _read_at(text: str, m: re.Match[str], lex: Lexicon) -> _Read | None:
    """Numeral (+ magnitude) (+ 多/余) (+ unit) starting at match `m`."""
    s = m.group()
    if s[0].isdigit():
        value = float(s)
        pos = m.end()
        early_more = text[pos : pos + 1] in ("多", "余") and bool(_longest(lex.magnitudes, text, pos + 1, 2))
        pos += early_more  # 1370多亿元: 多 before the magnitude
        mag = _longest(lex.magnitudes, text, pos, 2)
        if mag:
            value *= lex.magnitudes[mag]
            pos += len(mag)
        more = early_more or (text[pos : pos + 1] in ("多", "余") and bool(_longest(lex.units, text, pos + 1)))
        pos += more and not early_more
        unit = _longest(lex.units, text, pos)
        return _Read(value, lex.units.get(unit, ""), pos + len(unit), bool(mag), False, more)
    for cut in range(len(s), 0, -1):  # the longest valid numeral that a unit follows
        value_cn = parse_chinese_numeral(s[:cut])
        if value_cn is None:
            continue
        pos = m.start() + cut
        unit = _longest(lex.cn_units, text, pos)
        if not unit:
            continue
        bare = all(ch in _CN_BIG or ch in _CN_SMALL for ch in s[:cut])
        if bare and unit not in lex.bare_units:
            continue
        if s[:cut] == "一" or (bare and s[:cut] in ("十", "百")):
            return None
        recorded = lex.classifier_units.get(unit) or lex.units.get(unit, unit)
        return _Read(value_cn, recorded, pos + len(unit), any(ch in _CN_BIG for ch in s[:cut]), True)
    return None


def find_figures(text: str) -> Iterator[Figure]:
    """Every figure of `text` in order; never raises."""
    lex = lexicon()
    yield from sorted([*_numeral_figures(text, lex), *_word_figures(text, lex)], key=lambda f: f.start)


def _numeral_figures(text: str, lex: Lexicon) -> Iterator[Figure]:
    """Figures that start with a numeral (Arabic or Chinese), in order."""
    pos = 0
    matches = list(_NUMERAL.finditer(text))
    two_digits = {m.start(): m for m in _TWO_DIGITS.finditer(text)}
    i = 0
    while i < len(matches):
        m = matches[i]
        i += 1
        if m.start() < pos:
            continue
        if m.start() in two_digits:  # 两位数 growth: at least 10%
            t = two_digits[m.start()]
            lead = _qualifier_before(text, t.start(), lex)
            after = _qualifier_after(text, t.end(), lex)
            comparator = lex.after[after] if after == "左右" else ">="
            yield Figure(
                t.start() - len(lead), t.end() + len(after), 10.0, "%", comparator, None, t.start(), t.end(), True
            )
            pos = t.end() + len(after)
            continue
        prev = text[m.start() - 1 : m.start()]
        if prev == "第" or (m.group()[0].isdigit() and _ASCII_ALNUM.fullmatch(prev or " ")):
            continue
        read = _read_at(text, m, lex)
        if read is None:
            continue
        if not read.chinese and re.fullmatch(r"[A-Za-z]", text[read.end : read.end + 1] or " ") and not read.unit:
            continue  # 5G, 3.0版 … (G312 was skipped by its letter before)
        if not read.unit and not read.chinese and text[read.end : read.end + 1] in ("年", "月", "日", "号", "时"):
            continue
        value_max: float | None = None
        end = read.end
        sep = text[end : end + 1]
        if sep in lex.range_seps:
            m2 = _NUMERAL.match(text, end + 1)
            if m2 and m2.group()[0].isdigit() == m.group()[0].isdigit():
                second = _read_at(text, m2, lex)
                if second and second.unit and (not read.unit or read.unit == second.unit) and second.value:
                    first = read.value
                    if not read.unit and second.magnitude and not read.magnitude:
                        first *= second.value / float(m2.group()) if m2.group()[0].isdigit() else 1.0
                    if first <= second.value:
                        value_max, read, end = (
                            second.value,
                            _Read(first, second.unit, second.end, True, False),
                            second.end,
                        )
                        while i < len(matches) and matches[i].start() < end:
                            i += 1
        after = _qualifier_after(text, end, lex)
        if not read.unit and not after and not read.magnitude:
            continue  # a bare number: a year, a code, a list number
        lead = _qualifier_before(text, m.start(), lex)
        comparator = "="
        if value_max is not None or read.more:
            comparator = ">="
        if lead:
            comparator = lex.before[lead]
        if after:
            comparator = lex.after[after]
        yield Figure(
            start=m.start() - len(lead),
            end=end + len(after),
            value=read.value,
            unit=read.unit,
            comparator=comparator,
            value_max=value_max,
            num_start=m.start(),
            num_end=end,
            explicit=bool(lead or after or read.more),
        )
        pos = end + len(after)


def _word_figures(text: str, lex: Lexicon) -> Iterator[Figure]:
    """Figures written as words, not numerals: 翻一番 (2倍), 翻两番 (4倍), 三成 (30%), 超三成."""
    for m in _DOUBLING.finditer(text):
        times = {"": 1, "一": 1, "两": 2, "二": 2, "三": 3}[m.group(1) or ""]
        yield Figure(m.start(), m.end(), float(2**times), "倍", "=", None, m.start(), m.end(), False)
    for m in _TENTHS.finditer(text):
        lead = _qualifier_before(text, m.start(), lex)
        after = _qualifier_after(text, m.end(), lex)
        comparator = lex.after[after] if after else lex.before[lead] if lead else "="
        value = float(_CN_DIGITS[m.group(1)] * 10)
        yield Figure(
            m.start() - len(lead),
            m.end() + len(after),
            value,
            "%",
            comparator,
            None,
            m.start(),
            m.end(),
            bool(lead or after),
        )


def parse_figure(s: str) -> Figure | None:
    """The figure that makes up all of `s` (qualifiers included), or None."""
    for fig in find_figures(s):
        if fig.start == 0 and fig.end == len(s):
            return fig
    return None
