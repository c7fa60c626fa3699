"""The build's own RDF writers (graph/triples.py) against rdflib's and Oxigraph's: same bytes, same triples."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdf_fixtures import tiny_extraction
from rdflib import Graph
from rdflib.compare import isomorphic

from policykg.graph import triples
from policykg.graph.namespaces import PREFIXES
from policykg.graph.rdf import extraction_to_graph, extraction_triples, serialize_triples
from policykg.graph.triples import Lit


@pytest.fixture(scope="module", params=["tiny", "example"])
def report(request, example_extraction):
    return tiny_extraction() if request.param == "tiny" else example_extraction


def _canonical_json(value: object) -> object:
    """Node objects and value lists sorted (rdflib emits them in set order), as the build did."""
    if isinstance(value, dict):
        return {k: _canonical_json(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _rdflib_jsonld(graph: Graph) -> bytes:
    """What the build wrote before: rdflib's compacting JSON-LD writer, then sorted."""
    context = {prefix: iri for prefix, iri in sorted(PREFIXES.items())}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    return (json.dumps(_canonical_json(data), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def test_json_ld_is_byte_identical_to_rdflib_compaction(report) -> None:
    data = extraction_triples(report)
    assert triples.jsonld(data) == _rdflib_jsonld(triples.to_rdflib(data))
    assert triples.jsonld(triples.by_subject(data)) == triples.jsonld(data)  # grouped once, as the build does


def test_n_triples_are_oxigraphs_canonical_lines_sorted(report) -> None:
    data = extraction_triples(report)
    lines = ox.serialize(triples.to_oxigraph(data), format=ox.RdfFormat.N_TRIPLES).splitlines()
    assert triples.ntriples(data) == b"\n".join(sorted(set(lines))) + b"\n"
    assert triples.ntriples(triples.by_subject(data)) == triples.ntriples(data)  # grouped once, as the build does


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld"])
def test_every_format_holds_the_graph(report, fmt: str) -> None:
    graph = extraction_to_graph(report)
    parsed = Graph().parse(data=serialize_triples(extraction_triples(report), fmt).decode("utf-8"), format=fmt)
    assert len(parsed) == len(graph)
    assert isomorphic(parsed, graph)


def test_literal_escapes_match_oxigraph() -> None:
    """Every control character, quote and backslash, and the noncharacters Oxigraph escapes."""
    odd = "".join(map(chr, [*range(0x20), 0x22, 0x5C, 0x7F, 0x85, 0x2028, 0xFEFF, 0xFFFE, 0xFFFF, 0x4E2D]))
    data = {
        ("http://example.org/s", "http://example.org/p", Lit(odd)),
        ("http://example.org/s", "http://example.org/p", Lit(odd, "zh")),
        ("http://example.org/s", "http://example.org/q", Lit(odd, "", "http://example.org/dt")),
        ("http://example.org/s", "http://example.org/q", Lit("x", "", "http://www.w3.org/2001/XMLSchema#string")),
        ("http://example.org/s", "http://example.org/q", Lit("x")),  # the same RDF literal as the line above
    }
    lines = ox.serialize(triples.to_oxigraph(data), format=ox.RdfFormat.N_TRIPLES).splitlines()
    assert triples.ntriples(data) == b"\n".join(sorted(set(lines))) + b"\n"
    assert len(triples.ntriples(data).splitlines()) == 4


def test_a_lone_node_sits_beside_the_context_as_rdflib_writes_it() -> None:
    data = {("https://w3id.org/policykg/id/x", "http://www.w3.org/2000/01/rdf-schema#label", Lit("甲", "zh"))}
    assert triples.jsonld(data) == _rdflib_jsonld(triples.to_rdflib(data))
    assert json.loads(triples.jsonld(data))["rdfs:label"] == {"@language": "zh", "@value": "甲"}
