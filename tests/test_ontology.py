"""The ontology, the domain scheme and the SHACL shapes: well-formed, in step with Python, biting."""

from __future__ import annotations

import pytest
from rdf_fixtures import tiny_extraction
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rns
from rdflib.namespace import DCTERMS, ORG, OWL, RDF, RDFS, SKOS

from policykg.graph.namespaces import ID_BASE, OA, ONTOLOGY_IRI, PKG
from policykg.graph.rdf import extraction_to_graph
from policykg.ontology import load_ontology, load_shapes, read_turtle, validate

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(with_domains=False)


def _defined_terms(graph: Graph) -> set[URIRef]:
    return {s for t in TERM_TYPES for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)}


def test_python_namespace_and_turtle_terms_agree(ontology: Graph) -> None:
    in_turtle = {str(t)[len(str(PKG)) :] for t in _defined_terms(ontology)}
    in_python = set(PKG.__annotations__)
    assert in_turtle == in_python, (in_turtle - in_python, in_python - in_turtle)


def test_a_term_the_ontology_does_not_declare_fails_on_use() -> None:
    with pytest.raises(AttributeError, match="not in namespace"):
        _ = PKG.evidenceOf  # a typo of pkg:evidence mints no IRI


def test_only_own_namespace_is_defined(ontology: Graph) -> None:
    """Standard vocabularies are reused, never re-declared as look-alikes."""
    foreign = {t for t in _defined_terms(ontology) if not str(t).startswith(ONTOLOGY_IRI + "#")}
    assert foreign == set()


def test_every_term_has_zh_en_labels_and_a_definition(ontology: Graph) -> None:
    for term in _defined_terms(ontology):
        langs = {lit.language for lit in ontology.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, term
        assert (term, SKOS.definition, None) in ontology, term


def test_required_classes_and_properties_exist(ontology: Graph) -> None:
    for name in ("Report", "Section", "Goal", "Task", "Target", "Result", "ContextQuantity", "Project", "Place",
                 "Department", "PolicyDomain", "Metric"):  # fmt: skip
        assert (PKG[name], RDF.type, OWL.Class) in ontology
    for name in ("hasTask", "involvesProject", "leadDepartment", "supportingDepartment", "metric", "period"):
        assert (PKG[name], RDF.type, OWL.ObjectProperty) in ontology
    assert (PKG.Target, RDFS.subClassOf, PKG.Quantity) in ontology


def test_standard_vocabularies_are_reused(ontology: Graph) -> None:
    assert (PKG.Department, RDFS.subClassOf, ORG.OrganizationalUnit) in ontology
    assert (PKG.Place, RDFS.subClassOf, rns.SDO.Place) in ontology
    assert (PKG.parentPlace, RDFS.subPropertyOf, rns.GEO.sfWithin) in ontology
    assert (PKG.parentSection, RDFS.subPropertyOf, DCTERMS.isPartOf) in ontology
    assert (PKG.PolicyDomain, RDFS.subClassOf, SKOS.Concept) in ontology


def test_domain_scheme_covers_every_domain_the_classifier_emits() -> None:
    from policykg.extract.domains import domain_names

    scheme = load_ontology()
    labels = {str(o) for o in scheme.objects(None, RDFS.label) if getattr(o, "language", None) == "zh"}
    assert set(domain_names()) <= labels
    concepts = set(scheme.subjects(RDF.type, PKG.PolicyDomain))
    assert len(concepts) == 26
    assert all(str(c).startswith(ID_BASE + "domain/") for c in concepts)
    notations = [scheme.value(c, SKOS.notation) for c in concepts]
    assert len(set(notations)) == len(notations)


def test_unknown_ontology_file_is_refused() -> None:
    with pytest.raises(FileNotFoundError):
        read_turtle("../pyproject.toml")


# --- shapes ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_graph() -> Graph:
    return extraction_to_graph(tiny_extraction())


def test_shapes_parse() -> None:
    assert len(load_shapes()) > 50


def test_tiny_graph_conforms(tiny_graph: Graph) -> None:
    result = validate(tiny_graph)
    assert result.conforms, result.text


def _broken(graph: Graph, subject_kind: URIRef, prop: URIRef, value: object | None) -> Graph:
    """A copy of `graph` with `prop` of the first `subject_kind` node replaced (or removed)."""
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    node = sorted(copy.subjects(RDF.type, subject_kind))[0]
    copy.remove((node, prop, None))
    if value is not None:
        copy.add((node, prop, value if isinstance(value, URIRef) else Literal(value)))
    return copy


@pytest.mark.parametrize(
    ("kind", "prop", "value"),
    [
        (PKG.Target, PKG.comparator, "≈"),  # comparator outside {=, >=, <=, ~}
        (PKG.Target, PKG.unit, None),  # no unit
        (PKG.Target, PKG.period, None),  # no period
        (PKG.Result, PKG.value, None),  # no value
        (PKG.Task, PKG.leadDepartment, None),  # task without a lead department
        (PKG.Place, SKOS.notation, "62088"),  # admin code of 5 digits
        (PKG.Project, RDFS.label, None),  # node without a label
        (PKG.Section, PKG.sectionLevel, 4),
        (OA.TextQuoteSelector, OA.exact, None),  # evidence without its quoted text
        (OA.SpecificResource, OA.hasSource, None),  # evidence pointing into no report
    ],
)
def test_shapes_reject_broken_graphs(tiny_graph: Graph, kind: URIRef, prop: URIRef, value: object) -> None:
    assert not validate(_broken(tiny_graph, kind, prop, value)).conforms


def test_shapes_reject_non_integer_offsets(tiny_graph: Graph) -> None:
    broken = _broken(tiny_graph, OA.TextPositionSelector, OA.start, "12")  # a string, not an integer
    assert not validate(broken).conforms
