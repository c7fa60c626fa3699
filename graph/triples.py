"""A report's triples as plain Python tuples, and their serialisations through Oxigraph.

Why not an rdflib Graph: building one costs seconds per 100k triples (every term is validated,
hashed through Python methods and indexed three ways), and its JSON-LD writer is slower still.
The builder (graph/rdf/builder.py) adds ``(subject, predicate, object)`` tuples to a set: IRIs are plain
``str``; a literal is a ``Lit`` (lexical form, language, datatype IRI).  Turtle and N-Triples are
written by pyoxigraph; JSON-LD is compacted here with our prefixes, node by node, giving the bytes
rdflib's compacting writer gave (tests/test_rdf_fast.py compares both).  rdflib Graphs are made
only when a caller asks for one (the Python API, pySHACL).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from policykg.graph.namespaces import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_BOOLEAN, XSD_INTEGER, XSD_DOUBLE, XSD_STRING = (XSD + t for t in ("boolean", "integer", "double", "string"))
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class Lit(NamedTuple):
    """An RDF literal: lexical form, language tag ('' if none), datatype IRI ('' for a plain string)."""

    value: str
    lang: str = ""
    datatype: str = ""


Term = str | Lit
Triple = tuple[str, str, Term]


def lit(value: object) -> Lit:
    """The literal rdflib's ``Literal(value)`` makes for a Python bool, int, float or str."""
    if isinstance(value, bool):
        return Lit("true" if value else "false", "", XSD_BOOLEAN)
    if isinstance(value, int):
        return Lit(str(value), "", XSD_INTEGER)
    if isinstance(value, float):
        return Lit(Literal(value).__str__(), "", XSD_DOUBLE)
    return Lit(str(value))


def zh(text: str) -> Lit:
    return Lit(text, "zh")


def from_rdflib(graph: Graph) -> set[Triple]:
    """The tuples of an rdflib graph (blank nodes are not supported: policykg writes none)."""
    out: set[Triple] = set()
    for s, p, o in graph:
        if isinstance(o, Literal):
            obj: Term = Lit(str(o), o.language or "", str(o.datatype) if o.datatype else "")
        else:
            obj = str(o)
        out.add((str(s), str(p), obj))
    return out


def to_rdflib(triples: Iterable[Triple], graph: Graph | None = None) -> Graph:
    """An rdflib Graph of the tuples, for callers that want one (API users, pySHACL)."""
    from policykg.graph.namespaces import bind_prefixes

    graph = graph if graph is not None else bind_prefixes(Graph())
    nodes: dict[str, URIRef] = {}

    def node(iri: str) -> URIRef:
        found = nodes.get(iri)
        if found is None:
            found = nodes[iri] = URIRef(iri)
        return found

    add = graph.add
    for s, p, o in triples:
        if isinstance(o, Lit):
            obj = Literal(o.value, lang=o.lang or None, datatype=URIRef(o.datatype) if o.datatype else None)
        else:
            obj = node(o)
        add((node(s), node(p), obj))
    return graph


def to_oxigraph(triples: Iterable[Triple]) -> list[ox.Triple]:
    """The tuples as pyoxigraph triples (named nodes shared through a cache)."""
    nodes: dict[str, ox.NamedNode] = {}
    literals: dict[Lit, ox.Literal] = {}

    def node(iri: str) -> ox.NamedNode:
        found = nodes.get(iri)
        if found is None:
            found = nodes[iri] = ox.NamedNode(iri)
        return found

    out = []
    for s, p, o in triples:
        if isinstance(o, Lit):
            obj = literals.get(o)
            if obj is None:
                if o.lang:
                    obj = ox.Literal(o.value, language=o.lang)
                elif o.datatype:
                    obj = ox.Literal(o.value, datatype=node(o.datatype))
                else:
                    obj = ox.Literal(o.value)
                literals[o] = obj
            out.append(ox.Triple(node(s), node(p), obj))
        else:
            out.append(ox.Triple(node(s), node(p), node(o)))
    return out


# Oxigraph's canonical N-Triples escapes: ECHARs, \\uXXXX for other controls and U+FFFE/U+FFFF.
_ESCAPES = {
    **{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)},
    **{ord(k): v for k, v in {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}.items()},
    ord('"'): '\\"',
    ord("\\"): "\\\\",
}
_NEEDS_ESCAPE = re.compile('[\x00-\x1f\x7f\ufffe\uffff"\\\\]')


def _nt_literal(o: Lit) -> str:
    text = o.value.translate(_ESCAPES) if _NEEDS_ESCAPE.search(o.value) else o.value
    if o.lang:
        return f'"{text}"@{o.lang}'
    if o.datatype and o.datatype != XSD_STRING:
        return f'"{text}"^^<{o.datatype}>'
    return f'"{text}"'


