"""One self-contained, offline HTML page that draws the network with vis-network (via pyvis).

pyvis 0.3.2's own templates always pull Bootstrap (and, with ``local``, vis-network) from a CDN
and, for titles holding "href", set tooltips with innerHTML; so pyvis is used for its node and
edge model and the vis-network build it ships, and the page comes from our template
(``static/view.html.j2``) with the library inlined.  Report text is untrusted: it only reaches
the page as JSON inside a non-executed script element, is shown with ``textContent``, labels
are drawn on the canvas, and a Content-Security-Policy forbids every network fetch.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import jinja2
import networkx as nx
from pyvis.network import Network

from policykg.graph.display import display_graph
from policykg.graph.export import write_atomic
from policykg.graph.layout import Layout, compute_layout
from policykg.graph.styles import _style, layers, node_look, styles

VIS_VERSION = "9.1.2"  # the vis-network build pyvis 0.3.2 ships
TIP_MAX = 600  # characters of evidence in a tooltip


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tracking_caption(attrs: dict) -> str:
    status = str(attrs.get("tracking", ""))
    look = styles()["tracking"].get(status)
    return f"{look['caption']}" if look else ""


def _tooltip(attrs: dict) -> str:
    head = " · ".join(
        x
        for x in (
            str(attrs.get("kind", "")),
            attrs.get("section", ""),
            attrs.get("period", ""),
            _tracking_caption(attrs),
        )
        if x
    )
    evidence = str(attrs.get("evidence", ""))
    if attrs.get("tracking_result"):
        evidence += f"\n→ {attrs['tracking_result']}"
    if len(evidence) > TIP_MAX:
        evidence = evidence[: TIP_MAX - 1] + "…"
    return "\n".join(x for x in (str(attrs.get("label", "")), head, evidence) if x)


def _node_options(node: str, attrs: dict, xy: tuple[int, int], width: int | None = None) -> dict:
    kind = str(attrs.get("kind", ""))
    style = _style(kind)
    look = node_look(kind)
    if width:
        look["width"] = width
    band = "band" in style
    highlight = styles()["highlight"]
    status = str(attrs.get("tracking", ""))
    tracked = styles()["tracking"].get(status)
    border = tracked["border"] if tracked else style["border"]
    shown = layers().get(kind, True)
    options = {
        "label": _short(str(attrs.get("label", node)), look["chars"]),
        "shape": style["shape"],
        "color": {
            "background": style["fill"],
            "border": border,
            "highlight": {"background": style["fill"], "border": highlight},
            "hover": {"background": style["fill"], "border": highlight},
        },
        "font": {"color": style["font"], "size": style["size"], "face": "sans-serif"},
        "title": _tooltip(attrs),
        "kind": kind,
        "x": xy[0],
        "y": xy[1],
        "borderWidth": styles()["tracking_border_width"] if tracked else (2 if kind == "part" else 1),
        "tracking": status,
        "shapeProperties": {"borderDashes": [4, 3] if style.get("dashed") else False},
        **({"size": 11} if band else {}),
        **({"widthConstraint": {"minimum": look["width"], "maximum": look["width"]}} if "width" in look else {}),
        "hidden": not shown,
        "section": str(attrs.get("section", "")),
        "period": str(attrs.get("period", "")),
        "fullLabel": str(attrs.get("label", node)),
        "evidence": str(attrs.get("evidence", "")),
        **({"facts": [[str(k), str(v)] for k, v in attrs["facts"]]} if attrs.get("facts") else {}),
    }
    return options


def _edge_options(attrs: dict, from_report: bool, shown: bool) -> dict:
    st = styles()
    relation = str(attrs.get("relation", ""))
    tree = relation in st["tree_edges"] and not from_report  # the report's own edges span the page: faint
    colour = st["tree_edge_colour"] if tree else st["edge_colours"].get(relation, st["faint_edge_colour"])
    always_hidden = relation in st["hidden_edges"] or (from_report and relation in st["tree_edges"])
    link = relation in st["link_edges"]  # to a department, domain or place: drawn for the selected node
    return {
        "relation": relation,
        "title": relation,
        "color": {"color": colour, "highlight": st["highlight"], "hover": st["highlight"], "inherit": False},
        "width": 1,
        "dashes": relation in st["dashed_edges"],
        "hidden": always_hidden or link or not shown,
        "alwaysHidden": always_hidden,
        "link": link,
        "arrows": {"to": {"enabled": tree, "scaleFactor": 0.5}},
    }


def _options(n_nodes: int) -> dict:
    big = n_nodes > 1500
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "edges": {"smooth": False, "selectionWidth": 2},
        "nodes": {"margin": 6, "scaling": {"label": {"drawThreshold": 7}}},
        "interaction": {
            "hover": not big,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
    }


def to_pyvis(network: nx.DiGraph, layout: Layout | None = None) -> Network:
    """A drawn graph (graph/display.py) as a pyvis Network with fixed positions and styling."""
    layout = layout or compute_layout(network)
    net = Network(directed=True, cdn_resources="in_line")
    shown = layers()
    # pyvis' add_node checks membership in a list per call (quadratic in the nodes: seconds for a
    # large report); networkx node ids are unique, so build the same node dicts and append them.
    for node, attrs in network.nodes(data=True):
        opts = _node_options(node, attrs, layout.positions[node], layout.widths.get(node))
        entry = {**opts, "id": node, "label": opts["label"] or node}
        net.nodes.append(entry)
        net.node_ids.append(node)
        net.node_map[node] = entry
    kinds = dict(network.nodes(data="kind"))
    # pyvis' add_edge checks membership in a list per call; append directly (same edge model).
    for source, target, attrs in network.edges(data=True):
        from_report = kinds.get(source) in ("report", "part")  # the column already says what a part holds
        visible = shown.get(str(kinds.get(source)), True) and shown.get(str(kinds.get(target)), True)
        net.edges.append({"from": source, "to": target, **_edge_options(attrs, from_report, visible)})
    net.options = _options(network.number_of_nodes())
    return net


def _json_for_script(value: object) -> str:
    """JSON that cannot close or confuse the <script> element it sits in."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    lib = files("pyvis") / "templates" / "lib" / f"vis-{VIS_VERSION}"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    if re.search(r"</(script|style)", js + css, re.IGNORECASE) or remote_references(js + css):
        raise ValueError("the vis-network build cannot be inlined safely")
    return js, css


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    source = (files("policykg.graph") / "static" / "view.html.j2").read_text(encoding="utf-8")
    return env.from_string(source)


