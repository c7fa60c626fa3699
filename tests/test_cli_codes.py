"""The README's promises about the command itself: every exit code of its table (one stderr line
each), the no-argument quickstart, `queries`, `query --data` and `--timeout`.

Everything runs the real command in a subprocess, except exit 1, which needs a bug and is made
by replacing one command with a function that raises.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from cli_helpers import policykg_command, run_cli
from conftest import EXAMPLE, REPO

from policykg.extract.errors import MEANINGS, ExitCode, exit_code_table

PLACES_TTL = """\
@prefix pkg: <https://w3id.org/policykg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<urn:x:620000> a pkg:Place ; rdfs:label "甘肃省"@zh ; skos:notation "620000" ; pkg:placeType "province" .
<urn:x:620800> a pkg:Place ; rdfs:label "平凉市"@zh ; skos:notation "620800" ; pkg:placeType "prefecture" ;
    pkg:parentPlace <urn:x:620000> ; geo:sfWithin <urn:x:620000> .
<urn:x:620821> a pkg:Place ; rdfs:label "泾川县"@zh ; skos:notation "620821" ; pkg:placeType "county" ;
    pkg:parentPlace <urn:x:620800> ; geo:sfWithin <urn:x:620800> .
<urn:x:report> dcterms:spatial <urn:x:620800> .
"""


def test_readme_exit_codes_are_the_table_of_extract_errors() -> None:
    """The README's table is extract/errors.py's ExitCode written out: one source, no second list to drift."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Exit codes\n", 1)[1].split("\n## ", 1)[0]
    table = "\n".join(line for line in section.strip().splitlines() if line.startswith("|"))
    assert table == exit_code_table()
    assert set(MEANINGS) == set(ExitCode) and "| 130 | interrupted |" in table


def _one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("policykg: error: "), result.stderr
    return result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("build", "--jobs", "x"),
        ("query",),
        ("query", "targets-for-year", "--format", "xml"),
        ("no-such-command",),
        ("track", "only-one.txt"),
    ],
    ids=["jobs-not-a-number", "query-without-name", "bad-format", "unknown-command", "track-one-report"],
)
def test_usage_errors_exit_2_with_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    result = run_cli(*args, env={"POLICYKG_STORE": str(tmp_path / "store")})
    assert result.returncode == ExitCode.USAGE
    _one_error_line(result)
    assert result.stdout == ""


def test_explain_a_sentence_not_in_the_report_is_a_usage_error() -> None:
    result = run_cli("explain", EXAMPLE, "这句话不在报告里")
    assert result.returncode == ExitCode.USAGE
    assert "text not found" in _one_error_line(result)


def test_missing_input_exits_3(tmp_path: Path) -> None:
    result = run_cli("build", tmp_path / "nope.txt", "--no-store", "--out", tmp_path / "o")
    assert result.returncode == ExitCode.INPUT_MISSING
    _one_error_line(result)


