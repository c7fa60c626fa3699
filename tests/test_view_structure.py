"""The network pages read at first sight: parts captioned in words, goals legible at the first zoom,
optional rows off, review results under their part, a repeated title shown once, one style table.

Run on the bundled example and on a dev report of another province and year (../shared).
"""

from __future__ import annotations

import json
import re
from functools import cache

import networkx as nx
import pytest
from conftest import DEV_CORPUS, EXAMPLE

from policykg.graph.network import build_network
from policykg.graph.view import render_view, styles
from policykg.web.workbench import PKG, Filters, Link, TaskRow, network

DEV = "hebei-province-2024"
SCREEN = (1600, 900)  # the canvas of a 1600x1000 window below the page header


def _data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


@cache
def _extraction(name: str):
    from policykg.pipeline import extract_file

    return extract_file(EXAMPLE if name == "example" else DEV_CORPUS / f"{name}.txt")


@cache
def _view(name: str) -> dict:
    ex = _extraction(name)
    return _data(render_view(build_network(ex), ex.meta.title))


REPORTS = ["example", pytest.param(DEV, marks=pytest.mark.shared)]


def _fit_scale(data: dict) -> float:
    """The scale vis-network's fit gives the nodes the page fits first, on a 1600x900 canvas."""
    wanted = set(data.get("tree") or [n["id"] for n in data["nodes"]])
    shown = [n for n in data["nodes"] if n["id"] in wanted and not n.get("hidden")]
    half = {n["id"]: n.get("widthConstraint", {}).get("maximum", 60) / 2 for n in shown}
    left = min(n["x"] - half[n["id"]] for n in shown)
    right = max(n["x"] + half[n["id"]] for n in shown)
    top = min(n["y"] for n in shown) - 40
    bottom = max(n["y"] for n in shown) + 40
    return min(SCREEN[0] / (right - left), SCREEN[1] / (bottom - top))


def test_example_parts_are_captioned_in_words() -> None:
    data = _view("example")
    parts = [n["label"] for n in sorted(data["nodes"], key=lambda n: n["x"]) if n["kind"] == "part"]
    assert parts == ["过去五年工作回顾", "未来五年发展目标任务", "2022年重点工作", "全面加强政府自身建设"]
    assert not any(c["text"].strip().isdigit() for c in data["captions"])  # no bare 1…6 on the canvas


@pytest.mark.parametrize("name", REPORTS)
def test_every_part_caption_is_words_and_short(name: str) -> None:
    ex = _extraction(name)
    data = _view(name)
    parts = [n for n in data["nodes"] if n["kind"] == "part"]
    assert len(parts) == sum(1 for s in ex.sections if s.level == 1) >= 2
    for part in parts:
        assert re.search(r"[\u4e00-\u9fff]{2}", part["label"]) and len(part["label"]) <= 14
        assert part["fullLabel"] in {s.title for s in ex.sections if s.level == 1}


@pytest.mark.parametrize("name", REPORTS)
def test_goal_labels_and_captions_read_at_the_first_zoom(name: str) -> None:
    """At the scale the page opens with, a goal's label is at least 10 px high and a caption 16 px."""
    data = _view(name)
    scale = _fit_scale(data)
    goals = [n for n in data["nodes"] if n["kind"] == "goal"]
    parts = [n for n in data["nodes"] if n["kind"] == "part"]
    assert goals and parts
    assert min(n["font"]["size"] for n in goals) * scale >= 10
    assert min(n["font"]["size"] for n in parts) * scale >= 16
    assert all(n["label"] and not n.get("hidden") for n in goals + parts)


@pytest.mark.parametrize("name", REPORTS)
def test_department_domain_and_place_rows_are_off_at_first(name: str) -> None:
    data = _view(name)
    by_id = {n["id"]: n for n in data["nodes"]}
    optional = {"department", "domain", "place"}
    assert {n["kind"] for n in data["nodes"]} >= optional
    for n in data["nodes"]:
        assert n.get("hidden", False) is (n["kind"] in optional), n["id"]
    for e in data["edges"]:
        if by_id[e["from"]]["kind"] in optional or by_id[e["to"]]["kind"] in optional:
            assert e["hidden"], e
    ex = _extraction(name)
    html = render_view(build_network(ex), ex.meta.title)
    for kind in optional:  # switchable, and unchecked
        assert re.search(rf'<input type="checkbox" name="layer" value="{kind}">', html)
    for kind in ("project", "target", "result"):
        assert re.search(rf'<input type="checkbox" name="layer" value="{kind}" checked>', html)


@pytest.mark.parametrize("name", REPORTS)
def test_review_results_hang_off_their_part(name: str) -> None:
    """A result no task holds sits under the caption of the part it reviews, not in a grid apart."""
    ex = _extraction(name)
    data = _view(name)
    by_id = {n["id"]: n for n in data["nodes"]}
    parent = {e["to"]: e["from"] for e in data["edges"] if by_id[e["from"]]["kind"] in ("part", "report")}
    review = [s.id for s in ex.sections if s.level == 1 and s.part == "review"]
    assert review
    part = by_id[f"part:{review[0]}"]
    half = part["widthConstraint"]["maximum"] / 2
    results = [n for n in data["nodes"] if n["kind"] == "result" and n["section"].split(".")[0] == review[0]]
    assert len(results) >= 10
    for n in results:
        if n["id"] in parent:  # held by no task
            assert parent[n["id"]] == part["id"]
            assert part["x"] - half <= n["x"] <= part["x"] + half and n["y"] > part["y"]
    assert not any(by_id[p]["kind"] == "report" and by_id[c]["kind"] == "result" for c, p in parent.items())


@pytest.mark.parametrize("name", REPORTS)
def test_a_goal_that_repeats_its_task_is_shown_once(name: str) -> None:
    ex = _extraction(name)
    data = _view(name)
    by_label: dict[str, list[dict]] = {}
    for n in data["nodes"]:
        by_label.setdefault(n["fullLabel"], []).append(n)
    repeats = [(g, t) for g in ex.goals for t in ex.tasks if t.goal == g.id and t.title == g.title]
    assert repeats
    edges = {(e["from"], e["to"]) for e in data["edges"]}
    ids = {n["id"] for n in data["nodes"]}
    for goal, task in repeats:
        assert [n["kind"] for n in by_label[goal.title]] == ["goal"]
        assert f"task:{task.id}" not in ids
        for qid in task.quantities:  # the folded task's figures hang off the goal
            for nid in (f"target:{qid}", f"result:{qid}"):
                if nid in ids:
                    assert (f"goal:{goal.id}", nid) in edges


def test_the_view_is_the_same_for_the_same_input() -> None:
    ex = _extraction("example")
    assert render_view(build_network(ex), "t") == render_view(build_network(_extraction("example")), "t")


# --- the workbench's network ---------------------------------------------------------------------


def _task(i: int, goal: str, part: str, links: dict[str, list[Link]]) -> TaskRow:
    row = TaskRow(
        "r", f"t{i}", f"T{i}", f"任务{i}", goal, PKG + "Goal", f"目标{goal}", "2024", "", "", i * 10, i * 10 + 5
    )
    row.part, row.part_label = part, {"p1": "2023年工作回顾", "p2": "2024年目标任务和主要工作"}[part]
    for predicate, items in links.items():
        row.links[PKG + predicate] = items
    return row


def _workbench_tasks() -> list[TaskRow]:
    dept = [Link("d1", "省发展改革委", PKG + "Department")]
    return [
        _task(
            1, "g1", "p1", {"leadDepartment": dept, "involvesProject": [Link("x1", "雄安新区建设", PKG + "Project")]}
        ),
        _task(2, "g2", "p2", {"leadDepartment": dept, "concernsPlace": [Link("pl", "石家庄市", PKG + "Place")]}),
        _task(3, "g2", "p2", {"policyDomain": [Link("dm", "交通", PKG + "PolicyDomain")]}),
    ]


def test_workbench_all_layers_reads_as_captioned_parts() -> None:
    layers = ("project", "target", "place", "department", "domain")
    data = network(_workbench_tasks(), Filters(), layers)
    by_id = {n["id"]: n for n in data["nodes"]}
    assert [by_id["p1"]["label"], by_id["p2"]["label"]] == ["2023年工作回顾", "2024年目标任务和主要工作"]
    assert by_id["p1"]["x"] < by_id["g1"]["x"] + 1000 < by_id["p2"]["x"] + 1000  # a column per part
    tree_bottom = max(n["y"] for n in data["nodes"] if n["kind"] in ("goal", "task", "project"))
    assert min(n["y"] for n in data["nodes"] if n["kind"] in ("department", "place", "domain")) > tree_bottom
    # links to the rows below are drawn for the selected node only, not all at once
    links = [e for e in data["edges"] if by_id[e["to"]]["kind"] in ("department", "place", "domain")]
    assert links and all(e.get("link") for e in links)
    assert {c["kind"] for c in data["captions"]} == {"department", "place", "domain"}
    assert network(_workbench_tasks(), Filters(), layers) == data  # deterministic


def test_workbench_folds_a_task_that_repeats_its_goal() -> None:
    tasks = _workbench_tasks()
    tasks[0].label = tasks[0].parent_label
    data = network(tasks, Filters(), ("project",))
    labels = [n["label"] for n in data["nodes"]]
    assert labels.count("目标g1") == 1 and "t1" not in {n["id"] for n in data["nodes"]}
    assert {"from": "g1", "to": "x1", "kind": "hasProject"} in data["edges"]


def test_both_pages_draw_a_kind_alike_from_styles_json() -> None:
    """One table of looks: the workbench's legend is styles.json's, as the standalone view's nodes are."""
    data = network(_workbench_tasks(), Filters(), ("project", "place", "department", "domain"))
    kinds = styles()["kinds"]
    legend = {item["kind"]: item for item in data["legend"]}
    assert set(legend) >= {"goal", "task", "project", "place", "department", "domain"}
    for kind, item in legend.items():
        assert (item["shape"], item["fill"], item["border"], item["size"]) == (
            kinds[kind]["shape"],
            kinds[kind]["fill"],
            kinds[kind]["border"],
            kinds[kind]["size"],
        )
    view = _view("example")
    for n in view["nodes"]:
        if n["kind"] in legend:
            assert (n["shape"], n["color"]["background"]) == (legend[n["kind"]]["shape"], legend[n["kind"]]["fill"])


def test_drawn_graph_keeps_the_analysis_graph_whole() -> None:
    """Folding and parts are for the page only: build_network still has every task and its goal edge."""
    ex = _extraction("example")
    g = build_network(ex)
    assert sum(1 for _, k in g.nodes(data="kind") if k == "task") == len(ex.tasks)
    assert all(g.has_edge(f"goal:{t.goal}", f"task:{t.id}") for t in ex.tasks if t.goal)
    assert isinstance(g, nx.DiGraph)
