"""Bytes of a graph in Turtle, N-Triples, JSON-LD, TriG or N-Quads, identical for identical graphs."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Graph

from policykg.graph import triples
from policykg.graph.namespaces import bind_prefixes
from policykg.graph.triples import Triple

# accepted names → rdflib format names
FORMATS = {
    **{name: "turtle" for name in ("turtle", "ttl")},
    **{name: "json-ld" for name in ("json-ld", "jsonld")},
    **{name: "nt" for name in ("nt", "ntriples", "n-triples")},
    "trig": "trig",
    **{name: "nquads" for name in ("nquads", "n-quads")},
}
DATASET_FORMATS = ("trig", "nquads")


def _sorted_lines(data: str) -> bytes:
    lines = sorted({line for line in data.splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def serialize_triples(data: Iterable[Triple], fmt: str = "turtle") -> bytes:
    """Bytes of a set of triples in Turtle, N-Triples or JSON-LD, identical for identical sets.

    N-Triples: Oxigraph's canonical lines, sorted.  Turtle: those lines re-written by Oxigraph's
    Turtle writer with our prefixes.  JSON-LD: compacted with our prefixes, sorted (graph/triples.py).
    """
    kind = FORMATS.get(fmt.lower())
    if kind is None:
        raise ValueError(f"unknown RDF format {fmt!r}; use one of {', '.join(sorted(FORMATS))}")
    if kind == "nt":
        return triples.ntriples(data)
    if kind == "turtle":
        from policykg.graph.turtle import turtle_from_ntriples

        return turtle_from_ntriples(triples.ntriples(data), presorted=True)
    if kind == "json-ld":
        return triples.jsonld(data)
    raise ValueError(f"{fmt} is a dataset format: serialise a Dataset")


def serialize(graph: Graph | Dataset, fmt: str = "turtle") -> bytes:
    """Bytes of an rdflib `graph` in `fmt`, identical for identical graphs (whatever PYTHONHASHSEED is).

    Graphs go through serialize_triples (the same bytes a build writes); TriG and N-Quads of a
    Dataset come from rdflib (TriG ordered by its writer, N-Quads sorted line by line).
    """
    kind = FORMATS.get(fmt.lower())
    if kind is None:
        raise ValueError(f"unknown RDF format {fmt!r}; use one of {', '.join(sorted(FORMATS))}")
    if kind not in DATASET_FORMATS:
        if isinstance(graph, Dataset):
            graph = Graph() + graph  # the union, as before: a graph format has no graph names
        return serialize_triples(triples.from_rdflib(graph), kind)
    if not isinstance(graph, Dataset):
        dataset = bind_prefixes(Dataset())
        for triple in graph:
            dataset.add(triple)
        graph = dataset
    if kind == "nquads":
        return _sorted_lines(graph.serialize(format=kind, encoding="utf-8").decode("utf-8"))
    return graph.serialize(format=kind, encoding="utf-8")
