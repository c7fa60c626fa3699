"""The workbench on a store of many reports: the dev corpus built by the real command, every page in chromium.

The per-page data calls read one report's graph at a time, so no page may time out (504) however many
reports the store holds; timings at a million triples are measured by scripts/load_workbench.py, not here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from cli_helpers import run_cli
from conftest import dev_reports
from server_fixtures import running_server
from test_workbench import assert_clean, open_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory) -> Iterator[Any]:
    reports = dev_reports()
    if len(reports) < 20:
        pytest.skip("the dev corpus (../shared/corpus/dev) is not here")
    root = tmp_path_factory.mktemp("corpus")
    built = run_cli("build", *reports, "--out", root / "out", "--store", root / "store", timeout=1200)
    assert built.returncode == 0, built.stderr
    with running_server(root / "store", []) as server:
        yield server


def test_corpus_store_holds_every_report(corpus_server) -> None:
    assert len(corpus_server.get("/api/reports").json()) == len(dev_reports())


def test_every_page_renders_on_the_corpus_without_a_time_out(chromium, corpus_server) -> None:
    answers: list[tuple[int, str]] = []
    page, log = open_page(chromium, corpus_server, "/network")
    page.on("response", lambda r: answers.append((r.status, r.url)))
    page.wait_for_function("() => /任务/.test(document.getElementById('status').textContent)", timeout=30_000)
    assert page.evaluate("() => window.policykg.state.byId.size") > 10
    for layer in ("target", "place", "department", "domain"):
        page.check(f"input[name=layer][value={layer}]")
    page.wait_for_function("() => /任务/.test(document.getElementById('status').textContent)", timeout=30_000)
    assert_clean(log)

    tasks, tasks_log = open_page(page.context.browser, corpus_server, "/tasks")
    tasks.on("response", lambda r: answers.append((r.status, r.url)))
    tasks.wait_for_selector("#table tbody tr", timeout=30_000)
    tasks.wait_for_function("() => !/loading/.test(document.getElementById('status').textContent)", timeout=120_000)
    total = sum(len(corpus_server.get("/api/tasks", params={"report": r["graph"]}).json()["rows"])
                for r in corpus_server.get("/api/reports").json())  # fmt: skip
    assert tasks.locator("#table tbody tr").count() == total  # every report's tasks streamed in
    assert_clean(tasks_log)

    tracking, tracking_log = open_page(page.context.browser, corpus_server, "/tracking")
    tracking.on("response", lambda r: answers.append((r.status, r.url)))
    tracking.wait_for_selector("#table tbody tr", timeout=30_000)
    options = tracking.eval_on_selector_all("#f-report option", "o => o.slice(1).map(x => x.textContent)")
    assert options and not any(o.startswith("http") for o in options)  # reports by place and date
    assert_clean(tracking_log)
    assert not [a for a in answers if a[0] >= 500], answers
