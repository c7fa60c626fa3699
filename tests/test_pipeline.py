"""The spaCy pipeline: policykg's steps as named components a spaCy user can run, reorder or switch off."""

from __future__ import annotations

from conftest import EXAMPLE

from policykg.extract.document import read_document
from policykg.extract.ingest import read_text
from policykg.extract.nlp import build_pipeline
from policykg.pipeline import extract_file

_TEXT = read_text(EXAMPLE).text


def _run(disable: tuple[str, ...] = ()):
    nlp = build_pipeline("char")
    ex = read_document(_TEXT, EXAMPLE.name)
    doc = nlp.make_doc(ex.text)
    doc._.extraction = ex
    for name, component in nlp.pipeline:
        if name not in disable:
            doc = component(doc)
    return doc


def test_the_components_run_in_the_order_each_needs() -> None:
    assert build_pipeline("char").pipe_names == [
        "policykg_sentences",
        "policykg_places",
        "policykg_quantities",
        "policykg_projects",
        "policykg_tasks",
        "policykg_domains",
    ]


def test_the_doc_carries_what_the_build_extracts() -> None:
    doc = _run()
    ex = extract_file(EXAMPLE)
    assert doc._.quantities == ex.quantities and doc._.tasks == ex.tasks and doc._.projects == ex.projects
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
