"""CSV tables a government office opens in a spreadsheet (and the scorer reads).

One row per record, lists joined by ';', written by the one CSV writer (graph/tables.py: csv_bytes,
UTF-8 with a byte-order mark so that Excel shows the Chinese text, formula-safe cells).  Files are
written whole or not at all (temp file, then rename).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, fields
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.extract.records import Extraction, Project
from policykg.graph.tables import csv_bytes

if TYPE_CHECKING:
    from policykg.graph.tracking import TrackingLink


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old file or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are meant to be shared and served
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_INVESTMENT_KINDS = ("total", "planned", "completed")
# amounts in yuan by kind (several amounts of one kind joined by ';'), and the words that state them
_INVESTMENT_COLUMNS = [*(f"{kind}_investment_yuan" for kind in _INVESTMENT_KINDS), "investment_evidence"]


def _investment_cells(ex: Extraction, project: Project) -> list[object]:
    amounts = [inv for m in project.mentions for inv in m.investments]
    by_kind = [list(dict.fromkeys(inv.value for inv in amounts if inv.kind == kind)) for kind in _INVESTMENT_KINDS]
    return [*by_kind, list(dict.fromkeys(ex.evidence(inv.start, inv.end) for inv in amounts))]


def tables(ex: Extraction) -> dict[str, bytes]:
    """Every table of one report, as file name -> bytes."""
    section_title = {s.id: s.title for s in ex.sections}
    out: dict[str, bytes] = {}
    out["sections.csv"] = csv_bytes(
        ["id", "title", "level", "parent", "part", "period", "evidence"],
        ([s.id, s.title, s.level, s.parent, s.part, s.period, ex.evidence(s.start, s.end)] for s in ex.sections),
    )
    out["quantities.csv"] = csv_bytes(
        [
            "id",
            "evidence",
            "surface",
            "metric",
            "value",
            "value_max",
            "unit",
            "comparator",
            "kind",
            "period",
            "place",
            "section",
            "section_title",
            "domain",
            "rule",
        ],
        (
            [
                q.id,
                ex.evidence(q.evidence.start, q.evidence.end),
                q.surface,
                q.metric,
                q.value,
                q.value_max,
                q.unit,
                q.comparator,
                q.kind,
                q.period,
                q.place,
                q.section,
                section_title.get(q.section or "", ""),
                q.domain,
                q.rule,
            ]
            for q in ex.quantities
        ),
    )
    out["projects.csv"] = csv_bytes(
        ["id", "name", "type", "aliases", "places", "status", "domain", "mentions", "evidence", *_INVESTMENT_COLUMNS],
        (
            [
                p.id,
                p.name,
                p.type,
                p.aliases,
                p.places,
                p.status,
                p.domain,
                len(p.mentions),
                ex.evidence(p.mentions[0].start, p.mentions[0].end) if p.mentions else "",
                *_investment_cells(ex, p),
            ]
            for p in ex.projects
        ),
    )
    out["places.csv"] = csv_bytes(
        ["name", "type", "inside", "adcode", "parent", "parent_code", "in_name", "mentions", "evidence"],
        (
            [
                p.name,
                p.type,
                p.inside,
                p.adcode,
                p.parent,
                p.parent_code,
                p.in_name,
                len(p.mentions),
                ex.evidence(p.mentions[0].start, p.mentions[0].end) if p.mentions else "",
            ]
            for p in ex.places
            if not p.in_name  # seen only inside longer names (a county's name inside a brand: 某县苹果): in the graph, not the table
        ),
    )
    out["tasks.csv"] = csv_bytes(
        [
            "id",
            "title",
            "section",
            "section_title",
            "period",
            "lead",
            "support",
            "domain",
            "stated",
            "quantities",
            "projects",
            "places",
            "cues",
        ],
        (
            [
                t.id,
                t.title,
                t.section,
                section_title.get(t.section, ""),
                t.period,
                t.lead,
                t.support,
                t.domain,
                any(d.stated for d in t.departments),
                t.quantities,
                t.projects,
                t.places,
                sorted({c for d in t.departments for c in d.cues} | set(t.domain_cues)),
            ]
            for t in ex.tasks
        ),
    )
    return out


# tracking.csv: the columns people read first; ids, values, offsets and the reason follow
TRACKING_COLUMNS = (
    "kind",
    "metric",
    "place",
    "target_report",
    "target_period",
    "target_surface",
    "target_evidence",
    "result_report",
    "result_surface",
    "result_evidence",
    "status",
)


def write_tracking_csv(links: Iterable[TrackingLink], path: str | Path) -> Path:
    """tracking.csv: the columns people read first, then ids, values and offsets (UTF-8 with BOM, header row).

    Written whole or not at all (write_atomic), so a reader never sees half a file, by the one CSV
    writer (csv_bytes), so report text never becomes a formula.
    """
    from policykg.graph.tracking import TrackingLink

    names = [f.name for f in fields(TrackingLink)]
    columns = [*TRACKING_COLUMNS, *(n for n in names if n not in TRACKING_COLUMNS)]
    rows = ([plain_number(row[k]) for k in columns] for row in map(asdict, links))  # one asdict a link
    write_atomic(Path(path), csv_bytes(columns, rows, bom=True))  # the byte-order mark: Excel and WPS read UTF-8
    return Path(path)


def plain_number(value: object) -> object:
    """A number as a person writes it (800000000000, 7.2, 0.93), never 800000000000.0 or 8e+11."""
    if isinstance(value, float):
        return format(Decimal(repr(round(value, 6))).normalize(), "f")
    return value
