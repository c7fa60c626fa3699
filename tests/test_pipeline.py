"""The spaCy pipeline: policykg's steps as named components a spaCy user can run, reorder or switch off."""

from __future__ import annotations

from conftest import EXAMPLE

from policykg.extract.ingest import read_text
from policykg.extract.nlp import build_pipeline, extract_doc
from policykg.pipeline import extract_file

_TEXT = read_text(EXAMPLE).text


def _run(disable: tuple[str, ...] = ()):
    return extract_doc(_TEXT, EXAMPLE.name, "char", disable)


def test_the_components_run_in_the_order_each_needs() -> None:
    assert build_pipeline("char").pipe_names == [
        "policykg_sentences",
        "policykg_places",
        "policykg_quantities",
        "policykg_projects",
        "policykg_tasks",
        "policykg_domains",
    ]


def test_the_doc_carries_what_the_build_extracts_without_one() -> None:
    doc = extract_doc(_TEXT, EXAMPLE.name)  # jieba's words
    ex = extract_file(EXAMPLE)
    assert doc._.quantities == ex.quantities and doc._.tasks == ex.tasks and doc._.projects == ex.projects
    assert doc._.places == ex.places and doc._.goals == ex.goals
    assert "".join(t.text for t in doc) == ex.text and len(doc) < len(ex.text) / 1.3  # words, not characters
    starts = {s.start for s in ex.sentences}
    assert len(list(doc.sents)) >= len(ex.paragraphs)
    assert all(sent.start_char in starts or sent.start == 0 for sent in doc.sents)


def test_a_figures_domain_is_decided_by_its_own_step_after_the_tasks() -> None:
    without = _run(disable=("policykg_domains",))
    assert without._.tasks and all(t.domain for t in without._.tasks)  # tasks decide their own
    assert not any(q.domain for q in without._.quantities)  # nothing else touched the figures
    with_domains = _run()
    of_task = {q: t.domain for t in with_domains._.tasks for q in t.quantities}
    figures = {q.id: q.domain for q in with_domains._.quantities}
    assert all(figures[q] == domain for q, domain in of_task.items())
    loose = [q for q in figures if q not in of_task]
    assert loose and any(figures[q] for q in loose)  # a figure no task holds: its own clause's domain
