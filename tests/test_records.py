"""The records' closed vocabularies: one list each (extract/records.py), held by what the extractor
yields and equal to the SHACL shapes' lists for the same properties."""

from __future__ import annotations

import dataclasses
import typing
from importlib.resources import files

import pytest
from conftest import DEV_CORPUS, EXAMPLE
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from policykg.extract import records
from policykg.extract.records import Comparator, InvestmentKind, Part, QuantityKind, Role, Stage
from policykg.pipeline import extract_file

PKG = "https://w3id.org/policykg/ontology#"


def _closed_fields(cls: type) -> dict[str, tuple[object, ...]]:
    """Fields of a record class typed with one of the Literal vocabularies, and their values."""
    hints = typing.get_type_hints(cls, vars(records))
    return {
        f.name: typing.get_args(hints[f.name])
        for f in dataclasses.fields(cls)
        if typing.get_origin(hints[f.name]) is typing.Literal
    }


def _records(ex: records.Extraction) -> typing.Iterator[object]:
    yield from ex.sections
    yield from ex.quantities
    for project in ex.projects:
        yield project
        for mention in project.mentions:
            yield mention
            yield from mention.investments
    for task in ex.tasks:
        yield from task.departments


def test_every_record_kind_with_a_vocabulary_is_typed() -> None:
    typed = {cls.__name__: set(_closed_fields(cls)) for cls in vars(records).values() if dataclasses.is_dataclass(cls)}
    assert typed["Quantity"] == {"kind", "comparator"}
    assert typed["Section"] == {"part"}
    assert typed["Investment"] == {"kind", "comparator"}
    assert typed["Mention"] == typed["Project"] == {"status"}
    assert typed["DepartmentAssignment"] == {"role"}


@pytest.mark.parametrize(
    "report",
    [EXAMPLE, DEV_CORPUS / "hebei-province-2023.txt", DEV_CORPUS / "hailar-2014-county.txt"],
    ids=lambda p: p.stem,
)
def test_extracted_values_stay_inside_their_vocabulary(report) -> None:
    if not report.exists():
        pytest.skip("dev corpus not available")
    seen: dict[tuple[str, str], set[object]] = {}
    for record in _records(extract_file(report)):
        for name, allowed in _closed_fields(type(record)).items():
            value = getattr(record, name)
            assert value in allowed, (type(record).__name__, name, value)
            seen.setdefault((type(record).__name__, name), set()).add(value)
    assert seen[("Quantity", "kind")] >= {"target", "achievement"}  # the test read real records
    assert seen[("DepartmentAssignment", "role")] == {"lead", "support"}


def _shape_values(path: str) -> set[object]:
    shapes = Graph().parse(data=(files("policykg.ontology") / "shapes.ttl").read_text(encoding="utf-8"))
    lists = [shapes.value(prop, SH["in"]) for prop in shapes.subjects(SH.path, URIRef(PKG + path))]
    (head,) = [node for node in lists if node is not None]
    return {item.toPython() for item in Collection(shapes, head)}


@pytest.mark.parametrize(
    ("vocabulary", "path"),
    [
        (Comparator, "comparator"),
        (Part, "reportPart"),
        (Role, "roleKind"),
        (Stage, "projectStatus"),
        (InvestmentKind, "investmentKind"),
    ],
)
def test_the_shapes_hold_the_graph_to_the_same_lists(vocabulary, path) -> None:
    values = set(typing.get_args(vocabulary)) - {""}  # an empty step is written as no triple
    assert _shape_values(path) == values


def test_quantity_kinds_map_to_the_graph_classes() -> None:
    from policykg.graph.rdf.quantities import _QUANTITY_CLASS

    assert set(_QUANTITY_CLASS) | {"other"} == set(typing.get_args(QuantityKind))
