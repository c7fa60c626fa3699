"""Write the quantities CSV the scorer reads (evidence in the report's original text).

    python scripts/score_quantities.py REPORT OUT_DIR [--show]

then: python3 /work/shared/score/score.py --report REPORT --gold GOLD --pred OUT_DIR
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from policykg.extract.document import read_report
from policykg.extract.quantities import extract_quantities

FIELDS = [
    "evidence",
    "surface",
    "metric",
    "value",
    "unit",
    "comparator",
    "kind",
    "period",
    "place",
    "value_max",
    "section",
    "rule",
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("report", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--show", action="store_true", help="print the rows")
    a = ap.parse_args()
    ex = read_report(a.report)
    t0 = time.perf_counter()
    qs = list(extract_quantities(ex))
    took = time.perf_counter() - t0
    a.out.mkdir(parents=True, exist_ok=True)
    with (a.out / "quantities.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(FIELDS)
        for q in qs:
            row = [
                ex.evidence(q.evidence.start, q.evidence.end),
                ex.evidence(q.start, q.end),
                q.metric,
                f"{q.value:g}" if q.value < 1e15 else q.value,
                q.unit,
                q.comparator,
                q.kind,
                q.period,
                q.place,
                "" if q.value_max is None else f"{q.value_max:g}",
                q.section or "",
                q.rule,
            ]
            w.writerow(row)
            if a.show:
                print(" | ".join(str(x) for x in row))
    print(f"{len(qs)} quantities from {len(ex.text)} chars in {took * 1000:.0f} ms -> {a.out / 'quantities.csv'}")


if __name__ == "__main__":
    main()
