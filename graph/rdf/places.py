"""Places a report names: coded divisions with their parents, and names below the divisions."""

from __future__ import annotations

from collections.abc import Sequence

from policykg.extract.records import Place
from policykg.graph import iris
from policykg.graph.rdf.builder import GEO, PKG, RDF, RDFS, Builder
from policykg.graph.triples import lit, zh


def add_places(b: Builder, places: Sequence[Place]) -> None:
    report_place = b.places.get(iris.norm_name(b.ex.meta.place))
    # name → node first, so that parents and references resolve whatever the order
    for place in places:
        key = iris.norm_name(place.name)
        if place.adcode:
            b.places[key] = iris.place_iri(place.adcode)
        elif key not in b.places:
            b.places[key] = iris.place_iri("", key, place.parent_code or b.scope)
    for place in places:
        node = b.places[iris.norm_name(place.name)]
        if place.adcode:
            b.division(place.adcode, place.name, place.type)
        else:
            b.add(node, RDF.type, PKG.Place)
            b.add(node, RDFS.label, zh(iris.norm_name(place.name)))
            if place.type:
                b.add(node, PKG.placeType, lit(place.type))
        parent = None
        if place.parent_code:
            parent = b.division(place.parent_code, place.parent)
        elif place.parent:
            parent = b.place_ref(place.parent)
        if parent is not None and parent != node:
            b.add(node, PKG.parentPlace, parent)
            b.add(node, GEO.sfWithin, parent)
        if place.inside and report_place is not None and node != report_place:
            b.add(node, GEO.sfWithin, report_place)
        if place.in_name:
            b.add(node, PKG.onlyInName, lit(True))
        for mention in place.mentions:
            b.evidence(node, mention.start, mention.end)


def place_codes(b: Builder) -> dict[str, str]:
    """Admin code of every place name the report resolved (its own place included)."""
    codes = {iris.norm_name(p.name): p.adcode for p in b.ex.places if p.adcode}
    if b.ex.meta.place and b.ex.meta.place_code:
        codes.setdefault(iris.norm_name(b.ex.meta.place), b.ex.meta.place_code)
    return codes
