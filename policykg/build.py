"""`policykg build`: reports -> records -> RDF, CSV, HTML, and the embedded store."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import pickle
import queue
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from policykg.extract.errors import ExitCode, PolicyKGError, UsageError
from policykg.extract.records import Extraction, ReportMeta

if TYPE_CHECKING:
    from policykg.graph.series import Pair
    from policykg.graph.tracking import TrackingLink


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
    extraction: Extraction | SpilledExtraction | None = None  # for tracking across reports (a corpus build: on disk)
    stages: dict[str, float] | None = None  # seconds per stage (scripts/bench_build.py prints them)
    path: Path = Path()  # the input as given on the command line


def build_one(path: Path, out: Path | None = None, jsonld: bool = False, view: bool = True) -> BuiltReport:
    """Extract one report and make every output; with `out`, each file is written there as soon as it
    is made (atomically) and not kept, so a big report never holds all its outputs at once.
    `jsonld`: also write graph.jsonld (a third serialisation of the same triples, a sixth of a
    report's build time; the store and `policykg serve` give JSON-LD on request).  `view`: render
    view.html here (a corpus build renders every view once tracking has coloured its promises).

    The order keeps peak memory low: the view and tables need only the extraction; JSON-LD and
    N-Triples read the triples, which are dropped before Turtle is made from the N-Triples.  The
    N-Triples stay in the result for the store.
    """
    from policykg.graph import triples
    from policykg.graph.export import tables, write_atomic
    from policykg.graph.iris import report_iri
    from policykg.graph.network import build_network
    from policykg.graph.rdf import extraction_triples
    from policykg.graph.turtle import turtle_from_ntriples
    from policykg.graph.view import render_view
    from policykg.pipeline import extract_file

    start = time.perf_counter()
    stages: dict[str, float] = {}
    files: dict[str, bytes] = {}

    writing = [0.0]  # seconds spent writing files since the last stage ended

    def stage(name: str, since: float) -> float:
        now = time.perf_counter()
        stages[name] = now - since - writing[0]
        writing[0] = 0.0
        return now

    def keep(name: str, data: bytes) -> None:
        if out is None:
            files[name] = data
            return
        t0 = time.perf_counter()
        write_atomic(out / name, data)
        spent = time.perf_counter() - t0
        writing[0] += spent
        stages["write files"] = stages.get("write files", 0.0) + spent

    ex = extract_file(path)
    t = stage("extract", start)
    for name, data in tables(ex).items():
        keep(name, data)
    t = stage("csv", t)
    if view:
        keep("view.html", render_view(build_network(ex), title=ex.meta.title or ex.source).encode("utf-8"))
        t = stage("view", t)
    graph = extraction_triples(ex)  # built once, as tuples; every serialisation reads them
    n_triples = len(graph)
    grouped = triples.by_subject(graph)  # both writers go subject by subject
    del graph
    t = stage("triples", t)
    if jsonld:
        keep("graph.jsonld", triples.jsonld(grouped))
        t = stage("json-ld", t)
    ntriples = triples.ntriples(grouped)
    del grouped  # the last reader is done: free the tuples before Turtle
    t = stage("n-triples", t)
    keep("graph.nt", ntriples)
    keep("graph.ttl", turtle_from_ntriples(ntriples, presorted=True))
    stage("turtle", t)
    summary = (
        f"{len(ex.sections)} sections, {len(ex.quantities)} quantities, {len(ex.projects)} projects, "
        f"{len(ex.places)} places, {len(ex.tasks)} tasks, {n_triples} triples"
    )
    return BuiltReport(
        ex.notes,
        path.name,
        str(report_iri(ex)),
        files,
        ntriples,
        n_triples,
        time.perf_counter() - start,
        summary,
        ex,
        stages,
        path,
    )


class BadOutput(UsageError):
    """--out, or a report's name, would make a build write where it must not (a usage error)."""


RESERVED_NAMES = frozenset(
    {"tracking.csv", "charts.html", "charts.json"}
)  # files a corpus build writes next to the report folders


def check_out_dir(out: Path) -> None:
    """Refuse an --out that is (or lies inside) a file, before any work is done."""
    for folder in (out, *out.parents):
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():
                raise BadOutput(f"--out {out} is not a folder ({folder} is a file)")
            return


def report_folders(reports: list[Path]) -> list[str]:
    """The folder each report of a corpus build writes under --out: its file name without extension.

    A name that would leave --out ("..", "."), name a file the build writes there (tracking.csv)
    or be written by two reports (case-insensitively, as on Windows and macOS) is refused.
    """
    seen: dict[str, Path] = {}
    names = []
    for path in reports:
        name = path.stem
        if not name.strip(".") or name.casefold() in RESERVED_NAMES:
            raise BadOutput(f"{path}: the name {name!r} cannot be its output folder under --out; rename the file")
        if name.casefold() in seen:
            raise BadOutput(f"{seen[name.casefold()]} and {path} would write the same folder {name!r}; rename one")
        seen[name.casefold()] = path
        names.append(name)
    return names


def _build_or_error(
    path: Path, out: Path | None = None, jsonld: bool = False, view: bool = True, spill: bool = False
) -> BuiltReport | PolicyKGError:
    """A report built, or the error a user must fix; `spill`: leave the extraction on disk in `out`."""
    try:
        built = build_one(path, out, jsonld, view)
    except PolicyKGError as err:
        return err
    if spill and out is not None and isinstance(built.extraction, Extraction):
        built.extraction = SpilledExtraction.write(built.extraction, out / SpilledExtraction.FILE)
    return built


@dataclass(frozen=True)
class SpilledExtraction:
    """A report's extraction pickled to its staging folder, with what pairing reports needs.

    A corpus build holds one of these per report instead of the extraction (≈ 1.5 MB in memory per
    report: thousands of reports would fill the machine); tracking, views and charts load it back.
    """

    FILE: ClassVar[str] = ".extraction.pickle"  # never moved into --out (see _move_files)
    source: str
    meta: ReportMeta
    path: Path

    @classmethod
    def write(cls, ex: Extraction, path: Path) -> SpilledExtraction:
        path.write_bytes(pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL))
        return cls(ex.source, ex.meta, path)

    def load(self) -> Extraction:
        return pickle.loads(self.path.read_bytes())  # written by this build, in its own staging folder


