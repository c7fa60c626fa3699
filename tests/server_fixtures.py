"""Stores built with the project's own pipeline, and `policykg serve` started for real.

The server runs as a subprocess (`python -m policykg.web.server --port 0`) on a free loopback
port; the fixture reads the address it prints and kills it (by pid) at the end.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from cli_helpers import policykg_command

# HTML-like text a report could contain; it must show as text and never run
XSS_PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><b>加粗</b>'


def build_store(store_dir: Path, reports: Iterable[tuple[str, str]]) -> list[str]:
    """Extract each (file name, text) with the real pipeline and load it; returns the graph IRIs."""
    from policykg.graph.iris import report_iri
    from policykg.graph.rdf import extraction_to_graph
    from policykg.graph.store import open_store, replace_graph, write_lock
    from policykg.pipeline import extract_text

    graphs = []
    with write_lock(store_dir):
        store = open_store(store_dir)
        for name, text in reports:
            ex = extract_text(text, name)
            graph = extraction_to_graph(ex)
            replace_graph(store, str(report_iri(ex)), graph.serialize(format="nt").encode("utf-8"))
            graphs.append(str(report_iri(ex)))
        del store
    return graphs


def with_payload(text: str, name: str = "payload.txt") -> str:
    """The report with the payload at the start of the first task the pipeline finds in it.

    The place comes from the pipeline's own output (not from this report's wording), so the
    payload lands in a task's evidence, which the pages show.
    """
    from policykg.pipeline import extract_text

    ex = extract_text(text, name)
    at = ex.original_span(ex.tasks[0].start, ex.tasks[0].end)[0]
    return text[:at] + XSS_PAYLOAD + text[at:]


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]
    graphs: list[str]

    def get(self, path: str, **kw: object) -> httpx.Response:
        return httpx.get(self.url + path, timeout=30, **kw)  # type: ignore[arg-type]

    def post(self, path: str, **kw: object) -> httpx.Response:
        return httpx.post(self.url + path, timeout=30, **kw)  # type: ignore[arg-type]


@contextmanager
def running_server(store_dir: Path, graphs: list[str], *extra: str) -> Iterator[Server]:
    cmd = [*policykg_command(), "serve", "--store", str(store_dir), "--port", "0", *extra]
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        url = line.split(" at ", 1)[1].split("/ ", 1)[0]
        deadline = time.monotonic() + 60
        while True:  # the port is bound before the worker processes are up
            try:
                if httpx.get(url + "/sparql?query=ASK%7B%7D", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"the server did not start: {line!r}")
            time.sleep(0.1)
        yield Server(url, process, graphs)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(5)
