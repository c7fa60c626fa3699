"""The embedded store under real faults: concurrent builds, a build killed mid-way, re-adding a report."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
from cli_helpers import policykg_command, run_cli
from conftest import EXAMPLE


def _count(store_dir: Path) -> dict[str, int]:
    store = ox.Store.read_only(str(store_dir))
    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"].value: int(row["n"].value) for row in rows}


def test_rebuilding_a_report_replaces_its_graph(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for _ in range(2):
        assert run_cli("build", EXAMPLE, "--out", tmp_path / "o", "--store", store).returncode == 0
    counts = _count(store)
    assert len(counts) == 1
    first = next(iter(counts.values()))
    assert first > 1000


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


def test_a_killed_build_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run_cli("build", EXAMPLE, "--out", tmp_path / "o", "--store", store).returncode == 0
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
