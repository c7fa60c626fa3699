"""How each node kind and edge relation is drawn: static/styles.json, read by both network pages.

The standalone view (graph/view.py) and the workbench's network (policykg/web/workbench.py,
policykg/web/static/network.js) take shapes, colours, font sizes and box widths from here, so the same kind
looks the same on both.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from policykg.graph.layout import WIDTHS

LABEL_MAX = 18  # characters of a label drawn on the canvas when a kind names none (tooltips have all)


@lru_cache(maxsize=1)
def styles() -> dict[str, Any]:
    """Shapes and colours per node kind and edge relation (static/styles.json: data, not code)."""
    return json.loads((files("policykg.graph") / "static" / "styles.json").read_text(encoding="utf-8"))


def _style(kind: str) -> dict[str, Any]:
    return styles()["kinds"].get(kind, styles()["other"])


def layers() -> dict[str, bool]:
    """The kinds a reader can switch on and off, and whether each shows when the page opens."""
    return {k: bool(v) for k, v in styles()["layers"].items() if not k.startswith("_")}


def node_look(kind: str) -> dict[str, Any]:
    """How a node of `kind` is drawn (shape, colours, font size, label length, box width)."""
    style = _style(kind)
    look = {k: style[k] for k in ("shape", "fill", "border", "font", "size", "caption")}
    look["chars"] = style.get("chars", LABEL_MAX)
    look["dashed"] = bool(style.get("dashed"))
    if kind in WIDTHS:
        look["width"] = WIDTHS[kind]
    return look
