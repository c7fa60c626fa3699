"""Goals and tasks: the 分工表 rows with their lead and supporting departments as roles."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from policykg.extract.records import Goal, Task
from policykg.graph import iris
from policykg.graph.rdf.builder import ORG, PKG, PROV, RDF, RDFS, Builder
from policykg.graph.triples import lit, zh

_ROLE_LABEL = {"lead": "牵头单位", "support": "配合单位"}


def add_goals(b: Builder, goals: Iterable[Goal]) -> dict[str, URIRef]:
    nodes: dict[str, URIRef] = {}
    for goal in goals:
        node = iris.local_iri(b.report, "goal", goal.id)
        nodes[goal.id] = node
        b.add(node, RDF.type, PKG.Goal)
        b.add(node, RDFS.label, zh(goal.title or goal.id))
        b.add(node, PKG.localId, lit(goal.id))
        b.add(b.report, PKG.hasGoal, node)
        if goal.section:
            b.add(node, PKG.inSection, iris.local_iri(b.report, "section", goal.section))
        b.period(node, goal.period)
        b.add(node, PROV.wasDerivedFrom, b.report)
        b.evidence(node, goal.start, goal.end)
    return nodes


def add_tasks(
    b: Builder,
    tasks: Iterable[Task],
    goals: dict[str, URIRef],
    quantities: dict[str, URIRef],
    projects: dict[str, URIRef],
) -> None:
    gov = iris.government_iri(b.scope)
    for task in tasks:
        node = iris.local_iri(b.report, "task", task.id)
        b.add(node, RDF.type, PKG.Task)
        b.add(node, RDFS.label, zh(task.title or task.id))
        b.add(node, PKG.localId, lit(task.id))
        b.add(goals.get(task.goal or "", b.report), PKG.hasTask, node)
        if task.section:
            b.add(node, PKG.inSection, iris.local_iri(b.report, "section", task.section))
        b.period(node, task.period)
        b.domain(node, task.domain)
        for cue in task.domain_cues:
            b.add(node, PKG.domainCue, zh(cue))
        for assignment in task.departments:
            key = assignment.function or assignment.name
            owner, lower = iris.department_owner(assignment.name, b.ex.meta, b.scope)
            dept = iris.department_iri(owner, key, lower)
            b.add(dept, RDF.type, PKG.Department)
            b.add(dept, RDF.type, ORG.OrganizationalUnit)
            b.add(dept, RDFS.label, zh(assignment.name))
            b.add(dept, PKG.departmentFunction, zh(key))
            b.add(dept, ORG.subOrganizationOf, gov if owner == b.scope else b.government(owner))
            kind = "lead" if assignment.role == "lead" else "support"
            b.add(node, PKG.leadDepartment if kind == "lead" else PKG.supportingDepartment, dept)
            role = URIRef(f"{node}/role/{kind}/{iris.segment(key)}")
            b.add(node, PKG.hasDepartmentRole, role)
            b.add(role, RDF.type, PKG.DepartmentRole)
            b.add(role, RDFS.label, zh(f"{_ROLE_LABEL[kind]}:{assignment.name}"))
            b.add(role, PKG.roleDepartment, dept)
            b.add(role, PKG.roleKind, lit(kind))
            b.add(role, PKG.statedInReport, lit(bool(assignment.stated)))
            for cue in assignment.cues:
                b.add(role, PKG.departmentCue, zh(cue))
        for qid in task.quantities:
            if qid in quantities:
                b.add(node, PKG.hasQuantity, quantities[qid])
        for pid in task.projects:
            if pid in projects:
                b.add(node, PKG.involvesProject, projects[pid])
        for name in task.places:
            b.add(node, PKG.concernsPlace, b.place_ref(name))
        b.add(node, PROV.wasDerivedFrom, b.report)
        b.evidence(node, task.start, task.end)
