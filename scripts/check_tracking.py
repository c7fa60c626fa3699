#!/usr/bin/env python3
"""Regenerate the commitment-tracking links of the dev corpus's report pairs.

    check_tracking.py [--out DIR] [--show fuzzy|all|none]

For every pair of consecutive reports of one government in corpus/dev (hailar 2012→2013→2014→2015,
2017→2018→2019; hebei-province 2021→…→2025; gaoyang 2017→2019, a gap: only progress on multi-year
targets and promised projects can be linked), writes DIR/<old>__<new>/tracking.csv and prints the
status counts per pair.  ``--show fuzzy`` lists the pairs matched on a fuzzy (not equal) key.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from policykg.extract.metrics import parse_metric
from policykg.graph.tracking import status_counts, track
from policykg.track import load, write_atomic

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"  # ../shared beside the checkout
PAIRS = [
    ("hailar-2012-county", "hailar-2013-county"),
    ("hailar-2013-county", "hailar-2014-county"),
    ("hailar-2014-county", "hailar-2015-county"),
    ("hailar-2017-county", "hailar-2018-county"),
    ("hailar-2018-county", "hailar-2019-county"),
    ("hebei-province-2021", "hebei-province-2022"),
    ("hebei-province-2022", "hebei-province-2023"),
    ("hebei-province-2023", "hebei-province-2024"),
    ("hebei-province-2024", "hebei-province-2025"),
    ("gaoyang-2017-county", "gaoyang-2019-county"),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEV)
    ap.add_argument("--out", type=Path, default=Path("/tmp/tracking-dev"))
    ap.add_argument("--show", choices=("fuzzy", "all", "none"), default="none")
    a = ap.parse_args(argv)
    cache: dict[str, object] = {}
    total: dict[str, int] = {}
    for old_name, new_name in PAIRS:
        for n in (old_name, new_name):
            if n not in cache:
                cache[n] = load(a.corpus / f"{n}.txt")
        links = track(cache[old_name], cache[new_name])  # type: ignore[arg-type]
        write_atomic(links, a.out / f"{old_name}__{new_name}")
        counts = status_counts(links)
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
        print(f"{old_name} -> {new_name}: {len(links)} links " + " ".join(f"{k}={v}" for k, v in counts.items()))
        for link in links:
            fuzzy = link.similarity is not None and link.similarity < 1.0
            if a.show == "all" or (a.show == "fuzzy" and fuzzy and link.status != "no_statement"):
                ev = re.sub(r"\s+", " ", link.target_evidence)[:60]
                rv = re.sub(r"\s+", " ", link.result_evidence)[:60]
                key = f"{link.metric_key} ~ {parse_metric(link.result_metric).key}" if fuzzy else link.metric_key
                print(f"  {link.status:12} {link.kind[0]} {key} | {ev} || {rv}")
    print("total: " + " ".join(f"{k}={v}" for k, v in total.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
