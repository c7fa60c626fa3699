"""policykg: the SPARQL query library, its loader and a runner for rdflib and Oxigraph.

Each ``queries/*.rq`` file holds one SELECT query opening with a comment block::

    # question: Which targets fall due in a year …?
    # 问题: 哪些量化目标在某一年到期……？            (optional: the question in Chinese)
    # param: year (gYear) — the last year of the target's period; every year when not given
    # columns: target, metric, value, …

Parameters are bound as RDF terms, never pasted into the query text: rdflib gets
``initBindings``, a pyoxigraph ``Store`` gets ``substitutions``.  A parameter left out leaves
its variable free, so every query also answers "for all of them".
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from typing import Any

from rdflib import BNode, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.term import Identifier

from policykg.extract.errors import ExitCode, QueryError

# parameter type → how the string a user gives becomes an RDF term
PARAM_TYPES = ("iri", "string", "zh", "gYear", "integer", "decimal", "boolean", "date")

_HEADER = re.compile(r"^#\s*(question|问题|param|columns|scope)\s*:\s*(.*)$")
PAGING = ("limit", "offset")  # every query pages: --param limit=N --param offset=M
_PARAM = re.compile(r"^(\w+)\s*\((\w+)\)\s*[—-]+\s*(.+)$")


class UnknownQuery(QueryError):
    """No query of that name ships with policykg, and no such .rq file exists."""


class QueryFileMissing(QueryError):
    """A query given as a file path that does not exist: an input error, like a missing report."""

    exit_code = ExitCode.INPUT_MISSING


class BadParameter(QueryError):
    """A parameter the query does not declare, or a value that is not of the declared type."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    question: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    question_zh: str = ""
    scope: str = ""  # "corpus-wide …" for queries over every report (they page with limit/offset)

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        declared = ", ".join(p.name for p in self.params) or "none"
        raise BadParameter(f"query {self.name!r} has no parameter {name!r} (it takes: {declared})")


@dataclass(frozen=True)
class QueryResult:
    """A SELECT result: column names and rows of rdflib terms (None where unbound).

    An ASK answer has `boolean` set and no columns; a CONSTRUCT or DESCRIBE answer has `graph`
    (Turtle with the ontology's prefixes) and no columns.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Identifier | None, ...], ...]
    boolean: bool | None = None
    graph: str | None = None

    def as_dicts(self) -> list[dict[str, str | None]]:
        """Rows as {column: lexical value}, convenient for tests and tables."""
        return [
            {c: (None if v is None else str(v)) for c, v in zip(self.columns, row, strict=True)} for row in self.rows
        ]


def _parse_header(name: str, text: str, strict: bool = True) -> Query:
    """Read the comment block; `strict` (the shipped library) requires question and columns."""
    question = question_zh = scope = ""
    columns: tuple[str, ...] = ()
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "question":
            question = value
        elif key == "问题":
            question_zh = value
        elif key == "scope":
            scope = value
        elif key == "columns":
            columns = tuple(c.strip() for c in value.split(",") if c.strip())
        else:
            param = _PARAM.match(value)
            if not param or param.group(2) not in PARAM_TYPES:
                raise QueryError(f"{name}: bad '# param:' line {value!r}; write '# param: name (type) — description'")
            params.append(Param(param.group(1), param.group(2), param.group(3).strip()))
    if strict and (not question or not columns):
        raise QueryError(f"{name}: the comment block needs '# question:' and '# columns:' lines")
    hidden = [p.name for p in params if columns and p.name not in columns]
    if hidden:  # Oxigraph substitutes only projected variables
        raise QueryError(f"{name}: parameters {', '.join(hidden)} must also be output columns")
    return Query(name, text, question, tuple(params), columns, question_zh, scope)


def _library() -> dict[str, Any]:
    folder = files("policykg.queries")
    return {entry.name[:-3]: entry for entry in folder.iterdir() if entry.name.endswith(".rq")}


def list_queries() -> list[Query]:
    """Every shipped query, by name."""
    return [load_query(name) for name in sorted(_library())]


_QUERY_FORM = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.IGNORECASE)
QUERY_FILE_SUFFIXES = (".rq", ".sparql")


def looks_like_query(text: str) -> bool:
    """A command-line argument that is SPARQL text rather than a name or a path."""
    return bool(_QUERY_FORM.search(text)) and ("{" in text or any(ch.isspace() for ch in text.strip()))


def with_known_prefixes(text: str) -> str:
    """Declare the ontology's prefixes (pkg:, rdfs:, dcterms: …) that the text uses but does not declare,
    so that a query typed on the command line needs no PREFIX lines."""
    from policykg.graph.namespaces import PREFIXES

    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w-]*)?:", text)}
    used = [p for p in PREFIXES if p.lower() not in declared and re.search(rf"(?<![\w<#/]){re.escape(p)}:", text)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used) + text


def query_from_text(text: str, name: str = "query") -> Query:
    """Any SPARQL text; a leading comment block, where present, is read as in the library."""
    return _parse_header(name, with_known_prefixes(text), strict=False)


def load_query(name_or_path: str | Path) -> Query:
    """A shipped query by name ("targets-for-year", with or without .rq) or any query file by path.

    A file needs no comment block: its columns come from the query itself when it runs.
    """
    key = str(name_or_path)
    library = _library()
    stem = key[:-3] if key.endswith(".rq") else key
    if stem in library:
        return _parse_header(stem, library[stem].read_text(encoding="utf-8"))
    path = Path(key)
    if path.is_file():
        try:
            return query_from_text(path.read_text(encoding="utf-8"), path.stem)
        except (OSError, UnicodeDecodeError) as err:
            raise QueryFileMissing(f"cannot read {key}: {err}") from None
    if path.suffix in QUERY_FILE_SUFFIXES or "/" in key or "\\" in key:
        raise QueryFileMissing(f"no such file: {key}")
    import difflib

    close = difflib.get_close_matches(stem, sorted(library), n=1, cutoff=0.5)
    hint = f"did you mean {close[0]}? " if close else ""
    raise UnknownQuery(f"unknown query {key!r}; {hint}`policykg queries` lists the saved ones")


def to_term(param: Param, value: str) -> Identifier:
    """The RDF term a parameter value stands for, as the query's data holds it."""
    value = value.strip()
    try:
        if param.type == "iri":
            if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value):
                raise ValueError("not an absolute IRI")
            return URIRef(value)
        if param.type == "zh":
            return Literal(value, lang="zh")
        if param.type == "gYear":
            if not re.fullmatch(r"-?\d{4,}", value):
                raise ValueError("not a year")
            return Literal(value, datatype=XSD.gYear)
        if param.type == "integer":
            return Literal(int(value))
        if param.type == "decimal":
            from decimal import Decimal

            return Literal(Decimal(value), datatype=XSD.decimal)
        if param.type == "boolean":
            if value.lower() not in ("true", "false"):
                raise ValueError("not true or false")
            return Literal(value.lower() == "true")
        if param.type == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError("not an ISO date")
            return Literal(value, datatype=XSD.date)
        return Literal(value)
    except ValueError as err:
        raise BadParameter(f"parameter {param.name} ({param.type}): {value!r} is {err}") from err


