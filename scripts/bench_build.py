"""Build throughput and peak memory of `policykg build`, next to bare jieba segmentation of the same text.

    python scripts/bench_build.py [REPORT] [--sizes 1 5 10 20] [--rounds 2]

For each size N, the report repeated N times is built as ONE report (POLICYKG_MAX_CHARS raised)
in a fresh child process, so that its peak RSS is that build's own.  The child first pays the
one-time start-up (imports, jieba's dictionary, lexicons: one warm-up build of the report
itself, into scratch folders), then alternates `jieba.lcut` on the text and the whole build
(extraction, triples, CSV, N-Triples, Turtle, view, files written, graph loaded into a fresh
store, both in temporary folders; no JSON-LD, as `policykg build` without --jsonld) --rounds times, keeping the best time of each, so that a
busy machine slows both alike.  Prints per size: characters/s of each, their ratio, seconds per
stage, peak RSS; then ×N chars/s relative to ×1.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _child(path: Path, rounds: int) -> dict:
    t0 = time.perf_counter()
    import jieba

    from policykg.build import _load_store, build_one
    from policykg.pipeline import bundled_example

    jieba.initialize()
    text = path.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as scratch:
        warm = build_one(bundled_example(), Path(scratch) / "warm")  # start-up: jieba, lexicons, templates
        _load_store(Path(scratch) / "warm-store", [warm])
        del warm
    startup = time.perf_counter() - t0
    best_jieba = best_build = float("inf")
    stages: dict[str, float] = {}
    triples = 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        jieba.lcut(text)
        best_jieba = min(best_jieba, time.perf_counter() - t0)
        with tempfile.TemporaryDirectory() as work:
            t0 = time.perf_counter()
            built = build_one(path, Path(work) / "out")  # as `policykg build` does: files written as made
            built.extraction = None  # as `policykg build` does for one report: needed for tracking only
            t1 = time.perf_counter()
            _load_store(Path(work) / "store", [built])
            t2 = time.perf_counter()
        if t2 - t0 < best_build:
            best_build = t2 - t0
            stages = {**(built.stages or {}), "store": t2 - t1}
        triples = built.triples
        del built  # a real build runs once: the next round must not hold this one's N-Triples
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {
        "chars": len(text),
        "triples": triples,
        "startup": startup,
        "jieba": best_jieba,
        "build": best_build,
        "stages": stages,
        "peak_mib": peak,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("report", nargs="?", type=Path, default=None)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 10, 20])
    ap.add_argument("--rounds", type=int, default=2, help="runs of jieba and of the build per size; best counts")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        os.environ["POLICYKG_STORE"] = str(args.child.parent / "unused-store")
        print(json.dumps(_child(args.child, args.rounds)))
        return

    from policykg.pipeline import bundled_example

    source = args.report or bundled_example()
    text = source.read_text(encoding="utf-8")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"{source.stem}-x{n}.txt"
            path.write_text(text * n, encoding="utf-8")
            env = {**os.environ, "POLICYKG_MAX_CHARS": str(len(text) * n * 2 + 300_000)}
            run = subprocess.run(
                [sys.executable, __file__, "--child", str(path), "--rounds", str(args.rounds)],
                capture_output=True,
                text=True,
                env=env,
                cwd=tmp,  # not the source tree, whose policykg/ folder would shadow the installed package
                check=False,
            )
            if run.returncode != 0:
                sys.exit(f"x{n}: build failed: {run.stderr.strip()[-2000:]}")
            row = json.loads(run.stdout.strip().splitlines()[-1])
            rows.append((n, row))
            rate = row["chars"] / row["build"]
            print(
                f"x{n}: {row['chars']:,} chars, {row['triples']:,} triples (start-up {row['startup']:.1f}s, excluded)"
            )
            print(f"  jieba.lcut alone   {row['chars'] / row['jieba']:>10,.0f} chars/s ({row['jieba']:.2f}s)")
            print(f"  policykg build     {rate:>10,.0f} chars/s ({row['build']:.2f}s)")
            print(f"  ratio to jieba     {row['jieba'] / row['build']:.2f}")
            print("  stages: " + ", ".join(f"{k} {v:.2f}s" for k, v in row["stages"].items()))
            print(f"  peak RSS {row['peak_mib']:.0f} MiB", flush=True)
    base = next((row for n, row in rows if n == 1), None)
    print("\n| input | chars | triples | build s | chars/s | vs x1 | jieba ratio | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for n, row in rows:
        rate = row["chars"] / row["build"]
        rel = f"{rate / (base['chars'] / base['build']):.2f}" if base else "-"
        print(
            f"| x{n} | {row['chars']:,} | {row['triples']:,} | {row['build']:.2f} | {rate:,.0f} | {rel} "
            f"| {row['jieba'] / row['build']:.2f} | {row['peak_mib']:.0f} |"
        )


if __name__ == "__main__":
    main()