def _loaded(ex: Extraction | SpilledExtraction) -> Extraction:
    return ex.load() if isinstance(ex, SpilledExtraction) else ex


def _write_outputs(out: Path, built: BuiltReport) -> None:
    from policykg.graph.export import write_atomic

    for name, data in sorted(built.files.items()):
        write_atomic(out / name, data)


def build_command(args: argparse.Namespace) -> int:
    from policykg.pipeline import bundled_example

    reports: list[Path] = list(args.reports) or [bundled_example()]
    many = len(reports) > 1
    check_out_dir(args.out)
    folders = dict(zip(reports, report_folders(reports), strict=True)) if many else {}
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

    # Workers write each file as soon as it is made (a big report never holds all its outputs), into a
    # staging folder inside --out; the files move into place only once every report is built, so an
    # interrupted or failed build leaves --out as it was.
    created = not args.out.exists()
    args.out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=args.out))
    tracking: list[tuple[str, bytes]] = []
    held = contextlib.ExitStack()
    # A corpus build loads each report's graph in a thread while the workers build the next ones (the
    # bulk loader runs outside the GIL); it took a fifth of a 70-report build when done at the end.
    loader: _StoreLoader | None = None
    try:
        if many and not args.no_store:
            loader = _StoreLoader.start(held, args.store)
        outs = [staging / folders[path] if many else staging for path in reports]
        # the workers stay for tracking: they have jieba and the lexicons loaded, the parent has not
        pool = held.enter_context(ProcessPoolExecutor(max_workers=jobs)) if many and jobs > 1 else None
        if pool is not None:
            # only the N-Triples and the extraction come back: the files are written
            built = pool.map(
                _build_or_error,
                reports,
                outs,
                itertools.repeat(args.jsonld),
                itertools.repeat(False),
                itertools.repeat(True),
            )
            for i, (path, result) in enumerate(zip(reports, built, strict=True), 1):
                progress(i, path, result)
                if isinstance(result, PolicyKGError):
                    first_error = first_error or result
                else:
                    results.append(result)
                    if loader:
                        loader.put(result)
        else:
            for i, (path, out) in enumerate(zip(reports, outs, strict=True), 1):
                result = _build_or_error(path, out, args.jsonld, not many, many)
                if many or isinstance(result, BuiltReport):
                    progress(i, path, result)
                if isinstance(result, PolicyKGError):
                    if not many:
                        raise result
                    first_error = first_error or result
                else:
                    results.append(result)
                    if loader:
                        loader.put(result)
        if many:
            tracking, checked = _track(args.out, results, pool)
            _render_views(results, checked, pool, lambda built: staging / folders[built.path])
        if pool is not None:
            pool.shutdown()  # the workers' memory is free before the files move and the store loads
        for built in results:
            folder = folders[built.path] if many else ""
            _write_outputs(staging / folder, built)
            built.files.clear()
            if not many:
                built.extraction = None  # needed for tracking only
            _move_files(staging / folder, args.out / folder)
        if loader:
            loader.finish(results, tracking)
    finally:
        if loader:
            loader.stop()  # after an error or an interrupt: the graph being loaded completes, no other starts
        held.close()
        shutil.rmtree(staging, ignore_errors=True)
        if created and not any(args.out.iterdir()):
            args.out.rmdir()  # nothing was built: leave no empty --out behind
    if not many and not args.no_store and results:
        _load_store(args.store, results, tracking)

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
    return first_error.exit_code if first_error else ExitCode.OK


