"""The builder every record kind adds its triples through: vocabulary terms as plain str, literals,
and the nodes records share (evidence annotations, periods, domains, divisions, place references).

Triples are plain tuples (graph/triples.py); IRIs come from graph/iris.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from rdflib import URIRef
from rdflib import namespace as rdfns
from rdflib.namespace import XSD

from policykg.extract.period import Period
from policykg.extract.records import Extraction
from policykg.graph import iris, namespaces, triples
from policykg.graph.triples import Lit, Triple, lit, zh


class _Terms:
    """A vocabulary's terms as plain str, looked up once: rdflib's DefinedNamespace resolves every
    attribute access in Python (a tenth of the build's time); unknown names still fail."""

    def __init__(self, vocabulary: object) -> None:
        self._vocabulary = vocabulary

    def __getattr__(self, name: str) -> str:
        value = str(getattr(self._vocabulary, name))
        setattr(self, name, value)
        return value


PKG, OA = _Terms(namespaces.PKG), _Terms(namespaces.OA)
DCTERMS, GEO, ORG, PROV = _Terms(rdfns.DCTERMS), _Terms(rdfns.GEO), _Terms(rdfns.ORG), _Terms(rdfns.PROV)
RDF, RDFS, SDO, SKOS, TIME = (_Terms(v) for v in (rdfns.RDF, rdfns.RDFS, rdfns.SDO, rdfns.SKOS, rdfns.TIME))

XSD_GYEAR, XSD_DATE, XSD_DECIMAL = str(XSD.gYear), str(XSD.date), str(XSD.decimal)
_RDF_TYPE, _PLACE, _LABEL = str(RDF.type), str(PKG.Place), str(RDFS.label)


def _decimal_lexical(value: float) -> str:
    """Canonical xsd:decimal lexical form of a float: its shortest repr, never in exponent notation."""
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"not a finite quantity value: {value}")
    lexical = format(Decimal(repr(float(value))), "f")
    if "." in lexical:  # the canonical form Oxigraph stores: 7.50 → 7.5, 7.0 → 7
        lexical = lexical.rstrip("0").rstrip(".")
    return lexical if lexical not in ("", "-0") else "0"


def _dec(value: float) -> Lit:
    return Lit(_decimal_lexical(value), "", XSD_DECIMAL)


@lru_cache(maxsize=1)
def _domain_triples() -> dict[str, tuple[Triple, ...]]:
    """The domain scheme's triples by concept, as tuples (converted once per process)."""
    by_concept: dict[str, list[Triple]] = {}
    for triple in sorted(triples.from_rdflib(iris.domain_scheme())):
        by_concept.setdefault(triple[0], []).append(triple)
    return {concept: tuple(ts) for concept, ts in by_concept.items()}


