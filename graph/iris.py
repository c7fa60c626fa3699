"""Deterministic instance IRIs under https://w3id.org/policykg/id/.

The same fact must get the same IRI on every run and machine, so that graphs of several reports
merge (one 平凉市, one 地区生产总值 metric) and a rebuilt graph diffs cleanly.  IRIs are made from
stable keys only: admin codes, dates, normalised names, record ids, hashes of text; never from
counters or Python's salted ``hash()``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from policykg.extract.records import ReportMeta
from policykg.graph.namespaces import ID_BASE

_UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def norm_name(name: str) -> str:
    """NFKC, no white space: 平凉 市 and 平凉市 are one name."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))


def segment(name: str) -> str:
    """One IRI path segment for a name: Chinese kept readable, ASCII delimiters percent-encoded."""
    out = []
    for ch in norm_name(name):
        if ch in _UNRESERVED or (ord(ch) > 127 and unicodedata.category(ch)[0] not in "CZ"):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def short_hash(text: str, length: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scope(meta: ReportMeta, original: str) -> str:
    """Key of the issuing government: its admin code, else a hash of the report text."""
    return meta.place_code or f"x{short_hash(original, 12)}"


def report_iri(meta: ReportMeta, original: str) -> URIRef:
    """Issuing place code + meeting date; a report we cannot place or date gets a text hash."""
    if meta.place_code and re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.date or ""):
        return URIRef(f"{ID_BASE}report/{meta.place_code}-{meta.date}")
    return URIRef(f"{ID_BASE}report/sha256-{short_hash(original)}")


def place_iri(code: str, name: str = "", place_scope: str = "") -> URIRef:
    """By admin code; an uncoded place by a hash of its name within the division holding it."""
    if code:
        return URIRef(f"{ID_BASE}place/{code}")
    return URIRef(f"{ID_BASE}place/{place_scope}-{short_hash(norm_name(name))}")


def government_iri(gov_scope: str) -> URIRef:
    return URIRef(f"{ID_BASE}org/{gov_scope}")


def department_iri(gov_scope: str, function: str) -> URIRef:
    return URIRef(f"{ID_BASE}org/{gov_scope}/dept/{segment(function)}")


def project_iri(place_scope: str, name: str) -> URIRef:
    return URIRef(f"{ID_BASE}project/{place_scope}/{segment(name)}")


def metric_iri(name: str) -> URIRef:
    return URIRef(f"{ID_BASE}metric/{segment(name)}")


def period_iri(first: int, last: int) -> URIRef:
    return URIRef(f"{ID_BASE}period/{first}" if first == last else f"{ID_BASE}period/{first}-{last}")


def year_iri(year: int) -> URIRef:
    return URIRef(f"{ID_BASE}year/{year}")


def software_iri() -> URIRef:
    return URIRef(f"{ID_BASE}software/policykg")


def local_iri(report: URIRef, kind: str, local_id: str) -> URIRef:
    """A node that exists only within one report: section, goal, task, quantity, evidence …"""
    return URIRef(f"{report}/{kind}/{segment(local_id)}")


@lru_cache(maxsize=1)
def domain_scheme() -> Graph:
    """The fixed policy-domain scheme shipped as ontology/domains.ttl."""
    graph = Graph()
    graph.parse(data=(files("policykg.ontology") / "domains.ttl").read_text(encoding="utf-8"), format="turtle")
    return graph


@lru_cache(maxsize=1)
def _domain_index() -> dict[str, URIRef]:
    graph = domain_scheme()
    return {
        str(label): URIRef(str(concept))
        for concept, label in graph.subject_objects(RDFS.label)
        if getattr(label, "language", None) == "zh" and (concept, SKOS.notation, None) in graph
    }


def domain_iri(name: str) -> URIRef:
    """The scheme's concept for a domain name; a name outside the scheme gets a hashed one."""
    known = _domain_index().get(norm_name(name))
    return known if known is not None else URIRef(f"{ID_BASE}domain/x-{short_hash(norm_name(name), 12)}")


def is_known_domain(name: str) -> bool:
    return norm_name(name) in _domain_index()