def ntriples(triples: Iterable[Triple] | BySubject) -> bytes:
    """Canonical N-Triples, one line per triple, lines sorted: byte-stable, and what Oxigraph reads.

    Written here rather than by Oxigraph's writer because turning each tuple into pyoxigraph
    objects first costs more than the writing (tests check the bytes equal Oxigraph's).  Lines are
    made subject by subject, in the order their lines sort, so that only one subject's lines exist
    as separate strings at a time (making every line first, then sorting them, took about four
    times the output's size in memory: 200 MiB at 326k triples).
    """
    groups = triples if isinstance(triples, BySubject) else by_subject(triples)
    objects: dict[Term, str] = {}
    known = objects.get
    out = io.BytesIO()
    write = out.write
    # a line starts "<subject> ", and '>' never occurs in an IRI, so subject + ">" sorts as the lines do
    # (str order is code point order, which is the UTF-8 bytes' order)
    for s in sorted(groups, key=_after_iri):
        rest = set()  # a set: one line per RDF triple ("x" and "x"^^xsd:string are one)
        add = rest.add
        for _, p, o in groups[s]:
            obj = known(o)
            if obj is None:
                if type(o) is str:
                    obj = objects[o] = f"<{o}>"
                else:
                    obj = _nt_literal(o)  # type: ignore[arg-type]
                    if len(o.value) < 24:  # type: ignore[union-attr]  # long quotes are unique: not kept
                        objects[o] = obj
            add(f"<{p}> {obj} .")
        head = f"<{s}> "
        write((head + f"\n{head}".join(sorted(rest)) + "\n").encode())
    return out.getvalue()  # the buffer itself, not a copy


class BySubject(dict[str, list[Triple]]):
    """A graph's triples grouped by subject, as both writers read them: group once, write twice."""


def by_subject(triples: Iterable[Triple]) -> BySubject:
    """The triples grouped by subject (references to them: a few bytes per triple)."""
    groups = BySubject()
    get = groups.get
    for triple in triples:
        group = get(triple[0])
        if group is None:
            groups[triple[0]] = [triple]
        else:
            group.append(triple)
    return groups


def _after_iri(iri: str) -> str:
    return iri + ">"


# --- JSON-LD ---------------------------------------------------------------------------------------

_NATIVE = {XSD_BOOLEAN, XSD_INTEGER, XSD_DOUBLE, XSD_STRING}
_DELIMS = ("#", "/", ":")


class _Compactor:
    """IRI → compact IRI with our prefixes, splitting as rdflib's JSON-LD writer does."""

    def __init__(self) -> None:
        self.prefixes = {iri: prefix for prefix, iri in PREFIXES.items()}
        self.cache: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        found = self.cache.get(iri)
        if found is None:
            found = iri
            for delim in _DELIMS:  # rdflib splits at the last '#', else the last '/', else ':'
                at = iri.rfind(delim)
                if at > -1:
                    prefix = self.prefixes.get(iri[: at + 1])
                    if prefix:
                        found = f"{prefix}:{iri[at + 1 :]}"
                    break
            self.cache[iri] = found
        return found


def _native(o: Lit) -> object:
    if o.datatype == XSD_BOOLEAN:
        return o.value in ("true", "1")
    if o.datatype == XSD_INTEGER:
        return int(o.value)
    if o.datatype == XSD_DOUBLE:
        return float(o.value)
    return o.value


