"""The offline HTML view: one self-contained file, fixed layout, untrusted text shown as text.

The browser tests drive Debian's headless chromium (see tests/browser.py) and skip when it is
not installed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import open_view
from hypothesis import given
from hypothesis import strategies as st
from network_fixtures import XSS_CLOSE, XSS_IMG, XSS_SCRIPT, hostile_extraction, scaled_extraction, small_extraction

from policykg.graph.display import display_graph
from policykg.graph.network import build_network
from policykg.graph.view import _json_for_script, remote_references, render_view, write_view


class _Refs(HTMLParser):
    """Every URL-bearing attribute and every script/style element of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.scripts_with_src = 0
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "action", "poster", "data") and value:
                self.urls.append(value)
        if tag == "script" and any(n == "src" for n, _ in attrs):
            self.scripts_with_src += 1


def _refs(html: str) -> _Refs:
    parser = _Refs()
    parser.feed(html)
    return parser


def _data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


def test_page_is_self_contained_and_offline() -> None:
    html = render_view(build_network(small_extraction()), "平凉市政府工作报告")
    refs = _refs(html)
    assert refs.urls == []
    assert refs.scripts_with_src == 0
    assert "link" not in refs.tags
    assert remote_references(html) == []
    assert "vis-network" in html and "@version 9.1.2" in html  # the library is inlined, not fetched
    assert "connect-src" in html or "default-src 'none'" in html


def test_remote_reference_detector_finds_cdn_tags() -> None:
    """What pyvis's own templates emit is caught."""
    html = '<link href="https://cdn.jsdelivr.net/x.css" rel="stylesheet"><script src="//cdn/x.js"></script>'
    assert len(remote_references(html)) == 2


def test_report_text_that_would_fetch_remotely_is_refused() -> None:
    """The guard reads the report's own data on every page (the inlined library is checked once)."""
    g = build_network(small_extraction())
    goal = next(n for n, kind in g.nodes(data="kind") if kind == "goal")
    g.nodes[goal]["label"] = "见 url(//example.org/x.png)"
    with pytest.raises(ValueError, match="remote"):
        render_view(g)


def test_layout_is_fixed_and_physics_off() -> None:
    g = build_network(scaled_extraction(25))
    data = _data(render_view(g))
    assert data["options"]["physics"]["enabled"] is False
    positions = [(n["x"], n["y"]) for n in data["nodes"]]
    assert len(data["nodes"]) == display_graph(g).number_of_nodes()
    assert len(set(positions)) == len(positions)  # no two nodes on the same spot
    by_id = {n["id"]: n for n in data["nodes"]}
    # tree reads left to right: goal, then its task, then the task's figures and projects
    assert by_id["goal:G1-0"]["x"] < by_id["task:T1-0"]["x"] < by_id["target:Q2-0"]["x"]
    assert by_id["project:P1-0"]["x"] > by_id["task:T1-0"]["x"]  # in the grid beside its task
    assert by_id["project:P1-0"]["y"] == by_id["target:Q2-0"]["y"]
    # departments, domains and places sit in bands below the tree
    tree_bottom = max(n["y"] for n in data["nodes"] if n["kind"] in ("goal", "task", "target", "project", "result"))
    band_top = min(n["y"] for n in data["nodes"] if n["kind"] in ("department", "domain", "place"))
    assert band_top > tree_bottom


def test_styles_differ_by_kind_and_legend_lists_them() -> None:
    html = render_view(build_network(small_extraction()))
    data = _data(html)
    look = {(n["kind"], n["shape"], n["color"]["background"]) for n in data["nodes"]}
    assert len({(shape, colour) for _, shape, colour in look}) == len({k for k, _, _ in look})
    for caption in ("目标 goal", "任务 task", "指标 target", "项目 project", "部门 department", "地点 place"):
        assert caption in html


def test_tooltips_carry_the_evidence() -> None:
    data = _data(render_view(build_network(small_extraction())))
    task = next(n for n in data["nodes"] if n["id"] == "task:T2")
    assert task["title"].startswith("持续巩固拓展脱贫攻坚成果\ntask · S2.2 · 2022\n")
    assert "静宁县新建高标准农田16万亩。" in task["title"]


_RENDER = """
import sys
sys.path.insert(0, {tests!r})
from network_fixtures import small_extraction
from policykg.graph.network import build_network
from policykg.graph.view import render_view
sys.stdout.buffer.write(render_view(build_network(small_extraction()), "t").encode("utf-8"))
"""


def test_output_is_the_same_in_another_process(tmp_path: Path) -> None:
    """Another interpreter with another hash seed writes the same bytes as this one."""
    code = _RENDER.format(tests=str(Path(__file__).parent))
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True, cwd=tmp_path)
    assert run.stdout.decode("utf-8") == render_view(build_network(small_extraction()), "t")


