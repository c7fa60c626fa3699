"""Records → RDF: the one place where an ``Extraction`` becomes triples.

The graph uses ontology/policykg.ttl plus ORG, OWL-Time, Web Annotation, PROV-O, SKOS,
schema.org, GeoSPARQL and DCMI terms.  It holds no blank nodes and every IRI is minted from
stable keys (graph/iris.py), so that the serialisations below are byte-identical across runs.
Evidence offsets point into ``Extraction.original``: the text as read, which a reader can open.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.namespace import XSD

from policykg.extract.period import Period
from policykg.extract.project_investments import KIND_LABELS
from policykg.extract.records import Extraction, Goal, Place, Project, Quantity, Section, Task
from policykg.graph import iris, namespaces, triples
from policykg.graph.namespaces import bind_prefixes
from policykg.graph.tracking import TrackingLink
from policykg.graph.tracking_works import WORK_PREFIX
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

_QUANTITY_CLASS = {"target": PKG.Target, "achievement": PKG.Result}
_ROLE_LABEL = {"lead": "牵头单位", "support": "配合单位"}
_BOUND = {">=": SDO.minValue, "<=": SDO.maxValue}  # 总投资超过100亿元: at least, as schema.org bounds it
_LEVEL_TYPE = {"province": "province", "prefecture": "prefecture", "county": "county"}
XSD_GYEAR, XSD_DATE, XSD_DECIMAL = str(XSD.gYear), str(XSD.date), str(XSD.decimal)
_RDF_TYPE, _PLACE, _LABEL = str(RDF.type), str(PKG.Place), str(RDFS.label)


def figure_period(ex: Extraction, q: Quantity, section: Section | None) -> Period | None:
    """The period the graph gives a figure: its own, else its section's, else the report's year."""
    if q.period is not None:
        return q.period
    return section.period if section else Period.of(ex.meta.plan_year or ex.meta.year)


def _decimal_lexical(value: float) -> str:
    """Canonical xsd:decimal lexical form of a float: its shortest repr, never in exponent notation."""
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"not a finite quantity value: {value}")
    lexical = format(Decimal(repr(float(value))), "f")
    if "." in lexical:  # the canonical form Oxigraph stores: 7.50 → 7.5, 7.0 → 7
        lexical = lexical.rstrip("0").rstrip(".")
    return lexical if lexical not in ("", "-0") else "0"


def _decimal(value: float) -> Literal:
    """The rdflib literal of `value` as xsd:decimal (for callers that compare rdflib graphs)."""
    return Literal(_decimal_lexical(value), datatype=XSD.decimal)


def _dec(value: float) -> Lit:
    return Lit(_decimal_lexical(value), "", XSD_DECIMAL)


def _tool_version() -> str:
    try:
        return version("policykg")
    except PackageNotFoundError:  # running from a source tree without install
        return "0+unknown"


@lru_cache(maxsize=1)
def _domain_triples() -> dict[str, tuple[Triple, ...]]:
    """The domain scheme's triples by concept, as tuples (converted once per process)."""
    by_concept: dict[str, list[Triple]] = {}
    for triple in sorted(triples.from_rdflib(iris.domain_scheme())):
        by_concept.setdefault(triple[0], []).append(triple)
    return {concept: tuple(ts) for concept, ts in by_concept.items()}


