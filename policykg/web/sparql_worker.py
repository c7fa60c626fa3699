"""The process that runs SPARQL queries for the server, one at a time, over a read-only store.

Why a process: a pyoxigraph query cannot be interrupted from another thread, so a runaway
query can only be stopped by killing whatever runs it (policykg/web/sparql_pool.py does, on timeout).
This module imports nothing heavier than pyoxigraph so that a replacement starts quickly.

Consistency with builds: Oxigraph calls reading a store while another process writes it
undefined behaviour.  Builds hold an exclusive flock on the store's lock file
(graph/store.py:write_lock); each query here holds a shared flock on the same file, so a query
never overlaps a write, and the store is reopened when its files changed since it was opened.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import resource
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from policykg.graph.store import lock_path

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "n3": ox.RdfFormat.N3,
}


@dataclass(frozen=True)
class QueryJob:
    """One query as the worker receives it (picklable).

    `solution_format` / `graph_format` are (media type, format key) chosen by the server for each
    possible kind of result; None means the client accepts no type we can write for that kind.
    `substitutions` binds variables to terms (SEP-0007): name -> ("iri" | "literal", value,
    datatype IRI or "@lang" or "").
    """

    query: str
    solution_format: tuple[str, str] | None = ("application/sparql-results+json", "json")
    graph_format: tuple[str, str] | None = ("text/turtle", "turtle")
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    substitutions: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    max_bytes: int = 32 * 1024 * 1024


@dataclass(frozen=True)
class QueryOutcome:
    status: int  # HTTP status the server answers with
    media_type: str = ""
    body: bytes = b""
    message: str = ""  # one line, for errors
    kind: str = ""  # solutions | boolean | graph


class ResultTooLarge(Exception):
    pass


class _LimitedBuffer:
    """A bytes sink that refuses to grow past a limit (the serialiser stops at the first refusal)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise ResultTooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


@contextlib.contextmanager
def shared_lock(store_dir: Path) -> Iterator[None]:
    path = lock_path(store_dir)
    if not path.exists():
        yield
        return
    with open(path, "rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def store_stamp(store_dir: Path) -> tuple[int, int]:
    """Changes whenever a write to the store adds, removes or rewrites one of its files."""
    latest, count = 0, 0
    with os.scandir(store_dir) as entries:
        for entry in entries:
            count += 1
            latest = max(latest, entry.stat().st_mtime_ns)
    return latest, count


def _term(kind: str, value: str, extra: str) -> ox.NamedNode | ox.Literal:
    if kind == "iri":
        return ox.NamedNode(value)
    if extra.startswith("@"):
        return ox.Literal(value, language=extra[1:])
    return ox.Literal(value, datatype=ox.NamedNode(extra)) if extra else ox.Literal(value)


def first_line(message: object) -> str:
    lines = [line.strip() for line in str(message).splitlines() if line.strip()]
    return lines[0] if lines else type(message).__name__


def execute(store: ox.Store, job: QueryJob) -> QueryOutcome:
    """Run one query and serialise its result in the negotiated format, within the size limit."""
    options: dict[str, object] = {}
    try:
        if job.default_graphs is None and job.named_graphs is None:
            options["use_default_graph_as_union"] = True
        else:
            options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()] or ox.DefaultGraph()
            if job.named_graphs is not None:
                options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
        if job.substitutions:
            options["substitutions"] = {ox.Variable(k): _term(*v) for k, v in job.substitutions.items()}
    except ValueError as err:
        return QueryOutcome(400, message=f"bad parameter: {first_line(err)}")
    try:
        result = store.query(job.query, **options)
    except SyntaxError as err:
        return QueryOutcome(400, message=f"query syntax error: {first_line(err)}")
    except ValueError as err:
        return QueryOutcome(400, message=f"bad query: {first_line(err)}")
    if isinstance(result, ox.QueryTriples):
        kind, chosen = "graph", job.graph_format
    else:
        kind = "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
        chosen = job.solution_format
    if chosen is None:
        return QueryOutcome(406, message=f"no acceptable media type for a {kind} result", kind=kind)
    media_type, key = chosen
    buffer = _LimitedBuffer(job.max_bytes)
    try:
        if kind == "graph":  # with the ontology's prefixes, so a CONSTRUCT answer reads as names
            from policykg.graph.namespaces import PREFIXES  # rdflib: imported only when a graph is asked for

            ox.serialize(result, buffer, format=RDF_FORMATS[key], prefixes=PREFIXES)
        else:
            result.serialize(buffer, format=RESULT_FORMATS[key])
    except ResultTooLarge:
        return QueryOutcome(
            413, message=f"result larger than {job.max_bytes} bytes: add a LIMIT or narrow the query", kind=kind
        )
    except OSError as err:
        return QueryOutcome(500, message=f"query failed: {first_line(err)}", kind=kind)
    return QueryOutcome(200, media_type, buffer.getvalue(), kind=kind)


def _die_with_parent() -> None:
    """Linux: get SIGKILL when the server dies, so no query outlives it (best effort elsewhere)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _limit_memory(megabytes: int) -> None:
    """Cap this process's address space: a query that needs more fails here, not on the machine."""
    if megabytes > 0:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _leave_network() -> None:
    """Linux: move into an empty network namespace, so no query can open a connection.

    Defence in depth behind the server's SERVICE check (policykg/web/sparql_guard.py); best effort, as
    some systems forbid unprivileged namespaces.  Must run before any thread starts.
    """
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).unshare(0x10000000 | 0x40000000)  # CLONE_NEWUSER | CLONE_NEWNET
    except (OSError, AttributeError):
        pass


def worker_main(store_dir: str, conn: Connection, memory_mb: int = 0, offline: bool = True) -> None:
    """Answer QueryJobs from `conn` until it closes (entry point of a pool process)."""
    _die_with_parent()
    if offline:
        _leave_network()
    _limit_memory(memory_mb)
    path = Path(store_dir)
    store: ox.Store | None = None
    opened: tuple[int, int] | None = None
    conn.send(QueryOutcome(200, message="ready"))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            with shared_lock(path):
                stamp = store_stamp(path)
                if store is None or stamp != opened:
                    store = None  # close the old snapshot before opening the new one
                    store = ox.Store.read_only(str(path))
                    opened = stamp
                outcome = execute(store, job)
        except OSError as err:
            outcome = QueryOutcome(503, message=f"store unavailable: {first_line(err)}")
        except Exception as err:  # a bug must not take the worker down with a half-sent reply
            outcome = QueryOutcome(500, message=f"query failed: {first_line(err)}")
        conn.send(outcome)


if __name__ == "__main__":
    import sys

    # run the imported module's function, so that what we pickle is policykg.web.sparql_worker.*
    from policykg.web.sparql_worker import worker_main as _worker_main

    _worker_main(sys.argv[1], Connection(int(sys.argv[2])), int(sys.argv[3]), sys.argv[4] == "offline")