def _dumps_key(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _json_value(o: Term, short: _Compactor) -> object:
    if not isinstance(o, Lit):
        return {"@id": short(o)}
    if o.datatype in _NATIVE:
        return _native(o)
    if o.datatype:
        return {"@type": short(o.datatype), "@value": o.value}
    if o.lang:
        return {"@language": o.lang, "@value": o.value}
    return o.value


class _Rendered(NamedTuple):
    key: str  # what the values of one property are sorted by: their JSON with sorted keys
    alone: str  # the value's text as the only value of a property
    item: str  # its text as one item of a property's list


def _render(value: object) -> _Rendered:
    """One value's sort key and texts; the shapes a report graph holds are written directly."""
    if isinstance(value, str):
        text = _encode_str(value)
        return _Rendered(text, text, text)
    if isinstance(value, int):  # booleans too
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        return _Rendered(text, text, text)
    if isinstance(value, dict) and len(value) <= 2:
        pairs = [(_encode_str(k), _encode_str(v)) for k, v in sorted(value.items()) if isinstance(v, str)]
        if len(pairs) == len(value):
            key = "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
            alone = "{\n        " + ",\n        ".join(f"{k}: {v}" for k, v in pairs) + "\n      }"
            item = "{\n          " + ",\n          ".join(f"{k}: {v}" for k, v in pairs) + "\n        }"
            return _Rendered(key, alone, item)
    alone: list[str] = []
    item: list[str] = []
    _emit(value, "\n      ", alone)
    _emit(value, "\n        ", item)
    return _Rendered(_dumps_key(value), "".join(alone), "".join(item))


def jsonld(triples: Iterable[Triple] | BySubject) -> bytes:
    """Compact JSON-LD with our prefixes as the context, nodes and values sorted: byte-stable.

    One node object per subject (``@id``, ``@type``, one key per predicate as a compact IRI);
    booleans, integers and doubles as JSON values, other typed literals as ``@type``/``@value``,
    language strings as ``@language``/``@value``, IRIs as ``{"@id": ...}``; a key with several
    values holds a sorted list.  These are the bytes rdflib's writer (with ``auto_compact``) gave
    after sorting; each distinct value is rendered once and node objects are joined as text.
    """
    short = _Compactor()
    keys = short.cache  # predicate → key, filled below without a call per triple
    types: dict[str, Lit] = {}

    def node_of(group: list[Triple]) -> dict[str, list[Term]]:
        """One subject's values by key; made subject by subject as the text is written (a dict per
        node for the whole graph at once was the writer's largest use of memory)."""
        node: dict[str, list[Term]] = {}
        for _, p, o in group:
            if p == RDF_TYPE and type(o) is str:
                key = "@type"
                o = types.get(o) or types.setdefault(o, Lit(short(o)))  # written as its compact IRI
            else:
                key = keys.get(p) or short(p)
            values = node.get(key)
            if values is None:
                node[key] = [o]
            else:
                values.append(o)
        return node

    groups = triples if isinstance(triples, BySubject) else by_subject(triples)
    context = {prefix: iri for prefix, iri in sorted(PREFIXES.items())}
    if len(groups) < 2:  # rdflib puts a lone node at the top level, beside the context
        document: dict[str, object] = {"@context": context}
        for s, group in groups.items():
            document["@id"] = short(s)
            for key, values in node_of(group).items():
                items = sorted((_json_value(v, short) for v in values), key=_dumps_key)
                document[key] = items[0] if len(items) == 1 else items
        if not groups:
            document["@graph"] = []
        out: list[str] = []
        _emit({k: document[k] for k in sorted(document)}, "\n", out)
        return ("".join(out) + "\n").encode("utf-8")
    rendered: dict[Term, _Rendered] = {}
    head: list[str] = []
    _emit(context, "\n  ", head)
    out = io.BytesIO()
    out.write(('{\n  "@context": ' + "".join(head) + ',\n  "@graph": [\n').encode("utf-8"))
    # rdflib's nodes were sorted by their JSON text, which starts {"@id": "<id>", so by id
    order = sorted((_encode_str(short(s)), s) for s in groups)
    key_texts: dict[str, str] = {}

    def render(v: Term) -> _Rendered:
        r = _render(_json_value(v, short))
        if type(v) is str or len(v.value) < 24:  # type: ignore[union-attr]  # long quotes are unique: not kept
            rendered[v] = r
        return r

    sep = ""
    for encoded_id, s in order:
        node = node_of(groups[s])
        parts = [sep, '    {\n      "@id": ', encoded_id]
        sep = ",\n"
        for key in sorted(node):
            values = node[key]
            text = key_texts.get(key)
            if text is None:
                text = key_texts[key] = ",\n      " + _encode_str(key) + ": "
            parts.append(text)
            if len(values) == 1:
                parts.append((rendered.get(values[0]) or render(values[0])).alone)
            else:
                shown = [rendered.get(v) or render(v) for v in values]
                shown.sort(key=lambda r: r.key)
                parts.append("[\n        " + ",\n        ".join(r.item for r in shown) + "\n      ]")
        parts.append("\n    }")
        out.write("".join(parts).encode("utf-8"))  # written as made: no list of node texts to join
    out.write(b"\n  ]\n}\n")
    return out.getvalue()  # the buffer itself, not a copy


_encode_str = json.encoder.encode_basestring  # type: ignore[attr-defined]  # C, ensure_ascii=False


def _emit(value: object, newline: str, out: list[str]) -> None:
    """What ``json.dumps(value, ensure_ascii=False, indent=2)`` writes, without its slow pure-Python
    indenting encoder: `newline` is the line break plus the indentation of `value`'s own line."""
    if isinstance(value, str):
        out.append(_encode_str(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for key, item in value.items():
            out.append(sep)
            out.append(_encode_str(key))
            out.append(": ")
            _emit(item, inner, out)
            sep = "," + inner
        out.append(newline + "}")
    elif isinstance(value, list):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for item in value:
            out.append(sep)
            _emit(item, inner, out)
            sep = "," + inner
        out.append(newline + "]")
    else:
        out.append(json.dumps(value))
