"""A place inside a longer accepted name is marked as named there only, as a pairwise check would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from policykg.extract.places import _Hit, _mark_nested

_spans = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 6)), min_size=1, max_size=25)


def _nested_by_pairs(spans: list[tuple[int, int]]) -> list[bool]:
    return [any(s <= a and b <= e and e - s > b - a for s, e in spans) for a, b in spans]


@given(_spans)
def test_mark_nested_matches_pairwise_check(raw: list[tuple[int, int]]) -> None:
    spans = [(s, s + n) for s, n in raw]
    hits = [_Hit(s, e, "x", "other", "test") for s, e in spans]
    _mark_nested(hits)
    assert [not h.standalone for h in hits] == _nested_by_pairs(spans)


def test_park_name_holds_the_mountain() -> None:
    hits = [_Hit(0, 2, "西山", "mountain", "head:山"), _Hit(0, 6, "西山森林公园", "park-area", "park-area")]
    _mark_nested(hits)
    assert [h.standalone for h in hits] == [False, True]
