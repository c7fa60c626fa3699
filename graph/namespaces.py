"""The vocabularies policykg writes, as Python names.

``PKG`` holds exactly the terms ``ontology/policykg.ttl`` declares (read from it at import), so a
new term is added in the ontology only, and a typo in the graph builder fails instead of minting a
stray IRI.
``OA`` covers the Web Annotation terms we use; rdflib ships no namespace class for it.
Every other vocabulary is rdflib's own.
"""

from __future__ import annotations

import types

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, GEO, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, TIME, XSD, DefinedNamespace

from policykg.ontology import term_names

ONTOLOGY_IRI = "https://w3id.org/policykg/ontology"
ID_BASE = "https://w3id.org/policykg/id/"
ID = Namespace(ID_BASE)


def _own_namespace() -> type[DefinedNamespace]:
    """policykg's own terms, exactly those ontology/policykg.ttl declares: the ontology is the one list,
    and a term it does not declare fails on first use (``PKG.nosuch`` raises) instead of minting a
    stray IRI."""
    body = {
        "__doc__": "policykg's own terms: only what no standard vocabulary models (ontology/policykg.ttl).",
        "_NS": Namespace(ONTOLOGY_IRI + "#"),
        "_fail": True,
        "__annotations__": dict.fromkeys(term_names(), URIRef),
    }
    return types.new_class("PKG", (DefinedNamespace,), exec_body=lambda ns: ns.update(body))


PKG = _own_namespace()


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
