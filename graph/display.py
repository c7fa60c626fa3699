"""What the network pages draw: the report's parts as captioned nodes, repeated titles shown once.

The analysis graph (graph/network.py, or the workbench's rows) keeps every record; a reader needs
the report's own structure instead.  So the drawn graph gets one ``part`` node per part of the
report (its title, shortened, as the caption), the goals, loose tasks and the results and projects
no task holds hang off the part they stand in (a review's results under the review), and a task
whose title only repeats its goal's is folded into the goal (its links move to the goal).
"""

from __future__ import annotations

import re

import networkx as nx

PART_CAPTION_MAX = 14  # characters of a part's title in its caption
HAS_PART = "hasPart"
TREE_UNDER_PART = ("goal", "task", "target", "result", "project")  # what a part node can hold
_TRAILING = re.compile(r"[\s。；;，,：:、.!！]+$")


def part_caption(title: str) -> str:
    """A part's title as a short caption in words (the ordinal is already gone from the title)."""
    text = "".join(title.split())
    text = _TRAILING.sub("", text)
    return text if len(text) <= PART_CAPTION_MAX else text[: PART_CAPTION_MAX - 1] + "…"


def _same_title(a: str, b: str) -> bool:
    return bool(a) and _TRAILING.sub("", "".join(a.split())) == _TRAILING.sub("", "".join(b.split()))


def part_of(attrs: dict, parts: set[str]) -> str:
    """The part a node stands in: its own ``part``, or the first component of its section id."""
    part = str(attrs.get("part") or "")
    if part in parts:
        return part
    section = str(attrs.get("section") or "")
    head = section.split(".", 1)[0]
    return head if head in parts else ""


def merge_repeated_tasks(g: nx.DiGraph) -> None:
    """Fold every task whose title only repeats its goal's into the goal (in place).

    The goal keeps its id and gains the task's links; ``merged`` names the folded task so that a
    page can still say which record it stands for.
    """
    for goal in [n for n, k in g.nodes(data="kind") if k == "goal"]:
        for task in [n for n in g.successors(goal) if g.nodes[n].get("kind") == "task"]:
            if not _same_title(str(g.nodes[task].get("label", "")), str(g.nodes[goal].get("label", ""))):
                continue
            for _, target, attrs in list(g.out_edges(task, data=True)):
                if target != goal and not g.has_edge(goal, target):
                    g.add_edge(goal, target, **attrs)
            for source, _, attrs in list(g.in_edges(task, data=True)):
                if source != goal and not g.has_edge(source, goal):
                    g.add_edge(source, goal, **attrs)
            merged = [*g.nodes[goal].get("merged", []), task]
            g.nodes[goal]["merged"] = merged
            if not g.nodes[goal].get("evidence"):
                g.nodes[goal]["evidence"] = g.nodes[task].get("evidence", "")
            g.remove_node(task)


def display_graph(g: nx.DiGraph) -> nx.DiGraph:
    """A copy of `g` as drawn: part nodes under the report, the tree under its part, repeats folded."""
    d = g.copy()
    parts = list(g.graph.get("parts", []))
    ids = {str(p["id"]) for p in parts}
    reports = [n for n, k in d.nodes(data="kind") if k == "report"]
    report = reports[0] if reports else None
    holders: dict[str, str] = {}
    for p in parts:
        pid = f"part:{p['id']}"
        holders[str(p["id"])] = pid
        d.add_node(
            pid,
            kind="part",
            label=part_caption(str(p["title"])),
            evidence=str(p["title"]),
            section=str(p["id"]),
            period="",
            start=int(p.get("start", 0) or 0),
            part_kind=str(p.get("kind", "")),
        )
        if report is not None:
            d.add_edge(report, pid, relation=HAS_PART)
    # what the report holds directly moves under the part it stands in
    if report is not None:
        for _, node, attrs in list(d.out_edges(report, data=True)):
            kind = d.nodes[node].get("kind")
            part = part_of(d.nodes[node], ids) if kind in TREE_UNDER_PART else ""
            if part:
                d.remove_edge(report, node)
                d.add_edge(holders[part], node, **attrs)
    merge_repeated_tasks(d)
    # a part with nothing under it still shows as a caption: the outline reads whole
    return d
