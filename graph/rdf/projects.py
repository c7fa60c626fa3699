"""Projects: one shared node per name and division, the report's mention of it, and the amounts it states."""

from __future__ import annotations

from rdflib import URIRef

from policykg.extract.project_investments import KIND_LABELS
from policykg.extract.records import Project
from policykg.graph import iris
from policykg.graph.rdf.builder import DCTERMS, PKG, PROV, RDF, RDFS, SDO, SKOS, Builder, _dec
from policykg.graph.rdf.places import place_codes
from policykg.graph.triples import lit, zh

_BOUND = {">=": SDO.minValue, "<=": SDO.maxValue}  # 总投资超过100亿元: at least, as schema.org bounds it


def add_projects(b: Builder) -> dict[str, URIRef]:
    """Shared projects (one per name key and division) and this report's mention of each.

    The shared ``pkg:Project`` holds what does not depend on the report (name key, aliases,
    places, domain); the ``pkg:ProjectMention`` under the report IRI holds what the report
    says (its wording, type, status, evidence), so several reports merge without conflict.
    """
    codes = place_codes(b)
    nodes: dict[str, URIRef] = {}
    for project in b.ex.projects:
        coded = [codes[k] for k in (iris.norm_name(n) for n in project.places) if k in codes]
        node = iris.project_iri(iris.common_division(coded) or b.scope, project.name)
        mention = iris.local_iri(b.report, "project", project.id)
        nodes[project.id] = node
        b.add(node, RDF.type, PKG.Project)
        b.add(node, RDFS.label, zh(iris.project_key(project.name)))
        for alias in project.aliases:
            b.add(node, SKOS.altLabel, zh(alias))
        for name in project.places:
            b.add(node, PKG.concernsPlace, b.place_ref(name))
        b.domain(node, project.domain)
        b.add(node, PROV.wasDerivedFrom, b.report)  # one of the reports naming it
        b.add(mention, RDF.type, PKG.ProjectMention)
        b.add(mention, RDFS.label, zh(project.name))
        b.add(mention, PKG.mentionOf, node)
        b.add(mention, PKG.localId, lit(project.id))
        b.add(mention, DCTERMS.isPartOf, b.report)
        if project.type:
            b.add(mention, PKG.projectType, lit(project.type))
        if project.status:
            b.add(mention, PKG.projectStatus, lit(project.status))
        if project.rule:
            b.add(mention, PKG.extractionRule, lit(project.rule))
        b.add(mention, PROV.wasDerivedFrom, b.report)
        for m in project.mentions:
            b.evidence(mention, m.start, m.end)
        _add_investments(b, mention, project)
    return nodes


def _add_investments(b: Builder, mention: URIRef, project: Project) -> None:
    """The amounts the report states for a project: schema:MonetaryAmount in yuan (CNY) on its mention,
    keyed by the evidence offsets, so that the IRI is the same in every build of the same text."""
    for inv in (inv for m in project.mentions for inv in m.investments):
        o_start, o_end = b.ex.original_span(inv.start, inv.end)
        node = URIRef(f"{mention}/investment/{o_start}-{o_end}")
        b.add(mention, PKG.investment, node)
        b.add(node, RDF.type, PKG.Investment)
        b.add(node, RDF.type, SDO.MonetaryAmount)
        b.add(node, RDFS.label, zh(f"{KIND_LABELS[inv.kind]} {inv.surface}"))
        b.add(node, PKG.investmentKind, lit(inv.kind))
        b.add(node, SDO.value, _dec(inv.value))
        if inv.comparator in _BOUND:
            b.add(node, _BOUND[inv.comparator], _dec(inv.value))
        b.add(node, SDO.currency, lit("CNY"))
        b.add(node, PKG.statedUnit, lit(inv.unit))
        b.add(node, PKG.surface, lit(inv.surface))
        b.original_evidence(node, o_start, o_end)
