"""Charts of one government's promises: the same numbers from `policykg chart`, the saved queries and
the workbench's /api/charts, the files and the 图表 Charts page drawn in a real chromium, bad input refused.

One series is built once for the module: 河北省's 2021–2023 reports (two tracked pairs), with
`policykg build` into a store and `policykg chart` into a folder, as a user would.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import run_cli
from conftest import DEV_CORPUS
from server_fixtures import running_server

from policykg.extract.errors import ExitCode

pytestmark = pytest.mark.shared

SERIES = [DEV_CORPUS / f"hebei-province-{year}.txt" for year in (2021, 2022, 2023)]
GOVERNMENT = "河北省"
SAVED = {"record": "promise-record", "domains": "promise-record-by-domain", "metrics": "target-vs-result"}


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("series")
    built = run_cli("build", *SERIES, "--out", root / "build", "--store", root / "store")
    assert built.returncode == 0, built.stderr
    charted = run_cli("chart", *SERIES, "--out", root / "charts")
    assert charted.returncode == 0, charted.stderr
    assert charted.stderr == "" and charted.stdout.count("\n") == 1
    return {"build": root / "build", "store": root / "store", "charts": root / "charts"}


@pytest.fixture(scope="module")
def cli_chart(series) -> dict[str, Any]:
    return json.loads((series["charts"] / "charts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def server(series) -> Iterator[Any]:
    with running_server(series["store"], []) as srv:
        yield srv


def _from_saved_queries(store_dir: Path, government: str) -> dict[str, Any]:
    """The chart's data as the saved queries give it, run on the store like `policykg query` does."""
    import pyoxigraph as ox

    from policykg.graph.charts import chart_json
    from policykg.graph.series import chart_data, typed_rows
    from policykg.queries import run_query

    store = ox.Store.read_only(str(store_dir))
    tables = {
        kind: typed_rows(kind, run_query(store, name, {"government": government}).as_dicts())
        for kind, name in SAVED.items()
    }
    return json.loads(chart_json(chart_data(tables, government)))


def test_saved_queries_give_the_numbers_of_the_cli_charts(series, cli_chart):
    assert cli_chart["government"] == GOVERNMENT and cli_chart["years"] == [2021, 2022]
    assert cli_chart["reviewed_in"] == {"2021": 2022, "2022": 2023}
    assert _from_saved_queries(series["store"], GOVERNMENT) == cli_chart


def test_api_gives_the_numbers_of_the_cli_charts(server, cli_chart):
    answer = server.get("/api/charts").json()
    assert answer["governments"] == [GOVERNMENT]
    assert answer["chart"] == cli_chart
    assert server.get("/api/charts", params={"government": GOVERNMENT}).json()["chart"] == cli_chart
    missing = server.get("/api/charts", params={"government": "不存在市"})
    assert missing.status_code == 404 and "不存在市" in missing.json()["error"]
    page = server.get("/charts")
    assert page.status_code == 200 and 'href="/charts" aria-current="page"' in page.text
    assert server.get("/vendor/plotly/plotly.min.js").status_code == 200


def test_record_counts_every_checked_promise_of_the_tracking_csv(series, cli_chart):
    """Per year and status, the record counts each promise of tracking.csv once (two links to one
    promise are one check, as in the graph)."""
    with (series["build"] / "tracking.csv").open(encoding="utf-8-sig") as handle:
        links = list(csv.DictReader(handle))
    year = {f"hebei-province-{y}.txt": y for y in (2021, 2022, 2023)}
    expected = Counter(
        {(year[r["target_report"]], r["kind"], r["status"], r["target_id"]) for r in links}  # distinct checks
    )
    per_cell = Counter((y, k, s) for (y, k, s, _) in expected)
    assert {(r["year"], r["kind"], r["status"]): r["checks"] for r in cli_chart["record"]} == per_cell
    by_domain: Counter[tuple[str, str]] = Counter()
    for row in cli_chart["domains"]:
        by_domain[(row["kind"], row["status"])] += row["checks"]
    over_years: Counter[tuple[str, str]] = Counter()
    for (_, kind, status), n in per_cell.items():
        over_years[(kind, status)] += n
    assert by_domain == over_years  # every promise in exactly one domain (未分类 when it has none)


