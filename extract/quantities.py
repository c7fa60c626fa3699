"""Quantities of a work report: every measured figure with its indicator, kind, period and place.

One step per concept, each in its own module, over the figures in text order:

- ``quantity_figures``: which figures are measures, and their comparators;
- ``quantity_metrics``: the indicator each figure measures;
- ``quantity_kinds``: target / achievement / other;
- ``quantity_periods``: the year or span;
- here: the place (a division of the issuer's territory named at the head of the clause, as the
  places extractor resolved it: ``ex.places`` must be filled first) and the Quantity records
  Q1, Q2 … with the rules that decided them (for ``policykg explain``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from policykg.extract.quantity_figures import Item, find_measures
from policykg.extract.quantity_kinds import PartClock, kind_of
from policykg.extract.quantity_lexicon import CHINESE_COUNT_UNITS, Bounds, rules
from policykg.extract.quantity_metrics import name_metrics
from policykg.extract.quantity_parts import TextParts
from policykg.extract.quantity_periods import Clock, PartDefault, level1, period_of
from policykg.extract.records import PART_OTHER, Extraction, Mention, Place, Quantity, Section, TextSpan
from policykg.extract.structure import SectionIndex


class _Places:
    """The division a clause opens with, inside the issuer's territory, read from the places list.

    The places extractor has already resolved every division the text names (ex.places, with
    offsets); a clause's place is the one whose mention starts where the clause's head does.
    """

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self._opening: dict[int, tuple[Place, Mention]] = {}
        if not ex.meta.place_code:
            return
        for place in ex.places:
            if place.adcode and place.inside and place.adcode != ex.meta.place_code:
                for mention in place.mentions:
                    self._opening.setdefault(mention.start, (place, mention))

    def of(self, text: str, it: Item) -> tuple[str, bool]:
        """(place, whether a rule named it) of one item."""
        meta = self.ex.meta
        if text[it.fig.start - 2 : it.fig.start] == "全国" and it.fig.unit in CHINESE_COUNT_UNITS:
            return "中国", False
        noise = rules().lead_noise.match(text[it.clause[0] : it.fig.start])  # anchored at the clause head
        name = self._division_at(it.clause[0] + (noise.end() if noise else 0), it.fig.start)
        return (name, True) if name else (meta.place, False)

    def _division_at(self, start: int, end: int) -> str:
        """A resolved division named at text[start], within the head text[start:end]: its full name
        anywhere, a short form only below province level and not as a member of a list (崆峒、静宁)."""
        found = self._opening.get(start)
        if found is None:
            return ""
        place, mention = found
        if not 2 <= mention.end - start <= 8 or mention.end > end:
            return ""
        short = mention.text != place.name
        if short and (self.ex.meta.level == "province" or self.ex.text[mention.end : end][:1] in "、和与及"):
            return ""  # (also when the short form runs right up to the figure: "" is in every string)
        return place.name


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
