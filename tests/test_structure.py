"""The outline of real reports: parts, items and lead-ins, with spans into the text."""

from __future__ import annotations

import itertools

import pytest
from conftest import dev_reports

from policykg.extract.document import read_report
from policykg.extract.period import Period
from policykg.extract.records import PART_ANNUAL, PART_PLAN, PART_REVIEW, PART_SELF


def test_example_metadata(example_doc) -> None:
    meta = example_doc.meta
    assert (meta.place, meta.place_code, meta.province, meta.level) == ("平凉市", "620800", "甘肃省", "prefecture")
    assert (meta.date, meta.speaker, meta.speaker_title, meta.plan_year) == ("2021-12-11", "王旭", "市长", 2022)
    assert meta.meeting == "平凉市第五届人民代表大会第一次会议"


def test_example_parts_and_kinds(example_doc) -> None:
    parts = [(s.title, s.part, s.period) for s in example_doc.sections if s.level == 1]
    assert parts == [
        ("过去五年工作回顾", PART_REVIEW, Period.parse("2017-2021")),
        ("未来五年发展目标任务", PART_PLAN, Period.parse("2022-2026")),
        ("2022年重点工作", PART_ANNUAL, Period.parse("2022")),
        ("全面加强政府自身建设", PART_SELF, Period.parse("2022")),
    ]


def test_headings_point_into_the_text(example_doc) -> None:
    for section in example_doc.sections:
        heading = example_doc.text[section.start : section.end]
        assert section.title in heading
        assert section.start < section.body_end


def test_lead_ins_become_level_three_under_items(example_doc) -> None:
    by_title = {s.title: s for s in example_doc.sections}
    lead_in = by_title["持续巩固拓展脱贫攻坚成果"]
    by_id = {s.id: s for s in example_doc.sections}
    assert lead_in.level == 3 and by_id[lead_in.parent or ""].level == 2
    # parallel first clauses (X产业链, …) are sub-headings too
    assert sum(1 for s in example_doc.sections if s.level == 3 and s.title.endswith("产业链")) >= 5


def test_every_paragraph_belongs_to_at_most_one_section(example_doc) -> None:
    ids = {s.id for s in example_doc.sections}
    assert all(p.section is None or p.section in ids for p in example_doc.paragraphs)
    covered = [(p.start, p.end) for p in example_doc.paragraphs]
    assert all(a[1] < b[0] for a, b in itertools.pairwise(covered))


@pytest.mark.shared
@pytest.mark.parametrize("path", dev_reports(), ids=lambda p: p.name)
def test_dev_reports_have_an_outline(path) -> None:
    ex = read_report(path)
    assert ex.meta.place and ex.meta.date
    kinds = {s.part for s in ex.sections if s.level == 1}
    assert PART_REVIEW in kinds
    assert kinds & {PART_ANNUAL, PART_PLAN}
    assert sum(1 for s in ex.sections if s.level == 2) >= 3
