"""policykg: ontology, domain scheme and SHACL shapes, shipped as Turtle next to this module.

Files are read through importlib.resources so an installed wheel works like the source tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files

from rdflib import Graph

ONTOLOGY_FILES = ("policykg.ttl", "domains.ttl", "shapes.ttl")


def read_turtle(name: str) -> str:
    """Text of one shipped Turtle file (policykg.ttl, domains.ttl, shapes.ttl)."""
    if name not in ONTOLOGY_FILES:
        raise FileNotFoundError(f"no ontology file {name!r}; shipped: {', '.join(ONTOLOGY_FILES)}")
    return (files("policykg.ontology") / name).read_text(encoding="utf-8")


_TERM = re.compile(r"^pkg:(\w+)\s+a\s+owl:(?:Class|ObjectProperty|DatatypeProperty)\b", re.MULTILINE)


def term_names() -> tuple[str, ...]:
    """The local names of the terms policykg.ttl declares (classes and properties), in file order.

    Read from the text, not parsed as RDF, so that importing the graph layer stays cheap;
    tests/test_ontology.py checks the list against the parsed ontology.
    """
    return tuple(_TERM.findall(read_turtle("policykg.ttl")))


def _parse(*names: str) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(data=read_turtle(name), format="turtle")
    return graph


def load_ontology(with_domains: bool = True) -> Graph:
    """The OWL ontology (plus the policy-domain concept scheme unless told otherwise)."""
    return _parse("policykg.ttl", "domains.ttl") if with_domains else _parse("policykg.ttl")


def load_shapes() -> Graph:
    return _parse("shapes.ttl")


@dataclass(frozen=True)
class Validation:
    conforms: bool
    text: str  # pySHACL's human-readable report
    results: Graph  # the sh:ValidationReport graph


def validate(data: Graph) -> Validation:
    """Check a produced graph against shapes.ttl (no inference: the shapes name classes explicitly)."""
    from pyshacl import validate as shacl_validate

    conforms, results, text = shacl_validate(data, shacl_graph=load_shapes(), inference="none", advanced=False)
    return Validation(bool(conforms), str(text), results)
