"""The saved queries of queries/*.rq as the query page offers them: question, parameters, columns.

A saved query opens with a comment block (STYLE.md):
    # question: …
    # param: name (type) — description
    # columns: a, b, c
Parameters are bound as typed RDF terms through the store's variable substitution (SEP-0007),
never pasted into the query text; a parameter left empty stays unbound ("every … when not given").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

XSD = "http://www.w3.org/2001/XMLSchema#"
# parameter type -> (term kind, datatype or "@lang")
PARAM_TYPES: dict[str, tuple[str, str]] = {
    "iri": ("iri", ""),
    "zh": ("literal", "@zh"),
    "string": ("literal", ""),
    "gYear": ("literal", XSD + "gYear"),
    "integer": ("literal", XSD + "integer"),
    "decimal": ("literal", XSD + "decimal"),
    "date": ("literal", XSD + "date"),
    "boolean": ("literal", XSD + "boolean"),
}
_PARAM = re.compile(r"#\s*param:\s*(?P<name>\w+)\s*\((?P<type>[^)]+)\)\s*[—–-]*\s*(?P<description>.*)")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class SavedQuery:
    name: str
    question: str
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    text: str

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "question": self.question,
            "parameters": [p.__dict__ for p in self.parameters],
            "columns": list(self.columns),
            "text": self.text,
        }


def parse_saved_query(name: str, text: str) -> SavedQuery:
    question, columns, params = "", (), []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        if match := _PARAM.match(stripped):
            params.append(Parameter(match["name"], match["type"].strip(), match["description"].strip()))
        elif stripped.startswith("# question:"):
            question = stripped.split(":", 1)[1].strip()
        elif stripped.startswith("# columns:"):
            columns = tuple(c.strip() for c in stripped.split(":", 1)[1].split(",") if c.strip())
    return SavedQuery(name, question, tuple(params), columns, text)


@lru_cache(maxsize=1)
def saved_queries() -> dict[str, SavedQuery]:
    """Every queries/*.rq by name (file stem), sorted."""
    root = files("policykg.queries")
    found = {}
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq") and entry.is_file():
            name = entry.name[: -len(".rq")]
            found[name] = parse_saved_query(name, entry.read_text(encoding="utf-8"))
    return found


def bind_parameters(query: SavedQuery, values: Mapping[str, str]) -> dict[str, tuple[str, str, str]]:
    """Substitutions for the parameters given a value; ValueError for a malformed IRI or type."""
    bindings: dict[str, tuple[str, str, str]] = {}
    for param in query.parameters:
        value = (values.get(param.name) or "").strip()
        if not value:
            continue
        kind, extra = PARAM_TYPES.get(param.type, ("literal", ""))
        if kind == "iri" and (not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*", value)):
            raise ValueError(f"parameter {param.name} needs an absolute IRI, got {value!r}")
        if param.type in ("gYear", "integer") and not re.fullmatch(r"-?\d+", value):
            raise ValueError(f"parameter {param.name} needs a whole number, got {value!r}")
        bindings[param.name] = (kind, value, extra)
    return bindings
