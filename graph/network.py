"""The extraction as a typed networkx graph: what the HTML view draws and what users can analyse.

One node per report, goal, task, target/result figure, project, place, department and domain;
node ids are ``kind:key`` so that the same input always yields the same ids.  Every node carries
``kind``, ``label``, ``evidence`` (the original report text behind it), ``section``, ``period``
and ``start`` (normalised offset, for ordering); a node may carry ``facts``, (caption, text) lines
the view's side panel shows as they are (a project's investment), so a record's new fact reaches the
view through this module alone.  Edges carry a ``relation``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import networkx as nx

from policykg.extract.period import Period, period_text
from policykg.extract.project_investments import KIND_LABELS
from policykg.extract.records import Extraction, Mention, Quantity
from policykg.extract.structure import SectionIndex
from policykg.graph.tracking import TrackingLink

KINDS = ("report", "goal", "task", "target", "result", "project", "place", "department", "domain")

# relation names on edges
HAS_GOAL = "hasGoal"
HAS_TASK = "hasTask"
HAS_PROJECT = "hasProject"
HAS_TARGET = "hasTarget"
HAS_RESULT = "hasResult"
LEAD = "lead"
SUPPORT = "support"
IN_DOMAIN = "inDomain"
LOCATED_IN = "locatedIn"  # project -> place
CONCERNS = "concernsPlace"  # task -> place
WITHIN = "within"  # place -> parent place
MENTIONS = "mentions"  # report -> a record no goal or task holds

_QUANTITY_KIND = {"target": "target", "achievement": "result"}
_MAX_MENTION_EVIDENCE = 3


def node_id(kind: str, key: str) -> str:
    """The stable id of a node: its kind and the record's own id (or name)."""
    return f"{kind}:{key}"


class _Evidence:
    """Sentence lookup so that a name's evidence is the sentence it stands in, not the bare name."""

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.sentences = sorted((s.start, s.end) for s in ex.sentences)
        self.starts = [s for s, _ in self.sentences]

    def span(self, start: int, end: int) -> str:
        return self.ex.evidence(start, end) if end > start else ""

    def sentence(self, pos: int, end: int) -> str:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.span(*self.sentences[i])
        return self.span(pos, end)

    def mentions(self, mentions: Iterable[Mention]) -> str:
        seen: list[str] = []
        for m in sorted(mentions, key=lambda m: m.start):
            text = self.sentence(m.start, m.end)
            if text and text not in seen:
                seen.append(text)
            if len(seen) == _MAX_MENTION_EVIDENCE:
                break
        return "\n".join(seen)


def _section_of(outline: SectionIndex, pos: int) -> tuple[str, Period | None]:
    sec = outline.at(pos)
    return (sec.id, sec.period) if sec else ("", None)


def _quantity_label(q: Quantity) -> str:
    return f"{q.metric} {q.surface}".strip() if q.metric and q.metric not in q.surface else q.surface


def report_parts(ex: Extraction) -> list[dict[str, object]]:
    """The report's parts (level-1 sections) in text order: what the view captions its columns with."""
    return [
        {"id": s.id, "title": s.title or s.id, "kind": s.part, "start": s.start}
        for s in sorted(ex.sections, key=lambda s: (s.start, s.id))
        if s.level == 1
    ]


def mark_tracking(g: nx.DiGraph, ex: Extraction, links: Iterable[TrackingLink]) -> None:
    """Give the targets and projects this report promised the status the next report shows.

    Sets ``tracking`` (met / not_met / partly / no_statement) and ``tracking_result`` (the later
    report's evidence) on the promise's node, where the network holds it.
    """
    for link in links:
        if link.target_report != ex.source or not link.target_id:
            continue
        nid = node_id("target" if link.kind == "quantity" else "project", link.target_id)
        if nid in g:
            g.nodes[nid]["tracking"] = link.status
            g.nodes[nid]["tracking_result"] = link.result_evidence


