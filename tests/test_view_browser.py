"""The standalone view at first open, in Debian's headless chromium: it reads, finds and switches.

On the bundled example and a dev report: no console error, no request off the machine, the parts'
captions and the goals on screen at a legible size, the search box finds a node (switching its
layer on when needed), and a layer switch shows and hides its row.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import open_view
from conftest import DEV_CORPUS, EXAMPLE

from policykg.graph.network import build_network
from policykg.graph.view import write_view

pytestmark = pytest.mark.browser

REPORTS = [EXAMPLE, pytest.param(DEV_CORPUS / "hebei-province-2024.txt", marks=pytest.mark.shared)]


def _open(chromium, tmp_path: Path, report: Path):
    from policykg.pipeline import extract_file

    ex = extract_file(report)
    path = write_view(build_network(ex), tmp_path / "view.html", ex.meta.title)
    return open_view(chromium, path, width=1600, height=1000)


@pytest.mark.parametrize("report", REPORTS)
def test_first_open_shows_parts_and_goals_legibly(chromium, tmp_path: Path, report: Path) -> None:
    page, log = _open(chromium, tmp_path, report)
    try:
        seen = page.evaluate(
            """() => {
            const box = document.getElementById('network').getBoundingClientRect();
            const scale = network.getScale();
            return nodes.get({filter: n => n.kind === 'part' || n.kind === 'goal'}).map(n => {
                const p = network.canvasToDOM(network.getPosition(n.id));
                return {kind: n.kind, label: n.label, px: n.font.size * scale,
                        inside: p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height};
            });
        }"""
        )
        parts = [s for s in seen if s["kind"] == "part"]
        goals = [s for s in seen if s["kind"] == "goal"]
        assert len(parts) >= 2 and goals
        assert all(s["inside"] for s in seen)  # the whole structure is on screen at first
        assert min(s["px"] for s in parts) >= 16 and min(s["px"] for s in goals) >= 10
        assert not any(s["label"].strip().isdigit() for s in parts)
        assert log.console_errors == [] and log.page_errors == [] and log.remote_requests == []
    finally:
        page.context.close()


@pytest.mark.parametrize("report", REPORTS)
def test_search_box_finds_a_node_and_layer_switches_show_rows(chromium, tmp_path: Path, report: Path) -> None:
    page, log = _open(chromium, tmp_path, report)
    try:
        shown = "() => Object.keys(network.getPositions())"
        kinds = "ids => ids.map(id => nodes.get(id).kind)"
        first = page.evaluate(f"() => ({kinds})(({shown})())")
        assert "department" not in first and "place" not in first and "goal" in first
        # a layer switch shows its row, and hides it again
        page.check("input[name=layer][value=place]")
        assert "place" in page.evaluate(f"() => ({kinds})(({shown})())")
        page.uncheck("input[name=layer][value=place]")
        assert "place" not in page.evaluate(f"() => ({kinds})(({shown})())")
        page.uncheck("input[name=layer][value=project]")
        assert "project" not in page.evaluate(f"() => ({kinds})(({shown})())")
        page.check("input[name=layer][value=project]")
        # the search box finds a department (its row is off: the search switches it on)
        name = page.evaluate("() => nodes.get({filter: n => n.kind === 'department'})[0].fullLabel")
        page.fill("#search", name)
        page.click("#search-form button")
        page.wait_for_function("t => document.getElementById('d-label').textContent === t", arg=name)
        selected = page.evaluate("() => network.getSelectedNodes()")
        assert len(selected) == 1 and page.evaluate("id => nodes.get(id).fullLabel", selected[0]) == name
        assert page.is_checked("input[name=layer][value=department]")
        assert page.evaluate("() => document.getElementById('status').textContent").startswith("找到 found 1/")
        # its links to tasks are drawn now that it is selected
        drawn = page.evaluate(
            "id => edges.get({filter: e => (e.from === id || e.to === id) && !e.hidden}).length", selected[0]
        )
        assert drawn >= 1
        # a goal by a piece of its title
        goal = page.evaluate("() => nodes.get({filter: n => n.kind === 'goal'})[0].fullLabel")
        page.fill("#search", goal[:6])
        page.click("#search-form button")
        page.wait_for_function("t => document.getElementById('d-label').textContent.includes(t)", arg=goal[:6])
        page.fill("#search", "没有这样的节点xyz")
        page.click("#search-form button")
        assert page.evaluate("() => document.getElementById('status').textContent").startswith("未找到")
        assert log.console_errors == [] and log.page_errors == [] and log.remote_requests == []
    finally:
        page.context.close()
