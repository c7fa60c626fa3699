"""The promise charts as files: one self-contained, offline charts.html and its data as charts.json.

plotly.js is read from the installed plotly wheel (``plotly/package_data/plotly.min.js``) at run time
and inlined, as view.html inlines vis-network from pyvis: nothing is copied into the project and the
page fetches nothing.  The drawing code is graph/static/charts.js, served by the workbench
too, so the file and the 图表 Charts page draw the same charts from the same JSON (graph/series.chart_data).
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from policykg.graph.view import _json_for_script, remote_references


def plotly_js_path() -> Path:
    """plotly.min.js as shipped inside the installed plotly package (served by `policykg serve`)."""
    return Path(str(files("plotly") / "package_data" / "plotly.min.js"))


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str]:
    static = files("policykg.graph") / "static"
    plotly = plotly_js_path().read_text(encoding="utf-8")
    charts = (static / "charts.js").read_text(encoding="utf-8")
    css = (static / "app.css").read_text(encoding="utf-8") + (static / "charts.css").read_text(encoding="utf-8")
    if re.search(r"</(script|style)", plotly + charts + css, re.IGNORECASE):
        raise ValueError("the chart scripts cannot be inlined safely")
    return plotly, charts, css


def render_charts(data: dict[str, object]) -> str:
    """The HTML page of one government's charts (deterministic for the same data)."""
    plotly, charts, css = _assets()
    title = html.escape(f"{data['government']} 承诺与结果 Promises and results — policykg")
    page = (
        '<!doctype html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        '<main><div id="charts"></div></main>\n'
        f'<script type="application/json" id="chart-data">{_json_for_script(data)}</script>\n'
        f"<script>{plotly}</script>\n<script>{charts}</script>\n</body>\n</html>\n"
    )
    # plotly.min.js holds a few URLs as plain strings (its own site, MathJax's and topojson's defaults)
    # that these charts never use (no maps, no MathJax, no modebar link); everything else is checked.
    remote = remote_references(page.replace(plotly, ""))
    if remote:
        raise ValueError(f"the charts page would fetch {remote[0]!r}")
    return page


def chart_json(data: dict[str, object]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
