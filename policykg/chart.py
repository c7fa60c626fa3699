"""`policykg chart REPORT... --out DIR`: one government's promise record as charts (charts.html, charts.json).

The reports are extracted, each tracked against the next one of the government (graph/tracking.py's
``corpus_pairs`` and ``track``), and the record is drawn by graph/charts.py.  Reports of more than one
government, or fewer than two plan years, are a usage error (exit 2) with one line on stderr.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from policykg.extract.records import Extraction
from policykg.graph.series import Pair


def chart_files(extractions: list[Extraction], pairs: list[Pair] | None = None) -> dict[str, bytes]:
    """charts.html and charts.json of one government's series of reports (`pairs`: already tracked)."""
    from policykg.graph.charts import chart_json, render_charts
    from policykg.graph.series import chart_data, check_series, series_rows
    from policykg.graph.tracking import corpus_pairs, track

    gov = check_series(extractions)
    if pairs is None:
        pairs = [Pair(old, new, track(old, new)) for old, new in corpus_pairs(extractions)]
    data = chart_data(series_rows(pairs), gov)
    return {"charts.html": render_charts(data).encode("utf-8"), "charts.json": chart_json(data)}


def chart_command(args: argparse.Namespace) -> int:
    from policykg.build import check_out_dir
    from policykg.extract.errors import InputMissing
    from policykg.graph.export import write_atomic
    from policykg.graph.series import BadSeries
    from policykg.track import load

    check_out_dir(args.out)
    if len(args.reports) < 2:
        raise BadSeries("a series needs at least two reports of one government (got one)")
    for path in args.reports:  # before minutes of extraction, not after
        if not Path(path).is_file():
            raise InputMissing(f"no such report file: {path}")
    extractions = [load(path) for path in args.reports]
    files = chart_files(extractions)
    for name, data in sorted(files.items()):
        write_atomic(Path(args.out) / name, data)
    print(
        f"{Path(args.out) / 'charts.html'}: charts of {len(extractions)} reports (data: {Path(args.out) / 'charts.json'})"
    )
    return 0
