"""A government's promise record across a series of its reports, for the charts and their saved queries.

Two readers give the same rows: ``series_rows`` reads the extractions and the tracking links of
``policykg chart`` / ``build`` (graph/tracking.py's ``track``, not changed here), and the workbench
reads the saved queries ``promise-record``, ``promise-record-by-domain`` and ``target-vs-result``
from the store.  ``chart_data`` shapes either into the JSON the charts draw, so the page, the CLI's
files and SPARQL cannot disagree (tests/test_charts.py compares them).

What counts, in both readers: a check is one promise of report N (a target figure or a project
stage) judged against report N+1, as the tracking graph stores it (one ``pkg:CommitmentCheck`` per
promise; two links to one promise are one check).  The year of a promise is the plan year of the
report that made it.  The target-vs-result series keeps the figures set for that year alone (period
beginning and ending in the plan year), so a five-year goal is not drawn as one year's target.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from policykg.extract.errors import UsageError
from policykg.extract.records import Extraction, Quantity
from policykg.graph.styles import styles
from policykg.graph.tracking import STATUSES, TrackingLink

KIND_LABELS = {"quantity": "指标 targets", "project": "项目 projects"}
NO_DOMAIN = "未分类"
RECORD_COLUMNS = ("government", "year", "reviewed_year", "kind", "status", "checks")
DOMAIN_COLUMNS = ("government", "domain", "kind", "status", "checks")
METRIC_COLUMNS = (
    "government",
    "metric",
    "year",
    "unit",
    "comparator",
    "target",
    "target_surface",
    "result",
    "result_surface",
    "status",
    "check",
)

Row = dict[str, object]


class BadSeries(UsageError):
    """Reports that do not form a series of one government (one report, other governments): a usage error."""


def government(ex: Extraction) -> str:
    """The government a report speaks for, as the graph names it (its place)."""
    return ex.meta.place or ex.source


def check_series(extractions: Sequence[Extraction]) -> str:
    """The one government of a series; BadSeries unless there are two reports of it with plan years."""
    if len(extractions) < 2:
        raise BadSeries("a series needs at least two reports of one government (got one)")
    keys = {(ex.meta.place_code or ex.meta.place): ex for ex in extractions}
    if len(keys) > 1:
        names = ", ".join(sorted({f"{government(ex)} ({ex.source})" for ex in keys.values()}))
        raise BadSeries(f"the reports are of different governments: {names}; give one government's reports")
    years = {ex.meta.plan_year for ex in extractions if ex.meta.plan_year}
    if len(years) < 2:
        raise BadSeries("a series needs reports of at least two different plan years")
    return government(extractions[0])


@lru_cache(maxsize=256)
def domain_label(name: str) -> str:
    """The Chinese label of a policy domain, as the graph gives it (the scheme's zh prefLabel)."""
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    from policykg.graph import iris

    if not name:
        return NO_DOMAIN
    concept = iris.domain_iri(name)
    if iris.is_known_domain(name):
        for label in iris.domain_scheme().objects(URIRef(concept), SKOS.prefLabel):
            if getattr(label, "language", None) == "zh":
                return str(label)
    return iris.norm_name(name)


def _single_year(ex: Extraction, q: Quantity) -> bool:
    """The figure's period as the graph stores it begins and ends in the report's plan year."""
    from policykg.graph.rdf import figure_period

    sections = {s.id: s for s in ex.sections}
    period = figure_period(ex, q, sections.get(q.section or ""))
    return period is not None and period.first == period.last == ex.meta.plan_year


@dataclass(frozen=True)
class Pair:
    """Report N, report N+1 and the links between them."""

    old: Extraction
    new: Extraction
    links: list[TrackingLink]


def _check_id(base: str, link: TrackingLink) -> str:
    """The check's IRI as graph/rdf/checks.py's tracking_triples names it (`base`: the pair's tracking graph)."""
    from policykg.graph import iris

    local = "quantity" if link.kind == "quantity" else "project"
    return f"{base}/check/{local}/{iris.segment(link.target_id)}"


def series_rows(pairs: Iterable[Pair]) -> dict[str, list[Row]]:
    """The three tables of the saved queries, computed from the links (the rows SPARQL would return)."""
    from policykg.graph.iris import metric_name_key, tracking_graph_iri

    record: dict[tuple[str, int, int, str, str], set[str]] = defaultdict(set)
    domains: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    metrics: dict[tuple[str, str], Row] = {}
    for pair in pairs:
        old, new = pair.old, pair.new
        gov = government(old)
        year = old.meta.plan_year or 0
        reviewed = new.meta.plan_year or 0
        quantities = {q.id: q for q in old.quantities}
        projects = {p.id: p for p in old.projects}
        results = {q.id: q for q in new.quantities}
        base = str(tracking_graph_iri(old, new))
        for link in pair.links:
            if link.target_report != old.source or (link.result_report and link.result_report != new.source):
                continue  # as tracking_triples: only links between this pair become checks
            check = _check_id(base, link)
            record[(gov, year, reviewed, link.kind, link.status)].add(check)
            node = quantities.get(link.target_id) if link.kind == "quantity" else projects.get(link.target_id)
            domain = domain_label(getattr(node, "domain", "") or "")
            domains[(gov, domain, link.kind, link.status)].add(check)
            q = quantities.get(link.target_id) if link.kind == "quantity" else None
            if q is None or not link.metric or not _single_year(old, q):
                continue
            r = results.get(link.result_id) if link.result_id else None
            metrics[(check, link.status)] = {
                "government": gov,
                "metric": metric_name_key(link.metric),
                "year": year,
                "unit": q.unit or "",
                "comparator": q.comparator or "=",
                "target": float(q.value),
                "target_surface": q.surface,
                "result": float(r.value) if r is not None else None,
                "result_surface": r.surface if r is not None else "",
                "status": link.status,
                "check": check,
            }
    return {
        "record": sorted(
            (
                {"government": g, "year": y, "reviewed_year": r, "kind": k, "status": s, "checks": len(c)}
                for (g, y, r, k, s), c in record.items()
            ),
            key=record_key,
        ),
        "domains": sorted(
            (
                {"government": g, "domain": d, "kind": k, "status": s, "checks": len(c)}
                for (g, d, k, s), c in domains.items()
            ),
            key=domain_key,
        ),
        "metrics": sorted(metrics.values(), key=metric_key),
    }


def record_key(row: Mapping[str, object]) -> tuple[object, ...]:
    return (row["government"], row["year"], row["kind"], _status_rank(row["status"]))


def domain_key(row: Mapping[str, object]) -> tuple[object, ...]:
    return (row["government"], row["domain"], row["kind"], _status_rank(row["status"]))


def metric_key(row: Mapping[str, object]) -> tuple[object, ...]:
    return (row["government"], row["metric"], row["year"], row["check"], _status_rank(row["status"]))


def _status_rank(status: object) -> int:
    return STATUSES.index(str(status)) if status in STATUSES else len(STATUSES)


# --- SPARQL rows (strings) -> the same typed rows ------------------------------------------------


def _number(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


def typed_rows(kind: str, rows: Iterable[Mapping[str, str | None]]) -> list[Row]:
    """Saved-query rows (every value a string, absent or None when unbound) as the typed rows ``series_rows`` gives."""
    out: list[Row] = []
    for row in rows:
        if kind == "record":
            out.append(
                {
                    "government": (row.get("government") or ""),
                    "year": int(row.get("year") or 0),
                    "reviewed_year": int(row.get("reviewed_year") or 0),
                    "kind": (row.get("kind") or ""),
                    "status": (row.get("status") or ""),
                    "checks": int(row.get("checks") or 0),
                }
            )
        elif kind == "domains":
            out.append(
                {
                    "government": (row.get("government") or ""),
                    "domain": row.get("domain") or NO_DOMAIN,
                    "kind": (row.get("kind") or ""),
                    "status": (row.get("status") or ""),
                    "checks": int(row.get("checks") or 0),
                }
            )
        else:
            out.append(
                {
                    "government": (row.get("government") or ""),
                    "metric": (row.get("metric") or ""),
                    "year": int(row.get("year") or 0),
                    "unit": (row.get("unit") or ""),
                    "comparator": row.get("comparator") or "=",
                    "target": _number(row.get("target")),
                    "target_surface": (row.get("target_surface") or ""),
                    "result": _number(row.get("result")),
                    "result_surface": (row.get("result_surface") or ""),
                    "status": (row.get("status") or ""),
                    "check": (row.get("check") or ""),
                }
            )
    key = {"record": record_key, "domains": domain_key}.get(kind, metric_key)
    return sorted(out, key=key)


# --- the charts' JSON ------------------------------------------------------------------------------


def chart_data(tables: Mapping[str, list[Row]], gov: str, min_years: int = 2) -> dict[str, object]:
    """What the charts draw for one government: the record by year and by domain, and per metric
    the target of each year against the result the next report gave (metrics set in ≥ `min_years` years first)."""
    record = [r for r in tables["record"] if r["government"] == gov]
    domains = [r for r in tables["domains"] if r["government"] == gov]
    rows = [r for r in tables["metrics"] if r["government"] == gov]
    by_metric: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_metric[str(row["metric"])].append({k: v for k, v in row.items() if k != "government"})
    metrics = [
        {
            "metric": name,
            "unit": points[0]["unit"],
            "years": sorted({int(str(p["year"])) for p in points}),
            "points": points,
        }
        for name, points in by_metric.items()
    ]
    metrics.sort(key=lambda m: (-len(m["years"]), -sum(p["result"] is not None for p in m["points"]), m["metric"]))
    reviewed = {int(str(r["year"])): int(str(r["reviewed_year"])) for r in record}
    return {
        "government": gov,
        "years": sorted(reviewed),
        "reviewed_in": {str(year): later for year, later in sorted(reviewed.items())},
        "statuses": list(STATUSES),
        # a status reads and looks as in the network views (graph/static/styles.json)
        "status_labels": {status: styles()["tracking"][status]["caption"] for status in STATUSES},
        "status_colors": {status: styles()["tracking"][status]["border"] for status in STATUSES},
        "kind_labels": KIND_LABELS,
        "record": [{k: v for k, v in r.items() if k != "government"} for r in record],
        "domains": [{k: v for k, v in r.items() if k != "government"} for r in domains],
        "metrics": [m for m in metrics if len(m["years"]) >= min_years],
        "other_metrics": [m["metric"] for m in metrics if len(m["years"]) < min_years],
    }


def governments(tables: Mapping[str, list[Row]]) -> list[str]:
    return sorted({str(r["government"]) for r in tables["record"]})
