"""Which policy domain each record gets: the one place a record's domain is decided.

A task from its own words (title first, then its item's heading and body), else its section's
body, else 宏观经济; the government's own part is 政府建设.  A figure takes the domain of the task
that holds it, else its own clause's.  A project takes its kind's domain (a school: 教育), or
for broad kinds (park, urban, social, industry) the domain its name cues.  extract/domains.py
only scores text against the cue table; the rules of which text speaks for a record live here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from policykg.extract.domains import classify_domain
from policykg.extract.project_rules import ProjectRules
from policykg.extract.records import Extraction, Quantity

MACRO_DOMAIN = "宏观经济"  # a part's goals, and a task no cue speaks for
SELF_DOMAIN = "政府建设"  # every task of the part on the government's own conduct
_NAMED_BY_CUES = ("social", "park", "urban", "industry")  # kinds too broad to fix a domain


def section_domains(ex: Extraction) -> Callable[[str], str]:
    """The domain of a section's body by section id, classified once per section (bodies can be long)."""
    sections = {s.id: s for s in ex.sections}
    cache: dict[str, str] = {}

    def domain(section_id: str) -> str:
        if section_id not in cache:
            sec = sections.get(section_id)
            cache[section_id] = classify_domain(ex.text[sec.end : sec.body_end], sec.title)[0] if sec else ""
        return cache[section_id]

    return domain


def task_domain(
    body: str,
    title: str,
    context: str,
    of_section: Callable[[], str],
    own_conduct: bool = False,
    given: str = "",
) -> tuple[str, tuple[str, ...]]:
    """A task's domain and the cues behind it; `given`: a domain its draft already has (a part's goals)."""
    if given:
        return given, ()
    if own_conduct:
        return SELF_DOMAIN, ()
    domain, cues = classify_domain(body, title=title, context=context)
    return domain or of_section() or MACRO_DOMAIN, cues  # a short item without cues: its section's


def quantity_domains(ex: Extraction) -> list[Quantity]:
    """Every figure with its domain: its task's, else its own clause's (run once the tasks exist)."""
    of_task = {qid: t.domain for t in ex.tasks for qid in t.quantities}
    return [
        q
        if q.domain
        else dataclasses.replace(
            q, domain=of_task.get(q.id) or classify_domain(ex.text[q.evidence.start : q.evidence.end])[0]
        )
        for q in ex.quantities
    ]


def project_domain(name: str, kind: str, rules: ProjectRules) -> str:
    """A project's domain from its kind, or from its name's cues for the broad kinds."""
    if kind in _NAMED_BY_CUES:
        for domain, cues in rules.domain_cues:
            if any(c in name for c in cues):
                return domain
    return rules.domains.get(kind, "")