@dataclass
class Builder:
    """Adds one extraction's triples to a graph; keeps the look-ups records refer through."""

    ex: Extraction
    triples: set[Triple] = field(default_factory=set)
    report: URIRef = field(init=False)
    scope: str = field(init=False)
    places: dict[str, URIRef] = field(default_factory=dict)
    annotations: set[URIRef] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)  # coded divisions' names

    def __post_init__(self) -> None:
        self.report = iris.report_iri(self.ex)
        self.scope = iris.scope(self.ex.meta, self.ex.original)

    def add(self, s: str, p: str, o: str | Lit) -> None:
        # plain str, not URIRef: rdflib terms hash and compare through Python methods
        self.triples.add((str(s), str(p), o if type(o) is Lit else str(o)))

    # --- shared nodes -------------------------------------------------------------------

    def evidence(self, node: URIRef, start: int, end: int) -> None:
        """Link `node` to an annotation selecting the original text behind [start, end)."""
        if end <= start or start < 0 or end > len(self.ex.text):
            return
        o_start, o_end = self.ex.original_span(start, end)
        self.original_evidence(node, o_start, o_end)

    def original_evidence(self, node: URIRef, o_start: int, o_end: int, prop: URIRef = PKG.evidence) -> None:
        """Link `node` to the annotation of original-text offsets [o_start, o_end) of this report."""
        if not 0 <= o_start < o_end <= len(self.ex.original):
            return
        ann = iris.local_iri(self.report, "evidence", f"{o_start}-{o_end}")
        self.add(node, prop, ann)
        if prop != PKG.evidence:
            self.add(node, PKG.evidence, ann)
        if ann in self.annotations:
            return
        self.annotations.add(ann)
        target, position, quote = f"{ann}/target", f"{ann}/position", f"{ann}/quote"
        self.add(ann, RDF.type, OA.Annotation)
        self.add(ann, OA.motivatedBy, OA.identifying)
        self.add(ann, OA.hasTarget, target)
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, OA.hasSource, self.report)
        self.add(target, OA.hasSelector, position)
        self.add(target, OA.hasSelector, quote)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, lit(o_start))
        self.add(position, OA.end, lit(o_end))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, lit(self.ex.original[o_start:o_end]))

    def period(self, node: URIRef, period: Period | None) -> bool:
        """Attach a time:Interval of the period's years; returns whether the period was an annual average."""
        if period is None:
            return False
        interval = iris.period_iri(period.first, period.last)
        self.add(node, PKG.period, interval)
        self.add(interval, RDF.type, TIME.Interval)
        self.add(interval, RDFS.label, lit(str(period.interval())))
        for prop, year in ((TIME.hasBeginning, period.first), (TIME.hasEnd, period.last)):
            instant = iris.year_iri(year)
            self.add(interval, prop, instant)
            self.add(instant, RDF.type, TIME.Instant)
            self.add(instant, RDFS.label, lit(str(year)))
            self.add(instant, TIME.inXSDgYear, Lit(str(year), "", XSD_GYEAR))
        return period.annual

    def domain(self, node: URIRef, name: str) -> None:
        if not name:
            return
        concept = iris.domain_iri(name)
        self.add(node, PKG.policyDomain, concept)
        if iris.is_known_domain(name):
            self.triples.update(_domain_triples().get(str(concept), ()))
        else:
            self.add(concept, RDF.type, PKG.PolicyDomain)
            self.add(concept, RDF.type, SKOS.Concept)
            self.add(concept, RDFS.label, zh(iris.norm_name(name)))
            self.add(concept, SKOS.inScheme, URIRef(f"{iris.ID_BASE}domain"))

    def division(self, code: str, name: str = "", place_type: str = "") -> URIRef:
        """A coded division, with its name, type and parent chain from the gazetteer when known."""
        node = iris.place_iri(code)
        if (str(node), _RDF_TYPE, _PLACE) in self.triples:
            return node
        from policykg.extract.gazetteer import Gazetteer

        known = Gazetteer.load().by_code.get(code)
        self.add(node, RDF.type, PKG.Place)
        label = known.name if known else name or code
        self.labels[str(node)] = label
        self.add(node, RDFS.label, zh(label))
        self.add(node, SKOS.notation, lit(code))
        kind = place_type or (known.type if known else "")
        if kind:
            self.add(node, PKG.placeType, lit(kind))
        if known and known.parent_code:
            parent = self.division(known.parent_code)
            self.add(node, PKG.parentPlace, parent)
            self.add(node, GEO.sfWithin, parent)
        return node

    def government(self, code: str) -> URIRef:
        """Another level's government (a province's, for 省交通运输厅 in a city report)."""
        gov = iris.government_iri(code)
        place = self.division(code)
        name = self.labels.get(str(place)) or code
        self.add(gov, RDF.type, SDO.GovernmentOrganization)
        self.add(gov, RDF.type, ORG.Organization)
        self.add(gov, RDFS.label, zh(f"{name}人民政府"))
        self.add(gov, SDO.areaServed, place)
        return gov

    def place_ref(self, name: str) -> URIRef:
        """The node of a place a record names; places not among ex.places get a bare node."""
        key = iris.norm_name(name)
        if key not in self.places:
            node = iris.place_iri("", key, self.scope)
            self.places[key] = node
            self.add(node, RDF.type, PKG.Place)
            self.add(node, RDFS.label, zh(key))
        return self.places[key]
