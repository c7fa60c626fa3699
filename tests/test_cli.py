"""The whole path through the real command: build, query, explain, list, remove, and its errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from cli_helpers import run_cli
from conftest import EXAMPLE

from policykg.extract.errors import ExitCode


@pytest.fixture(scope="module")
def built(example_build: tuple[Path, Path]) -> tuple[Path, Path]:
    return example_build


def test_build_writes_every_output(built) -> None:
    out, _ = built
    for name in ("graph.ttl", "graph.nt", "view.html", "sections.csv", "quantities.csv",
                 "projects.csv", "places.csv", "tasks.csv"):  # fmt: skip
        assert (out / name).stat().st_size > 0, name
    for name in ("sections.csv", "quantities.csv", "projects.csv", "places.csv", "tasks.csv"):
        data = (out / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and not data[3:].startswith(b"\xef\xbb\xbf"), name  # one BOM
    turtle, ntriples = ox.Store(), ox.Store()
    turtle.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    ntriples.load(path=str(out / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)
    assert len(ntriples) == len(turtle) > 1000  # the same graph in both files
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "no temporary files left behind"
    with (out / "tasks.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 50 and all(row["lead"] for row in rows)
    assert not (out / "graph.jsonld").exists()  # asked for with --jsonld


def test_jsonld_on_request_is_the_same_graph(built, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", EXAMPLE, "--out", out, "--no-store", "--jsonld")
    assert result.returncode == 0, result.stderr
    assert (out / "graph.ttl").read_bytes() == (built[0] / "graph.ttl").read_bytes()  # nothing else changes
    document = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["pkg"].startswith("https://")
    from_jsonld, from_turtle = ox.Store(), ox.Store()
    from_jsonld.load(path=str(out / "graph.jsonld"), format=ox.RdfFormat.JSON_LD)
    from_turtle.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert set(from_jsonld) == set(from_turtle)


def test_query_the_store_in_every_format(built) -> None:
    _, store = built
    table = run_cli("query", "targets-for-year", "--param", "year=2022", "--store", store)
    assert table.returncode == 0, table.stderr
    assert "rows)" in table.stdout.splitlines()[-1]
    as_csv = run_cli("query", "targets-for-year", "--param", "year=2022", "--format", "csv", "--store", store)
    rows = list(csv.DictReader(as_csv.stdout.splitlines()))
    assert len(rows) > 20 and {"metric", "value", "unit"} <= set(rows[0])
    as_json = json.loads(run_cli("query", "places-with-codes", "--format", "json", "--store", store).stdout)
    codes = {b["code"]["value"] for b in as_json["results"]["bindings"] if "code" in b}
    assert "620800" in codes  # the issuing city, by its GB/T 2260 code


def test_list_and_remove(built, tmp_path: Path) -> None:
    _, store = built
    listed = run_cli("list", "--store", store)
    assert listed.returncode == 0 and "620800" in listed.stdout
    missing = run_cli("remove", "https://example.org/not-there", "--store", store)
    assert missing.returncode == ExitCode.STORE and missing.stderr.count("\n") == 1


def test_explain_names_the_rules(built) -> None:
    result = run_cli("explain", EXAMPLE, "煤炭产能达到3500万吨以上")
    assert result.returncode == 0, result.stderr
    assert "quantity" in result.stdout and "35000000" in result.stdout and ">=" in result.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("build", "/no/such/report.txt", "--no-store"), ExitCode.INPUT_MISSING),
        (("query", "no-such-query", "--data", str(EXAMPLE)), ExitCode.QUERY),
        (("query", "targets-for-year", "--param", "nonsense"), ExitCode.QUERY),
        (("explain", str(EXAMPLE), "这句话不在报告里"), ExitCode.USAGE),
    ],
)
def test_errors_are_one_line_and_a_code(args, code: int, tmp_path: Path) -> None:
    result = run_cli(*args, "--out", tmp_path / "o") if args[0] == "build" else run_cli(*args)
    assert result.returncode == code, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_sparql_syntax_error_in_a_file(tmp_path: Path, built) -> None:
    _, store = built
    bad = tmp_path / "bad.rq"
    bad.write_text("# question: broken\n# columns: x\nSELECT ?x WHERE { ?x ", encoding="utf-8")
    result = run_cli("query", bad, "--store", store)
    assert result.returncode == ExitCode.QUERY and result.stderr.count("\n") == 1