def bindings(query: Query, params: Mapping[str, str] | None) -> dict[str, Identifier]:
    return {
        name: to_term(query.param(name), value)
        for name, value in (params or {}).items()
        if value != "" and name not in PAGING
    }


def paged(query: Query, params: Mapping[str, str] | None) -> Query:
    """The query with LIMIT / OFFSET appended when asked: whole numbers only, so nothing else is pasted."""
    page = {k: v.strip() for k, v in (params or {}).items() if k in PAGING and v.strip()}
    if not page:
        return query
    for key, value in page.items():
        if not value.isdigit():
            raise BadParameter(f"parameter {key}: {value!r} is not a whole number")
    body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
    if re.search(r"(?i)\b(?:LIMIT|OFFSET)\s+\d", body):
        raise BadParameter(f"query {query.name!r} sets its own LIMIT/OFFSET")
    tail = "".join(f"\n{key.upper()} {page[key]}" for key in PAGING if key in page)
    return replace(query, text=query.text.rstrip() + tail)


# --- engines -----------------------------------------------------------------------------------


def _to_oxigraph(term: Identifier) -> Any:
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


def _from_oxigraph(term: Any) -> Identifier | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))
    raise QueryError(f"unsupported result term {term!r}")


def _run_oxigraph(store: Any, query: Query, bound: dict[str, Identifier]) -> QueryResult:
    import pyoxigraph as ox

    try:
        solutions = store.query(
            query.text,
            substitutions={ox.Variable(k): _to_oxigraph(v) for k, v in bound.items()},
            use_default_graph_as_union=True,
        )
    except SyntaxError as err:
        raise QueryError(f"{query.name}: {err}") from err
    if isinstance(solutions, ox.QueryBoolean):
        return QueryResult((), (), boolean=bool(solutions))
    if isinstance(solutions, ox.QueryTriples):
        return QueryResult((), (), graph=_turtle(solutions))
    columns = tuple(v.value for v in solutions.variables)
    rows = tuple(tuple(_from_oxigraph(solution[c]) for c in columns) for solution in solutions)
    return QueryResult(columns, rows)


