"""The report itself (title, date, issuing government, provenance of the build) and its outline."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version

from rdflib import URIRef

from policykg.graph import iris
from policykg.graph.rdf.builder import DCTERMS, ORG, PKG, PROV, RDF, RDFS, SDO, XSD_DATE, XSD_GYEAR, Builder
from policykg.graph.triples import Lit, lit, zh

_LEVEL_TYPE = {"province": "province", "prefecture": "prefecture", "county": "county"}


def _tool_version() -> str:
    try:
        return version("policykg")
    except PackageNotFoundError:  # running from a source tree without install
        return "0+unknown"


def add_report(b: Builder) -> None:
    meta, report = b.ex.meta, b.report
    b.add(report, RDF.type, PKG.Report)
    title = meta.title or f"{meta.place}政府工作报告{meta.date and ' ' + meta.date}".strip()
    b.add(report, RDFS.label, zh(title or b.ex.source))
    if meta.title:
        b.add(report, DCTERMS.title, zh(meta.title))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.date or ""):
        b.add(report, DCTERMS.issued, Lit(meta.date, "", XSD_DATE))
    b.add(report, DCTERMS.language, lit("zh"))
    if b.ex.source:
        b.add(report, DCTERMS.source, lit(b.ex.source))
    b.add(report, PKG.textSha256, lit(iris.text_sha256(b.ex.original)))
    for prop, value in (
        (PKG.speaker, meta.speaker),
        (PKG.speakerTitle, meta.speaker_title),
        (PKG.meeting, meta.meeting),
    ):
        if value:
            b.add(report, prop, zh(value))
    if meta.level:
        b.add(report, PKG.adminLevel, lit(meta.level))
    if meta.plan_year:
        b.add(report, PKG.planYear, Lit(str(meta.plan_year), "", XSD_GYEAR))
    gov = iris.government_iri(b.scope)
    b.add(report, DCTERMS.creator, gov)
    b.add(gov, RDF.type, SDO.GovernmentOrganization)
    b.add(gov, RDF.type, ORG.Organization)
    b.add(gov, RDFS.label, zh(meta.issuer or (f"{meta.place}人民政府" if meta.place else b.scope)))
    if meta.level:
        b.add(gov, PKG.adminLevel, lit(meta.level))
    if meta.place:
        if meta.place_code:
            place = b.division(meta.place_code, meta.place, _LEVEL_TYPE.get(meta.level, ""))
        else:
            place = b.place_ref(meta.place)
        b.places[iris.norm_name(meta.place)] = place
        b.add(report, DCTERMS.spatial, place)
        b.add(gov, SDO.areaServed, place)
    run, agent = URIRef(f"{report}/run"), iris.software_iri()
    tool_version = _tool_version()
    b.add(run, RDF.type, PROV.Activity)
    b.add(run, RDFS.label, lit(f"policykg {tool_version} build of {b.ex.source or report}"))
    b.add(run, PROV.used, report)
    b.add(run, PROV.wasAssociatedWith, agent)
    b.add(agent, RDF.type, PROV.SoftwareAgent)
    b.add(agent, RDFS.label, lit("policykg"))
    b.add(agent, SDO.softwareVersion, lit(tool_version))


def add_sections(b: Builder) -> None:
    for section in b.ex.sections:
        node = iris.local_iri(b.report, "section", section.id)
        b.add(node, RDF.type, PKG.Section)
        b.add(node, RDFS.label, zh(section.title or section.id))
        b.add(node, PKG.localId, lit(section.id))
        b.add(node, PKG.sectionLevel, lit(section.level))
        if section.part:
            b.add(node, PKG.reportPart, lit(section.part))
        b.add(node, DCTERMS.isPartOf, b.report)
        if section.parent:
            b.add(node, PKG.parentSection, iris.local_iri(b.report, "section", section.parent))
        else:
            b.add(b.report, PKG.hasSection, node)
        b.period(node, section.period)
        b.evidence(node, section.start, section.end)
