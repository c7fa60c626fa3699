"""Records → RDF: the one place where an ``Extraction`` becomes triples, a module per record kind.

The graph uses ontology/policykg.ttl plus ORG, OWL-Time, Web Annotation, PROV-O, SKOS,
schema.org, GeoSPARQL and DCMI terms.  It holds no blank nodes and every IRI is minted from
stable keys (graph/iris.py), so that the serialisations are byte-identical across runs.
Evidence offsets point into ``Extraction.original``: the text as read, which a reader can open.
A record kind's triples live in its own module (report, places, projects, quantities, tasks,
checks), each adding through the shared Builder (builder.py); serialise.py writes the bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import Dataset, Graph

from policykg.extract.records import Extraction, Goal, Task
from policykg.graph import iris, triples
from policykg.graph.namespaces import bind_prefixes
from policykg.graph.rdf.builder import Builder
from policykg.graph.rdf.checks import tracking_to_graph, tracking_triples
from policykg.graph.rdf.places import add_places
from policykg.graph.rdf.projects import add_projects
from policykg.graph.rdf.quantities import add_quantities, figure_period
from policykg.graph.rdf.report import add_report, add_sections
from policykg.graph.rdf.serialise import DATASET_FORMATS, FORMATS, serialize, serialize_triples
from policykg.graph.rdf.tasks import add_goals, add_tasks
from policykg.graph.triples import Triple


def extraction_triples(
    ex: Extraction, goals: Sequence[Goal] | None = None, tasks: Sequence[Task] | None = None
) -> set[Triple]:
    """The triples of one report's graph (goals and tasks default to those of `ex`)."""
    builder = Builder(ex)
    add_report(builder)
    add_sections(builder)
    add_places(builder, ex.places)
    projects = add_projects(builder)
    quantities = add_quantities(builder)
    goal_nodes = add_goals(builder, ex.goals if goals is None else goals)
    add_tasks(builder, ex.tasks if tasks is None else tasks, goal_nodes, quantities, projects)
    return builder.triples


def extraction_to_graph(
    ex: Extraction, goals: Sequence[Goal] | None = None, tasks: Sequence[Task] | None = None
) -> Graph:
    """The knowledge graph of one report as an rdflib Graph (the build itself never makes one)."""
    return triples.to_rdflib(extraction_triples(ex, goals, tasks))


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


__all__ = [
    "DATASET_FORMATS",
    "FORMATS",
    "extraction_to_graph",
    "extraction_triples",
    "figure_period",
    "serialize",
    "serialize_triples",
    "to_dataset",
    "tracking_to_graph",
    "tracking_triples",
]
