"""Extraction throughput and peak memory, next to bare jieba segmentation of the same text.

    python scripts/bench_extract.py [REPORT] [--repeat 20]

Runs on one core (this process). Prints characters per second for: jieba.lcut alone, the document
model alone, and the whole extraction pipeline; and the peak RSS of the process.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path


def _rate(chars: int, seconds: float) -> str:
    return f"{chars / seconds:,.0f} chars/s ({seconds:.2f}s)"


def main() -> None:
    from policykg.extract.ingest import read_text
    from policykg.pipeline import bundled_example, extract_text

    ap = argparse.ArgumentParser()
    ap.add_argument("report", nargs="?", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=20, help="also measure the report repeated this many times")
    args = ap.parse_args()
    path = args.report or bundled_example()
    text = read_text(path).text

    import jieba

    jieba.initialize()
    extract_text(text, path.name)  # warm up: pipeline, gazetteer, lexicons

    for label, body in (("x1", text), (f"x{args.repeat}", text * args.repeat)):
        t0 = time.perf_counter()
        jieba.lcut(body)
        t_jieba = time.perf_counter() - t0
        t0 = time.perf_counter()
        if label == "x1":
            for _ in range(3):
                extract_text(body, path.name)
            t_full = (time.perf_counter() - t0) / 3
        else:
            extract_text(body, path.name)
            t_full = time.perf_counter() - t0
        print(f"{label}: {len(body):,} chars")
        print(f"  jieba.lcut alone      {_rate(len(body), t_jieba)}")
        print(f"  policykg extraction   {_rate(len(body), t_full)}  ratio to jieba {t_jieba / t_full:.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