def test_not_a_report_exits_4(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_cli("build", empty, "--no-store", "--out", tmp_path / "o")
    assert result.returncode == ExitCode.NOT_A_REPORT
    assert "empty" in _one_error_line(result)
    assert not (tmp_path / "o").exists()


def test_store_missing_exits_6(tmp_path: Path) -> None:
    for args in (("query", "places-with-codes"), ("list",), ("push", "--endpoint", "http://127.0.0.1:9/store")):
        result = run_cli(*args, "--store", tmp_path / "no-store")
        assert result.returncode == ExitCode.STORE, (args, result.stderr)
        assert "no store" in _one_error_line(result)


def test_interrupt_exits_130(tmp_path: Path) -> None:
    """SIGINT while the second report is being extracted: 130, one line, no output written."""
    big = tmp_path / "big.txt"
    big.write_text(EXAMPLE.read_text(encoding="utf-8") * 6, encoding="utf-8")
    out = tmp_path / "o"
    cmd = [*policykg_command(), "build", str(EXAMPLE), str(big), "--jobs", "1", "--no-store", "--out", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    first = proc.stderr.readline()  # "[1/2] pingliang-….txt: …": now inside the second extraction
    assert first.startswith("[1/2]"), first
    proc.send_signal(signal.SIGINT)
    rest = proc.stderr.read()
    assert proc.wait(timeout=120) == ExitCode.INTERRUPTED
    assert rest == "policykg: interrupted\n"
    assert not out.exists()


def test_internal_error_exits_1_with_one_line(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """Exit 1 is for bugs only: an unexpected exception, reported in one line without a traceback."""
    import policykg.querycli
    from policykg.cli import main

    def broken() -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(policykg.querycli, "list_command", broken)
    assert main(["queries"]) == ExitCode.INTERNAL
    err = capsys.readouterr().err
    assert err == "policykg: internal error: ZeroDivisionError: division by zero (please report it)\n"


def test_no_argument_quickstart(tmp_path: Path) -> None:
    """`policykg` alone builds the bundled example into ./policykg-out and the default store."""
    home, store = tmp_path / "home", tmp_path / "store"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "POLICYKG_STORE": str(store)}
    env.pop("XDG_DATA_HOME", None)
    result = subprocess.run(
        policykg_command(), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    out = tmp_path / "policykg-out"
    assert str(out / "view.html") in result.stdout
    for name in ("graph.ttl", "graph.nt", "view.html", "quantities.csv", "tasks.csv"):
        assert (out / name).stat().st_size > 0, name
    graphs = [g.value for g in ox.Store.read_only(str(store)).named_graphs()]
    assert graphs == ["https://w3id.org/policykg/id/report/620800-2021-12-11"]
    assert not any(home.iterdir())  # POLICYKG_STORE wins over the home folder


def test_queries_lists_every_saved_query() -> None:
    from importlib.resources import files

    result = run_cli("queries")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name[:-3] for p in files("policykg.queries").iterdir() if p.name.endswith(".rq"))
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert listed == names
    line = next(x for x in result.stdout.splitlines() if x.startswith("places-with-codes "))
    assert "GB/T 2260" in line and "[params: type (string)]" in line


def test_query_a_turtle_file(tmp_path: Path) -> None:
    data = tmp_path / "places.ttl"
    data.write_text(PLACES_TTL, encoding="utf-8")
    result = run_cli("query", "places-with-codes", "--data", data, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "place,name,code,type,parent_name,parent_code,inside",
        "urn:x:620000,甘肃省,620000,province,,,false",
        "urn:x:620800,平凉市,620800,prefecture,甘肃省,620000,false",
        "urn:x:620821,泾川县,620821,county,平凉市,620800,true",
    ]
    county = run_cli("query", "places-with-codes", "--data", data, "--param", "type=county", "--format", "csv")
    assert county.stdout.splitlines()[1:] == ["urn:x:620821,泾川县,620821,county,平凉市,620800,true"]
    missing = run_cli("query", "places-with-codes", "--data", tmp_path / "none.ttl")
    assert missing.returncode == ExitCode.QUERY and "no such data file" in _one_error_line(missing)


def test_timeout_stops_a_runaway_query(tmp_path: Path) -> None:
    data = tmp_path / "places.ttl"
    data.write_text(PLACES_TTL * 1, encoding="utf-8")
    runaway = tmp_path / "runaway.rq"
    # a cross product of the data with itself eight times over: 13^8 rows, far beyond a second
    runaway.write_text(
        "# question: never ends\n# columns: n\nSELECT (COUNT(*) AS ?n) WHERE { "
        + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(8))
        + " }\n",
        encoding="utf-8",
    )
    result = run_cli("query", runaway, "--data", data, "--timeout", "1", timeout=120)
    assert result.returncode == ExitCode.QUERY
    assert "time limit" in _one_error_line(result)
