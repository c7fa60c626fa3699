"""Commitment checks: tracking's links between report N's promises and report N+1's statements."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef

from policykg.extract.records import Extraction
from policykg.graph import iris, triples
from policykg.graph.rdf.builder import DCTERMS, PKG, PROV, RDF, RDFS, Builder, _dec
from policykg.graph.tracking import TrackingLink
from policykg.graph.tracking_works import WORK_PREFIX
from policykg.graph.triples import Triple, lit, zh


def tracking_triples(old: Extraction, new: Extraction, links: Iterable[TrackingLink]) -> set[Triple]:
    """The checks of report `old`'s promises against report `new` (graph/tracking.py's links).

    One ``pkg:CommitmentCheck`` per link: its status, the promise (a target quantity or a
    project mention of `old`), the outcome (a result quantity or project mention of `new`, if
    any) and both evidence spans as the reports' own annotations.  The triples belong in their
    own named graph (``iris.tracking_graph_iri``) so that rebuilding either report replaces them.
    """
    before = Builder(old)
    after = Builder(new, before.triples)
    add = before.add
    base = iris.tracking_graph_iri(old, new)
    for link in links:
        if link.target_report != old.source or (link.result_report and link.result_report != new.source):
            continue
        if link.kind == "project" and link.target_id.startswith(WORK_PREFIX):
            _work_mention(before, link)  # a work only the tracker reads in the plan: its mention lives here
        local = "quantity" if link.kind == "quantity" else "project"
        check = URIRef(f"{base}/check/{local}/{iris.segment(link.target_id)}")
        add(check, RDF.type, PKG.CommitmentCheck)
        add(check, RDFS.label, zh(f"{link.metric}: {link.status}"))
        add(check, PKG.checkStatus, lit(link.status))
        add(check, PKG.checkKind, lit(link.kind))
        add(check, PKG.promisedIn, before.report)
        add(check, PKG.reviewedIn, after.report)
        add(check, PKG.promise, iris.local_iri(before.report, local, link.target_id))
        if link.kind == "quantity" and link.metric:
            add(check, PKG.metric, iris.metric_iri(link.metric))
        before.original_evidence(check, link.target_start, link.target_end, PKG.promiseEvidence)
        if link.result_report and link.result_id:
            add(check, PKG.outcome, iris.local_iri(after.report, local, link.result_id))
        if link.result_report:
            after.original_evidence(check, link.result_start, link.result_end, PKG.outcomeEvidence)
        if link.kind == "project":
            add(check, PKG.promisedStage, lit(link.comparator))
            if link.result_period:
                add(check, PKG.reportedStage, lit(link.result_period))
        if link.similarity is not None:
            add(check, PKG.matchSimilarity, _dec(link.similarity))
    return before.triples


def _work_mention(b: Builder, link: TrackingLink) -> None:
    """The project mention of a work the tracker read in the plan (graph/tracking_works.py), in the tracking graph."""
    from policykg.graph.tracking_works import WORK_RULE

    node = iris.project_iri(b.scope, link.metric)
    mention = iris.local_iri(b.report, "project", link.target_id)
    b.add(node, RDF.type, PKG.Project)
    b.add(node, RDFS.label, zh(iris.project_key(link.metric)))
    b.add(node, PROV.wasDerivedFrom, b.report)
    b.add(mention, RDF.type, PKG.ProjectMention)
    b.add(mention, RDFS.label, zh(link.metric))
    b.add(mention, PKG.mentionOf, node)
    b.add(mention, PKG.localId, lit(link.target_id))
    b.add(mention, DCTERMS.isPartOf, b.report)
    b.add(mention, PKG.projectStatus, lit(link.comparator))
    b.add(mention, PKG.extractionRule, lit(WORK_RULE))
    b.add(mention, PROV.wasDerivedFrom, b.report)
    b.original_evidence(mention, link.target_start, link.target_end)


def tracking_to_graph(old: Extraction, new: Extraction, links: Iterable[TrackingLink]) -> Graph:
    """tracking_triples as an rdflib Graph."""
    return triples.to_rdflib(tracking_triples(old, new, links))