@dataclass
class _Builder:
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

    # --- records ------------------------------------------------------------------------

    def report_node(self) -> None:
        meta, report = self.ex.meta, self.report
        self.add(report, RDF.type, PKG.Report)
        title = meta.title or f"{meta.place}政府工作报告{meta.date and ' ' + meta.date}".strip()
        self.add(report, RDFS.label, zh(title or self.ex.source))
        if meta.title:
            self.add(report, DCTERMS.title, zh(meta.title))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.date or ""):
            self.add(report, DCTERMS.issued, Lit(meta.date, "", XSD_DATE))
        self.add(report, DCTERMS.language, lit("zh"))
        if self.ex.source:
            self.add(report, DCTERMS.source, lit(self.ex.source))
        self.add(report, PKG.textSha256, lit(iris.text_sha256(self.ex.original)))
        for prop, value in (
            (PKG.speaker, meta.speaker),
            (PKG.speakerTitle, meta.speaker_title),
            (PKG.meeting, meta.meeting),
        ):
            if value:
                self.add(report, prop, zh(value))
        if meta.level:
            self.add(report, PKG.adminLevel, lit(meta.level))
        if meta.plan_year:
            self.add(report, PKG.planYear, Lit(str(meta.plan_year), "", XSD_GYEAR))
        gov = iris.government_iri(self.scope)
        self.add(report, DCTERMS.creator, gov)
        self.add(gov, RDF.type, SDO.GovernmentOrganization)
        self.add(gov, RDF.type, ORG.Organization)
        self.add(gov, RDFS.label, zh(meta.issuer or (f"{meta.place}人民政府" if meta.place else self.scope)))
        if meta.level:
            self.add(gov, PKG.adminLevel, lit(meta.level))
        if meta.place:
            if meta.place_code:
                place = self.division(meta.place_code, meta.place, _LEVEL_TYPE.get(meta.level, ""))
            else:
                place = self.place_ref(meta.place)
            self.places[iris.norm_name(meta.place)] = place
            self.add(report, DCTERMS.spatial, place)
            self.add(gov, SDO.areaServed, place)
        run, agent = URIRef(f"{report}/run"), iris.software_iri()
        tool_version = _tool_version()
        self.add(run, RDF.type, PROV.Activity)
        self.add(run, RDFS.label, lit(f"policykg {tool_version} build of {self.ex.source or report}"))
        self.add(run, PROV.used, report)
        self.add(run, PROV.wasAssociatedWith, agent)
        self.add(agent, RDF.type, PROV.SoftwareAgent)
        self.add(agent, RDFS.label, lit("policykg"))
        self.add(agent, SDO.softwareVersion, lit(tool_version))

    def sections(self) -> None:
        for section in self.ex.sections:
            node = iris.local_iri(self.report, "section", section.id)
            self.add(node, RDF.type, PKG.Section)
            self.add(node, RDFS.label, zh(section.title or section.id))
            self.add(node, PKG.localId, lit(section.id))
            self.add(node, PKG.sectionLevel, lit(section.level))
            if section.part:
                self.add(node, PKG.reportPart, lit(section.part))
            self.add(node, DCTERMS.isPartOf, self.report)
            if section.parent:
                self.add(node, PKG.parentSection, iris.local_iri(self.report, "section", section.parent))
            else:
                self.add(self.report, PKG.hasSection, node)
            self.period(node, section.period)
            self.evidence(node, section.start, section.end)

    def place_records(self, places: Sequence[Place]) -> None:
        report_place = self.places.get(iris.norm_name(self.ex.meta.place))
        # name → node first, so that parents and references resolve whatever the order
        for place in places:
            key = iris.norm_name(place.name)
            if place.adcode:
                self.places[key] = iris.place_iri(place.adcode)
            elif key not in self.places:
                self.places[key] = iris.place_iri("", key, place.parent_code or self.scope)
        for place in places:
            node = self.places[iris.norm_name(place.name)]
            if place.adcode:
                self.division(place.adcode, place.name, place.type)
            else:
                self.add(node, RDF.type, PKG.Place)
                self.add(node, RDFS.label, zh(iris.norm_name(place.name)))
                if place.type:
                    self.add(node, PKG.placeType, lit(place.type))
            parent = None
            if place.parent_code:
                parent = self.division(place.parent_code, place.parent)
            elif place.parent:
                parent = self.place_ref(place.parent)
            if parent is not None and parent != node:
                self.add(node, PKG.parentPlace, parent)
                self.add(node, GEO.sfWithin, parent)
            if place.inside and report_place is not None and node != report_place:
                self.add(node, GEO.sfWithin, report_place)
            if place.in_name:
                self.add(node, PKG.onlyInName, lit(True))
            for mention in place.mentions:
                self.evidence(node, mention.start, mention.end)

    def _codes(self) -> dict[str, str]:
        """Admin code of every place name the report resolved (its own place included)."""
        codes = {iris.norm_name(p.name): p.adcode for p in self.ex.places if p.adcode}
        if self.ex.meta.place and self.ex.meta.place_code:
            codes.setdefault(iris.norm_name(self.ex.meta.place), self.ex.meta.place_code)
        return codes

    def project_records(self) -> dict[str, URIRef]:
        """Shared projects (one per name key and division) and this report's mention of each.

        The shared ``pkg:Project`` holds what does not depend on the report (name key, aliases,
        places, domain); the ``pkg:ProjectMention`` under the report IRI holds what the report
        says (its wording, type, status, evidence), so several reports merge without conflict.
        """
        codes = self._codes()
        nodes: dict[str, URIRef] = {}
        for project in self.ex.projects:
            coded = [codes[k] for k in (iris.norm_name(n) for n in project.places) if k in codes]
            node = iris.project_iri(iris.common_division(coded) or self.scope, project.name)
            mention = iris.local_iri(self.report, "project", project.id)
            nodes[project.id] = node
            self.add(node, RDF.type, PKG.Project)
            self.add(node, RDFS.label, zh(iris.project_key(project.name)))
            for alias in project.aliases:
                self.add(node, SKOS.altLabel, zh(alias))
            for name in project.places:
                self.add(node, PKG.concernsPlace, self.place_ref(name))
            self.domain(node, project.domain)
            self.add(node, PROV.wasDerivedFrom, self.report)  # one of the reports naming it
            self.add(mention, RDF.type, PKG.ProjectMention)
            self.add(mention, RDFS.label, zh(project.name))
            self.add(mention, PKG.mentionOf, node)
            self.add(mention, PKG.localId, lit(project.id))
            self.add(mention, DCTERMS.isPartOf, self.report)
            if project.type:
                self.add(mention, PKG.projectType, lit(project.type))
            if project.status:
                self.add(mention, PKG.projectStatus, lit(project.status))
            if project.rule:
                self.add(mention, PKG.extractionRule, lit(project.rule))
            self.add(mention, PROV.wasDerivedFrom, self.report)
            for m in project.mentions:
                self.evidence(mention, m.start, m.end)
            self.investments(mention, project)
        return nodes

    def investments(self, mention: URIRef, project: Project) -> None:
        """The amounts the report states for a project: schema:MonetaryAmount in yuan (CNY) on its mention,
        keyed by the evidence offsets, so that the IRI is the same in every build of the same text."""
        for inv in (inv for m in project.mentions for inv in m.investments):
            o_start, o_end = self.ex.original_span(inv.start, inv.end)
            node = URIRef(f"{mention}/investment/{o_start}-{o_end}")
            self.add(mention, PKG.investment, node)
            self.add(node, RDF.type, PKG.Investment)
            self.add(node, RDF.type, SDO.MonetaryAmount)
            self.add(node, RDFS.label, zh(f"{KIND_LABELS[inv.kind]} {inv.surface}"))
            self.add(node, PKG.investmentKind, lit(inv.kind))
            self.add(node, SDO.value, _dec(inv.value))
            if inv.comparator in _BOUND:
                self.add(node, _BOUND[inv.comparator], _dec(inv.value))
            self.add(node, SDO.currency, lit("CNY"))
            self.add(node, PKG.statedUnit, lit(inv.unit))
            self.add(node, PKG.surface, lit(inv.surface))
            self.original_evidence(node, o_start, o_end)

    def quantity_records(self) -> dict[str, URIRef]:
        sections = {s.id: s for s in self.ex.sections}
        nodes: dict[str, URIRef] = {}
        for q in self.ex.quantities:
            node = iris.local_iri(self.report, "quantity", q.id)
            nodes[q.id] = node
            metric_name = iris.norm_name(q.metric) or iris.norm_name(q.surface)
            metric = iris.metric_iri(metric_name)
            self.add(node, RDF.type, _QUANTITY_CLASS.get(q.kind, PKG.ContextQuantity))
            self.add(node, RDFS.label, zh(f"{metric_name} {q.surface}"))
            self.add(node, PKG.localId, lit(q.id))
            self.add(node, PKG.metric, metric)
            self.add(node, PKG.metricName, zh(metric_name))  # the report's wording; the metric's label is its key
            self.add(metric, RDF.type, PKG.Metric)
            self.add(metric, RDFS.label, zh(iris.metric_name_key(metric_name)))
            self.add(node, PKG.value, _dec(q.value))
            if q.value_max is not None:
                self.add(node, PKG.valueMax, _dec(q.value_max))
            self.add(node, PKG.unit, lit(q.unit or ""))
            self.add(node, PKG.comparator, lit(q.comparator or "="))
            self.add(node, PKG.surface, lit(q.surface))
            section = sections.get(q.section or "")
            if self.period(node, figure_period(self.ex, q, section)):
                self.add(node, PKG.perYear, lit(True))
            if q.place:
                self.add(node, PKG.concernsPlace, self.place_ref(q.place))
            if section:
                self.add(node, PKG.inSection, iris.local_iri(self.report, "section", section.id))
            self.domain(node, q.domain)
            if q.rule:
                self.add(node, PKG.extractionRule, lit(q.rule))
            self.add(node, PROV.wasDerivedFrom, self.report)
            self.evidence(node, q.evidence.start, q.evidence.end)
        return nodes

    def goal_records(self, goals: Iterable[Goal]) -> dict[str, URIRef]:
        nodes: dict[str, URIRef] = {}
        for goal in goals:
            node = iris.local_iri(self.report, "goal", goal.id)
            nodes[goal.id] = node
            self.add(node, RDF.type, PKG.Goal)
            self.add(node, RDFS.label, zh(goal.title or goal.id))
            self.add(node, PKG.localId, lit(goal.id))
            self.add(self.report, PKG.hasGoal, node)
            if goal.section:
                self.add(node, PKG.inSection, iris.local_iri(self.report, "section", goal.section))
            self.period(node, goal.period)
            self.add(node, PROV.wasDerivedFrom, self.report)
            self.evidence(node, goal.start, goal.end)
        return nodes

    def task_records(
        self,
        tasks: Iterable[Task],
        goals: dict[str, URIRef],
        quantities: dict[str, URIRef],
        projects: dict[str, URIRef],
    ) -> None:
        gov = iris.government_iri(self.scope)
        for task in tasks:
            node = iris.local_iri(self.report, "task", task.id)
            self.add(node, RDF.type, PKG.Task)
            self.add(node, RDFS.label, zh(task.title or task.id))
            self.add(node, PKG.localId, lit(task.id))
            self.add(goals.get(task.goal or "", self.report), PKG.hasTask, node)
            if task.section:
                self.add(node, PKG.inSection, iris.local_iri(self.report, "section", task.section))
            self.period(node, task.period)
            self.domain(node, task.domain)
            for cue in task.domain_cues:
                self.add(node, PKG.domainCue, zh(cue))
            for assignment in task.departments:
                key = assignment.function or assignment.name
                owner, lower = iris.department_owner(assignment.name, self.ex.meta, self.scope)
                dept = iris.department_iri(owner, key, lower)
                self.add(dept, RDF.type, PKG.Department)
                self.add(dept, RDF.type, ORG.OrganizationalUnit)
                self.add(dept, RDFS.label, zh(assignment.name))
                self.add(dept, PKG.departmentFunction, zh(key))
                self.add(dept, ORG.subOrganizationOf, gov if owner == self.scope else self.government(owner))
                kind = "lead" if assignment.role == "lead" else "support"
                self.add(node, PKG.leadDepartment if kind == "lead" else PKG.supportingDepartment, dept)
                role = URIRef(f"{node}/role/{kind}/{iris.segment(key)}")
                self.add(node, PKG.hasDepartmentRole, role)
                self.add(role, RDF.type, PKG.DepartmentRole)
                self.add(role, RDFS.label, zh(f"{_ROLE_LABEL[kind]}:{assignment.name}"))
                self.add(role, PKG.roleDepartment, dept)
                self.add(role, PKG.roleKind, lit(kind))
                self.add(role, PKG.statedInReport, lit(bool(assignment.stated)))
                for cue in assignment.cues:
                    self.add(role, PKG.departmentCue, zh(cue))
            for qid in task.quantities:
                if qid in quantities:
                    self.add(node, PKG.hasQuantity, quantities[qid])
            for pid in task.projects:
                if pid in projects:
                    self.add(node, PKG.involvesProject, projects[pid])
            for name in task.places:
                self.add(node, PKG.concernsPlace, self.place_ref(name))
            self.add(node, PROV.wasDerivedFrom, self.report)
            self.evidence(node, task.start, task.end)


