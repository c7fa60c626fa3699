"""`policykg query` and `policykg queries`: saved or ad-hoc SPARQL over the store, a file or an endpoint.

Every query runs in a child process that is killed at the time limit: Oxigraph evaluates in native
code that a signal in this process cannot interrupt, and a runaway query must stop, not linger.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from policykg.extract.errors import QueryError


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"--param takes NAME=VALUE, got {pair!r}")
        params[key.strip()] = value
    return params


_TRIPLE_FORMATS = (".ttl", ".nt", ".jsonld")  # the formats without graph names


def _open_target(store: Path | None, data: Path | None) -> Any:
    import pyoxigraph as ox

    if data is not None:
        if not data.is_file():
            raise QueryError(f"no such data file: {data}")
        target = ox.Store()
        fmt = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
               ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD}.get(data.suffix)  # fmt: skip
        if fmt is None:
            raise QueryError(f"unknown data format {data.suffix!r}: use .ttl, .nt, .nq, .trig or .jsonld")
        try:
            # a file of triples is held as one named graph, as a report is in the store, so that
            # queries reading each report's graph (GRAPH ?g {…}) find it too
            named = ox.NamedNode(data.resolve().as_uri()) if data.suffix in _TRIPLE_FORMATS else None
            target.load(path=str(data), format=fmt, to_graph=named)
        except (SyntaxError, ValueError) as err:
            raise QueryError(f"cannot parse {data}: {err}") from None
        return target
    from policykg.graph.store import default_store_dir, open_store

    return open_store(store or default_store_dir(), read_only=True)


def _run_local(
    store: Path | None, data: Path | None, query: Any, params: dict[str, str], labelled: bool
) -> tuple[str, Any]:
    """Child-process body: returns ("ok", (result, labels)) or ("error", message)."""
    from policykg.extract.errors import PolicyKGError
    from policykg.queries import run_query

    try:
        target = _open_target(store, data)
        result = run_query(target, query, params)
        return "ok", (result, _labels(target, result) if labelled else {})
    except PolicyKGError as err:
        return "error", (type(err).__name__, str(err))
    except Exception as err:
        return "error", ("QueryError", f"{type(err).__name__}: {err}")


_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?node (SAMPLE(?text) AS ?label) WHERE {
  VALUES ?node { %s }
  { ?node rdfs:label ?text } UNION { ?node dcterms:title ?text }
} GROUP BY ?node
"""


def _labels(target: Any, result: Any, limit: int = 5000) -> dict[str, str]:
    """The rdfs:label (or title) of every IRI in a result, so a table reads as names, not IRIs."""
    from rdflib import URIRef

    iris = sorted({str(v) for row in result.rows for v in row if isinstance(v, URIRef)})[:limit]
    if not iris:
        return {}
    from policykg.queries import query_from_text, run_query

    values = " ".join(f"<{iri}>" for iri in iris if ">" not in iri and " " not in iri)
    found = run_query(target, query_from_text(_LABELS % values, "labels"))
    return {str(node): str(label) for node, label in found.rows if node is not None and label is not None}


def run_with_timeout(
    store: Path | None, data: Path | None, query: Any, params: dict[str, str], timeout: float, labelled: bool = False
) -> tuple[Any, dict[str, str]]:
    """Run in a child killed at the time limit; returns the result and, if asked, labels of its IRIs."""
    from policykg.extract.errors import StoreBusy

    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1) as pool:
        pending = pool.apply_async(_run_local, (store, data, query, params, labelled))
        try:
            status, payload = pending.get(timeout)
        except multiprocessing.TimeoutError:
            pool.terminate()
            raise QueryError(f"query stopped after the {timeout:g}s time limit (raise it with --timeout)") from None
    if status == "error":
        kind, message = payload
        raise (StoreBusy if kind == "StoreBusy" else QueryError)(message)
    return payload


