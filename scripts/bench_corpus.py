"""Scale benchmark: a corpus of ≥ 1,000,000 triples in the embedded store, and every saved query on it.

    python scripts/bench_corpus.py [--corpus ../shared/corpus/dev] [--triples 1000000] [--work DIR]
                                   [--baseline GIT-REV] [--no-queries]

Builds the dev reports plus copies of the bundled example (each copy dated a day later, so it is a
distinct report graph) with `policykg build` (both cores), then reports build throughput, store
size and peak memory, and the median latency of each query in queries/ on the Oxigraph store next to
the same query on an rdflib in-memory Dataset of the same data, measured in this run.

--baseline REV also builds the same corpus with the code of git revision REV of this repository
(exported to a temporary folder, run with the same interpreter and installed dependencies), before
the current code, and prints both build times and their ratio: a speed-up measured in one run.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _dated_copy(text: str, days: int) -> str:
    """The example with its meeting date moved by `days`, so its report IRI differs."""

    def shift(match: re.Match[str]) -> str:
        year, month, day = int(match[1]), int(match[2]), int(match[3])
        day_index = (day - 1 + days) % 28 + 1
        month_index = (month - 1 + (day - 1 + days) // 28) % 12 + 1
        return f"{year}年{month_index}月{day_index}日"

    return re.sub(r"(\d{4})年(\d{1,2})月(\d{1,2})日", shift, text, count=3)


_DATASET = None


def _time_rdflib(query, params) -> float:
    from policykg.queries import run_query

    t0 = time.perf_counter()
    run_query(_DATASET, query, params)
    return (time.perf_counter() - t0) * 1000


def _rdflib_ms(dataset, query, params, limit: float) -> float | None:
    """One rdflib run in a forked child (it shares the loaded Dataset), stopped at `limit` seconds."""
    import multiprocessing

    global _DATASET
    _DATASET = dataset
    with multiprocessing.get_context("fork").Pool(1) as pool:
        pending = pool.apply_async(_time_rdflib, (query, params))
        try:
            return pending.get(limit)
        except multiprocessing.TimeoutError:
            pool.terminate()
            return None


def _median_ms(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _package_of(rev: str, work: Path) -> Path:
    """The policykg package of git revision `rev`, laid out as pyproject's package-dir maps it."""
    repo = Path(__file__).resolve().parents[1]
    src = work / "baseline-src"
    src.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(repo), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    pkg = work / "baseline-pkg"
    shutil.copytree(src / "policykg", pkg / "policykg")
    for sub in ("extract", "graph", "ontology", "queries"):
        shutil.copytree(src / sub, pkg / "policykg" / sub)
    return pkg


def _build(reports: list[Path], out: Path, store_dir: Path, cwd: Path, pythonpath: Path | None = None) -> float:
    import os

    env = {**os.environ, **({"PYTHONPATH": str(pythonpath)} if pythonpath else {})}
    t0 = time.perf_counter()
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "policykg.cli",
            "build",
            *map(str, reports),
            "--out",
            str(out),
            "--store",
            str(store_dir),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,  # not the source tree, whose policykg/ folder would shadow the installed package
        env=env,
    )
    seconds = time.perf_counter() - t0
    if build.returncode != 0:
        sys.exit(f"build failed: {build.stderr.strip().splitlines()[-1]}")
    return seconds


def main() -> None:
    import pyoxigraph as ox
    from rdflib import Dataset

    from policykg.pipeline import bundled_example
    from policykg.queries import list_queries, run_query

    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev")
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/policykg-bench"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rdflib-limit", type=float, default=120.0, help="seconds before an rdflib query is stopped")
    ap.add_argument("--baseline", help="git revision to build the same corpus with first, for a speed-up ratio")
    ap.add_argument("--no-queries", action="store_true", help="measure the build only")
    args = ap.parse_args()

    shutil.rmtree(args.work, ignore_errors=True)
    inputs = args.work / "inputs"
    inputs.mkdir(parents=True)
    reports = sorted(args.corpus.glob("*.txt"))
    example = bundled_example().read_text(encoding="utf-8")
    # measured: the example gives ~17,800 triples, a dev report ~12,000 on average
    copies = max(0, (args.triples - 12_000 * len(reports)) // 17_000 + 4)
    for i in range(copies):
        path = inputs / f"example-copy-{i:03d}.txt"
        path.write_text(_dated_copy(example, i + 1), encoding="utf-8")
        reports.append(path)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in reports)

    store_dir, out = args.work / "store", args.work / "out"
    if args.baseline:
        old_s = _build(
            reports,
            args.work / "baseline-out",
            args.work / "baseline-store",
            args.work,
            _package_of(args.baseline, args.work),
        )
        print(f"baseline {args.baseline}: build {old_s:.1f}s", flush=True)
    build_s = _build(reports, out, store_dir, args.work)
    if args.baseline:
        print(f"current: build {build_s:.1f}s; speed-up {old_s / build_s:.1f}x (same corpus, same run)", flush=True)
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    store_mb = sum(f.stat().st_size for f in store_dir.rglob("*") if f.is_file()) / 2**20

    store = ox.Store.read_only(str(store_dir))
    triples = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))["n"].value)
    print(f"reports {len(reports)}, chars {chars:,}, triples {triples:,}")
    print(f"build: {build_s:.1f}s, {len(reports) / build_s:.2f} reports/s, {chars / build_s:,.0f} chars/s (2 workers)")
    print(f"store size {store_mb:.0f} MiB, peak RSS of a build process {child_peak:.0f} MiB")
    if args.no_queries:
        return

    t0 = time.perf_counter()
    dataset = Dataset(default_union=True)
    nquads = store.dump(format=ox.RdfFormat.N_QUADS)
    dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    print(f"rdflib in-memory Dataset: loaded in {time.perf_counter() - t0:.1f}s", flush=True)

    print(f"\n| query | Oxigraph store (ms, median of {args.repeat}) | rdflib in memory (ms) | rows |")
    print("|---|---:|---:|---:|")
    for query in list_queries():
        params = {"year": "2022"} if any(p.name == "year" for p in query.params) else {}
        ox_ms = _median_ms(lambda q=query, pr=params: run_query(store, q, pr), args.repeat)
        rows = len(run_query(store, query, params).rows)
        rd_ms = _rdflib_ms(dataset, query, params, args.rdflib_limit)
        rd_text = f"> {args.rdflib_limit * 1000:,.0f} (stopped)" if rd_ms is None else f"{rd_ms:,.0f}"
        print(f"| {query.name} | {ox_ms:,.0f} | {rd_text} | {rows} |", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process (store + rdflib copy) {peak:.0f} MiB")


if __name__ == "__main__":
    main()