def extraction_triples(
    ex: Extraction, goals: Sequence[Goal] | None = None, tasks: Sequence[Task] | None = None
) -> set[Triple]:
    """The triples of one report's graph (goals and tasks default to those of `ex`)."""
    builder = _Builder(ex)
    builder.report_node()
    builder.sections()
    builder.place_records(ex.places)
    projects = builder.project_records()
    quantities = builder.quantity_records()
    goal_nodes = builder.goal_records(ex.goals if goals is None else goals)
    builder.task_records(ex.tasks if tasks is None else tasks, goal_nodes, quantities, projects)
    return builder.triples


def extraction_to_graph(
    ex: Extraction, goals: Sequence[Goal] | None = None, tasks: Sequence[Task] | None = None
) -> Graph:
    """The knowledge graph of one report as an rdflib Graph (the build itself never makes one)."""
    return triples.to_rdflib(extraction_triples(ex, goals, tasks))


def tracking_triples(old: Extraction, new: Extraction, links: Iterable[TrackingLink]) -> set[Triple]:
    """The checks of report `old`'s promises against report `new` (graph/tracking.py's links).

    One ``pkg:CommitmentCheck`` per link: its status, the promise (a target quantity or a
    project mention of `old`), the outcome (a result quantity or project mention of `new`, if
    any) and both evidence spans as the reports' own annotations.  The triples belong in their
    own named graph (``iris.tracking_graph_iri``) so that rebuilding either report replaces them.
    """
    before = _Builder(old)
    after = _Builder(new, before.triples)
    add = before.add
    base = iris.tracking_graph_iri(old, new)
    for link in links:
        if link.target_report != old.source or (link.result_report and link.result_report != new.source):
            continue
        if link.kind == "project" and link.target_id.startswith(WORK_PREFIX):
            _work_mention(before, link)  # a work only the tracker reads in the plan: its mention lives here
        local = "quantity" if link.kind == "quantity" else "project"
        check = URIRef(f"{base}/check/{local}/{iris.segment(link.target_id)}")
        add(check, RDF.type, PKG.CommitmentCheck)
        add(check, RDFS.label, zh(f"{link.metric}: {link.status}"))
        add(check, PKG.checkStatus, lit(link.status))
        add(check, PKG.checkKind, lit(link.kind))
        add(check, PKG.promisedIn, before.report)
        add(check, PKG.reviewedIn, after.report)
        add(check, PKG.promise, iris.local_iri(before.report, local, link.target_id))
        if link.kind == "quantity" and link.metric:
            add(check, PKG.metric, iris.metric_iri(link.metric))
        before.original_evidence(check, link.target_start, link.target_end, PKG.promiseEvidence)
        if link.result_report and link.result_id:
            add(check, PKG.outcome, iris.local_iri(after.report, local, link.result_id))
        if link.result_report:
            after.original_evidence(check, link.result_start, link.result_end, PKG.outcomeEvidence)
        if link.kind == "project":
            add(check, PKG.promisedStage, lit(link.comparator))
            if link.result_period:
                add(check, PKG.reportedStage, lit(link.result_period))
        if link.similarity is not None:
            add(check, PKG.matchSimilarity, _dec(link.similarity))
    return before.triples


