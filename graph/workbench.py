"""The workbench's data: tasks, the network and a node's details, assembled from SPARQL rows.

Every figure the pages show comes from the store through the queries in graph/web/sparql/, run by
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
# layer -> (column x, colour, shape, legend label)
LAYERS: dict[str, tuple[int, str, str, str]] = {
    "report": (-700, "#6b7280", "box", "报告 report"),
    "goal": (0, "#b91c1c", "box", "目标 goal"),
    "task": (700, "#1d4ed8", "dot", "任务 task"),
    "project": (1400, "#047857", "diamond", "项目 project"),
    "target": (1400, "#b45309", "triangle", "指标 target"),
    "place": (2100, "#7c3aed", "square", "地点 place"),
    "department": (2800, "#0e7490", "hexagon", "部门 department"),
    "domain": (3500, "#be185d", "star", "领域 domain"),
}
OPTIONAL_LAYERS = ("project", "target", "place", "department", "domain")
DEFAULT_LAYERS = ("project",)
ROW_GAP = 36


@cache
def workbench_query(name: str) -> str:
    """Text of graph/web/sparql/<name>.rq (a KeyError for an unknown name)."""
    resource = files("policykg.graph") / "web" / "sparql" / f"{name}.rq"
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


def _spread(wanted: list[tuple[float, str]], gap: int) -> dict[str, float]:
    """Place nodes near their wanted y, in that order, at least `gap` apart (no overlaps)."""
    placed: dict[str, float] = {}
    last = float("-inf")
    for y, key in sorted(wanted):
        y = max(y, last + gap)
        placed[key] = y
        last = y
    return placed


def network(
    tasks: list[TaskRow],
    filters: Filters,
    layers: Iterable[str] = DEFAULT_LAYERS,
    max_nodes: int = 2500,
    statuses: dict[str, str] | None = None,
) -> dict[str, object]:
    """Goal → task → project graph plus the chosen layers, with precomputed positions.

    Columns by kind, tasks in report order under their goal, every other node at the mean height
    of the tasks it belongs to: the picture reads like the report and needs no physics.
    `statuses` (node IRI -> tracking status) marks the targets and projects the next report checked.
    """
    shown_layers = [layer for layer in OPTIONAL_LAYERS if layer in set(layers)]
    kept = [t for t in tasks if filters.keep(t)]
    nodes: dict[str, dict[str, object]] = {}
    edges: list[dict[str, str]] = []
    truncated = False
    task_y: dict[str, float] = {}
    y = 0.0
    current_parent = None
    for task in kept:
        if len(nodes) >= max_nodes:
            truncated = True
            break
        if task.parent and task.parent != current_parent:
            y += ROW_GAP  # a gap between goals
            current_parent = task.parent
        task_y[task.iri] = y
        nodes[task.iri] = {"id": task.iri, "label": task.label, "kind": "task", "y": y}
        y += ROW_GAP
        if task.parent:
            kind = "goal" if task.parent_type == PKG + "Goal" else "report"
            parent = nodes.setdefault(
                task.parent,
                {"id": task.parent, "label": task.parent_label or task.parent, "kind": kind, "_ys": []},
            )
            parent.setdefault("_ys", []).append(y)
            edges.append({"from": task.parent, "to": task.iri, "kind": "hasTask"})
        for predicate, items in task.links.items():
            layer = LINK_LAYER.get(predicate)
            if layer not in shown_layers:
                continue
            for link in items:
                if layer == "target" and link.type != PKG + "Target":
                    continue
                node = nodes.setdefault(link.node, {"id": link.node, "label": link.label, "kind": layer, "_ys": []})
                node.setdefault("_ys", []).append(task_y[task.iri])
                edges.append({"from": task.iri, "to": link.node, "kind": predicate.rsplit("#", 1)[-1]})
    by_kind: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for key, node in nodes.items():
        ys = node.pop("_ys", None)
        if ys:
            by_kind[str(node["kind"])].append((sum(ys) / len(ys), key))
    for kind, wanted in by_kind.items():
        for key, y_pos in _spread(wanted, ROW_GAP if kind != "goal" else ROW_GAP * 2).items():
            nodes[key]["y"] = y_pos
    for node in nodes.values():
        node["x"] = LAYERS[str(node["kind"])][0]
        status = (statuses or {}).get(str(node["id"]))
        if status and node["kind"] in ("target", "project"):
            node["status"] = status
    legend = [
        {"kind": kind, "label": label, "color": color, "shape": shape}
        for kind, (_, color, shape, label) in LAYERS.items()
        if kind in {"goal", "task", "report", *shown_layers}
    ]
    return {
        "nodes": list(nodes.values()),
        "edges": edges,
        "legend": legend,
        "layers": shown_layers,
        "tracking_legend": tracking_legend(str(n["status"]) for n in nodes.values() if "status" in n),
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
# status -> (colour, legend label); the same colours as graph/static/styles.json's view
STATUS_LOOK: dict[str, tuple[str, str]] = {
    "met": ("#15803d", "已完成 met"),
    "partly": ("#d97706", "部分完成 partly"),
    "not_met": ("#b91c1c", "未完成 not met"),
    "no_statement": ("#6b7280", "未提及 no statement"),
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
