"""`policykg track OLD NEW --out DIR`: report N's promises against report N+1's statements.

Also ``track_corpus`` for a corpus build: reports grouped by government (place code) and ordered
by plan year, each report tracked against the next one of the same government.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from policykg.extract.errors import PolicyKGError, UsageError
from policykg.extract.records import Extraction
from policykg.graph.export import write_tracking_csv
from policykg.graph.tracking import TrackingLink, corpus_pairs, status_counts, track


def load(path: str | Path) -> Extraction:
    """The full pipeline; while parts of it are unavailable, the document, quantities and projects."""
    try:
        from policykg.pipeline import extract_file

        return extract_file(path)
    except (ImportError, ValueError) as err:
        if isinstance(err, PolicyKGError):
            raise
    from policykg.extract.document import read_report
    from policykg.extract.places import extract_places
    from policykg.extract.quantities import extract_quantities

    ex = read_report(path)
    ex.places = list(extract_places(ex))  # quantities read the places resolved here
    ex.quantities = list(extract_quantities(ex))
    try:
        from policykg.extract.projects import extract_projects

        ex.projects = list(extract_projects(ex))
    except ImportError:
        pass
    return ex


def track_corpus(extractions: Iterable[Extraction]) -> list[TrackingLink]:
    """Track every report against the next report of the same government (by plan year).

    A gap (2017 then 2019) is tracked too: its annual targets are not due in the later review,
    so only progress on multi-year targets and the promised projects are linked.
    """
    return [link for old, new in corpus_pairs(extractions) for link in track(old, new)]


def summary(links: list[TrackingLink]) -> str:
    counts = status_counts(links)
    parts = " ".join(f"{k}={v}" for k, v in counts.items())
    nq = sum(link.kind == "quantity" for link in links)
    return f"{len(links)} links ({nq} targets, {len(links) - nq} projects): {parts}"


class BadPair(UsageError):
    """Two reports that cannot be tracked (other government, not later): a usage error."""


def track_command(args: argparse.Namespace) -> int:
    """Extract both reports, track N against N+1, write DIR/tracking.csv; exit 2 on a bad pair.

    The bad pair goes through the CLI's one error path, so its line reads like every other error.
    """
    from policykg.build import check_out_dir

    check_out_dir(args.out)
    old, new = load(args.old), load(args.new)
    try:
        links = track(old, new)
    except ValueError as err:
        raise BadPair(str(err)) from None
    if old.meta.plan_year and new.meta.plan_year and new.meta.plan_year - old.meta.plan_year > 1:
        print(
            f"policykg track: warning: {old.meta.plan_year} -> {new.meta.plan_year} is not consecutive; "
            "annual targets are not due in the later review",
            file=sys.stderr,
        )
    path = write_tracking_csv(links, args.out / "tracking.csv")
    print(f"{path}: {summary(links)}")
    return 0
