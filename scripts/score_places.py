"""Write the places of a report as DIR/places.csv (the scorer's format) and print them.

    python scripts/score_places.py REPORT.txt DIR [--all]

Places seen only inside longer names (in_name) are left out of the CSV unless --all is given:
the gold lists them as neutral, so they are neither hits nor misses there.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from policykg.extract.document import read_report
from policykg.extract.places import extract_places


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--all", action="store_true", help="also write in_name places")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    ex = read_report(args.report)
    t0 = time.perf_counter()
    places = list(extract_places(ex))
    elapsed = time.perf_counter() - t0
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "places.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "type", "inside", "adcode", "parent", "in_name", "rule", "mentions", "evidence"])
        for p in places:
            if p.in_name and not args.all:
                continue
            m = p.mentions[0]
            evidence = ex.text[max(0, m.start - 8) : m.end + 8].replace("\n", " ")
            writer.writerow(
                [
                    p.name,
                    p.type,
                    str(p.inside).lower(),
                    p.adcode,
                    p.parent,
                    p.in_name,
                    p.rule,
                    len(p.mentions),
                    evidence,
                ]
            )
    if not args.quiet:
        for p in places:
            m = p.mentions[0]
            flag = " (in_name)" if p.in_name else ""
            print(
                f"{p.name}\t{p.type}\t{p.rule}\t{len(p.mentions)}{flag}\t{ex.text[max(0, m.start - 6) : m.end + 6]!r}"
            )
        print(f"{len(places)} places in {elapsed:.2f} s")


if __name__ == "__main__":
    main()