def build_network(ex: Extraction, tracking: Iterable[TrackingLink] = ()) -> nx.DiGraph:
    """Build the graph of one report's records (pure: the same extraction gives the same graph).

    `tracking`: links of graph/tracking.py; the promises of `ex` they judge get their status.
    """
    g = nx.DiGraph(source=ex.source, title=ex.meta.title, place=ex.meta.place, parts=report_parts(ex))
    ev = _Evidence(ex)
    outline = SectionIndex(ex.sections)  # built once: section_at would rebuild it per call
    report = node_id("report", ex.source)
    meta = ex.meta
    report_evidence = "\n".join(x for x in (meta.title, meta.issuer, meta.date, meta.meeting) if x)
    g.add_node(
        report,
        kind="report",
        label=meta.title or f"{meta.place}{meta.plan_year or ''}" or ex.source,
        evidence=report_evidence,
        section="",
        period=period_text(Period.of(meta.plan_year)),
        start=0,
    )

    def add(
        kind: str, key: str, label: str, evidence: str, section: str, period: Period | None, start: int, **extra: object
    ):
        nid = node_id(kind, key)
        if nid not in g:
            text = period_text(period)  # the view shows the period's text form
            g.add_node(
                nid, kind=kind, label=label, evidence=evidence, section=section, period=text, start=start, **extra
            )
        return nid

    held: set[str] = set()  # nodes some goal or task links to

    for goal in ex.goals:
        gid = add("goal", goal.id, goal.title, ev.span(goal.start, goal.end), goal.section, goal.period, goal.start)
        g.add_edge(report, gid, relation=HAS_GOAL)

    places = {p.name: p for p in ex.places}

    def place_node(name: str) -> str:
        if node_id("place", name) in g:  # its evidence reads every mention: gather it once
            return node_id("place", name)
        p = places.get(name)
        if p is None:
            return add("place", name, name, "", "", None, 0, type="", adcode="", inside=False)
        first = min((m.start for m in p.mentions), default=0)
        section, period = _section_of(outline, first)
        return add(
            "place",
            name,
            name,
            ev.mentions(p.mentions),
            section,
            period,
            first,
            type=p.type,
            adcode=p.adcode,
            inside=p.inside,
        )

    quantities = {q.id: q for q in ex.quantities}

    def quantity_node(q: Quantity) -> str | None:
        kind = _QUANTITY_KIND.get(q.kind)
        if kind is None:
            return None
        return add(
            kind,
            q.id,
            _quantity_label(q),
            ev.span(q.evidence.start, q.evidence.end),
            q.section or "",
            q.period,
            q.start,
            metric=q.metric,
            value=q.value,
            unit=q.unit,
            comparator=q.comparator,
            domain=q.domain,
        )

    projects = {p.id: p for p in ex.projects}

    def project_node(pid: str) -> str | None:
        p = projects.get(pid)
        if p is None:
            return None
        if node_id("project", p.id) in g:  # added with its places already
            return node_id("project", p.id)
        first = min((m.start for m in p.mentions), default=0)
        section, period = _section_of(outline, first)
        amounts = (f"{KIND_LABELS[inv.kind]} {inv.surface}" for m in p.mentions for inv in m.investments)
        investment = " · ".join(dict.fromkeys(amounts))
        nid = add(
            "project",
            p.id,
            p.name,
            ev.mentions(p.mentions),
            section,
            period,
            first,
            type=p.type,
            status=p.status,
            domain=p.domain,
            facts=(("投资 investment", investment),) if investment else (),
        )
        for name in p.places:
            g.add_edge(nid, place_node(name), relation=LOCATED_IN)
        return nid

    for task in ex.tasks:
        tid = add("task", task.id, task.title, ev.span(task.start, task.end), task.section, task.period, task.start)
        if task.goal and node_id("goal", task.goal) in g:
            g.add_edge(node_id("goal", task.goal), tid, relation=HAS_TASK)
        else:
            g.add_edge(report, tid, relation=HAS_TASK)
        for qid in task.quantities:
            q = quantities.get(qid)
            qn = quantity_node(q) if q else None
            if qn:
                g.add_edge(tid, qn, relation=HAS_TARGET if q and q.kind == "target" else HAS_RESULT)
                held.add(qn)
        for pid in task.projects:
            pn = project_node(pid)
            if pn:
                g.add_edge(tid, pn, relation=HAS_PROJECT)
                held.add(pn)
        for dep in task.departments:
            dn = add("department", dep.name, dep.name, "、".join(dep.cues), "", None, 0, function=dep.function)
            g.add_edge(tid, dn, relation=LEAD if dep.role == "lead" else SUPPORT, stated=dep.stated)
        if task.domain:
            g.add_edge(tid, add("domain", task.domain, task.domain, "", "", None, 0), relation=IN_DOMAIN)
        for name in task.places:
            pn = place_node(name)
            g.add_edge(tid, pn, relation=CONCERNS)
            held.add(pn)

    # Records no task holds still belong to the report (review results, projects named in passing).
    for q in ex.quantities:
        qn = quantity_node(q)
        if qn and qn not in held:
            g.add_edge(report, qn, relation=MENTIONS)
    for p in ex.projects:
        pn = project_node(p.id)
        if pn and pn not in held:
            g.add_edge(report, pn, relation=MENTIONS)
    mark_tracking(g, ex, tracking)
    for p in ex.places:
        if p.in_name:
            continue
        pn = place_node(p.name)
        if g.in_degree(pn) == 0:
            g.add_edge(report, pn, relation=MENTIONS)
    for p in ex.places:
        pn = node_id("place", p.name)
        if p.parent and pn in g and node_id("place", p.parent) in g and p.parent != p.name:
            g.add_edge(pn, node_id("place", p.parent), relation=WITHIN)
    return g
