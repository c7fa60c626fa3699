"""`policykg explain REPORT "text"`: what was extracted from one sentence, and which rule fired.

The tool a maintainer reaches for when a figure, project or department is missed or wrong.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from policykg.extract.errors import UsageError
from policykg.extract.normalise import normalise
from policykg.extract.period import period_text
from policykg.extract.records import Extraction
from policykg.extract.structure import section_at


class TextNotFound(UsageError):
    """The sentence asked about is not in the report: the user's argument, not a bug."""


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def explain(ex: Extraction, needle: str) -> list[str]:
    """Lines describing every record that touches the sentences containing `needle`."""
    folded = normalise(needle).text.replace("\n", "")
    start = ex.text.find(folded)
    if start < 0 or not folded:
        raise TextNotFound(f"text not found in {ex.source}: {needle}")
    end = start + len(folded)
    sentences = [s for s in ex.sentences if _overlaps((s.start, s.end), (start, end))]
    span = (min(s.start for s in sentences), max(s.end for s in sentences)) if sentences else (start, end)
    lines = [f"sentence [{span[0]}:{span[1]}]: {ex.text[span[0] : span[1]]}"]
    section = section_at(ex.sections, span[0])
    if section:
        lines.append(
            f"section {section.id} [{section.rule}] (level {section.level}, part {section.part}, "
            f"period {period_text(section.period)}): {section.title}"
        )
    for q in ex.quantities:
        if _overlaps((q.start, q.end), span):
            lines.append(
                f"quantity {q.id} [{q.rule}]: {q.surface} -> value={q.value:.12g}{'' if q.value_max is None else f'..{q.value_max:.12g}'}"
                f" unit={q.unit} comparator={q.comparator} kind={q.kind} period={period_text(q.period)} metric={q.metric}"
                f" place={q.place} domain={q.domain}"
            )
    for p in ex.projects:
        for m in p.mentions:
            if _overlaps((m.start, m.end), span):
                lines.append(
                    f"project {p.id} [{p.rule}]: {m.text} -> {p.name} type={p.type} status={m.status or p.status}"
                    f" places={','.join(p.places)} domain={p.domain}"
                )
    for place in ex.places:
        for m in place.mentions:
            if _overlaps((m.start, m.end), span):
                lines.append(
                    f"place [{place.rule}]: {m.text} -> {place.name} type={place.type} code={place.adcode}"
                    f" inside={place.inside} in_name={place.in_name}"
                )
    for task in ex.tasks:
        if _overlaps((task.start, task.end), span):
            lines.append(f"task {task.id}: {task.title} (domain {task.domain}, cues {', '.join(task.domain_cues)})")
            for d in task.departments:
                how = "stated in the report" if d.stated else f"cues {', '.join(d.cues) or '(domain default)'}"
                lines.append(f"  {d.role}: {d.name} ({how})")
    if len(lines) == 1 + bool(section):
        lines.append("nothing extracted from this sentence")
    return lines


def explain_command(args: argparse.Namespace) -> int:
    from policykg.pipeline import extract_file

    ex = extract_file(Path(args.report))
    for line in explain(ex, args.text):
        print(line)
    return 0
