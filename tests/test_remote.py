"""Push to and query a real Oxigraph server (the `oxigraph` PyPI package), started on a free port."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from cli_helpers import run_cli

from policykg.extract.errors import ExitCode


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        pytest.skip("the oxigraph server (pip install oxigraph, a test extra) is not installed")
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


def test_push_then_query_remotely(oxigraph_server: str, example_build: tuple[Path, Path]) -> None:
    _, store = example_build
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
    assert result.returncode == ExitCode.QUERY and result.stderr.count("\n") == 1


def _store_with(tmp_path: Path, graphs: dict[str, bytes]) -> Path:
    """A store holding hand-made report graphs (the way `policykg build` puts them there)."""
    from policykg.graph.store import open_store, replace_graph

    store_dir = tmp_path / "store"
    store = open_store(store_dir)
    for iri, ntriples in graphs.items():
        replace_graph(store, iri, ntriples)
    del store
    return store_dir


def _remote_objects(server: str, graph: str) -> set[str]:
    query = f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(
        f"{server}/query?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.load(response)["results"]["bindings"]
    return {row["o"]["value"] for row in rows}


A, B = "https://example.org/report/push-a", "https://example.org/report/push-b"


def test_pushing_again_replaces_the_remote_graph(oxigraph_server: str, tmp_path: Path) -> None:
    """Second push with different triples: the server must hold only the new ones."""
    endpoint = oxigraph_server + "/store"
    first = _store_with(tmp_path / "1", {A: b"<urn:x> <urn:p> <urn:one> .\n<urn:x> <urn:p> <urn:two> .\n"})
    pushed = run_cli("push", "--endpoint", endpoint, "--store", first)
    assert pushed.returncode == 0, pushed.stderr
    assert _remote_objects(oxigraph_server, A) == {"urn:one", "urn:two"}
    second = _store_with(tmp_path / "2", {A: b"<urn:x> <urn:p> <urn:three> .\n"})
    assert run_cli("push", "--endpoint", endpoint, "--store", second).returncode == 0
    assert _remote_objects(oxigraph_server, A) == {"urn:three"}


def test_push_only_the_named_graph(oxigraph_server: str, tmp_path: Path) -> None:
    endpoint = oxigraph_server + "/store"
    store = _store_with(tmp_path, {A + "-g": b"<urn:x> <urn:p> <urn:a> .\n", B: b"<urn:y> <urn:p> <urn:b> .\n"})
    pushed = run_cli("push", "--endpoint", endpoint, "--graph", B, "--store", store)
    assert pushed.returncode == 0, pushed.stderr
    assert pushed.stderr.startswith(f"[1/1] {B}: 1 triples -> HTTP 20")
    assert _remote_objects(oxigraph_server, B) == {"urn:b"}
    assert _remote_objects(oxigraph_server, A + "-g") == set()
    missing = run_cli("push", "--endpoint", endpoint, "--graph", "https://example.org/nope", "--store", store)
    assert missing.returncode == ExitCode.REMOTE and missing.stderr.count("\n") == 1


def test_push_to_an_unreachable_endpoint_exits_7(tmp_path: Path) -> None:
    store = _store_with(tmp_path, {A: b"<urn:x> <urn:p> <urn:a> .\n"})
    result = run_cli("push", "--endpoint", f"http://127.0.0.1:{_free_port()}/store", "--store", store)
    assert result.returncode == ExitCode.REMOTE
    assert result.stderr.startswith("policykg: error: cannot reach") and result.stderr.count("\n") == 1