# Any src/href/url() pointing off the machine would be fetched by a browser.
_REMOTE = re.compile(
    r"""(?:\bsrc|\bhref)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""", re.IGNORECASE
)


_STARTS = (b"src", b"href", b"url(", b"@import")  # where a match of _REMOTE can start
# the non-ASCII characters Python's IGNORECASE matches to ASCII letters (İ ı ſ K)
_ASCII_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def remote_references(html: str) -> list[str]:
    """Attributes or CSS in the page that would make a browser fetch something remote."""
    # Find the places a match can start with bytes.find (C speed; one '?' per non-ASCII character
    # keeps offsets equal to str offsets), then try the full pattern only there.
    text = html.translate(_ASCII_FOLD) if _FOLDS_TO_ASCII.search(html) else html
    folded = text.encode("ascii", "replace").lower()
    starts = set()
    for needle in _STARTS:
        at = folded.find(needle)
        while at >= 0:
            starts.add(at)
            at = folded.find(needle, at + 1)
    found = []
    end = 0
    for start in sorted(starts):
        if start < end:
            continue
        match = _REMOTE.match(html, start)
        if match:
            found.append(match.group(0))
            end = match.end()
    return found


def render_view(network: nx.DiGraph, title: str = "policykg") -> str:
    """The HTML page of a network from build_network (deterministic for the same network and title)."""
    drawn = display_graph(network)
    layout = compute_layout(drawn)
    nodes, edges, _heading, _h, _w, options = to_pyvis(drawn, layout).get_network_data()
    counts = dict.fromkeys(styles()["kinds"], 0)
    for _, kind in drawn.nodes(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    switches = layers()
    legend = [{"kind": kind, **_style(kind), "count": n} for kind, n in counts.items() if kind not in switches]
    layer_items = [
        {"kind": kind, **_style(kind), "count": counts.get(kind, 0), "on": on} for kind, on in switches.items()
    ]
    tracked = [str(status) for _, status in drawn.nodes(data="tracking") if status]
    tracking_legend = [
        {"status": status, **look, "count": tracked.count(status)}
        for status, look in styles()["tracking"].items()
        if status in tracked
    ]
    captions = [{"text": _style(kind)["band"], "kind": kind, "x": x, "y": y - 60} for kind, x, y in layout.bands]
    js, css = _vis_assets()
    html = _template().render(
        title=title,
        n_nodes=drawn.number_of_nodes(),
        n_edges=drawn.number_of_edges(),
        legend=legend,
        layers=layer_items,
        tracking_legend=tracking_legend,
        vis_js=js,
        vis_css=css,
        vis_version=VIS_VERSION,
        data_json=_json_for_script(
            {
                "nodes": nodes,
                "edges": edges,
                "options": json.loads(options),
                "captions": captions,
                "tree": layout.tree_nodes,
            }
        ),
    )
    remote = remote_references(html.replace(js, "", 1).replace(css, "", 1))  # the library was checked once
    if remote:
        raise ValueError(f"the view would fetch remote resources: {remote[:3]}")
    return html


def write_view(network: nx.DiGraph, path: str | Path, title: str = "policykg") -> Path:
    """Write the page atomically (readers see the old file or the new one, never half)."""
    path = Path(path)
    write_atomic(path, render_view(network, title).encode("utf-8"))
    return path
