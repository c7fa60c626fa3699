"""Push to and query a real Oxigraph server (the `oxigraph` PyPI package), started on a free port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from cli_helpers import run_cli
from conftest import EXAMPLE


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def test_push_then_query_remotely(oxigraph_server: str, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run_cli("build", EXAMPLE, "--out", tmp_path / "o", "--store", store).returncode == 0
    pushed = run_cli("push", "--endpoint", oxigraph_server + "/store", "--store", store)
    assert pushed.returncode == 0, pushed.stderr
    # pushing again replaces the graph instead of doubling it
    assert run_cli("push", "--endpoint", oxigraph_server + "/store", "--store", store).returncode == 0
    local = run_cli("query", "places-with-codes", "--format", "csv", "--store", store).stdout
    remote = run_cli("query", "places-with-codes", "--format", "csv", "--endpoint", oxigraph_server + "/query")
    assert remote.returncode == 0, remote.stderr
    assert sorted(remote.stdout.splitlines()) == sorted(local.splitlines())


def test_unreachable_endpoint_is_one_line(tmp_path: Path) -> None:
    result = run_cli("query", "places-with-codes", "--endpoint", f"http://127.0.0.1:{_free_port()}/query")
    assert result.returncode == 5 and result.stderr.count("\n") == 1
