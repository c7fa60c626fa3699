"""Figures: targets, results and context quantities with their metric, value, period and place."""

from __future__ import annotations

from rdflib import URIRef

from policykg.extract.period import Period
from policykg.extract.records import Extraction, Quantity, Section
from policykg.graph import iris
from policykg.graph.rdf.builder import PKG, PROV, RDF, RDFS, Builder, _dec
from policykg.graph.triples import lit, zh

_QUANTITY_CLASS = {"target": PKG.Target, "achievement": PKG.Result}


def figure_period(ex: Extraction, q: Quantity, section: Section | None) -> Period | None:
    """The period the graph gives a figure: its own, else its section's, else the report's year."""
    if q.period is not None:
        return q.period
    return section.period if section else Period.of(ex.meta.plan_year or ex.meta.year)


def add_quantities(b: Builder) -> dict[str, URIRef]:
    sections = {s.id: s for s in b.ex.sections}
    nodes: dict[str, URIRef] = {}
    for q in b.ex.quantities:
        node = iris.local_iri(b.report, "quantity", q.id)
        nodes[q.id] = node
        metric_name = iris.norm_name(q.metric) or iris.norm_name(q.surface)
        metric = iris.metric_iri(metric_name)
        b.add(node, RDF.type, _QUANTITY_CLASS.get(q.kind, PKG.ContextQuantity))
        b.add(node, RDFS.label, zh(f"{metric_name} {q.surface}"))
        b.add(node, PKG.localId, lit(q.id))
        b.add(node, PKG.metric, metric)
        b.add(node, PKG.metricName, zh(metric_name))  # the report's wording; the metric's label is its key
        b.add(metric, RDF.type, PKG.Metric)
        b.add(metric, RDFS.label, zh(iris.metric_name_key(metric_name)))
        b.add(node, PKG.value, _dec(q.value))
        if q.value_max is not None:
            b.add(node, PKG.valueMax, _dec(q.value_max))
        b.add(node, PKG.unit, lit(q.unit or ""))
        b.add(node, PKG.comparator, lit(q.comparator or "="))
        b.add(node, PKG.surface, lit(q.surface))
        section = sections.get(q.section or "")
        if b.period(node, figure_period(b.ex, q, section)):
            b.add(node, PKG.perYear, lit(True))
        if q.place:
            b.add(node, PKG.concernsPlace, b.place_ref(q.place))
        if section:
            b.add(node, PKG.inSection, iris.local_iri(b.report, "section", section.id))
        b.domain(node, q.domain)
        if q.rule:
            b.add(node, PKG.extractionRule, lit(q.rule))
        b.add(node, PROV.wasDerivedFrom, b.report)
        b.evidence(node, q.evidence.start, q.evidence.end)
    return nodes
