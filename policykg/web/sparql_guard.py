"""Checks a query text passes before it reaches a query worker: no updates, no federation, no deep nesting.

A scan, not a parse: it skips what SPARQL's lexer skips (strings, comments, IRIs, prefixed
names, variables) and looks at the keywords and brackets that are left.  It errs towards
refusing: a word it cannot place is taken as a keyword.

* an update sent as ``query=`` is refused like ``update=`` (the endpoint is read-only);
* ``SERVICE`` would make the server call any address (federation): refused unless the endpoint's
  IRI is on the allow-list the server was started with (``--allow-service``);
* brackets nested deeper than ``MAX_NESTING`` are refused: Oxigraph's parser recurses per level,
  and a few thousand levels overflow the worker's stack.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

MAX_NESTING = 100  # { ( [ levels; the saved queries use fewer than 10
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})

_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WORD = re.compile(r"[^\W\d][\w\u00b7-]*")
_LOCAL = re.compile(r"(?:[\w\u00b7.:%-]|\\.)*")
_NAME = re.compile(r"[\w\u00b7]*")
_LANG = re.compile(r"[A-Za-z0-9-]*")
_NUMBER = re.compile(r"[0-9]*\.?[0-9]*(?:[eE][+-]?[0-9]+)?")


@dataclass(frozen=True)
class Token:
    kind: str  # keyword | iri | var | pname | other
    value: str


class Refused(ValueError):
    """The query may not run; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _string_end(text: str, start: int) -> int:
    """Index just past the string literal starting at `start` (the whole rest if unterminated)."""
    quote = text[start]
    delimiter = quote * 3 if text.startswith(quote * 3, start) else quote
    i = start + len(delimiter)
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(delimiter, i):
            return i + len(delimiter)
        i += 1
    return len(text)


def scan(text: str) -> tuple[list[Token], int]:
    """The query's significant tokens and its deepest bracket nesting."""
    tokens: list[Token] = []
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "'\"":
            i = _string_end(text, i)
        elif c == "#":
            while i < n and text[i] not in "\r\n":
                i += 1
        elif c == "<" and (m := _IRI.match(text, i)):
            tokens.append(Token("iri", m.group()[1:-1]))
            i = m.end()
        elif c in "?$":
            end = _NAME.match(text, i + 1).end()  # type: ignore[union-attr]
            tokens.append(Token("var", text[i:end]))
            i = max(end, i + 1)
        elif c == "@":
            i = _LANG.match(text, i + 1).end()  # type: ignore[union-attr]
        elif c == ":":
            end = _LOCAL.match(text, i + 1).end()  # type: ignore[union-attr]
            tokens.append(Token("pname", text[i:end]))
            i = end
        elif c.isdigit():
            i = max(_NUMBER.match(text, i).end(), i + 1)  # type: ignore[union-attr]
        elif m := _WORD.match(text, i):
            end = m.end()
            if end < n and text[end] == ":":  # a prefixed name (or a blank node label _:x)
                end = _LOCAL.match(text, end + 1).end()  # type: ignore[union-attr]
                tokens.append(Token("pname", text[i:end]))
            else:
                tokens.append(Token("keyword", m.group().upper()))
            i = end
        else:
            if c in "{([":
                depth += 1
                deepest = max(deepest, depth)
            elif c in "})]":
                depth = max(0, depth - 1)
            elif not c.isspace():
                tokens.append(Token("other", c))
            i += 1
    return tokens, deepest


def is_update(tokens: list[Token]) -> bool:
    """The first keyword after the prologue (BASE / PREFIX) names an update operation."""
    for token in tokens:
        if token.kind == "keyword" and token.value not in ("BASE", "PREFIX"):
            return token.value in UPDATE_KEYWORDS
    return False


def services(tokens: list[Token]) -> list[Token]:
    """The endpoint of every SERVICE clause (an iri, a variable or a prefixed name)."""
    found = []
    for index, token in enumerate(tokens):
        if token.kind == "keyword" and token.value == "SERVICE":
            rest = [t for t in tokens[index + 1 : index + 3] if t != Token("keyword", "SILENT")]
            found.append(rest[0] if rest else Token("other", ""))
    return found


def check(text: str, allowed_services: Collection[str] = (), max_nesting: int = MAX_NESTING) -> None:
    """Raise Refused when `text` may not run on this read-only, non-federating endpoint."""
    tokens, deepest = scan(text)
    if is_update(tokens):
        raise Refused(403, "this endpoint is read-only: SPARQL Update is not accepted")
    if deepest > max_nesting:
        raise Refused(400, f"query nested {deepest} levels deep; the limit is {max_nesting}")
    for endpoint in services(tokens):
        if endpoint.kind == "iri" and endpoint.value in allowed_services:
            continue
        where = f" <{endpoint.value}>" if endpoint.kind == "iri" else ""
        raise Refused(
            400,
            f"SERVICE{where} refused: this endpoint does not call other endpoints "
            "(start the server with --allow-service IRI to allow one)",
        )
