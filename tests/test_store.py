"""The embedded store under real faults: concurrent builds, a build killed mid-way, re-adding a report."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
from cli_helpers import policykg_command, run_cli
from conftest import EXAMPLE, copy_store

from policykg.extract.errors import ExitCode


def _count(store_dir: Path) -> dict[str, int]:
    store = ox.Store.read_only(str(store_dir))
    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"].value: int(row["n"].value) for row in rows}


def _has_value(store_dir: Path, value: int) -> bool:
    store = ox.Store.read_only(str(store_dir))
    return bool(store.query(f"ASK {{ GRAPH ?g {{ ?s ?p ?v FILTER(isNumeric(?v) && ?v = {value}) }} }}"))


def test_rebuilding_a_changed_report_replaces_its_graph(tmp_path: Path, example_build: tuple[Path, Path]) -> None:
    """The second build has different triples (one figure changed): the old ones must be gone."""
    store = copy_store(example_build[1], tmp_path / "store")
    first = _count(store)
    assert len(first) == 1 and next(iter(first.values())) > 1000
    assert _has_value(store, 35_000_000) and not _has_value(store, 36_000_000)
    changed = tmp_path / EXAMPLE.name  # same government and date: the same report graph
    changed.write_text(EXAMPLE.read_text(encoding="utf-8").replace("3500万吨以上", "3600万吨以上"), encoding="utf-8")
    rebuilt = run_cli("build", changed, "--out", tmp_path / "o2", "--store", store)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert _count(store) == first  # same size: replaced, not appended
    assert _has_value(store, 36_000_000) and not _has_value(store, 35_000_000)


def test_replace_graph_drops_what_was_there(tmp_path: Path) -> None:
    """The store function itself, on hand-made triples: replace, never merge; other graphs untouched."""
    from policykg.graph.store import open_store, remove_report, replace_graph, report_graphs

    store = open_store(tmp_path / "store")
    a, b = "https://example.org/report/a", "https://example.org/report/b"
    replace_graph(store, a, b"<urn:x> <urn:p> <urn:one> .\n<urn:x> <urn:p> <urn:two> .\n")
    replace_graph(store, b, b"<urn:y> <urn:p> <urn:one> .\n")
    replace_graph(store, a, b"<urn:x> <urn:p> <urn:three> .\n")

    def objects(graph: str) -> set[str]:
        return {q.object.value for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))}

    assert objects(a) == {"urn:three"}
    assert objects(b) == {"urn:one"}
    assert report_graphs(store) == [a, b]
    assert remove_report(store, a) and not remove_report(store, a)
    assert report_graphs(store) == [b]


def test_remove_a_report_from_the_store(tmp_path: Path, example_build: tuple[Path, Path]) -> None:
    store = copy_store(example_build[1], tmp_path / "store")
    (graph,) = _count(store)
    assert graph in run_cli("list", "--store", store).stdout
    removed = run_cli("remove", graph, "--store", store)
    assert (removed.returncode, removed.stderr) == (0, "")
    assert _count(store) == {}
    assert graph not in run_cli("list", "--store", store).stdout
    again = run_cli("remove", graph, "--store", store)
    assert again.returncode == ExitCode.STORE and again.stderr == f"policykg: error: not in the store: {graph}\n"


def test_two_builds_at_once_serialise(tmp_path: Path) -> None:
    store = tmp_path / "store"
    cmd = [*policykg_command(), "build", str(EXAMPLE), "--store", str(store)]
    procs = [
        subprocess.Popen([*cmd, "--out", str(tmp_path / f"o{i}")], stderr=subprocess.PIPE, text=True) for i in range(2)
    ]
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in procs]
    assert [code for code, _ in results] == [0, 0], results
    assert all("Traceback" not in err for _, err in results)
    assert len(_count(store)) == 1


def test_a_killed_build_leaves_the_store_as_it_was(tmp_path: Path, example_build: tuple[Path, Path]) -> None:
    store = copy_store(example_build[1], tmp_path / "store")
    before = _count(store)
    # a build of a large input, killed while it is loading into the store
    big = tmp_path / "big.txt"
    big.write_text(EXAMPLE.read_text(encoding="utf-8") * 15, encoding="utf-8")
    proc = subprocess.Popen(
        [
            *policykg_command(),
            "build",
            str(big),
            str(EXAMPLE),
            "--jobs",
            "1",
            "--store",
            str(store),
            "--out",
            str(tmp_path / "o2"),
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(4)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert _count(store) == before
    again = run_cli("build", EXAMPLE, "--out", tmp_path / "o3", "--store", store)
    assert again.returncode == 0, again.stderr
    assert _count(store) == before
