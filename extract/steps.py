"""The extraction steps in the order each needs the others' results, as functions over an Extraction.

``policykg build`` runs them directly on the document model; extract/nlp.py wraps each as a
spaCy component for users who want a Doc.  No step reads tokens, so the build does not tokenise:
a Doc of one token per character cost a tenth of a report's extraction and was dropped unread.
"""

from __future__ import annotations

from collections.abc import Callable

from policykg.extract.records import Extraction


def find_places(ex: Extraction) -> None:
    from policykg.extract.places import extract_places

    ex.places = list(extract_places(ex))


def find_quantities(ex: Extraction) -> None:
    """Figures with their metric, kind, period and place (the places step resolved the places)."""
    from policykg.extract.quantities import extract_quantities

    ex.quantities = list(extract_quantities(ex))


def find_projects(ex: Extraction) -> None:
    from policykg.extract.projects import extract_projects

    ex.projects = list(extract_projects(ex))


def find_goals_and_tasks(ex: Extraction) -> None:
    """Goals and tasks, each task with its domain and departments, holding the figures and projects."""
    from policykg.extract.tasks import extract_goals_tasks

    ex.goals, ex.tasks = extract_goals_tasks(ex, ex.quantities, ex.projects)


def give_figures_domains(ex: Extraction) -> None:
    """A figure's domain is its task's, so this runs after the tasks."""
    from policykg.extract.record_domains import quantity_domains

    ex.quantities = quantity_domains(ex)


STEPS: tuple[tuple[str, Callable[[Extraction], None]], ...] = (
    ("places", find_places),
    ("quantities", find_quantities),
    ("projects", find_projects),
    ("tasks", find_goals_and_tasks),
    ("domains", give_figures_domains),
)


def run_steps(ex: Extraction) -> Extraction:
    for _, step in STEPS:
        step(ex)
    return ex
