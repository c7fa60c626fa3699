"""Fixed positions from the report's own structure, so the view needs no physics and never tangles.

Input is a drawn graph (graph/display.py): report -> part -> goal -> task -> targets, results and
projects.  Each part is a column headed by its caption; in it, each goal is a block: the goal on
the left, its tasks beside it, and each task's figures and projects in a small grid to the right.
A part's own results and projects (a review's) fill a grid under its caption.  A tall part wraps
into several sub-columns; the wrap height is chosen so that the whole tree fits a 16:9 screen at
the largest scale, which is what makes captions and goal labels readable at first sight.
Departments, domains and places are not part of the tree: each kind gets a band below it (the
pages show them only on request).  Deterministic: the same graph always gets the same positions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx

ROW = 30  # px between rows of the tree
GOAL_W = 440  # px: width of a goal box (its label is drawn large: it must read at first sight)
TASK_X, TASK_W = 470, 280  # px: where the task column starts, and a task box's width
LEAF_X, LEAF_DX, LEAF_W, LEAF_COLS = 780, 140, 130, 3  # the grid of a task's figures and projects
COL_W = LEAF_X + LEAF_COLS * LEAF_DX  # px: one (sub-)column of a part
COL_GAP = 120  # px between (sub-)columns
LOOSE_COLS = COL_W // LEAF_DX  # a part's own results and projects: this many to a row
GOAL_ROWS = 4.0  # rows a goal's (two-line) label needs
CAPTION_ROWS = 6.0  # rows from a part's caption (up to two lines) to its first block
BAND_DX, BAND_DY, BAND_GAP = 170, 60, 110  # px: band spacing, and the gap above each band
SCREEN = (1600, 900)  # the screen the first view is fitted to
WIDTHS = {"part": COL_W, "goal": GOAL_W, "task": TASK_W, "target": LEAF_W, "result": LEAF_W, "project": LEAF_W}
LEAF_KINDS = ("target", "result", "project")
BAND_KINDS = ("department", "domain", "place")


@dataclass
class _Block:
    """Rows that must stay together: a goal with its tasks, a loose task, or a run of loose leaves."""

    rows: float = 0.0
    items: list[tuple[str, float, float]] = field(default_factory=list)  # node, x offset (left edge), row


@dataclass
class Layout:
    positions: dict[str, tuple[int, int]]
    bands: list[tuple[str, int, int]]  # band kind, x, y of its first row (for captions)
    widths: dict[str, int] = field(default_factory=dict)  # box width of a part caption (its column's)
    tree_nodes: list[str] = field(default_factory=list)  # the nodes of the tree (what the first view fits)


def _start(g: nx.DiGraph, n: str) -> tuple[int, str]:
    return (int(g.nodes[n].get("start", 0) or 0), n)


def _order(g: nx.DiGraph, nodes: list[str]) -> list[str]:
    return sorted(nodes, key=lambda n: _start(g, n))


def _children(g: nx.DiGraph, node: str, kinds: tuple[str, ...]) -> list[str]:
    found = [n for n in g.successors(node) if g.nodes[n].get("kind") in kinds]
    rank = {k: i for i, k in enumerate(kinds)}
    return sorted(found, key=lambda n: (rank[g.nodes[n]["kind"]], *_start(g, n)))


def _leaf_grid(leaves: list[str], block: _Block, top: float, x: int = LEAF_X) -> float:
    """Put leaves in the grid right of a task (or a folded goal) from row `top`; rows used."""
    for i, leaf in enumerate(leaves):
        block.items.append((leaf, x + (i % LEAF_COLS) * LEAF_DX, top + i // LEAF_COLS))
    return max(1, math.ceil(len(leaves) / LEAF_COLS))


def _task_rows(g: nx.DiGraph, task: str, block: _Block, placed: set[str]) -> None:
    leaves = [n for n in _children(g, task, LEAF_KINDS) if n not in placed]
    placed.update(leaves)
    placed.add(task)
    block.items.append((task, TASK_X, block.rows))
    block.rows += _leaf_grid(leaves, block, block.rows) + 0.3


def _goal_block(g: nx.DiGraph, goal: str, placed: set[str]) -> _Block:
    block = _Block()
    placed.add(goal)
    block.items.append((goal, 0, (GOAL_ROWS - 1) / 2))
    own = [n for n in _children(g, goal, LEAF_KINDS) if n not in placed]  # a folded task's leaves
    tasks = [n for n in _order(g, list(g.successors(goal))) if g.nodes[n].get("kind") == "task" and n not in placed]
    if own:
        placed.update(own)
        block.rows += _leaf_grid(own, block, 0, LEAF_X if tasks else TASK_X) + 0.3  # beside the goal if alone
    for task in tasks:
        _task_rows(g, task, block, placed)
    block.rows = max(block.rows, GOAL_ROWS) + 0.8
    return block


def _loose_blocks(leaves: list[str], placed: set[str]) -> list[_Block]:
    """A part's own results and projects, LOOSE_COLS to a row, in text order, a few rows a block."""
    blocks = []
    chunk = LOOSE_COLS * 4
    for i in range(0, len(leaves), chunk):
        block = _Block()
        part = leaves[i : i + chunk]
        for j, leaf in enumerate(part):
            block.items.append((leaf, (j % LOOSE_COLS) * LEAF_DX, float(j // LOOSE_COLS)))
        placed.update(part)
        block.rows = math.ceil(len(part) / LOOSE_COLS) + 0.5
        blocks.append(block)
    return blocks


def _part_blocks(g: nx.DiGraph, holder: str, placed: set[str]) -> list[_Block]:
    kids = list(g.successors(holder))
    kind = lambda n: g.nodes[n].get("kind")  # noqa: E731
    blocks = [_goal_block(g, goal, placed) for goal in _order(g, [n for n in kids if kind(n) == "goal"])]
    for task in _order(g, [n for n in kids if kind(n) == "task" and n not in placed]):
        block = _Block()
        _task_rows(g, task, block, placed)
        block.rows += 0.5
        blocks.append(block)
    blocks += _loose_blocks(_order(g, [n for n in kids if kind(n) in LEAF_KINDS and n not in placed]), placed)
    return blocks


def _wrap(blocks: list[_Block], limit: float) -> list[list[_Block]]:
    """Blocks into sub-columns no taller than `limit` rows (a block taller than that stands alone)."""
    columns: list[list[_Block]] = [[]]
    used = 0.0
    for block in blocks:
        if columns[-1] and used + block.rows > limit:
            columns.append([])
            used = 0.0
        columns[-1].append(block)
        used += block.rows
    return columns


def _width(blocks: list[_Block], kinds: dict) -> int:
    """How wide a part's column is: as far right as its widest row reaches (at least one goal)."""
    return max(
        [GOAL_W] + [round(dx) + WIDTHS.get(str(kinds.get(node)), LEAF_W) for b in blocks for node, dx, _ in b.items]
    )


def _extent(parts: list[tuple[int, list[_Block]]], limit: float) -> tuple[float, float]:
    width = sum(len(_wrap(b, limit)) * (w + COL_GAP) for w, b in parts) - COL_GAP
    height = (CAPTION_ROWS + max(sum(x.rows for x in c) for _, b in parts for c in _wrap(b, limit))) * ROW
    return width, height


def _best_limit(parts: list[tuple[int, list[_Block]]], screen: tuple[int, int]) -> float:
    """The wrap height that lets the whole tree fit the screen at the largest scale."""
    flat = [b for _, blocks in parts for b in blocks]
    tallest = max(b.rows for b in flat)
    total = sum(b.rows for b in flat)
    best, best_scale = total, 0.0
    steps = 60
    for i in range(steps + 1):
        limit = tallest + (total - tallest) * i / steps
        width, height = _extent(parts, limit)
        scale = min(screen[0] / max(width, 1), screen[1] / max(height, 1))
        if scale > best_scale + 1e-9:
            best, best_scale = limit, scale
    return best


def compute_layout(g: nx.DiGraph, screen: tuple[int, int] = SCREEN) -> Layout:
    """Positions for every node of a drawn graph (graph/display.py); vis-network positions are centres.

    `screen`: width and height (px) of the canvas the first view fits the tree into.
    """
    kinds = nx.get_node_attributes(g, "kind")
    placed: set[str] = set()
    reports = _order(g, [n for n, k in kinds.items() if k == "report"])
    holders = _order(g, [n for n, k in kinds.items() if k == "part"])
    columns: list[tuple[str | None, list[_Block]]] = [(p, _part_blocks(g, p, placed)) for p in holders]
    placed.update(holders)
    # what no part holds: the report's own goals, tasks and leaves, then anything still unplaced
    rest: list[_Block] = []
    for report in reports:
        rest += _part_blocks(g, report, placed)
    for goal in _order(g, [n for n, k in kinds.items() if k == "goal" and n not in placed]):
        rest.append(_goal_block(g, goal, placed))
    for task in _order(g, [n for n, k in kinds.items() if k == "task" and n not in placed]):
        block = _Block()
        _task_rows(g, task, block, placed)
        rest.append(block)
    rest += _loose_blocks(_order(g, [n for n, k in kinds.items() if k in LEAF_KINDS and n not in placed]), placed)
    if rest:
        columns.append((None, rest))
    pos: dict[str, tuple[int, int]] = {}
    columns = [(p, b) for p, b in columns if b or p is not None]
    sized = [(_width(b, kinds), b or [_Block(rows=1.0)]) for _, b in columns]
    limit = _best_limit(sized, screen) if columns else 1.0
    x0 = 0
    bottom = 0
    widths: dict[str, int] = {}
    for (part, blocks), (col_w, _) in zip(columns, sized, strict=True):
        wrapped = _wrap(blocks, limit) if blocks else [[]]
        if part is not None:
            widths[part] = len(wrapped) * (col_w + COL_GAP) - COL_GAP
            pos[part] = (x0 + widths[part] // 2, round(1.5 * ROW))
        for column in wrapped:
            y = CAPTION_ROWS
            for block in column:
                for node, dx, row in block.items:
                    width = WIDTHS.get(str(kinds.get(node)), LEAF_W)
                    pos[node] = (x0 + round(dx) + width // 2, round((y + row) * ROW))
                y += block.rows
            bottom = max(bottom, round(y * ROW))
            x0 += col_w + COL_GAP
    width = max(x0 - COL_GAP, BAND_DX)
    for i, node in enumerate(reports):
        pos[node] = (GOAL_W // 2 + i * BAND_DX, -3 * ROW)
    tree_nodes = sorted(n for n in pos)
    y = bottom + BAND_GAP
    bands: list[tuple[str, int, int]] = []
    per_row = max(1, width // BAND_DX)
    for kind in BAND_KINDS:
        members = _band_order(g, kind, [n for n, k in kinds.items() if k == kind])
        if not members:
            continue
        bands.append((kind, 0, y))
        for i, node in enumerate(members):
            pos[node] = ((i % per_row) * BAND_DX + BAND_DX // 2, y + (i // per_row) * BAND_DY)
        y += math.ceil(len(members) / per_row) * BAND_DY + BAND_GAP
    # anything of an unknown kind still gets a place, in a last band
    rest_nodes = sorted(n for n in g.nodes if n not in pos)
    for i, node in enumerate(rest_nodes):
        pos[node] = ((i % per_row) * BAND_DX, y + (i // per_row) * BAND_DY)
    return Layout(pos, bands, widths, tree_nodes)


def _band_order(g: nx.DiGraph, kind: str, nodes: list[str]) -> list[str]:
    if kind == "place":
        return _order(g, nodes)
    return sorted(nodes, key=lambda n: (-g.in_degree(n), g.nodes[n].get("label", ""), n))
