"""The one period type: its text form and parse are inverses, and readers downstream use its fields.

The last tests give every record a period whose text form is nonsense: the graph, tracking and the
charts' tables must come out the same, so a reader that went back to parsing the text (as
graph/rdf.py's parse_period and graph/tracking.py's year regex did) fails here.
"""

from __future__ import annotations

import dataclasses
import pickle
import re

import pytest
from conftest import EXAMPLE, load_dev
from hypothesis import given
from hypothesis import strategies as st

from policykg.extract.period import MAX_YEAR, MIN_YEAR, Period, period_text
from policykg.extract.records import Extraction
from policykg.graph.export import tables
from policykg.graph.rdf import extraction_triples, tracking_triples
from policykg.graph.series import Pair, series_rows
from policykg.graph.tracking import TrackingLink, track
from policykg.pipeline import extract_text

years = st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    first, last = sorted((draw(years), draw(years)))
    return Period(first, last, draw(st.booleans()))


@given(periods())
def test_text_form_parses_back_to_the_same_period(period: Period) -> None:
    assert Period.parse(str(period)) == period


@given(st.from_regex(r"(annual )?\d{4}(-\d{4})?", fullmatch=True) | st.text(max_size=20))
def test_parse_accepts_only_the_text_form(text: str) -> None:
    try:
        period = Period.parse(text)
    except ValueError:
        return
    assert str(period) == text


@given(periods())
def test_pickles_as_the_build_workers_send_it(period: Period) -> None:
    assert pickle.loads(pickle.dumps(period)) == period


def test_text_forms() -> None:
    assert [str(p) for p in (Period(2022, 2022), Period(2017, 2021), Period(2022, 2026, True))] == [
        "2022",
        "2017-2021",
        "annual 2022-2026",
    ]
    assert str(Period(2022, 2022, True)) == "annual 2022"
    assert period_text(None) == "" and period_text(Period(2021, 2021)) == "2021"


@pytest.mark.parametrize("text", ["", "2022-2022", "2026-2022", "annual2022", "十四五", "22", " 2022", "2022-"])
def test_parse_refuses_other_text(text: str) -> None:
    with pytest.raises(ValueError):
        Period.parse(text)


def test_of_orders_the_years_and_drops_what_is_no_year() -> None:
    assert Period.of(2021, 2016) == Period(2016, 2021)
    assert Period.of(2016) == Period(2016, 2016)
    assert Period.of(2016, None) == Period(2016, 2016)
    assert Period.of(None) is None
    # the report's year not known: 0 and what is computed from it is no year
    assert Period.of(0, 4) is None and Period.of(-17, 0) is None and Period.of(-4, 2021) == Period(2021, 2021)
    assert Period.of(2021, 2025, annual=True) == Period(2021, 2025, True)


def test_constructor_refuses_a_reversed_or_short_span() -> None:
    for first, last in ((2022, 2021), (999, 2021), (2021, 10000)):
        with pytest.raises(ValueError):
            Period(first, last)


def test_fields_and_readings() -> None:
    term = Period(2021, 2025)
    assert term.is_span and not Period(2025, 2025).is_span
    assert term.per_year() == Period(2021, 2025, True)
    assert Period(2021, 2025, True).interval() == term


# --- downstream reads fields, never the text -------------------------------------------------


@dataclasses.dataclass(frozen=True, eq=False)
class _Garbled(Period):
    """A period whose text form no parser could read."""

    def __str__(self) -> str:
        return "十四五期间"


def _garbled(p: Period | None) -> Period | None:
    return None if p is None else _Garbled(p.first, p.last, p.annual)


def _garble(ex: Extraction) -> Extraction:
    """The same extraction with every period's text form replaced by nonsense."""

    def each(records: list) -> list:
        return [dataclasses.replace(r, period=_garbled(r.period)) for r in records]

    return dataclasses.replace(
        ex, sections=each(ex.sections), quantities=each(ex.quantities), goals=each(ex.goals), tasks=each(ex.tasks)
    )


def _without_period_text(link: TrackingLink) -> TrackingLink:
    if link.kind != "quantity":
        return link
    return dataclasses.replace(link, target_period="", result_period="")


@pytest.fixture(scope="module")
def pair() -> tuple[Extraction, Extraction]:
    return load_dev("hebei-province-2021"), load_dev("hebei-province-2022")


@pytest.mark.shared
def test_graph_reads_period_fields(pair: tuple[Extraction, Extraction]) -> None:
    old, _ = pair
    assert any(q.period is not None and q.period.annual for q in old.quantities)  # the case worth checking
    assert extraction_triples(_garble(old)) == extraction_triples(old)


@pytest.mark.shared
def test_tracking_and_charts_read_period_fields(pair: tuple[Extraction, Extraction]) -> None:
    old, new = pair
    links = track(old, new)
    g_old, g_new = _garble(old), _garble(new)
    g_links = track(g_old, g_new)
    assert sum(link.kind == "quantity" and link.status != "no_statement" for link in links) > 10
    assert [_without_period_text(link) for link in g_links] == [_without_period_text(link) for link in links]
    # the tracking table's period columns come from the period's one text form
    assert {link.target_period for link in g_links if link.kind == "quantity"} == {"十四五期间"}
    assert tracking_triples(g_old, g_new, g_links) == tracking_triples(old, new, links)
    assert series_rows([Pair(g_old, g_new, g_links)]) == series_rows([Pair(old, new, links)])


def test_a_report_without_any_year_gets_no_period_rather_than_a_made_up_one() -> None:
    """Without a year the old strings were '0-4' or '-5--1' (and rules fired on them); now: no period."""
    text = re.sub(r"十[一二三四五]五", "本期", re.sub(r"(?:19|20)\d\d", "某", EXAMPLE.read_text(encoding="utf-8")))
    ex = extract_text(text, "no-year.txt")
    assert ex.meta.year is None and ex.meta.plan_year is None and len(ex.quantities) > 100
    records = [*ex.sections, *ex.quantities, *ex.goals, *ex.tasks]
    assert all(r.period is None for r in records)
    assert not any("level-end-year" in q.rule for q in ex.quantities)
    assert ",0-4," not in tables(ex)["tasks.csv"].decode("utf-8")
