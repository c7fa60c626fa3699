"""`policykg build`: reports -> records -> RDF, CSV, HTML, and the embedded store."""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from policykg.extract.errors import PolicyKGError


@dataclass
class BuiltReport:
    """Everything one report produces, as bytes, so a worker process can hand it back."""

    notes: list[str]
    source: str
    graph_iri: str
    files: dict[str, bytes]
    ntriples: bytes
    triples: int
    seconds: float
    summary: str


def build_one(path: Path) -> BuiltReport:
    from policykg.graph.export import tables
    from policykg.graph.network import build_network
    from policykg.graph.rdf import extraction_to_graph, report_iri, serialize
    from policykg.graph.turtle import turtle_from_ntriples
    from policykg.graph.view import render_view
    from policykg.pipeline import extract_file

    start = time.perf_counter()
    ex = extract_file(path)
    graph = extraction_to_graph(ex)
    files = tables(ex)
    ntriples = serialize(graph, "nt")
    files["graph.ttl"] = turtle_from_ntriples(ntriples)
    files["graph.nt"] = ntriples
    files["graph.jsonld"] = serialize(graph, "json-ld")
    files["view.html"] = render_view(build_network(ex), title=ex.meta.title or ex.source).encode("utf-8")
    summary = (
        f"{len(ex.sections)} sections, {len(ex.quantities)} quantities, {len(ex.projects)} projects, "
        f"{len(ex.places)} places, {len(ex.tasks)} tasks, {len(graph)} triples"
    )
    return BuiltReport(
        ex.notes, path.name, report_iri(ex), files, ntriples, len(graph), time.perf_counter() - start, summary
    )


def _build_or_error(path: Path) -> BuiltReport | PolicyKGError:
    try:
        return build_one(path)
    except PolicyKGError as err:
        return err


def _write_outputs(out: Path, built: BuiltReport) -> None:
    from policykg.graph.export import write_atomic

    for name, data in sorted(built.files.items()):
        write_atomic(out / name, data)


def build_command(args: argparse.Namespace) -> int:
    from policykg.pipeline import bundled_example

    reports: list[Path] = list(args.reports) or [bundled_example()]
    many = len(reports) > 1
    jobs = args.jobs or min(os.cpu_count() or 1, len(reports))
    started = time.perf_counter()
    results: list[BuiltReport] = []
    first_error: PolicyKGError | None = None

    def progress(i: int, path: Path, result: BuiltReport | PolicyKGError) -> None:
        if isinstance(result, PolicyKGError):
            print(f"[{i}/{len(reports)}] {path}: error: {result}", file=sys.stderr)
        else:
            print(f"[{i}/{len(reports)}] {path.name}: {result.summary} ({result.seconds:.2f}s)", file=sys.stderr)
            for note in result.notes:
                print(f"policykg: warning: {note}", file=sys.stderr)

    if many and jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for i, (path, result) in enumerate(zip(reports, pool.map(_build_or_error, reports), strict=True), 1):
                progress(i, path, result)
                if isinstance(result, PolicyKGError):
                    first_error = first_error or result
                else:
                    results.append(result)
    else:
        for i, path in enumerate(reports, 1):
            result = _build_or_error(path)
            if many or isinstance(result, BuiltReport):
                progress(i, path, result)
            if isinstance(result, PolicyKGError):
                if not many:
                    raise result
                first_error = first_error or result
            else:
                results.append(result)

    for built in results:
        _write_outputs(args.out / Path(built.source).stem if many else args.out, built)
    if not args.no_store and results:
        _load_store(args.store, results)

    total = sum(r.triples for r in results)
    where = args.out.resolve()
    print(
        f"built {len(results)} of {len(reports)} report(s), {total} triples, in {time.perf_counter() - started:.1f}s"
        f" -> {where}",
        file=sys.stderr,
    )
    if not many and results:
        print(
            f"open {where / 'view.html'} in a browser; query with `policykg query targets-for-year --param year=YYYY`"
        )
    return first_error.exit_code if first_error else 0


def _load_store(store_arg: Path | None, results: list[BuiltReport]) -> None:
    from policykg.graph.store import clean_staging, default_store_dir, open_store, replace_graph, write_lock

    store_dir = store_arg or default_store_dir()
    with write_lock(store_dir):
        store = open_store(store_dir)
        clean_staging(store)
        for built in results:
            replace_graph(store, built.graph_iri, built.ntriples)
        del store
    print(f"store: {store_dir} ({len(results)} report graph(s) replaced)", file=sys.stderr)


def list_command(args: argparse.Namespace) -> int:
    from policykg.graph.store import default_store_dir, open_store, report_graphs

    store = open_store(args.store or default_store_dir(), read_only=True)
    rows = store.query(
        "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?g ?title ?date WHERE { GRAPH ?g { ?r a ?t . "
        "OPTIONAL { ?r dcterms:title ?title } OPTIONAL { ?r dcterms:date ?date } "
        "FILTER(STRENDS(STR(?t), 'Report')) } } ORDER BY ?g"
    )
    seen = set()
    for row in rows:
        iri = row["g"].value
        if iri in seen:
            continue
        seen.add(iri)
        title = row["title"].value if row["title"] else ""
        date = row["date"].value if row["date"] else ""
        print(f"{iri}\t{date}\t{title}")
    for iri in report_graphs(store):
        if iri not in seen:
            print(iri)
    return 0


def remove_command(args: argparse.Namespace) -> int:
    from policykg.graph.store import default_store_dir, open_store, remove_report, write_lock

    store_dir = args.store or default_store_dir()
    missing = []
    with write_lock(store_dir):
        store = open_store(store_dir)
        for graph in args.graphs:
            if not remove_report(store, graph):
                missing.append(graph)
    if missing:
        print(f"policykg: error: not in the store: {', '.join(missing)}", file=sys.stderr)
        return 6
    return 0
