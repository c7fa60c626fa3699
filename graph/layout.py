"""Fixed positions from the report's own structure, so the view needs no physics and never tangles.

The tree (goal -> task -> targets, results and projects) is laid out as blocks of rows, one block
per goal in report order, packed into side-by-side panels so the whole page is roughly 16:9.
Departments, domains and places are not part of the tree: each kind gets its own band below the
panels, and their edges are drawn faintly (the view highlights them on selection).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx

ROW = 38  # px between rows of the tree
PANEL_W = 1000  # px per panel: goal, task and leaf columns
COL_X = {"goal": 0, "task": 300, "leaf": 640}
BAND_DX = 170  # px between nodes of a band
BAND_DY = 90  # px between rows of a band
BAND_GAP = 150  # px between the panels and the first band, and between bands
ORPHAN_CHUNK = 24  # rows per block of records no task holds
LEAF_KINDS = ("target", "result", "project")
BAND_KINDS = ("department", "domain", "place")


@dataclass
class _Block:
    """Rows of the tree that must stay together: a goal with its tasks, or a run of orphan leaves."""

    rows: float = 0.0
    items: list[tuple[str, str, float]] = field(default_factory=list)  # node, column, row


@dataclass
class Layout:
    positions: dict[str, tuple[int, int]]
    bands: list[tuple[str, int, int]]  # band kind, x, y of its first row (for captions)
    panels: list[tuple[int, int]]  # x, y of each panel's top-left


def _order(g: nx.DiGraph, nodes: list[str]) -> list[str]:
    return sorted(nodes, key=lambda n: (g.nodes[n].get("start", 0), n))


def _children(g: nx.DiGraph, node: str, kinds: tuple[str, ...]) -> list[str]:
    found = [n for n in g.successors(node) if g.nodes[n].get("kind") in kinds]
    rank = {k: i for i, k in enumerate(kinds)}
    return sorted(found, key=lambda n: (rank[g.nodes[n]["kind"]], g.nodes[n].get("start", 0), n))


def _task_rows(g: nx.DiGraph, task: str, block: _Block, placed: set[str]) -> None:
    leaves = [n for n in _children(g, task, LEAF_KINDS) if n not in placed]
    top = block.rows
    for i, leaf in enumerate(leaves):
        block.items.append((leaf, "leaf", top + i))
        placed.add(leaf)
    height = max(1, len(leaves))
    block.items.append((task, "task", top + (height - 1) / 2))
    placed.add(task)
    block.rows = top + height + 0.5


def _blocks(g: nx.DiGraph, placed: set[str]) -> list[_Block]:
    kinds = nx.get_node_attributes(g, "kind")
    blocks: list[_Block] = []
    goals = _order(g, [n for n, k in kinds.items() if k == "goal"])
    for goal in goals:
        block = _Block()
        for task in _order(g, [n for n in g.successors(goal) if kinds[n] == "task"]):
            if task not in placed:
                _task_rows(g, task, block, placed)
        block.items.append((goal, "goal", max(0.0, (block.rows - 1.5) / 2)))
        placed.add(goal)
        block.rows = max(block.rows, 1) + 1
        blocks.append(block)
    loose_tasks = _order(g, [n for n, k in kinds.items() if k == "task" and n not in placed])
    for task in loose_tasks:
        block = _Block()
        _task_rows(g, task, block, placed)
        block.rows += 0.5
        blocks.append(block)
    # Leaves no task holds (review results, projects named in passing): three to a row, in text order.
    orphans = _order(g, [n for n, k in kinds.items() if k in LEAF_KINDS and n not in placed])
    columns = ("goal", "task", "leaf")
    for i in range(0, len(orphans), ORPHAN_CHUNK * len(columns)):
        block = _Block()
        chunk = orphans[i : i + ORPHAN_CHUNK * len(columns)]
        for j, leaf in enumerate(chunk):
            block.items.append((leaf, columns[j % len(columns)], float(j // len(columns))))
            placed.add(leaf)
        block.rows = math.ceil(len(chunk) / len(columns)) + 1.0
        blocks.append(block)
    return blocks


def _pack(blocks: list[_Block]) -> tuple[list[list[_Block]], float]:
    """Split blocks into panels of about equal height, keeping each block whole, aiming at 16:9."""
    total = sum(b.rows for b in blocks)
    tallest = max((b.rows for b in blocks), default=0.0)
    n_panels = max(1, round(math.sqrt(16 / 9 * total * ROW / PANEL_W)))
    limit = max(tallest, total / n_panels)
    panels: list[list[_Block]] = [[]]
    used = 0.0
    for block in blocks:
        if panels[-1] and used + block.rows > limit:
            panels.append([])
            used = 0.0
        panels[-1].append(block)
        used += block.rows
    return panels, limit


def _band_order(g: nx.DiGraph, kind: str, nodes: list[str]) -> list[str]:
    if kind == "place":
        return _order(g, nodes)
    return sorted(nodes, key=lambda n: (-g.in_degree(n), g.nodes[n].get("label", ""), n))


def compute_layout(g: nx.DiGraph) -> Layout:
    """Positions for every node of a network from build_network (deterministic)."""
    kinds = nx.get_node_attributes(g, "kind")
    placed: set[str] = set()
    panels, limit = _pack(_blocks(g, placed))
    pos: dict[str, tuple[int, int]] = {}
    corners: list[tuple[int, int]] = []
    for p, panel in enumerate(panels):
        x0 = p * PANEL_W
        corners.append((x0, 0))
        offset = 0.0
        for block in panel:
            for node, column, row in block.items:
                pos[node] = (x0 + COL_X[column], round((offset + row) * ROW))
            offset += block.rows
    width = max(len(panels) * PANEL_W - (PANEL_W - COL_X["leaf"]), BAND_DX)
    for node in _order(g, [n for n, k in kinds.items() if k == "report"]):
        pos[node] = (-320, 0)
        placed.add(node)
    y = round(limit * ROW) + BAND_GAP
    bands: list[tuple[str, int, int]] = []
    per_row = max(1, width // BAND_DX + 1)
    for kind in BAND_KINDS:
        members = _band_order(g, kind, [n for n, k in kinds.items() if k == kind])
        if not members:
            continue
        bands.append((kind, 0, y))
        for i, node in enumerate(members):
            pos[node] = ((i % per_row) * BAND_DX, y + (i // per_row) * BAND_DY)
        y += math.ceil(len(members) / per_row) * BAND_DY + BAND_GAP
    # anything of an unknown kind still gets a place, in a last band
    rest = sorted(n for n in g.nodes if n not in pos)
    for i, node in enumerate(rest):
        pos[node] = ((i % per_row) * BAND_DX, y + (i // per_row) * BAND_DY)
    return Layout(pos, bands, corners)
