"""The workbench's data: tasks, the network and a node's details, assembled from SPARQL rows.

Every figure the pages show comes from the store through the queries in policykg/web/sparql/, run by
the same time-limited worker pool as the public endpoint.  The functions here are pure (rows in,
JSON-ready dicts out) so that they can be tested without a server.
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import networkx as nx

from policykg.graph.display import merge_repeated_tasks, part_caption
from policykg.graph.layout import SCREEN, compute_layout
from policykg.graph.styles import node_look, styles

PKG = "https://w3id.org/policykg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

Row = dict[str, str]
# runs a named workbench query with variable bindings and returns its rows
Select = Callable[[str, dict[str, tuple[str, str, str]]], Awaitable[list[Row]]]

LINK_LAYER = {
    PKG + "leadDepartment": "department",
    PKG + "supportingDepartment": "department",
    PKG + "involvesProject": "project",
    PKG + "concernsPlace": "place",
    PKG + "hasQuantity": "target",
    PKG + "policyDomain": "domain",
}
OPTIONAL_LAYERS = ("project", "target", "place", "department", "domain")
DEFAULT_LAYERS = ("project",)
# how a task's link shows as an edge of the drawn graph (the relation names of graph/network.py)
LINK_RELATION = {
    PKG + "leadDepartment": "lead",
    PKG + "supportingDepartment": "support",
    PKG + "involvesProject": "hasProject",
    PKG + "concernsPlace": "concernsPlace",
    PKG + "hasQuantity": "hasTarget",
    PKG + "policyDomain": "inDomain",
}


@cache
def workbench_query(name: str) -> str:
    """Text of policykg/web/sparql/<name>.rq (a KeyError for an unknown name)."""
    resource = files("policykg.web") / "sparql" / f"{name}.rq"
    if not resource.is_file():
        raise KeyError(f"no workbench query named {name!r}")
    return resource.read_text(encoding="utf-8")


def solution_rows(body: bytes) -> list[Row]:
    """SPARQL JSON results -> one dict per solution (unbound variables left out)."""
    data = json.loads(body)
    return [{k: v["value"] for k, v in b.items()} for b in data.get("results", {}).get("bindings", [])]


def iri(value: str) -> tuple[str, str, str]:
    return ("iri", value, "")


@dataclass
class Link:
    node: str
    label: str
    type: str


@dataclass
class TaskRow:
    graph: str
    iri: str
    local_id: str
    label: str
    parent: str
    parent_type: str
    parent_label: str
    period: str
    domain: str
    section: str
    start: int
    end: int
    links: dict[str, list[Link]] = field(default_factory=lambda: defaultdict(list))
    part: str = ""  # the part (level-1 section) the task stands in, and its title
    part_label: str = ""

    def names(self, layer: str, kinds: Iterable[str] | None = None) -> list[str]:
        wanted = set(kinds) if kinds is not None else None
        return [
            link.label
            for key, items in self.links.items()
            if LINK_LAYER.get(key) == layer
            for link in items
            if wanted is None or link.type in wanted
        ]

    def linked(self, predicate: str) -> list[Link]:
        return self.links.get(PKG + predicate, [])

    def as_table_row(self) -> dict[str, object]:
        return {
            "iri": self.iri,
            "report": self.graph,
            "id": self.local_id,
            "task": self.label,
            "goal": self.parent_label if self.parent_type == PKG + "Goal" else "",
            "section": self.section,
            "period": self.period,
            "domain": self.domain,
            "targets": sorted({x.label for x in self.linked("hasQuantity") if x.type == PKG + "Target"}),
            "projects": sorted({x.label for x in self.linked("involvesProject")}),
            "places": sorted({x.label for x in self.linked("concernsPlace")}),
            "lead": sorted({x.label for x in self.linked("leadDepartment")}),
            "support": sorted({x.label for x in self.linked("supportingDepartment")}),
        }


TABLE_COLUMNS = [
    ("id", "编号"),
    ("task", "任务"),
    ("goal", "目标"),
    ("section", "章节"),
    ("period", "时期"),
    ("domain", "领域"),
    ("targets", "目标指标"),
    ("projects", "项目"),
    ("places", "地点"),
    ("lead", "牵头单位"),
    ("support", "配合单位"),
]


def _int(value: str | None) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        return 0


def assemble_tasks(task_rows: list[Row], link_rows: list[Row]) -> list[TaskRow]:
    """Task rows joined with their links, in report order (graph, then position in the text)."""
    tasks: dict[str, TaskRow] = {}
    for row in task_rows:
        tasks[row["task"]] = TaskRow(
            graph=row.get("graph", ""),
            iri=row["task"],
            local_id=row.get("local_id", ""),
            label=row.get("label", row["task"]),
            parent=row.get("parent", ""),
            parent_type=row.get("parent_type", ""),
            parent_label=row.get("parent_label", ""),
            period=row.get("period", ""),
            domain=row.get("domain", ""),
            section=row.get("section", ""),
            start=_int(row.get("start")),
            end=_int(row.get("end")),
            part=row.get("part", ""),
            part_label=row.get("part_label", ""),
        )
    for row in link_rows:
        task = tasks.get(row["task"])
        if task is not None:
            task.links[row["link"]].append(Link(row["node"], row.get("label", row["node"]), row.get("type", "")))
    return sorted(tasks.values(), key=lambda t: (t.graph, t.start, t.local_id))


def _field_values(cls: type, params: object) -> dict[str, str]:
    """A filter dataclass's fields from request parameters (anything with .get); absent ones stay empty."""
    get = getattr(params, "get", None)
    return {} if get is None else {name: (get(name) or "").strip() for name in cls.__dataclass_fields__}


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the view to; empty strings match everything."""

    report: str = ""
    period: str = ""
    domain: str = ""
    lead: str = ""
    place: str = ""
    text: str = ""

    @classmethod
    def from_params(cls, params: object) -> Filters:
        return cls(**_field_values(cls, params))

    def keep(self, task: TaskRow) -> bool:
        if self.report and task.graph != self.report:
            return False
        if self.period and task.period != self.period:
            return False
        if self.domain and task.domain != self.domain:
            return False
        if self.lead and self.lead not in {x.label for x in task.linked("leadDepartment")}:
            return False
        if self.place and self.place not in {x.label for x in task.linked("concernsPlace")}:
            return False
        return not self.text or self.text in task.label


def facets(tasks: list[TaskRow]) -> dict[str, list[str]]:
    """The values each filter can take, for the drop-downs."""
    values: dict[str, set[str]] = defaultdict(set)
    for task in tasks:
        if task.period:
            values["period"].add(task.period)
        if task.domain:
            values["domain"].add(task.domain)
        values["lead"].update(x.label for x in task.linked("leadDepartment"))
        values["place"].update(x.label for x in task.linked("concernsPlace"))
    return {key: sorted(values.get(key, ())) for key in ("period", "domain", "lead", "place")}


def _drawn_graph(tasks: list[TaskRow], shown_layers: list[str], max_nodes: int) -> tuple[nx.DiGraph, bool]:
    """The kept tasks as the graph both network pages draw: report, parts, goals, tasks, layers."""
    g = nx.DiGraph()
    truncated = False
    for task in tasks:
        if g.number_of_nodes() >= max_nodes:
            truncated = True
            break
        holder = ""
        if task.part:
            if task.part not in g:
                g.add_node(task.part, kind="part", label=part_caption(task.part_label or task.part), start=task.start)
            holder = task.part
        g.add_node(task.iri, kind="task", label=task.label, start=task.start)
        if task.parent:
            kind = "goal" if task.parent_type == PKG + "Goal" else "report"
            if task.parent not in g:
                g.add_node(task.parent, kind=kind, label=task.parent_label or task.parent, start=task.start)
            g.add_edge(task.parent, task.iri, relation="hasTask")
            if kind == "goal" and holder and not g.in_degree(task.parent):
                g.add_edge(holder, task.parent, relation="hasGoal")
            elif kind == "report" and holder:
                g.remove_edge(task.parent, task.iri)
                g.add_edge(holder, task.iri, relation="hasTask")
        elif holder:
            g.add_edge(holder, task.iri, relation="hasTask")
        for predicate, items in task.links.items():
            layer = LINK_LAYER.get(predicate)
            if layer not in shown_layers:
                continue
            for link in items:
                if layer == "target" and link.type != PKG + "Target":
                    continue
                if link.node not in g:
                    g.add_node(link.node, kind=layer, label=link.label, start=task.start)
                g.add_edge(task.iri, link.node, relation=LINK_RELATION[predicate])
    merge_repeated_tasks(g)
    return g, truncated


def network(
    tasks: list[TaskRow],
    filters: Filters,
    layers: Iterable[str] = DEFAULT_LAYERS,
    max_nodes: int = 2500,
    statuses: dict[str, str] | None = None,
    screen: tuple[int, int] = SCREEN,
) -> dict[str, object]:
    """The report's parts, goals and tasks plus the chosen layers, with precomputed positions.

    The same drawn graph and layout as the standalone view (graph/display.py, graph/layout.py):
    a captioned column per part, goals with their tasks and figures beside them, departments,
    domains and places in bands below.  `statuses` (node IRI -> tracking status) marks the targets
    and projects the next report checked; `screen` is the canvas (px) the first view fits.
    """
    shown_layers = [layer for layer in OPTIONAL_LAYERS if layer in set(layers)]
    kept = [t for t in tasks if filters.keep(t)]
    g, truncated = _drawn_graph(kept, shown_layers, max_nodes)
    layout = compute_layout(g, screen)
    link_edges = set(styles()["link_edges"])
    nodes = []
    for node, attrs in g.nodes(data=True):
        x, y = layout.positions[node]
        entry: dict[str, object] = {"id": node, "label": attrs["label"], "kind": attrs["kind"], "x": x, "y": y}
        if node in layout.widths:
            entry["width"] = layout.widths[node]
        if attrs.get("merged"):
            entry["merged"] = list(attrs["merged"])
        status = (statuses or {}).get(node)
        if status and attrs["kind"] in ("target", "project"):
            entry["status"] = status
        nodes.append(entry)
    edges = [
        {
            "from": a,
            "to": b,
            "kind": rel,
            **({"link": True} if rel in link_edges else {}),
            **({"hidden": True} if g.nodes[a]["kind"] == "part" else {}),
        }
        for a, b, rel in g.edges(data="relation")
    ]
    present = {str(k) for _, k in g.nodes(data="kind")}
    legend = [
        {"kind": kind, "label": look["caption"], "color": look["fill"], **look}
        for kind in styles()["kinds"]
        if kind in present or kind in {"goal", "task", *shown_layers}
        for look in [node_look(kind)]
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "tree": layout.tree_nodes,
        "captions": [
            {"text": styles()["kinds"][k]["band"], "kind": k, "x": x, "y": y - 60} for k, x, y in layout.bands
        ],
        "legend": legend,
        "layers": shown_layers,
        "tracking_legend": tracking_legend(str(n["status"]) for n in nodes if "status" in n),
        "tasks": len(kept),
        "truncated": truncated,
    }


def context_for(span: Row, holders: list[Row], focus: str = "") -> dict[str, object]:
    """An evidence span inside the smallest task span that holds it, as before / mark / after.

    When the evidence is the whole paragraph (a task's own span), `focus` (the task's title) is
    what gets marked, so that the reader still sees which sentence the node stands for.
    """
    start, end, exact = _int(span.get("start")), _int(span.get("end")), span.get("exact", "")
    best: Row | None = None
    for holder in holders:
        h_start, h_end = _int(holder.get("start")), _int(holder.get("end"))
        if (
            h_start <= start
            and end <= h_end
            and (best is None or h_end - h_start < _int(best["end"]) - _int(best["start"]))
        ):
            best = holder
    before, mark, after = "", exact, ""
    if best is not None:
        text, offset = best.get("exact", ""), _int(best.get("start"))
        if text[start - offset : end - offset] == exact:
            before, after = text[: start - offset], text[end - offset :]
    if not before and not after and focus and focus != exact and focus in exact:
        at = exact.index(focus)
        before, mark, after = exact[:at], focus, exact[at + len(focus) :]
    return {
        "report": span.get("report", ""),
        "start": start,
        "end": end,
        "before": before,
        "mark": mark,
        "after": after,
    }


async def side_by_side(calls: Iterable[Awaitable[list[Row]]], limit: int = 2) -> list[list[Row]]:
    """Run a page's queries concurrently, at most `limit` at once: the pool has two workers, and the
    server bounds how many queries one client may have running or waiting."""
    gate = asyncio.Semaphore(limit)

    async def one(call: Awaitable[list[Row]]) -> list[Row]:
        async with gate:
            return await call

    return list(await asyncio.gather(*(one(call) for call in calls)))


async def load_tasks(select: Select, report: str = "") -> list[TaskRow]:
    bindings = {"graph": iri(report)} if report else {}
    task_rows, link_rows = await side_by_side([select("tasks", bindings), select("task-links", bindings)])
    return assemble_tasks(task_rows, link_rows)


@dataclass
class TaskPage:
    """Tasks of consecutive reports, newest first, and where the next page starts (None: no more)."""

    tasks: list[TaskRow]
    next_report: int | None
    reports_total: int


async def load_task_page(
    select: Select, filters: Filters, start: int = 0, min_rows: int = 100, max_reports: int = 4
) -> TaskPage:
    """One page of the corpus-wide task table, read report by report from their own graphs.

    One query over every report's graph grows with the corpus (20 s at 70 reports); a report's own graph
    answers in milliseconds, so a page is as many reports as it takes to fill it, and the rest follows.
    """
    if filters.report:
        return TaskPage(await load_tasks(select, filters.report), None, 1)
    reports = [row["graph"] for row in await select("reports", {})]
    tasks: list[TaskRow] = []
    index = max(0, start)
    while index < len(reports) and index - start < max_reports:
        tasks.extend(await load_tasks(select, reports[index]))
        index += 1
        if sum(1 for t in tasks if filters.keep(t)) >= min_rows:
            break
    return TaskPage(tasks, index if index < len(reports) else None, len(reports))


async def node_details(select: Select, node: str, report: str = "") -> dict[str, object]:
    """Properties, neighbours and evidence (in its paragraph) of one node; `report` keeps a shared node's
    neighbours to the report on screen (across a corpus a department is pointed at thousands of times)."""
    binding = {"node": iri(node)}
    out_rows = await select("node-out", binding)
    if report:
        in_rows = await select("node-in-report", {**binding, "report": iri(report)})
    else:
        in_rows = await select("node-in", binding)
    spans = await select("node-evidence", binding)
    label, types, properties = "", [], []
    neighbours = []
    for row in out_rows:
        predicate, value = row["p"], row["o"]
        if predicate == "http://www.w3.org/2000/01/rdf-schema#label" and not label:
            label = value
        if predicate == RDF_TYPE:
            types.append(value)
        elif predicate == PKG + "evidence":
            continue
        elif "o_label" in row:
            neighbours.append({"direction": "out", "predicate": predicate, "node": value, "label": row["o_label"]})
        else:
            properties.append({"predicate": predicate, "value": value})
    for row in in_rows:
        neighbours.append(
            {"direction": "in", "predicate": row["p"], "node": row["s"], "label": row.get("s_label", row["s"])}
        )
    evidence = []
    holders_by_report: dict[str, list[Row]] = {}
    for span in spans[:10]:
        report = span.get("report", "")
        if report not in holders_by_report:
            holders_by_report[report] = await select("context-spans", {"report": iri(report)})
        focus = label if PKG + "Task" in types else ""
        evidence.append(context_for(span, holders_by_report[report], focus))
    return {
        "iri": node,
        "label": label or node,
        "types": types,
        "properties": properties,
        "neighbours": neighbours,
        "evidence": evidence,
    }


# --- commitment tracking -------------------------------------------------------------------------

STATUSES = ("met", "partly", "not_met", "no_statement")
# status -> (colour, legend label), read from graph/static/styles.json like the views
STATUS_LOOK: dict[str, tuple[str, str]] = {
    status: (look["border"], look["caption"]) for status, look in styles()["tracking"].items()
}
# how the tracking page shows a status or kind: Chinese first, the machine value beside it
VALUE_LABELS: dict[str, str] = {
    **{status: label for status, (_, label) in STATUS_LOOK.items()},
    "quantity": "指标 quantity",
    "project": "项目 project",
}
TRACKING_COLUMNS = [
    ("year", "年度"),
    ("kind", "类型"),
    ("name", "指标/项目"),
    ("place", "地点"),
    ("target", "目标"),
    ("result", "完成情况"),
    ("status", "状态"),
    ("evidence", "承诺原文"),
    ("result_evidence", "次年报告原文"),
    ("promised_in", "承诺报告"),
    ("reviewed_in", "核查报告"),
]


@dataclass(frozen=True)
class TrackingFilters:
    """Narrowing of the tracking table; empty strings match everything."""

    report: str = ""  # the promising report's graph IRI
    status: str = ""
    kind: str = ""

    @classmethod
    def from_params(cls, params: object) -> TrackingFilters:
        return cls(**_field_values(cls, params))

    def keep(self, row: Row) -> bool:
        return all(
            not want or row.get(key, "") == want
            for key, want in (("promised_in", self.report), ("status", self.status), ("kind", self.kind))
        )


def tracking_table(rows: list[Row], filters: TrackingFilters = TrackingFilters()) -> list[dict[str, object]]:
    """One table row per check (the query's rows, filtered), with the IRIs the page links to."""
    out = []
    for row in rows:
        if filters.keep(row):
            out.append({"iri": row["check"], **{key: row.get(key, "") for key, _ in TRACKING_COLUMNS}})
    return out


def report_name(row: Row) -> str:
    """A report as a person names it: place and meeting date (its label, or IRI, when those are missing)."""
    return " ".join(x for x in (row.get("place", ""), row.get("date", "")) if x) or row.get("label") or row["graph"]


TRACKING_FACTS = (
    "stage",
    "reported_stage",
    "metric",
    "promise_label",
    "surface",
    "project",
    "target_place",
    "result_surface",
    "result_evidence",
)


async def load_tracking(select: Select, report: str = "") -> list[Row]:
    """Every check (of one promising report, or all), one row each, in report order.

    The checks and each of their facts come from separate plain-join queries joined here: one
    combined query with OPTIONALs over the union graph took over 10 s on a 70-report store.
    """
    bindings = {"promised_in": iri(report)} if report else {}
    names = ["tracking-checks", "reports", *(f"tracking-fact-{key}" for key in TRACKING_FACTS)]
    answers = await side_by_side(select(name, {} if name == "reports" else bindings) for name in names)
    checks, report_rows = answers[0], answers[1]
    facts: dict[str, dict[str, str]] = defaultdict(dict)
    for key, fact_rows in zip(TRACKING_FACTS, answers[2:], strict=True):
        for row in fact_rows:
            held = facts[row["check"]]
            held[key] = min(held.get(key, row["value"]), row["value"])  # deterministic where several
    reports = {row["graph"]: row for row in report_rows}
    rows: dict[str, Row] = {}
    for check in checks:
        if check["check"] in rows:
            continue
        fact = facts.get(check["check"], {})
        report_row = reports.get(check["promised_in"], {})
        row = {
            key: check[key] for key in ("check", "promised_in", "reviewed_in", "promise", "kind", "status", "evidence")
        }
        chosen = {
            "year": report_row.get("plan_year", ""),
            "name": fact.get("metric") or fact.get("promise_label", ""),
            "place": fact.get("target_place") or report_row.get("place", ""),
            "target": fact.get("surface") or fact.get("stage", ""),
            "result": fact.get("result_surface") or fact.get("reported_stage", ""),
            "result_evidence": fact.get("result_evidence", ""),
            "project": fact.get("project", ""),
        }
        row.update({key: value for key, value in chosen.items() if value})
        rows[check["check"]] = row
    return sorted(rows.values(), key=lambda r: (r["promised_in"], r["kind"], r["check"]))


def tracking_statuses(rows: list[Row], report: str = "") -> dict[str, str]:
    """Node IRI -> status of the check on it: the promised target, or the shared project.

    A shared project can be promised by several reports: only the checks of `report` (the one
    the network shows) colour it.
    """
    statuses: dict[str, str] = {}
    for row in rows:
        if report and row.get("promised_in") != report:
            continue
        statuses[row["promise"]] = row["status"]
        if row.get("project"):
            statuses[row["project"]] = row["status"]
    return statuses


def tracking_legend(statuses: Iterable[str]) -> list[dict[str, object]]:
    present = set(statuses)
    return [{"status": s, "color": STATUS_LOOK[s][0], "label": STATUS_LOOK[s][1]} for s in STATUSES if s in present]
