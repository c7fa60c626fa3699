"""Every CSV people open is written by one writer (graph/tables.py: csv_bytes): BOM, header, defused cells.

One test per place that writes a CSV — build's tables, tracking.csv, `policykg query --format csv
[--excel]`, the workbench's table downloads, and the SPARQL endpoint's answers saved for a
spreadsheet — each fed a cell that starts with "=" and checked that it comes out with the leading
apostrophe a spreadsheet shows as text. tests/test_security.py does the same end to end on a built
report and a live server.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

from cli_helpers import run_cli
from rdf_fixtures import tiny_extraction
from rdflib import Literal, URIRef

from policykg.graph import tables
from policykg.graph.export import tables as report_tables
from policykg.graph.tables import BOM, safe_cell
from policykg.queries import QueryResult, to_csv, write_result

FORMULA = '=HYPERLINK("http://127.0.0.1:9/x","点击")'
DEFUSED = "'" + FORMULA


def _cells(data: bytes | str) -> list[str]:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return [cell for row in csv.reader(io.StringIO(text.removeprefix(BOM), newline="")) for cell in row]


def _all_safe(cells: list[str]) -> None:
    assert [c for c in cells if c != safe_cell(c)] == []


def test_builds_tables_defuse_report_text() -> None:
    ex = tiny_extraction()
    ex = dataclasses.replace(
        ex,
        sections=[dataclasses.replace(s, title=FORMULA) for s in ex.sections],
        projects=[dataclasses.replace(p, name="+" + p.name) for p in ex.projects],
    )
    out = report_tables(ex)
    assert sorted(out) == ["places.csv", "projects.csv", "quantities.csv", "sections.csv", "tasks.csv"]
    for data in out.values():
        assert data.startswith(BOM.encode("utf-8")) and b"\r\n" in data
        _all_safe(_cells(data))
    assert DEFUSED in _cells(out["sections.csv"])
    assert any(c.startswith("'+") for c in _cells(out["projects.csv"]))


# tracking.csv: tests/test_security.py::test_query_csv_and_tracking_csv_go_through_the_same_writer


def test_query_csv_defuses_with_and_without_the_bom() -> None:
    result = QueryResult(("x", "n"), ((Literal(FORMULA), Literal(-3)), (URIRef("urn:x:1"), None)))
    plain = to_csv(result)
    assert plain.startswith("x,n\r\n") and _cells(plain) == ["x", "n", DEFUSED, "-3", "urn:x:1", ""]
    excel = write_result(result, "csv", bom=True)
    assert excel == BOM + plain  # --excel: the same writer, with the byte-order mark
    assert write_result(QueryResult((), (), boolean=True), "csv", bom=True) == BOM + "boolean\r\ntrue\r\n"


def test_query_command_excel_csv(tmp_path: Path) -> None:
    data = tmp_path / "x.ttl"
    data.write_text(
        '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n<urn:x:1> rdfs:label "=1+2" .\n', encoding="utf-8"
    )
    query = "SELECT ?s ?label WHERE { ?s rdfs:label ?label }"
    run = run_cli("query", query, "--data", data, "--format", "csv", "--excel")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(BOM + "s,label\r\n".replace("\r\n", "\n"))  # text mode reads CRLF as \n
    assert _cells(run.stdout) == ["s", "label", "urn:x:1", "'=1+2"]


def test_workbench_table_downloads_defuse() -> None:
    columns = [("title", "任务"), ("lead", "牵头单位")]
    data = tables.csv_table(columns, [{"title": FORMULA, "lead": ["-a", "b"]}])
    assert data.startswith(BOM.encode("utf-8"))
    assert _cells(data) == ["任务", "牵头单位", DEFUSED, "'-a;b"]


def test_sparql_answers_for_a_spreadsheet_are_defused() -> None:
    """A download, or an answer asked for with a BOM (bom=1, for Excel): rewritten by the writer; else untouched."""
    from policykg.web.server import outcome_response
    from policykg.web.sparql_worker import QueryOutcome

    raw = b'x,n\r\n"=1+2",-3\r\n@SUM(A1),4\r\n'
    answer = QueryOutcome(200, "text/csv", raw, kind="solutions")
    for download, bom in (("query-result", False), ("query-result", True), ("", True)):
        body = outcome_response(answer, download, bom).body
        assert body.startswith(BOM.encode("utf-8")) == bom
        assert _cells(body) == ["x", "n", "'=1+2", "-3", "'@SUM(A1)", "4"], (download, bom)
    assert outcome_response(answer).body == raw  # the SPARQL protocol answer stays as the engine wrote it
    tsv = QueryOutcome(200, "text/tab-separated-values", b'?x\n"=1+2"\n', kind="solutions")
    assert outcome_response(tsv, "", True).body == BOM.encode("utf-8") + b'?x\n"\'=1+2"\n'
