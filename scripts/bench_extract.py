"""Extraction throughput and peak memory, next to bare jieba segmentation of the same text.

    python scripts/bench_extract.py [REPORT] [--repeat 20] [--rounds 3]

Runs on one core (this process). Prints the one-time start-up cost (imports, jieba's dictionary,
gazetteer, lexicons, jieba: paid once per process, not per report), then for the report
and the report repeated --repeat times: characters per second of jieba.lcut alone and of the
whole extraction pipeline, their ratio, and the peak RSS of the process so far.

Steady state: jieba and the extractor run alternately --rounds times on the same text and each
keeps its best time, so that a busy machine slows both alike rather than one of them.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections.abc import Callable
from pathlib import Path


def _best(run: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best


def _rate(chars: int, seconds: float) -> str:
    return f"{chars / seconds:,.0f} chars/s ({seconds:.3f}s)"


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("report", nargs="?", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=20, help="also measure the report repeated this many times")
    ap.add_argument("--rounds", type=int, default=3, help="runs of each measurement; the best one counts")
    args = ap.parse_args()

    t0 = time.perf_counter()
    import jieba

    from policykg.extract.ingest import read_text
    from policykg.pipeline import bundled_example, extract_text

    t_import = time.perf_counter() - t0
    path = args.report or bundled_example()
    text = read_text(path).text
    # the repeated text exceeds the one-report size limit on purpose
    os.environ["POLICYKG_MAX_CHARS"] = str(max(len(text) * args.repeat * 2, 300_000))

    t0 = time.perf_counter()
    jieba.initialize()
    t_jieba = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract_text(text, path.name)  # first report: gazetteer, lexicons, jieba words
    t_first = time.perf_counter() - t0
    t_second = _best(lambda: extract_text(text, path.name), 1)
    print(f"start-up (once per process): imports {t_import:.2f}s, jieba.initialize {t_jieba:.2f}s,")
    print(f"  first report {t_first:.2f}s vs second {t_second:.2f}s: {t_first - t_second:.2f}s of loading (data)")

    for label, body in (("x1", text), (f"x{args.repeat}", text * args.repeat)):
        rounds = max(args.rounds, 5) if label == "x1" else args.rounds
        t_seg = t_full = float("inf")
        for _ in range(rounds):  # alternate, so that both see the same machine load
            t_seg = min(t_seg, _best(lambda b=body: jieba.lcut(b), 1))
            t_full = min(t_full, _best(lambda b=body: extract_text(b, path.name), 1))
        print(f"{label}: {len(body):,} chars, best of {rounds}")
        print(f"  jieba.lcut alone      {_rate(len(body), t_seg)}")
        print(f"  policykg extraction   {_rate(len(body), t_full)}  ratio to jieba {t_seg / t_full:.2f}")
        print(f"  peak RSS so far {_peak_mib():.0f} MiB")


if __name__ == "__main__":
    main()