def _move_files(source: Path, target: Path) -> None:
    """Move a report's finished files into place, each replacing its old version atomically."""
    target.mkdir(parents=True, exist_ok=True)
    for file in sorted(source.iterdir()):
        if file.is_file() and file.name != SpilledExtraction.FILE:
            os.replace(file, target / file.name)


def _track(
    out: Path, results: list[BuiltReport], pool: ProcessPoolExecutor | None = None
) -> tuple[list[tuple[str, bytes]], dict[str, list[TrackingLink]]]:
    """Track each report against the next one of its government: DIR/tracking.csv and the graphs.

    Runs on the extractions the workers returned, pair by pair in the same workers when there are
    any (deterministic: the pairs are sorted by government and year, and come back in that order).
    Returns (graph IRI, N-Triples) per report pair, and the links that check each report's promises.
    """
    from policykg.graph.export import write_tracking_csv
    from policykg.graph.series import Pair
    from policykg.graph.tracking import corpus_pairs, status_counts

    extractions = [b.extraction for b in results if b.extraction is not None]
    graphs: list[tuple[str, bytes]] = []
    links: list[TrackingLink] = []
    by_source: dict[str, list[TrackingLink]] = {}
    pairs: list[Pair] = []
    in_order = list(corpus_pairs(extractions))
    run = pool.map if pool is not None else map
    tracked = run(_track_pair, [old for old, _ in in_order], [new for _, new in in_order])
    for (old, new), (pair, graph) in zip(in_order, tracked, strict=True):
        pairs.append(Pair(old, new, pair))
        links.extend(pair)
        by_source.setdefault(old.source, []).extend(pair)
        graphs.append(graph)
    path = write_tracking_csv(links, out / "tracking.csv")
    counts = " ".join(f"{k}={v}" for k, v in status_counts(links).items())
    print(f"tracking: {len(graphs)} report pair(s), {len(links)} links ({counts}) -> {path}", file=sys.stderr)
    _write_charts(out, extractions, pairs)
    return graphs, by_source


