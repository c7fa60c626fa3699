"""Build a report's CSV export and score it against a gold file with the shared scorer.

    python scripts/score_report.py [REPORT] [--gold GOLD.json] [--show-misses N]

Defaults to the bundled example and ../shared/gold; prints the scorer's output.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> int:
    from policykg.graph.export import tables
    from policykg.pipeline import bundled_example, extract_file

    ap = argparse.ArgumentParser()
    ap.add_argument("report", nargs="?", type=Path, default=None)
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "pingliang-2021-12.gold.json")
    ap.add_argument("--show-misses", type=int, default=20)
    args = ap.parse_args()
    report = args.report or bundled_example()
    with tempfile.TemporaryDirectory() as out:
        for name, data in tables(extract_file(report)).items():
            (Path(out) / name).write_bytes(data)
        cmd = [sys.executable, str(SHARED / "score" / "score.py"), "--report", str(report), "--gold", str(args.gold),
               "--pred", out, "--show-misses", str(args.show_misses)]  # fmt: skip
        return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