def test_untrusted_text_never_appears_as_markup() -> None:
    ex = hostile_extraction()
    html = render_view(build_network(ex), ex.meta.title)
    for payload in (XSS_SCRIPT, XSS_IMG, XSS_CLOSE, "<b onmouseover"):
        assert payload not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(3)" in html  # the title, escaped
    assert _refs(html).tags.count("script") == 3  # data, vis-network, ours: none injected
    labels = {n["fullLabel"] for n in _data(html)["nodes"]}
    assert {XSS_SCRIPT, XSS_IMG, XSS_CLOSE} <= labels  # ... yet the text itself survives


@given(st.text())
def test_script_json_cannot_break_out(text: str) -> None:
    encoded = _json_for_script({"label": text})
    assert "<" not in encoded and ">" not in encoded
    assert json.loads(encoded) == {"label": text}


def test_write_is_atomic_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out" / "view.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    network = build_network(small_extraction())
    write_view(network, target, "报告")
    assert target.read_text(encoding="utf-8") == render_view(network, "报告")
    assert [p.name for p in target.parent.iterdir()] == ["view.html"]  # no temp file left behind


@pytest.mark.browser
def test_browser_renders_every_node_offline(chromium, tmp_path: Path) -> None:
    network = build_network(scaled_extraction(25))
    path = write_view(network, tmp_path / "view.html", "平凉市政府工作报告")
    page, log = open_view(chromium, path)
    try:
        drawn = display_graph(network)
        counts = page.evaluate("() => [nodes.length, edges.length]")
        assert counts == [drawn.number_of_nodes(), drawn.number_of_edges()]
        # with every layer switched on, every node is drawn
        page.evaluate("() => Object.keys(window.policykg.shown).forEach(k => window.policykg.setLayer(k, true))")
        assert page.evaluate("() => Object.keys(network.getPositions()).length") == drawn.number_of_nodes()
        assert log.remote_requests == []
        assert log.console_errors == [] and log.page_errors == []
        assert page.evaluate("() => document.getElementById('title').textContent") == "平凉市政府工作报告"
    finally:
        page.context.close()


@pytest.mark.browser
def test_browser_shows_markup_as_text(chromium, tmp_path: Path) -> None:
    ex = hostile_extraction()
    path = write_view(build_network(ex), tmp_path / "view.html", ex.meta.title)
    page, log = open_view(chromium, path)
    try:
        assert page.evaluate("() => document.getElementById('title').textContent") == ex.meta.title
        # hover the task whose title is a script tag: the tooltip shows it as text
        xy = page.evaluate("() => network.canvasToDOM(network.getPositions(['task:T1'])['task:T1'])")
        box = page.locator("#network").bounding_box()
        assert box
        page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
        page.wait_for_function("() => { const t = document.querySelector('.vis-tooltip'); "
                               "return t && t.style.visibility === 'visible'; }")  # fmt: skip
        tip = page.evaluate("() => document.querySelector('.vis-tooltip').textContent")
        assert tip.startswith(XSS_SCRIPT)
        # click the project named by an <img> tag: the details panel shows it as text
        xy = page.evaluate("() => network.canvasToDOM(network.getPositions(['project:P1'])['project:P1'])")
        page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
        assert page.evaluate("() => document.getElementById('d-label').textContent") == XSS_IMG
        page.mouse.move(0, 0)
        # the evidence of T2 ends with the <img> tag: hover shows it as text, and nothing ran
        xy = page.evaluate("() => network.canvasToDOM(network.getPositions(['task:T2'])['task:T2'])")
        page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
        page.wait_for_function("(s) => document.querySelector('.vis-tooltip').textContent.includes(s)", arg=XSS_IMG)
        assert page.evaluate("() => document.querySelectorAll('img, [onerror], [onmouseover]').length") == 0
        assert page.evaluate("() => document.scripts.length") == 3
        assert log.dialogs == []
        assert log.console_errors == [] and log.page_errors == []
        assert log.remote_requests == []
    finally:
        page.context.close()


def test_view_colours_checked_promises_with_a_legend() -> None:
    from tracking_fixtures import tiny_pair

    from policykg.graph.network import build_network
    from policykg.graph.view import render_view, styles

    old, _new, links = tiny_pair()
    html = render_view(build_network(old, links))
    data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S).group(1))
    nodes = {n["id"]: n for n in data["nodes"]}
    met = styles()["tracking"]["met"]["border"]
    assert nodes["target:Q3"]["color"]["border"] == met and nodes["target:Q3"]["borderWidth"] == 4
    assert nodes["target:Q3"]["tracking"] == "met"
    assert nodes["target:Q4"]["borderWidth"] == 1
    assert '"tracking"' in html and 'data-status="met"' in html and 'data-status="no_statement"' in html
    assert 'data-status="partly"' not in html  # only statuses that occur
    assert "下一年报告核查" not in render_view(build_network(old))