def _write_charts(out: Path, extractions: list[Extraction | SpilledExtraction], pairs: list[Pair]) -> None:
    """DIR/charts.html and charts.json when the reports are one government's series (`policykg chart`'s files).

    Reports of several governments get no chart files here: `policykg chart` draws one government's,
    and the workbench's 图表 Charts page any government's in the store.
    """
    from policykg.chart import chart_files
    from policykg.graph.export import write_atomic
    from policykg.graph.series import BadSeries, Pair, check_series

    if not pairs:
        return
    try:
        check_series(extractions)  # type: ignore[arg-type]  # reads only the reports' metadata
    except BadSeries:
        print("charts: reports of several governments; draw one with `policykg chart REPORT...`", file=sys.stderr)
        return
    loaded = {ex.source: _loaded(ex) for ex in extractions}  # one government's series: a few reports
    pairs = [Pair(loaded[p.old.source], loaded[p.new.source], p.links) for p in pairs]
    files = chart_files(list(loaded.values()), pairs)
    for name, data in sorted(files.items()):
        write_atomic(out / name, data)
    print(f"charts: {out / 'charts.html'}", file=sys.stderr)


def _track_pair(
    old: Extraction | SpilledExtraction, new: Extraction | SpilledExtraction
) -> tuple[list[TrackingLink], tuple[str, bytes]]:
    """One report pair's links and their graph (graph IRI, N-Triples): a worker's share of tracking."""
    from policykg.graph.iris import tracking_graph_iri
    from policykg.graph.rdf import tracking_triples
    from policykg.graph.triples import ntriples

    old, new = _loaded(old), _loaded(new)
    links = track(old, new)
    return links, (str(tracking_graph_iri(old, new)), ntriples(tracking_triples(old, new, links)))


def _render_views(
    results: list[BuiltReport],
    checked: dict[str, list[TrackingLink]],
    pool: ProcessPoolExecutor | None,
    folder_of: Callable[[BuiltReport], Path],
) -> None:
    """Every report's view.html, its promises coloured by tracking's status: rendered once, after
    tracking, and written to the report's folder as it comes back (never all views in memory)."""
    from policykg.graph.export import write_atomic

    built = [b for b in results if b.extraction is not None]
    run = pool.map if pool is not None else map
    links = [checked.get(b.extraction.source, []) for b in built]  # type: ignore[union-attr]
    for report, view in zip(built, run(_tracked_view, [b.extraction for b in built], links), strict=True):
        write_atomic(folder_of(report) / "view.html", view)


def _tracked_view(ex: Extraction | SpilledExtraction, links: list[TrackingLink]) -> bytes:
    """A report's view with its checked promises (if any) coloured by status."""
    ex = _loaded(ex)
    from policykg.graph.network import build_network
    from policykg.graph.view import render_view

    return render_view(build_network(ex, links), title=ex.meta.title or ex.source).encode("utf-8")


def track(old: Extraction, new: Extraction) -> list[TrackingLink]:
    from policykg.graph.tracking import track as track_pair

    return track_pair(old, new)


def _load_store(
    store_arg: Path | None, results: list[BuiltReport], tracking: list[tuple[str, bytes]] | None = None
) -> None:
    from policykg.graph.store import clean_staging, default_store_dir, load_graphs, open_store, write_lock

    store_dir = store_arg or default_store_dir()
    tracking = tracking or []
    with write_lock(store_dir):
        store = open_store(store_dir)
        clean_staging(store)
        load_graphs(store, [(built.graph_iri, built.ntriples) for built in results])
        _drop_stale_tracking(store, {b.graph_iri.rsplit("/", 1)[-1] for b in results}, {g for g, _ in tracking})
        load_graphs(store, tracking)
        del store
    extra = f", {len(tracking)} tracking graph(s)" if tracking else ""
    print(f"store: {store_dir} ({len(results)} report graph(s) replaced{extra})", file=sys.stderr)


