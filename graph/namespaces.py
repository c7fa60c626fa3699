"""The vocabularies policykg writes, as Python names.

``PKG`` mirrors ``ontology/policykg.ttl`` term for term (tests/test_ontology.py checks both
directions), so a typo in the graph builder fails at import instead of minting a stray IRI.
``OA`` covers the Web Annotation terms we use; rdflib ships no namespace class for it.
Every other vocabulary is rdflib's own.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, GEO, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, TIME, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/policykg/ontology"
ID_BASE = "https://w3id.org/policykg/id/"
ID = Namespace(ID_BASE)


class PKG(DefinedNamespace):
    """policykg's own terms: only what no standard vocabulary models."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Report: URIRef
    Section: URIRef
    Goal: URIRef
    Task: URIRef
    Quantity: URIRef
    Target: URIRef
    Result: URIRef
    ContextQuantity: URIRef
    Project: URIRef
    Place: URIRef
    Department: URIRef
    DepartmentRole: URIRef
    PolicyDomain: URIRef
    Metric: URIRef
    ProjectMention: URIRef
    Investment: URIRef
    CommitmentCheck: URIRef

    # structure
    hasSection: URIRef
    parentSection: URIRef
    inSection: URIRef
    localId: URIRef
    sectionLevel: URIRef
    reportPart: URIRef

    # commitments
    hasGoal: URIRef
    hasTask: URIRef
    involvesProject: URIRef
    hasQuantity: URIRef
    concernsPlace: URIRef
    policyDomain: URIRef
    evidence: URIRef
    extractionRule: URIRef

    # departments (牵头 / 配合)
    leadDepartment: URIRef
    supportingDepartment: URIRef
    hasDepartmentRole: URIRef
    roleDepartment: URIRef
    roleKind: URIRef
    statedInReport: URIRef
    departmentFunction: URIRef

    # inference reasons
    inferenceCue: URIRef
    domainCue: URIRef
    departmentCue: URIRef

    # quantities
    metric: URIRef
    metricName: URIRef
    value: URIRef
    valueMax: URIRef
    unit: URIRef
    comparator: URIRef
    surface: URIRef
    period: URIRef
    perYear: URIRef

    # projects
    projectType: URIRef
    projectStatus: URIRef
    mentionOf: URIRef
    investment: URIRef
    investmentKind: URIRef
    statedUnit: URIRef

    # places
    placeType: URIRef
    parentPlace: URIRef
    onlyInName: URIRef

    # report metadata
    speaker: URIRef
    speakerTitle: URIRef
    meeting: URIRef
    planYear: URIRef
    adminLevel: URIRef
    textSha256: URIRef

    # commitment tracking
    checkStatus: URIRef
    checkKind: URIRef
    promise: URIRef
    outcome: URIRef
    promisedIn: URIRef
    reviewedIn: URIRef
    promiseEvidence: URIRef
    outcomeEvidence: URIRef
    matchSimilarity: URIRef
    promisedStage: URIRef
    reportedStage: URIRef


class OA(DefinedNamespace):
    """Web Annotation Vocabulary (https://www.w3.org/TR/annotation-vocab/), the terms we use."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    Annotation: URIRef
    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasTarget: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef
    motivatedBy: URIRef
    identifying: URIRef


PREFIXES: dict[str, str] = {
    "pkg": str(PKG),
    "pkgid": ID_BASE,
    "oa": str(OA),
    "org": str(ORG),
    "time": str(TIME),
    "prov": str(PROV),
    "skos": str(SKOS),
    "schema": str(SDO),
    "geo": str(GEO),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "sh": str(SH),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind our prefixes (replacing rdflib's defaults, e.g. schema: → https://schema.org/)."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph
