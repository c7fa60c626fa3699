"""Quantities of a work report: every measured figure with its indicator, kind, period and place.

One step per concept, each in its own module, over the figures in text order:

- ``quantity_figures``: which figures are measures, and their comparators;
- ``quantity_metrics``: the indicator each figure measures;
- ``quantity_kinds``: target / achievement / other;
- ``quantity_periods``: the year or span;
- here: the place (a division of the issuer's territory named at the head of the clause) and
  the Quantity records Q1, Q2 … with the rules that decided them (for ``policykg explain``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from policykg.extract.gazetteer import Division, Gazetteer
from policykg.extract.quantity_figures import Item, find_measures
from policykg.extract.quantity_kinds import PartClock, kind_of
from policykg.extract.quantity_lexicon import CHINESE_COUNT_UNITS, Bounds, rules
from policykg.extract.quantity_metrics import name_metrics
from policykg.extract.quantity_parts import TextParts
from policykg.extract.quantity_periods import Clock, PartDefault, level1, period_of
from policykg.extract.records import PART_OTHER, Extraction, Quantity, Section, TextSpan
from policykg.extract.structure import SectionIndex


class _Places:
    """The division a clause opens with, inside the issuer's territory."""

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self._gaz: Gazetteer | None = None
        self._ctx: Division | None = None

    def of(self, text: str, it: Item) -> tuple[str, bool]:
        """(place, whether a rule named it) of one item."""
        meta = self.ex.meta
        if text[it.fig.start - 2 : it.fig.start] == "全国" and it.fig.unit in CHINESE_COUNT_UNITS:
            return "中国", False
        head = rules().lead_noise.sub("", text[it.clause[0] : it.fig.start])
        name = self._division_at(head)
        return (name, True) if name else (meta.place, False)

    def _division_at(self, head: str) -> str:
        meta = self.ex.meta
        if not meta.place_code:
            return ""
        if self._gaz is None:
            self._gaz = Gazetteer.load()
            self._ctx = self._gaz.by_code.get(meta.place_code)
        gaz, ctx = self._gaz, self._ctx
        if ctx is None:
            return ""
        for n in range(min(8, len(head)), 1, -1):
            cand = head[:n]
            full = cand in gaz.by_name
            if not full and (cand not in gaz.by_short or meta.level == "province"):
                continue
            if not full and head[n : n + 1] in ("、", "和", "与", "及", ""):
                continue
            d = gaz.resolve(cand, ctx)
            if d is not None and d.code != ctx.code and gaz.contains(ctx, d):
                return d.name
        return ""


def extract_quantities(ex: Extraction) -> Iterator[Quantity]:
    """Every measured figure of the report, in text order, as Quantity records Q1, Q2 …"""
    text = ex.text
    bounds = Bounds(text)
    outline = SectionIndex(ex.sections)
    by_id = {s.id: s for s in ex.sections}
    items = name_metrics(text, find_measures(ex, bounds, outline), bounds)
    text_parts = TextParts.of(ex)

    def part_at(pos: int) -> tuple[str, str, Section | None, PartDefault | None]:
        """(part, part id, level-1 section, the text's part with its default period if the outline knew no part)."""
        top = level1(by_id, outline.deepest(pos))
        if top is not None and top.part != PART_OTHER:
            return top.part, top.id, top, None
        part, period = text_parts.at(pos)
        if part == PART_OTHER:
            return part, top.id if top else "", top, None
        i = bisect.bisect_right(text_parts.starts, pos) - 1
        return part, f"text:{part}:{text_parts.starts[i]}", None, PartDefault(period)

    clock = Clock.of(ex, lambda pos: part_at(pos)[:2])
    part_clock = PartClock.of(ex, text_parts)
    places = _Places(ex)
    for n, it in enumerate(items, 1):
        part, _, top, default = part_at(it.fig.num_start)
        if default is None:
            top = level1(by_id, it.section)
        period, period_rules = period_of(text, it, top, part, default, clock, bounds)
        kind, kind_rules = kind_of(text, it, part, part_clock)
        place, named = places.of(text, it)
        fig = it.fig
        start, end = it.ev_start, it.clause[1]
        while start < end and text[start] in " \u3000、":
            start += 1
        yield Quantity(
            id=f"Q{n}",
            start=fig.start,
            end=fig.end,
            evidence=TextSpan(start, end),
            surface=text[fig.start : fig.end],
            metric=it.metric,
            value=fig.value,
            unit=fig.unit,
            comparator=it.comparator,
            kind=kind,
            period=period,
            place=place,
            section=it.section.id if it.section else None,
            value_max=fig.value_max,
            rule="+".join([*it.rule, *period_rules, *kind_rules, *(["place"] if named else [])]),
        )
