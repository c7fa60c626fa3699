"""Project places against the golds: the shared scorer leaves them out, so this script measures them.

    python scripts/score_project_places.py [--gold-dir ../shared/gold]

Each gold project that has places is paired with the extracted project sharing a name or alias
with it. Their place lists are then compared: a gold place and a predicted place agree when one
name starts with the other (东岭 / 东岭县). Prints, per gold report and overall, how many pairs
agree exactly, and the precision, recall and F1 over the places.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _agree(gold: str, predicted: str) -> bool:
    return gold.startswith(predicted) or predicted.startswith(gold)


def _report_text(gold_file: Path, shared: Path) -> Path:
    name = gold_file.name.removesuffix(".gold.json")
    dev = shared / "corpus" / "dev" / f"{name}.txt"
    return dev if dev.exists() else shared / "corpus" / f"{name}.txt"


def main() -> int:
    from policykg.pipeline import extract_file

    ap = argparse.ArgumentParser()
    ap.add_argument("--gold-dir", type=Path, default=SHARED / "gold")
    args = ap.parse_args()
    shared = args.gold_dir.parent
    golds = sorted(p for p in args.gold_dir.rglob("*.gold.json") if not p.name.startswith("tracking-"))
    right = predicted = found = wanted = exact = pairs = 0
    for gold_file in golds:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        ex = extract_file(_report_text(gold_file, shared))
        report_exact = report_pairs = 0
        for project in gold["projects"]:
            names = {project["name"], *project.get("aliases", [])}
            match = next((p for p in ex.projects if {p.name, *p.aliases} & names), None)
            if match is None or not project.get("places"):
                continue
            want, got = project["places"], list(match.places)
            right += sum(any(_agree(g, p) for g in want) for p in got)
            predicted += len(got)
            found += sum(any(_agree(g, p) for p in got) for g in want)
            wanted += len(want)
            same = all(any(_agree(g, p) for p in got) for g in want) and all(
                any(_agree(g, p) for g in want) for p in got
            )
            report_exact += same
            report_pairs += 1
        exact += report_exact
        pairs += report_pairs
        print(
            f"{gold_file.name.removesuffix('.gold.json')}: exact {report_exact / max(report_pairs, 1):.3f} ({report_pairs})"
        )
    precision, recall = right / max(predicted, 1), found / max(wanted, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(f"all: exact {exact / max(pairs, 1):.3f} of {pairs} pairs; P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
