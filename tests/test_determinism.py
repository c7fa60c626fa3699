"""Same input, same bytes: across runs, hash seeds and corpus order."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_cli
from conftest import DEV_CORPUS, EXAMPLE


def _build(out: Path, *reports: Path, seed: str) -> None:
    result = run_cli("build", *reports, "--out", out, "--no-store", "--jsonld", env={"PYTHONHASHSEED": seed})
    assert result.returncode == 0, result.stderr


def test_turtle_and_csv_are_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    _build(tmp_path / "a", EXAMPLE, seed="1")
    _build(tmp_path / "b", EXAMPLE, seed="4242")
    for name in (
        "graph.ttl",
        "graph.jsonld",
        "graph.nt",
        "sections.csv",
        "quantities.csv",
        "tasks.csv",
        "places.csv",
        "projects.csv",
        "view.html",
    ):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


@pytest.mark.shared
def test_corpus_order_and_neighbours_do_not_change_a_report(tmp_path: Path) -> None:
    # the two smallest dev reports (one county in two years: the second build also tracks them)
    others = [DEV_CORPUS / "gaoyang-2019-county.txt", DEV_CORPUS / "gaoyang-2017-county.txt"]
    _build(tmp_path / "one", EXAMPLE, others[0], seed="0")
    _build(tmp_path / "two", others[1], others[0], EXAMPLE, seed="7")
    stem = EXAMPLE.stem
    assert (tmp_path / "one" / stem / "graph.ttl").read_bytes() == (tmp_path / "two" / stem / "graph.ttl").read_bytes()
    assert (tmp_path / "one" / others[0].stem / "graph.ttl").read_bytes() == (
        tmp_path / "two" / others[0].stem / "graph.ttl"
    ).read_bytes()
