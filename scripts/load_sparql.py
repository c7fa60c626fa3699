"""Fire concurrent SPARQL queries at a running `policykg serve` and report throughput and latency.

    python scripts/load_sparql.py --url http://127.0.0.1:8000 -n 400 -c 16

Without --url it builds nothing: give --store DIR and it starts a server on a free loopback
port itself (python -m policykg.web.server), runs the load, and stops it.
Queries cycle through a mix: a count, a task listing with labels, a join over departments.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
from local_server import running_server

PREFIXES = "PREFIX pkg: <https://w3id.org/policykg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
MIX = [
    PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    PREFIXES + "SELECT ?t ?title WHERE { ?t a pkg:Task ; rdfs:label ?title } ORDER BY ?t LIMIT 100",
    PREFIXES
    + "SELECT ?d (COUNT(?t) AS ?n) WHERE { ?t pkg:leadDepartment/rdfs:label ?d } GROUP BY ?d ORDER BY DESC(?n)",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run_load(url: str, total: int, concurrency: int) -> None:
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    queue: asyncio.Queue[str] = asyncio.Queue()
    for i in range(total):
        queue.put_nowait(MIX[i % len(MIX)])

    async def client(http: httpx.AsyncClient) -> None:
        while not queue.empty():
            query = queue.get_nowait()
            started = time.perf_counter()
            response = await http.post(
                url + "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
            )
            latencies.append(time.perf_counter() - started)
            statuses[response.status_code] += 1

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(timeout=120, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    print(f"{total} queries, {concurrency} concurrent clients, {elapsed:.2f} s")
    print(f"throughput {total / elapsed:.1f} queries/s")
    print(
        f"latency p50 {percentile(latencies, 0.5) * 1000:.1f} ms, p99 {percentile(latencies, 0.99) * 1000:.1f} ms, "
        f"mean {statistics.mean(latencies) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms"
    )
    print("status codes: " + ", ".join(f"{code}×{n}" for code, n in sorted(statuses.items())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="base URL of a running server")
    where.add_argument("--store", type=Path, help="start a server over this store for the run")
    parser.add_argument("-n", "--total", type=int, default=300)
    parser.add_argument("-c", "--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="query processes, with --store")
    args = parser.parse_args()
    if args.url:
        asyncio.run(run_load(args.url.rstrip("/"), args.total, args.concurrency))
        return 0
    with running_server(args.store, args.workers) as url:
        print(f"server {url}, {args.workers} query processes")
        asyncio.run(run_load(url, args.total, args.concurrency))
    return 0


if __name__ == "__main__":
    sys.exit(main())
