"""A small pool of query processes with a hard time limit per query.

Each query runs in a worker process (policykg/web/sparql_worker.py) that has the store open read-only.
The server waits for the answer for at most `timeout` seconds; past that the worker is killed
(SIGKILL: the query stops and frees its memory at once) and a fresh one takes its place.  A
client that disconnects mid-query gets its worker killed the same way, so an abandoned query
never keeps running.  When every worker is busy a request waits up to `queue_timeout` and is then
refused with 503, which bounds the memory and CPU a burst of requests can take.

Each worker's address space is capped (`memory_mb`, RLIMIT_AS): a query that needs more makes its
worker die, which is answered 503 and the worker replaced, so one query cannot take the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from policykg.web.sparql_worker import QueryJob, QueryOutcome

_START_SECONDS = 30.0
_WATCH_SECONDS = 0.2  # how often a running query checks that its client is still there
MEMORY_ENV = "POLICYKG_WORKER_MEMORY_MB"


def default_memory_mb() -> int:
    """Address-space cap per worker: env POLICYKG_WORKER_MEMORY_MB, else 2048 (0 = no cap)."""
    try:
        return max(0, int(os.environ.get(MEMORY_ENV, "2048")))
    except ValueError:
        return 2048


@dataclass(frozen=True)
class QueryLimits:
    timeout: float = 10.0  # seconds one query may run
    max_result_bytes: int = 32 * 1024 * 1024  # serialised result size
    queue_timeout: float = 10.0  # seconds a request may wait for a free worker
    max_query_chars: int = 100_000  # size of the query text itself
    memory_mb: int = field(default_factory=default_memory_mb)  # address space of one worker (0 = no cap)
    allowed_services: tuple[str, ...] = ()  # SERVICE endpoints queries may call (none: workers stay offline)


class _Worker:
    """One query process (`python -m policykg.web.sparql_worker`) and our end of its socket.

    A plain subprocess rather than multiprocessing: spawn would re-run the parent's main module
    (the CLI script, pytest …), fork would copy the server's threads and event loop.
    """

    def __init__(self, store_dir: Path, memory_mb: int = 0, offline: bool = True) -> None:
        ours, theirs = socket.socketpair()
        with theirs:
            store_dir = store_dir.resolve()
            mode = "offline" if offline else "online"
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "policykg.web.sparql_worker",
                    str(store_dir),
                    str(theirs.fileno()),
                    str(memory_mb),
                    mode,
                ],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                # `-m` puts the working directory first on sys.path: start outside any source checkout
                cwd=store_dir,
            )
        self.conn = Connection(ours.detach())
        try:
            ready = self.conn.poll(_START_SECONDS) and self.conn.recv()
        except (EOFError, OSError):
            ready = None
        if not ready:
            self.kill()
            raise RuntimeError("a SPARQL worker did not start")

    def alive(self) -> bool:
        return self.process.poll() is None

    def call(self, job: QueryJob, timeout: float) -> QueryOutcome | str:
        """The worker's answer, or "timeout" when it took longer than `timeout`, or "died"."""
        conn: Connection = self.conn
        try:
            conn.send(job)
            if not conn.poll(timeout):
                return "timeout"
            return conn.recv()
        except (EOFError, OSError):
            return "died"

    def kill(self) -> None:
        if self.alive():
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)
        self.conn.close()


class QueryPool:
    """`await pool.run(job)` → QueryOutcome; never more than `size` queries at once."""

    def __init__(self, store_dir: Path, size: int = 2, limits: QueryLimits | None = None) -> None:
        self.store_dir = Path(store_dir)
        self.size = max(1, size)
        self.limits = limits or QueryLimits()
        self._executor = ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="sparql")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self.stopped = 0  # queries killed on timeout or disconnect (for tests and logs)

    def _spawn(self) -> _Worker:
        worker = _Worker(self.store_dir, self.limits.memory_mb, offline=not self.limits.allowed_services)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(*(loop.run_in_executor(self._executor, self._spawn) for _ in range(self.size)))
        for worker in workers:
            self._idle.put_nowait(worker)

    def _execute(self, worker: _Worker, job: QueryJob) -> tuple[_Worker, QueryOutcome]:
        """Runs in a pool thread: the answer, or a kill and a replacement worker."""
        outcome = worker.call(job, self.limits.timeout)
        if isinstance(outcome, QueryOutcome):
            return worker, outcome
        self._retire(worker)
        self.stopped += 1
        replacement = self._spawn()
        if outcome == "timeout":
            return replacement, QueryOutcome(504, message=f"query stopped after {self.limits.timeout:g} s (time limit)")
        memory = f" (memory limit {self.limits.memory_mb} MiB?)" if self.limits.memory_mb else ""
        return replacement, QueryOutcome(503, message=f"the query process ended unexpectedly{memory}")

    async def run(self, job: QueryJob, gone: Callable[[], Awaitable[bool]] | None = None) -> QueryOutcome:
        """Run `job` on a free worker; `gone()` says the client disconnected, which stops the query."""
        if self._idle is None:
            raise RuntimeError("QueryPool.start() was not awaited")
        idle = self._idle
        try:
            worker = await asyncio.wait_for(idle.get(), self.limits.queue_timeout)
        except asyncio.TimeoutError:
            return QueryOutcome(503, message="all query workers are busy; try again shortly")
        if gone is not None and await gone():  # left while waiting: the worker goes to the next request
            idle.put_nowait(worker)
            return QueryOutcome(499, message="the client closed the connection")
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._executor, self._execute, worker, job)
        future.add_done_callback(self._release)
        try:
            while gone is not None and not future.done():
                await asyncio.wait({future}, timeout=_WATCH_SECONDS)
                if not future.done() and await gone():
                    self._stop(worker)
                    return QueryOutcome(499, message="the client closed the connection; query stopped")
            return (await asyncio.shield(future))[1]
        except asyncio.CancelledError:
            self._stop(worker)  # the request was cancelled: stop its query now
            raise

    @staticmethod
    def _stop(worker: _Worker) -> None:
        """Kill a running query; its pool thread sees the worker die and starts a replacement."""
        if worker.alive():
            worker.process.kill()

    def _release(self, future: asyncio.Future[tuple[_Worker, QueryOutcome]]) -> None:
        """Return the (possibly replaced) worker to the idle queue; a failed respawn shrinks the pool."""
        if self._idle is not None and not future.cancelled() and future.exception() is None:
            self._idle.put_nowait(future.result()[0])

    async def close(self) -> None:
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
        self._executor.shutdown(wait=False, cancel_futures=True)
