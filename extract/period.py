"""The year or span a fact is for, as one typed value.

The extractor decides a period once (extract/structure.py for a part, extract/quantity_periods.py for
a figure) and every reader downstream — RDF, tracking, charts, tables, views — reads its fields;
nothing parses a period back out of text.  Its text form ("2022", "2017-2021", "annual 2022-2026")
is made by ``Period.__str__`` alone, and ``Period.parse`` is its exact inverse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

# a year as the reports write it has four digits; 0 (the report's year not found) and sums made from it are no year
MIN_YEAR, MAX_YEAR = 1000, 9999
_ANNUAL = "annual "
_TEXT = re.compile(r"(annual )?([0-9]{4})(?:-([0-9]{4}))?")


@dataclass(frozen=True)
class Period:
    """Years `first` to `last` (equal for one year); `annual`: a figure per year over them (年均)."""

    first: int
    last: int
    annual: bool = False

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.first <= self.last <= MAX_YEAR:
            raise ValueError(f"not a period: {self.first} to {self.last}")

    @classmethod
    def of(cls, first: int | None, last: int | None = None, annual: bool = False) -> Period | None:
        """The years from `first` to `last` (one year if `last` is None), in either order.

        A bound that is not a four-digit year (unknown: None, or 0 and its arithmetic while the
        report's year is not known) is dropped; with neither left there is no period (None).
        """
        years = [y for y in (first, last) if y is not None and MIN_YEAR <= y <= MAX_YEAR]
        return cls(min(years), max(years), annual) if years else None

    @classmethod
    def parse(cls, text: str) -> Period:
        """The period whose text form is `text`; ValueError for any other text (so str(parse(t)) == t)."""
        m = _TEXT.fullmatch(text)
        if m is None:
            raise ValueError(f"not a period: {text!r}")
        first = int(m.group(2))
        last = int(m.group(3)) if m.group(3) else first
        if m.group(3) and last <= first:
            raise ValueError(f"not a period: {text!r} (a span runs from an earlier year to a later one)")
        return cls(first, last, m.group(1) is not None)

    def __str__(self) -> str:
        years = str(self.first) if self.first == self.last else f"{self.first}-{self.last}"
        return _ANNUAL + years if self.annual else years

    @property
    def is_span(self) -> bool:
        """More than one year (a plan's or a term's years, not one year's)."""
        return self.first != self.last

    def interval(self) -> Period:
        """The years alone, without the per-year reading: what a time:Interval stands for."""
        return Period(self.first, self.last)

    def per_year(self) -> Period:
        """The same years read as a yearly average (年均)."""
        return replace(self, annual=True)


def period_text(period: Period | None) -> str:
    """A period as tables and views show it; "" when there is none."""
    return str(period) if period is not None else ""