def test_target_against_result_reads_as_the_reports_say(cli_chart):
    """地区生产总值增速: 6.5% set for 2021, 6.5% reported (met); 6.5% set for 2022, 3.8% reported (not met)."""
    (gdp,) = [m for m in cli_chart["metrics"] if m["metric"] == "地区生产总值增速"]
    points = {p["year"]: p for p in gdp["points"]}
    assert gdp["unit"] == "%" and gdp["years"] == [2021, 2022]
    assert (points[2021]["target"], points[2021]["result"], points[2021]["status"]) == (6.5, 6.5, "met")
    assert (points[2022]["target"], points[2022]["result"], points[2022]["status"]) == (6.5, 3.8, "not_met")
    assert points[2022]["result_surface"] == "3.8%左右"
    every = [p for m in cli_chart["metrics"] for p in m["points"]]
    assert all((p["result"] is None) == (p["status"] == "no_statement") for p in every)
    assert {p["comparator"] for p in every} <= {">=", "<=", "~", "="}


def test_chart_output_does_not_depend_on_the_order_of_the_reports(series, tmp_path):
    """`chart` in any order of its reports, and `build` of one government's reports, write the same files."""
    again = run_cli("chart", *reversed(SERIES), "--out", tmp_path)
    assert again.returncode == 0, again.stderr
    for name in ("charts.html", "charts.json"):
        assert (tmp_path / name).read_bytes() == (series["charts"] / name).read_bytes(), name
        assert (series["build"] / name).read_bytes() == (series["charts"] / name).read_bytes(), name


@pytest.mark.parametrize(
    ("reports", "code", "says"),
    [
        ([SERIES[0]], ExitCode.USAGE, "at least two reports"),
        ([SERIES[0], DEV_CORPUS / "baoding-2021.txt"], ExitCode.USAGE, "different governments"),
        (
            [SERIES[0], SERIES[0].with_name("hebei-province-1999.txt")],
            ExitCode.INPUT_MISSING,
            "hebei-province-1999.txt",
        ),
    ],
)
def test_bad_series_is_one_line_and_an_exit_code(tmp_path, reports, code, says):
    result = run_cli("chart", *reports, "--out", tmp_path)
    assert result.returncode == code
    assert result.stderr.count("\n") == 1 and says in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "charts.html").exists()


# --- in chromium ---------------------------------------------------------------------------------


def _watch(page: Any, allowed: tuple[str, ...]) -> dict[str, list[str]]:
    log: dict[str, list[str]] = {"remote": [], "errors": []}

    def route(r: Any) -> None:
        if r.request.url.startswith(allowed):
            r.continue_()
        else:
            log["remote"].append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    return log


def _drawn(page: Any, metrics: int) -> None:
    """Every chart has SVG with marks in it: bars in the record charts, points in each indicator's."""
    page.wait_for_function("() => window.policykgChartsDrawn !== undefined", timeout=60_000)
    assert page.evaluate("window.policykgChartsDrawn") == metrics + 2
    bars = page.eval_on_selector_all("#chart-record g.point path, #chart-domains g.point path", "e => e.length")
    assert bars > 0
    charts = page.eval_on_selector_all(".metric-chart", "e => e.map(c => c.querySelectorAll('g.points path').length)")
    assert len(charts) == metrics and all(n > 0 for n in charts)
    titles = page.eval_on_selector_all(".metric-chart .gtitle", "e => e.map(t => t.textContent)")
    assert any("地区生产总值增速" in t for t in titles)


@pytest.mark.browser
def test_charts_page_draws_offline_without_errors(chromium, server, cli_chart):
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    log = _watch(page, (server.url + "/",))
    page.goto(server.url + "/charts")
    _drawn(page, len(cli_chart["metrics"]))
    assert page.input_value("#f-government") == GOVERNMENT
    assert log == {"remote": [], "errors": []}
    context.close()


@pytest.mark.browser
def test_charts_file_draws_offline_without_errors(chromium, series, cli_chart):
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    log = _watch(page, ("file:", "data:", "about:", "blob:"))
    page.goto((series["charts"] / "charts.html").resolve().as_uri())
    _drawn(page, len(cli_chart["metrics"]))
    assert log == {"remote": [], "errors": []}
    context.close()