def _work_mention(b: _Builder, link: TrackingLink) -> None:
    """The project mention of a work the tracker read in the plan (graph/tracking_works.py), in the tracking graph."""
    from policykg.graph.tracking_works import WORK_RULE

    node = iris.project_iri(b.scope, link.metric)
    mention = iris.local_iri(b.report, "project", link.target_id)
    b.add(node, RDF.type, PKG.Project)
    b.add(node, RDFS.label, zh(iris.project_key(link.metric)))
    b.add(node, PROV.wasDerivedFrom, b.report)
    b.add(mention, RDF.type, PKG.ProjectMention)
    b.add(mention, RDFS.label, zh(link.metric))
    b.add(mention, PKG.mentionOf, node)
    b.add(mention, PKG.localId, lit(link.target_id))
    b.add(mention, DCTERMS.isPartOf, b.report)
    b.add(mention, PKG.projectStatus, lit(link.comparator))
    b.add(mention, PKG.extractionRule, lit(WORK_RULE))
    b.add(mention, PROV.wasDerivedFrom, b.report)
    b.original_evidence(mention, link.target_start, link.target_end)


def tracking_to_graph(old: Extraction, new: Extraction, links: Iterable[TrackingLink]) -> Graph:
    """tracking_triples as an rdflib Graph."""
    return triples.to_rdflib(tracking_triples(old, new, links))


def to_dataset(extractions: Extraction | Iterable[Extraction]) -> Dataset:
    """One named graph per report (graph IRI = report IRI), for TriG / N-Quads and stores.

    The default graph is the union of the named graphs, as in the Oxigraph store's queries.
    """
    if isinstance(extractions, Extraction):
        extractions = [extractions]
    dataset = Dataset(default_union=True)  # queries without GRAPH see every report
    bind_prefixes(dataset)
    for ex in extractions:
        triples.to_rdflib(extraction_triples(ex), dataset.graph(iris.report_iri(ex)))
    return dataset


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