def run_remote(endpoint: str, query: Any, params: dict[str, str], timeout: float) -> Any:
    """Send a query to a SPARQL 1.1 endpoint, parameters bound by a VALUES block."""
    from policykg.queries import QueryResult, bindings, paged

    query = paged(query, params)
    bound = bindings(query, params)
    text = query.text
    if bound:
        values = " ".join(f"?{k}" for k in bound)
        row = " ".join(v.n3() for v in bound.values())
        text = _append_values(text, f"VALUES ({values}) {{ ({row}) }}")
    request = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode({"query": text}).encode(),
        headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = json.load(response)
    except urllib.error.HTTPError as err:
        raise QueryError(
            f"{endpoint} answered {err.code}: {err.read(300).decode('utf-8', 'replace').strip()}"
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        raise QueryError(f"cannot reach {endpoint}: {getattr(err, 'reason', err)}") from None
    from rdflib import BNode, Literal, URIRef

    def term(cell: dict[str, str] | None) -> Any:
        if cell is None:
            return None
        if cell["type"] == "uri":
            return URIRef(cell["value"])
        if cell["type"] == "bnode":
            return BNode(cell["value"])
        return Literal(cell["value"], lang=cell.get("xml:lang"), datatype=cell.get("datatype"))

    if "boolean" in data:
        return QueryResult((), (), boolean=bool(data["boolean"]))
    columns = tuple(data["head"]["vars"])
    rows = tuple(tuple(term(b.get(c)) for c in columns) for b in data["results"]["bindings"])
    return QueryResult(columns, rows)


def _append_values(text: str, values: str) -> str:
    """Put a VALUES block inside the outermost WHERE group (SPARQL allows it there)."""
    depth, where_open = 0, -1
    upper = text.upper()
    start = upper.find("WHERE")
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
            if depth == 1:
                where_open = i
        elif text[i] == "}":
            depth -= 1
            if depth == 0 and where_open >= 0:
                return text[:i] + f"\n  {values}\n" + text[i:]
    return text


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _cell(value: Any, labels: dict[str, str]) -> str:
    """A label where the IRI has one, else the IRI shortened by the ontology's prefixes."""
    if value is None:
        return ""
    text = str(value)
    if text in labels:
        return labels[text]
    from rdflib import URIRef

    if isinstance(value, URIRef):
        from policykg.graph.namespaces import PREFIXES

        for prefix, base in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(base) and len(text) > len(base):
                return f"{prefix}:{text[len(base) :]}"
    return text


def format_table(result: Any, max_cell: int = 60, labels: dict[str, str] | None = None) -> str:
    """Aligned columns for a terminal; IRIs read as their labels (csv and json keep the IRIs)."""
    if result.boolean is not None:
        return "true" if result.boolean else "false"
    if result.graph is not None:
        return result.graph.rstrip("\n")
    rows = [[_cell(v, labels or {}) for v in row] for row in result.rows]
    rows = [[c if _width(c) <= max_cell else c[: max_cell // 2] + "…" for c in row] for row in rows]
    cols = list(result.columns)
    widths = [max([_width(c)] + [_width(r[i]) for r in rows]) for i, c in enumerate(cols)]
    lines = ["  ".join(c + " " * (w - _width(c)) for c, w in zip(cols, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _resolve_query(args: argparse.Namespace) -> Any:
    """The query a user means: -e TEXT, - (standard input), SPARQL text, a saved name or a file."""
    from policykg.queries import load_query, looks_like_query, query_from_text

    if args.expression is not None:
        return query_from_text(args.expression)
    if args.query is None:
        raise QueryError("give a saved query name, a query file, SPARQL text, -e TEXT or - (standard input)")
    if args.query == "-":
        return query_from_text(sys.stdin.read(), "stdin")
    if looks_like_query(args.query):
        return query_from_text(args.query)
    return load_query(args.query)  # unknown names fail here, with the closest saved name


def query_command(args: argparse.Namespace) -> int:
    from policykg.queries import write_result

    params = _parse_params(args.param)
    query = _resolve_query(args)
    labels: dict[str, str] = {}
    if args.endpoint:
        result = run_remote(args.endpoint, query, params, args.timeout)
    else:
        result, labels = run_with_timeout(
            args.store, args.data, query, params, args.timeout, labelled=args.format == "table"
        )
    if args.format == "table":
        print(format_table(result, labels=labels))
    else:
        sys.stdout.write(write_result(result, args.format, bom=args.excel))
    return 0


def list_command() -> int:
    from policykg.queries import list_queries

    for query in list_queries():
        params = ", ".join(f"{p.name} ({p.type})" for p in query.params)
        question = f"{query.question_zh} · {query.question}" if query.question_zh else query.question
        scope = "  [corpus-wide: --param limit=N --param offset=M]" if query.scope.startswith("corpus") else ""
        print(f"{query.name:32s} {question}" + (f"  [params: {params}]" if params else "") + scope)
    return 0