def _turtle(triples: Any) -> str:
    """A CONSTRUCT/DESCRIBE answer as Turtle with the ontology's prefixes, so it reads as names."""
    import pyoxigraph as ox

    from policykg.graph.namespaces import PREFIXES

    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")


def _as_dataset(graph: Any) -> Any:
    """A plain Graph seen as a dataset holding it as its one named graph, as a report is held in the
    store: queries that read each report's graph (GRAPH ?g {…}) then find it, the rest see the union."""
    from rdflib import ConjunctiveGraph, Dataset, Graph

    if not isinstance(graph, Graph) or isinstance(graph, ConjunctiveGraph):
        return graph
    if [context.identifier for context in graph.store.contexts()] in ([], [graph.identifier]):
        return Dataset(store=graph.store, default_union=True)
    dataset = Dataset(default_union=True)
    named = dataset.graph(graph.identifier)
    for triple in graph:
        named.add(triple)
    return dataset


def _run_rdflib(graph: Any, query: Query, bound: dict[str, Identifier]) -> QueryResult:
    with warnings.catch_warnings():  # rdflib's Dataset warns about its own use of default_context
        warnings.simplefilter("ignore", DeprecationWarning)
        return _answer_rdflib(_as_dataset(graph), query, bound)


def _answer_rdflib(graph: Any, query: Query, bound: dict[str, Identifier]) -> QueryResult:
    try:
        result = graph.query(query.text, initBindings={Variable(k): v for k, v in bound.items()})
    except Exception as err:  # rdflib raises pyparsing errors and others for a bad query
        raise QueryError(f"{query.name}: {err}") from err
    if result.type == "ASK":
        return QueryResult((), (), boolean=bool(result.askAnswer))
    if result.type == "CONSTRUCT":
        from policykg.graph.namespaces import bind_prefixes

        return QueryResult((), (), graph=bind_prefixes(result.graph).serialize(format="turtle"))
    columns = tuple(str(v) for v in result.vars or ())
    rows = tuple(tuple(row[i] for i in range(len(columns))) for row in result)
    return QueryResult(columns, rows)


def run_query(target: Any, name: str | Path | Query, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run a library query on an rdflib Graph/Dataset or a pyoxigraph Store.

    `params` maps parameter names to strings; each is turned into the declared RDF type
    (raising BadParameter when it does not fit) and bound, not pasted into the query.
    """
    query = paged(name if isinstance(name, Query) else load_query(name), params)
    bound = bindings(query, params)
    if type(target).__module__.startswith("pyoxigraph"):
        return _run_oxigraph(target, query, bound)
    return _run_rdflib(target, query, bound)


# --- result formats ----------------------------------------------------------------------------


def _json_term(term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def to_sparql_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    rows: list[dict[str, dict[str, str]]] = [
        {c: _json_term(v) for c, v in zip(result.columns, row, strict=True) if v is not None} for row in result.rows
    ]
    data = {"head": {"vars": list(result.columns)}, "results": {"bindings": rows}}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(result: QueryResult, *, bom: bool = False) -> str:
    """SPARQL 1.1 Query Results CSV Format (lexical values, CRLF), by the one formula-safe CSV writer.

    `bom` starts it with the byte-order mark, for a file opened in Excel or WPS (`query --excel`).
    """
    from policykg.graph.tables import csv_bytes

    if result.boolean is not None:
        return csv_bytes(["boolean"], [[str(result.boolean).lower()]], bom=bom).decode("utf-8")
    rows = (["" if v is None else (f"_:{v}" if isinstance(v, BNode) else str(v)) for v in row] for row in result.rows)
    return csv_bytes(result.columns, rows, bom=bom).decode("utf-8")


def write_result(result: QueryResult, fmt: str, *, bom: bool = False) -> str:
    """Format a result as "json" (SPARQL JSON results) or "csv" (with a BOM if asked); a graph answer is Turtle."""
    if result.graph is not None:
        return result.graph
    if fmt == "json":
        return to_sparql_json(result)
    if fmt == "csv":
        return to_csv(result, bom=bom)
    raise QueryError(f"unknown result format {fmt!r}; use json or csv")


__all__: Sequence[str] = (
    "BadParameter",
    "Param",
    "Query",
    "QueryFileMissing",
    "QueryResult",
    "UnknownQuery",
    "list_queries",
    "load_query",
    "looks_like_query",
    "paged",
    "query_from_text",
    "run_query",
    "to_csv",
    "to_sparql_json",
    "write_result",
)
