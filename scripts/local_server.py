"""A `policykg serve` on a free loopback port for the load scripts (load_sparql.py, load_workbench.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


@contextmanager
def running_server(store: Path, workers: int = 2) -> Iterator[str]:
    """A `policykg serve` on a free port, outside the source tree (whose policykg/ would shadow the package)."""
    cmd = [
        sys.executable,
        "-m",
        "policykg.web.server",
        "--store",
        str(store),
        "--port",
        "0",
        "--workers",
        str(workers),
    ]
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=tempfile.gettempdir())
    try:
        line = process.stdout.readline() if process.stdout else ""
        url = line.split(" at ", 1)[1].split("/ ", 1)[0]
        for _ in range(300):
            try:
                if httpx.get(url + "/sparql", params={"query": "ASK {}"}).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(10)
