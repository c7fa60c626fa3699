"""The year or span a figure is for.

The section's period (from its part: review year or term, plan span, annual year) is switched by
the time words around the figure: a review paragraph that opens on the year under review or on
the term (一年来 / 五年来), a year or a term end opening a clause earlier in the paragraph
(预计到2021年底, 2026年, 到“十五五”末), a level reached in a multi-year plan (达到… -> end year),
年均 (annual span), a base year (是2016年的1.4倍) and the years of a change (从2015年的…增长到2020年的…).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from policykg.extract.numbers import parse_chinese_numeral
from policykg.extract.period import Period
from policykg.extract.quantity_figures import Item
from policykg.extract.quantity_kinds import CHANGE_VERBS, starting_level
from policykg.extract.quantity_lexicon import COUNT_UNITS, Bounds, rules
from policykg.extract.records import FORWARD_PARTS, PART_REVIEW, Extraction, Section

_YEAR_AT_START = re.compile(r"(?:预计|力争|其中|同时)?(?:到|至|在)?(\d{4})年(?:底|末|前)?(?!的|以来|相比|比|同期|\d)")
_TERM_END = re.compile(r"(?:到)?“?十([一二三四五六七])五”?(?:末|期末)")
_BASE_YEAR = re.compile(r"(?:是|为|相当于)(\d{4})年的$")
_TO_YEAR = re.compile(r"(?:到|至)(\d{4})年(?:底|末)?的$")
_CHANGE_END = re.compile(rf"[从由][^,;。从由]*?\d[^,;。从由]*?(?:{CHANGE_VERBS})(?:到|至)$")
_CHANGE_BEFORE = re.compile(r"(?:增长|增加|提高|提升|下降|降低|减少|缩小|改善|净增|新增|累计|增幅|增速)(?:了)?(?:达)?$")
_COUNTED = COUNT_UNITS | {"人", "户", "名", "倍", "人次"}  # counts of things done over a term, not states
_RECORD_BEFORE = re.compile(r"连续(\d+|[一二两三四五六七八九十]{1,3})年")
_TERM_NAMED = re.compile(r"“?十([一二三四五六七])五”?")
_CN_ORD = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}


def level1(by_id: dict[str, Section], sec: Section | None) -> Section | None:
    while sec is not None and sec.parent:
        sec = by_id.get(sec.parent)
    return sec


@dataclass(frozen=True)
class PartDefault:
    """The default period of a part found by its cue in the text, where the outline knew no part
    (None while the report's year is unknown)."""

    period: Period | None


def _spans(period: Period | None) -> bool:
    return period is not None and period.is_span


def _span_or(period: Period | None, top: Section | None) -> Period | None:
    """`period` if it spans years, else the level-1 section's span, else `period`."""
    if _spans(period):
        return period
    return top.period if top is not None and _spans(top.period) else period


def _base_year(period: Period | None, top: Section | None) -> Period | None:
    """The year before a span or year starts: the level a 从…提高到… change starts from."""
    span = _span_or(period, top)
    return Period.of(span.first - 1) if span else period


def _term_span(c0_text: str, top: Section | None, last: int | None) -> Period | None:
    """The five years a term word speaks of: the named plan, the review part's span, else the five to `last`."""
    named = _TERM_NAMED.match(c0_text)
    if named:
        end = term_end(named.group(1))
        return Period.of(end - 4, end)
    if top is not None and _spans(top.period):
        return top.period
    return Period.of(last - 4, last) if last is not None else None


def term_end(ordinal: str) -> int:
    """十四五末 -> 2025: from the third on, the n-th five-year plan ends in 1955 + 5n."""
    return 1955 + 5 * (_CN_ORD[ordinal] + 10)


@dataclass(frozen=True)
class Clock:
    """The paragraphs of a report with the review-year switches of its review part."""

    starts: list[int]
    spans: list[tuple[int, int]]
    review_year: dict[int, int]  # paragraph index -> the year under review it speaks of (0: not known)

    @classmethod
    def of(cls, ex: Extraction, part_at: Callable[[int], tuple[str, str]]) -> Clock:
        """`part_at(pos)` gives (part kind, an id of the part) at a position."""
        r, text = rules(), ex.text
        default = (ex.meta.plan_year or (ex.meta.year or 0) + 1) - 1
        spans = [(p.start, p.end) for p in ex.paragraphs]
        ctx: dict[int, int] = {}
        current: int | None = None
        part_id = None
        for pi, (ps, pe) in enumerate(spans):
            part, pid = part_at(ps)
            if part != PART_REVIEW:
                current, part_id = None, None
                continue
            if pid != part_id:
                current, part_id = None, pid
            head = text[ps : min(pe, ps + 40)]
            if r.review_term.search(head):
                current = None
            m = r.review_year.search(head)
            if m:
                said = next((g for g in m.groups() if g), None) if m.groups() else None
                current = int(said) if said else default
            if current is not None:
                ctx[pi] = current
        return cls([s for s, _ in spans], spans, ctx)

    def paragraph(self, pos: int) -> tuple[int, int]:
        """(index, start) of the paragraph holding pos."""
        pi = max(0, bisect.bisect_right(self.starts, pos) - 1)
        return pi, self.spans[pi][0] if self.spans else 0


def period_of(
    text: str, it: Item, top: Section | None, part: str, default: PartDefault | None, clock: Clock, bounds: Bounds
) -> tuple[Period | None, list[str]]:
    """(period, rules that decided it) of one item in a part of the given kind.

    `default` replaces the section's period where the outline knew no part (see quantity_parts).
    Years are ints while the rules run (`last`: the last year of the period so far, None if unknown).
    """
    r, fig = rules(), it.fig
    fired: list[str] = []
    pi, ps = clock.paragraph(fig.num_start)
    period = it.section.period if it.section else None
    if default is not None:
        period = default.period
        top = None
        fired.append("text-part")
    last = period.last if period else None
    if pi in clock.review_year:
        last = clock.review_year[pi]
        period = Period.of(last)
        fired.append("review-year")
    # a year opening a clause earlier in the paragraph: 2025年,森林覆盖率… / 预计到2021年底,…;
    # in the review, a term word (五年来…) switches to the term and a year word (一年来…) back
    set_year: int | None = None
    term: Period | None = None
    review = part == PART_REVIEW
    for c0 in bounds.clause_starts(ps, fig.num_start):
        m = _YEAR_AT_START.match(text, c0)
        if m:
            set_year, term = int(m.group(1)), None
        mt = _TERM_END.match(text, c0)
        if mt:
            set_year, term = term_end(mt.group(1)), None
        if review and r.term_words.match(text, c0):
            set_year, term = None, _term_span(text[c0 : c0 + 8], top, last)
        elif review and term and r.year_words.match(text, c0):
            term = None
    before = text[it.clause[0] : fig.start]
    if set_year is not None:
        period, last = Period.of(set_year), set_year
        fired.append("clause-year")
    elif term:
        period, last = term, term.last
        fired.append("clause-term")
    verb_text = text[it.clause[0] : fig.num_end]
    level = r.level_verbs.search(verb_text) and not re.search(r"年均|每年", before)
    in_year_review = bool(term) and top is not None and not _spans(top.period)  # 五年来 inside 2030年工作回顾
    if _spans(period) and part in FORWARD_PARTS and set_year is None and level:
        period = Period.of(last)
        fired.append("level-end-year")
    elif (
        in_year_review
        and fig.unit not in _COUNTED
        and not _CHANGE_BEFORE.search(before)
        and not re.search(r"年均|每年", before)
        and not starting_level(text, it)
    ):
        period = Period.of(last)  # a state at the end of the term, reported with the year under review
        fired.append("term-state")
    if re.search(r"年均|每年平均", before):
        span = _span_or(period, top)
        period = span.per_year() if span else None
        fired.append("annual")
    base_year = _BASE_YEAR.search(before) or _BASE_YEAR.search(before.rsplit("、", 1)[0] + "")
    if base_year is None:
        base_year = re.search(r"(?:是|为|相当于)(\d{4})年的", before)
    if base_year and fig.unit == "倍":
        period = Period.of(int(base_year.group(1)), last)
        fired.append("base-year")
    to_year = _TO_YEAR.search(before)
    if to_year:  # 从2015年的2.6万亿元增长到2020年的3.62万亿元
        period = Period.of(int(to_year.group(1)))
        fired.append("to-year")
    record = _RECORD_BEFORE.search(text[it.clause[0] : fig.num_end])
    annual = period is not None and period.annual
    if record and last is not None and not annual:  # 连续18年保持在100万吨以上: the years of the record
        years = float(record.group(1)) if record.group(1).isdigit() else parse_chinese_numeral(record.group(1))
        if years and 1 < years < 100:
            period = Period.of(last - int(years) + 1, last)
            fired.append("record-years")
    start = starting_level(text, it)
    if start == "from-year":
        period = Period.of(int(re.search(r"从(\d{4})年的$", before).group(1)))  # type: ignore[union-attr]
    elif re.search(r"从\d{4}年的", before) and re.search(r"(提高|提升|增加|下降|降低|增长)到$", before):
        period = Period.of(last)
    elif start == "from-level":
        period = _base_year(period, top)  # 从31%提高到35%: the starting level is context
    elif _spans(period) and not annual and _CHANGE_END.search(before):
        period = Period.of(last)  # 从2100.5亿元增长到2900亿元 over a term: the level reached at its end
        fired.append("change-end")
    return period, fired
