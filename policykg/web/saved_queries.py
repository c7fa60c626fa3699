"""The saved queries of queries/*.rq as the workbench offers them, and their parameters as substitutions.

Parsing and typing of the `# question / # param / # columns` header live in policykg.queries;
this module only shapes them for the web page and for the query workers, which receive plain
(kind, value, datatype-or-@lang) tuples rather than rdflib terms.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from rdflib import Literal, URIRef

from policykg.extract.errors import QueryError
from policykg.queries import Query, bindings, list_queries


@lru_cache(maxsize=1)
def saved_queries() -> dict[str, Query]:
    """Every queries/*.rq by name (file stem), sorted."""
    return {q.name: q for q in list_queries()}


def as_json(query: Query) -> dict[str, object]:
    return {
        "name": query.name,
        "question": query.question,
        "question_zh": query.question_zh,
        "parameters": [{"name": p.name, "type": p.type, "description": p.description} for p in query.params],
        "columns": list(query.columns),
        "text": query.text,
    }


def bind_parameters(query: Query, values: Mapping[str, str]) -> dict[str, tuple[str, str, str]]:
    """Substitutions for the parameters given a value; ValueError for an unknown parameter or a bad value."""
    given = {p.name: values[p.name].strip() for p in query.params if (values.get(p.name) or "").strip()}
    try:
        terms = bindings(query, given)
    except QueryError as err:
        raise ValueError(str(err)) from None
    out: dict[str, tuple[str, str, str]] = {}
    for name, term in terms.items():
        if isinstance(term, URIRef):
            out[name] = ("iri", str(term), "")
        elif isinstance(term, Literal):
            extra = f"@{term.language}" if term.language else (str(term.datatype) if term.datatype else "")
            out[name] = ("literal", str(term), extra)
    return out
