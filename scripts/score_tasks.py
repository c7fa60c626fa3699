"""Write a report's tasks as the scorer's tasks.csv and score them against a gold file.

    python scripts/score_tasks.py REPORT.txt OUT_DIR [--gold GOLD.json] [--scorer score.py]

Without --gold it only writes OUT_DIR/tasks.csv (title, lead, support, domain, section).
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
from pathlib import Path

from policykg.extract.document import read_report
from policykg.extract.tasks import extract_goals_tasks


def write_tasks(report: Path, out: Path) -> int:
    ex = read_report(report)
    _, tasks = extract_goals_tasks(ex)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "tasks.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["title", "lead", "support", "domain", "section"])
        for t in tasks:
            w.writerow([t.title, ";".join(t.lead), ";".join(t.support), t.domain, t.section])
    return len(tasks)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--gold", type=Path)
    ap.add_argument("--scorer", type=Path, default=Path("/work/shared/score/score.py"))
    ap.add_argument("--show-misses", default="0")
    a = ap.parse_args(argv)
    n = write_tasks(a.report, a.out)
    print(f"{n} tasks -> {a.out / 'tasks.csv'}", file=sys.stderr)
    if a.gold:
        cmd = [
            sys.executable,
            str(a.scorer),
            "--report",
            str(a.report),
            "--gold",
            str(a.gold),
            "--pred",
            str(a.out),
            "--show-misses",
            a.show_misses,
        ]
        return subprocess.call(cmd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
