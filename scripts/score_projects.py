"""Write a report's projects as the scorer's projects.csv and score them against a gold file.

    python scripts/score_projects.py REPORT.txt OUT_DIR [--gold GOLD.json] [--show-misses N]

Without --gold it only writes OUT_DIR/projects.csv (name, type, status, domain, places, aliases).
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
from pathlib import Path

from policykg.extract.document import read_report
from policykg.extract.projects import extract_projects


def write_projects(report: Path, out: Path) -> int:
    ex = read_report(report)
    projects = list(extract_projects(ex))
    out.mkdir(parents=True, exist_ok=True)
    with (out / "projects.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "type", "status", "domain", "places", "aliases", "rule"])
        for p in projects:
            w.writerow([p.name, p.type, p.status, p.domain, ";".join(p.places), ";".join(p.aliases), p.rule])
    return len(projects)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--gold", type=Path)
    ap.add_argument("--scorer", type=Path, default=Path("/work/shared/score/score.py"))
    ap.add_argument("--show-misses", default="0")
    a = ap.parse_args(argv)
    n = write_projects(a.report, a.out)
    print(f"{n} projects -> {a.out / 'projects.csv'}", file=sys.stderr)
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