class _StoreLoader:
    """Loads report graphs into the store in a background thread, in the order they are put.

    Graphs waiting together share bulk loads (graph/store.py load_graphs); a report's N-Triples are
    dropped once loaded.  The store's write lock is held from start to the end of the build; the
    store is opened by the thread, started at the first report, after the worker processes are forked.
    """

    def __init__(self, store_dir: Path) -> None:
        self.store_dir = store_dir
        self.store: object = None
        self.queue: queue.Queue[BuiltReport | None] = queue.Queue()
        self.stopped = False
        self.error: BaseException | None = None
        self.loaded = 0
        self.thread = threading.Thread(target=self._run, name="policykg-store", daemon=True)

    @classmethod
    def start(cls, held: contextlib.ExitStack, store_arg: Path | None) -> _StoreLoader:
        from policykg.graph.store import default_store_dir, write_lock

        store_dir = store_arg or default_store_dir()
        held.enter_context(write_lock(store_dir))  # a busy store is reported before any work
        return cls(store_dir)

    def put(self, built: BuiltReport) -> None:
        self.queue.put(built)
        if not self.thread.is_alive() and self.thread.ident is None:
            self.thread.start()

    def _run(self) -> None:
        from policykg.graph.store import BULK_CHUNK, clean_staging, load_graphs, open_store

        try:
            self.store = open_store(self.store_dir)
            clean_staging(self.store)  # type: ignore[arg-type]
        except BaseException as err:  # raised in the main thread by finish()
            self.error = err
            return
        done = False
        while not done and not self.stopped:
            batch = [self.queue.get()]
            size = len(batch[0].ntriples) if batch[0] else 0
            while batch[-1] is not None and size < BULK_CHUNK and not self.queue.empty():
                batch.append(self.queue.get_nowait())
                size += len(batch[-1].ntriples) if batch[-1] else 0
            done = batch[-1] is None
            reports = [b for b in batch if b is not None]
            if not reports or self.stopped:
                continue
            try:
                load_graphs(self.store, [(b.graph_iri, b.ntriples) for b in reports])  # type: ignore[arg-type]
            except BaseException as err:
                self.error = err
                return
            self.loaded += len(reports)
            for b in reports:
                b.ntriples = b""  # in the store now: free it

    def stop(self) -> None:
        if self.thread.is_alive():
            self.stopped = True
            self.queue.put(None)
            self.thread.join()
        self.store = None  # closed before the write lock is released

    def finish(self, results: list[BuiltReport], tracking: list[tuple[str, bytes]]) -> None:
        """Wait for the report graphs, then replace the tracking graphs."""
        from policykg.graph.store import load_graphs

        if self.thread.ident is None:
            return  # no report was built: the store is left as it was
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        rebuilt = {b.graph_iri.rsplit("/", 1)[-1] for b in results}
        _drop_stale_tracking(self.store, rebuilt, {g for g, _ in tracking})
        load_graphs(self.store, tracking)  # type: ignore[arg-type]
        self.store = None  # closes it
        extra = f", {len(tracking)} tracking graph(s)" if tracking else ""
        print(f"store: {self.store_dir} ({self.loaded} report graph(s) replaced{extra})", file=sys.stderr)


def _drop_stale_tracking(store: object, rebuilt: set[str], kept: set[str]) -> None:
    """Remove tracking graphs of a rebuilt report that this build did not make again."""
    from policykg.graph.namespaces import ID_BASE
    from policykg.graph.store import remove_report, report_graphs

    prefix = f"{ID_BASE}tracking/"
    for graph_iri in report_graphs(store):  # type: ignore[arg-type]
        stale = graph_iri.startswith(prefix) and graph_iri not in kept
        if stale and set(graph_iri[len(prefix) :].split("--")) & rebuilt:
            remove_report(store, graph_iri)  # type: ignore[arg-type]


def list_command(args: argparse.Namespace) -> int:
    from policykg.graph.store import default_store_dir, open_store, report_graphs

    store = open_store(args.store or default_store_dir(), read_only=True)
    rows = store.query(
        "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?g ?title ?date WHERE { GRAPH ?g { ?r a ?t . "
        "OPTIONAL { ?r dcterms:title ?title } OPTIONAL { ?r dcterms:issued ?date } "
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
        removed = set()
        for graph in args.graphs:
            if remove_report(store, graph):
                removed.add(graph.rsplit("/", 1)[-1])
            else:
                missing.append(graph)
        _drop_stale_tracking(store, removed, kept=set())  # checks that involved a removed report
    if missing:
        print(f"policykg: error: not in the store: {', '.join(missing)}", file=sys.stderr)
        return ExitCode.STORE
    return 0
