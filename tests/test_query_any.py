"""`policykg query` as a SPARQL tool: any query text, file or stream, names instead of IRIs."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_cli

from policykg.extract.errors import ExitCode

DATA = """
@prefix pkg: <https://w3id.org/policykg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/policykg/id/report/100000-2030-01-01> a pkg:Report ; rdfs:label "某市2030年政府工作报告"@zh .
<https://w3id.org/policykg/id/task/x1> a pkg:Task ; rdfs:label "推进乡村振兴"@zh .
<https://w3id.org/policykg/id/task/x2> a pkg:Task .
"""
SELECT_TASKS = "SELECT ?task WHERE { ?task a <https://w3id.org/policykg/ontology#Task> } ORDER BY ?task"


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("q") / "data.ttl"
    path.write_text(DATA, encoding="utf-8")
    return path


def _ok(*args) -> str:
    result = run_cli("query", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_query_text_on_the_command_line(data: Path) -> None:
    out = _ok(SELECT_TASKS, "--data", data, "--format", "csv")
    assert out.splitlines() == ["task", "https://w3id.org/policykg/id/task/x1", "https://w3id.org/policykg/id/task/x2"]


def test_query_with_dash_e_and_from_stdin(data: Path, tmp_path: Path) -> None:
    assert "x1" in _ok("-e", SELECT_TASKS, "--data", data, "--format", "csv")
    import subprocess

    from cli_helpers import policykg_command

    piped = subprocess.run(
        [*policykg_command(), "query", "-", "--data", str(data), "--format", "csv"],
        input=SELECT_TASKS, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.splitlines()[0] == "task"


def test_plain_query_file_without_a_header(data: Path, tmp_path: Path) -> None:
    plain = tmp_path / "mine.rq"
    plain.write_text("SELECT ?label WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label")
    assert _ok(plain, "--data", data, "--format", "csv").splitlines()[0] == "label"


def test_table_shows_labels_and_prefixed_names_not_cut_iris(data: Path) -> None:
    table = _ok(SELECT_TASKS, "--data", data)
    assert "推进乡村振兴" in table  # x1 has a label
    assert "pkgid:task/x2" in table  # x2 has none: its IRI, shortened by prefix, never cut mid-way
    assert "https://w3id.org/policykg/id/r…" not in table


def test_ask_and_construct(data: Path) -> None:
    assert _ok("ASK { ?s a <https://w3id.org/policykg/ontology#Report> }", "--data", data).strip() == "true"
    turtle = _ok("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }", "--data", data)
    assert "@prefix pkg: <https://w3id.org/policykg/ontology#>" in turtle
    assert "pkg:Task" in turtle


def test_excel_csv_has_a_byte_order_mark(data: Path) -> None:
    result = run_cli("query", SELECT_TASKS, "--data", data, "--format", "csv", "--excel")
    assert result.stdout.startswith("\ufefftask")
    assert not _ok(SELECT_TASKS, "--data", data, "--format", "csv").startswith("\ufeff")


def test_missing_query_file_is_exit_3(tmp_path: Path) -> None:
    result = run_cli("query", tmp_path / "absent.rq")
    assert result.returncode == ExitCode.INPUT_MISSING
    assert result.stderr.strip().startswith("policykg: error: no such file:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_near_miss_name_suggests_the_saved_query() -> None:
    result = run_cli("query", "targets-for-yaer")
    assert result.returncode == ExitCode.QUERY
    assert "did you mean targets-for-year?" in result.stderr


def test_known_prefixes_need_no_declaration(data: Path) -> None:
    out = _ok("SELECT ?task WHERE { ?task a pkg:Task ; rdfs:label ?l }", "--data", data, "--format", "csv")
    assert out.splitlines() == ["task", "https://w3id.org/policykg/id/task/x1"]
    declared = "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT ?t WHERE { ?t a pkg:Report }"
    assert _ok(declared, "--data", data, "--format", "csv").splitlines()[1].endswith("100000-2030-01-01")


def test_a_data_file_is_one_graph_for_queries_that_read_graph_by_graph(data: Path) -> None:
    """A Turtle file is held as one named graph, like a report in the store: GRAPH ?g {…} finds it."""
    by_graph = "SELECT ?task WHERE { GRAPH ?g { ?task a <https://w3id.org/policykg/ontology#Task> } } ORDER BY ?task"
    assert _ok(by_graph, "--data", data, "--format", "csv") == _ok(SELECT_TASKS, "--data", data, "--format", "csv")
