"""SectionIndex answers what a scan over all sections answers, on the example and dev reports."""

from __future__ import annotations

import pytest
from conftest import dev_reports

from policykg.extract.document import read_report
from policykg.extract.records import Section
from policykg.extract.structure import SectionIndex, section_at


def _deepest_by_scan(sections: list[Section], pos: int) -> Section | None:
    best = None
    for s in sections:
        if s.start <= pos < s.body_end and (best is None or s.level > best.level):
            best = s
    return best


def _check(sections: list[Section], size: int, step: int) -> None:
    index = SectionIndex(sections)
    for pos in [*range(0, size + 1, step), *(s.start for s in sections), *(s.body_end for s in sections)]:
        deepest = index.deepest(pos)
        assert deepest is _deepest_by_scan(sections, pos), pos
        assert index.at(pos) is section_at(sections, pos)
        if deepest is not None:  # the outline nests: both views agree
            assert index.at(pos) is deepest


def test_example_outline(example_doc) -> None:
    _check(example_doc.sections, len(example_doc.text), 7)
    assert SectionIndex(example_doc.sections).deepest(-1) is None


@pytest.mark.shared
@pytest.mark.parametrize("path", dev_reports()[::5], ids=lambda p: p.stem)
def test_dev_outlines(path) -> None:
    ex = read_report(path)
    _check(ex.sections, len(ex.text), 53)


def test_overlapping_sections_tie_to_the_first_listed() -> None:
    a = Section("S1", "a", 1, None, 0, 2, 10, "other", None)
    b = Section("S2", "b", 1, None, 5, 7, 20, "other", None)
    index = SectionIndex([a, b])
    assert index.deepest(6) is a and index.deepest(12) is b and index.deepest(20) is None
