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

from policykg.extract.project_identity import shared_key
from policykg.extract.records import Extraction, ReportMeta
from policykg.graph.namespaces import ID_BASE

_UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9._~-]*")


def norm_name(name: str) -> str:
    """NFKC, no white space: 平凉 市 and 平凉市 are one name."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))


@lru_cache(maxsize=65536)  # names recur in every record that mentions them
def segment(name: str) -> str:
    """One IRI path segment for a name: Chinese kept readable, ASCII delimiters percent-encoded."""
    if _PLAIN_SEGMENT.fullmatch(name):  # record ids, offsets: nothing to normalise or encode
        return name
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


def report_iri(ex: Extraction) -> URIRef:
    """Issuing place code + meeting date; a report we cannot place or date gets a text hash.

    Also the IRI of the report's named graph in the store and in TriG / N-Quads.
    """
    meta = ex.meta
    if meta.place_code and re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.date or ""):
        return URIRef(f"{ID_BASE}report/{meta.place_code}-{meta.date}")
    return URIRef(f"{ID_BASE}report/sha256-{short_hash(ex.original)}")


def place_iri(code: str, name: str = "", place_scope: str = "") -> URIRef:
    """By admin code; an uncoded place by a hash of its name within the division holding it."""
    if code:
        return URIRef(f"{ID_BASE}place/{code}")
    return URIRef(f"{ID_BASE}place/{place_scope}-{short_hash(norm_name(name))}")


def government_iri(gov_scope: str) -> URIRef:
    return URIRef(f"{ID_BASE}org/{gov_scope}")


def department_iri(gov_scope: str, function: str, lower: bool = False) -> URIRef:
    """A department by its function within the government it belongs to.

    `lower` marks the departments of the government's subordinate counties or districts as a
    report of a higher level names them (县交通运输局 in a city report): no one county's.
    """
    kind = "lower-dept" if lower else "dept"
    return URIRef(f"{ID_BASE}org/{gov_scope}/{kind}/{segment(function)}")


_OWN_PREFIXES = {"province": ("省", "自治区"), "prefecture": ("市", "州", "地区", "盟"), "county": ("县", "区", "旗")}


def department_owner(name: str, meta: ReportMeta, gov_scope: str) -> tuple[str, bool]:
    """(scope of the government a department name belongs to, whether it is a lower level's).

    Reports name other levels' departments too: 省交通运输厅 in a city report is the province's
    department, 市发展改革委 in a county report the prefecture's; a county-level city's 市… and a
    municipality's 市… are its own.  Resolved through the gazetteer's parent chain, so the same
    department gets one IRI in every report that names it.
    """
    n = norm_name(name)
    level = meta.level
    if not meta.place_code or level not in _OWN_PREFIXES:
        return gov_scope, False
    own_city = meta.place.endswith("市")  # county-level city, municipality: 市… is its own
    if n.startswith(_OWN_PREFIXES["province"]) and level != "province":
        return _ancestor(meta.place_code, "province") or gov_scope, False
    if n.startswith(_OWN_PREFIXES["prefecture"]) and level == "county" and not own_city:
        return _ancestor(meta.place_code, "prefecture") or gov_scope, False
    if n.startswith(_OWN_PREFIXES["county"]) and level in ("province", "prefecture") and not n.startswith("区域"):
        return gov_scope, True
    if n.startswith(_OWN_PREFIXES["prefecture"]) and level == "province" and not own_city:
        return gov_scope, True
    return gov_scope, False


def _ancestor(code: str, place_type: str) -> str:
    """The code of the division of `place_type` above `code` ('' when the gazetteer has none)."""
    from policykg.extract.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    division = gazetteer.by_code.get(code)
    if division is None:
        return ""
    for above in gazetteer.ancestors(division):
        if above.type == place_type:
            return above.code
    return ""


def common_division(codes: list[str]) -> str:
    """The smallest coded division holding every code in `codes` ('' when they share none)."""
    from policykg.extract.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    chains = []
    for code in sorted(set(codes)):
        division = gazetteer.by_code.get(code)
        if division is None:
            continue
        chains.append([division.code, *(d.code for d in gazetteer.ancestors(division))])
    if not chains:
        return ""
    shared = set(chains[0]).intersection(*chains[1:])
    return next((code for code in chains[0] if code in shared), "")


def project_key(name: str) -> str:
    """A project's name as its shared IRI keys it (extract/project_identity.py's shared_key)."""
    return shared_key(norm_name(name))


def project_iri(place_scope: str, name: str) -> URIRef:
    """The shared project: its name key within the smallest division it lies in."""
    return URIRef(f"{ID_BASE}project/{place_scope}/{segment(project_key(name))}")


@lru_cache(maxsize=65536)
def metric_name_key(metric: str) -> str:
    """The indicator identity across reports (extract.metrics.metric_key), else the name as written."""
    from policykg.extract.metrics import metric_key

    return norm_name(metric_key(metric)) or norm_name(metric)


def metric_iri(metric: str) -> URIRef:
    """One IRI per indicator: 地区生产总值增速 / GDP增长 / 生产总值增长 are one metric."""
    return URIRef(f"{ID_BASE}metric/{segment(metric_name_key(metric))}")


def tracking_graph_iri(old: Extraction, new: Extraction) -> URIRef:
    """The named graph of the checks of report `old`'s promises against report `new`."""
    old_key, new_key = str(report_iri(old)).rsplit("/", 1)[-1], str(report_iri(new)).rsplit("/", 1)[-1]
    return URIRef(f"{ID_BASE}tracking/{old_key}--{new_key}")


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
