"""The one surface matcher over every known written form, and the per-report context of a hit:
nearness to the issuer, word boundaries, whether a name carries on."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from policykg.extract.gazetteer import Division, Gazetteer
from policykg.extract.place_lexicon import _NUMERALS, _TOWARDS, Lexicon, _han, _word_sets, _WordSets, lexicon

# --- the one surface matcher ------------------------------------------------------------------


@dataclass(frozen=True)
class _Surfaces:
    forms: dict[str, str]  # written form -> "division" | "region" | "feature" | "country"
    divisions: dict[str, list[Division]]
    prefixes: frozenset[str]  # every non-empty prefix of a form (the forms included)


@lru_cache(maxsize=1)
def _surfaces() -> _Surfaces:
    gaz, lex = Gazetteer.load(), lexicon()
    divisions = gaz.surfaces()
    forms: dict[str, str] = {f: "division" for f in divisions if len(f) >= 2}
    for name in lex.regions:
        if not gaz.is_full_name(name):
            forms[name] = "region"
    for name in lex.features:
        if not gaz.is_full_name(name):
            forms[name] = "feature"
    for name in lex.world:
        if name not in forms and not gaz.is_full_name(name):
            forms[name] = "world"
    for name in lex.country:
        forms[name] = "country"
    prefixes = frozenset(f[:k] for f in forms for k in range(1, len(f) + 1))
    return _Surfaces(forms, divisions, prefixes)


def _longest_form(text: str, i: int, surfaces: _Surfaces) -> int:
    """Length of the longest form at text[i] (0 if none), extending only while a form can follow."""
    best, k, n = 0, i + 1, len(text)
    while k <= n and text[i:k] in surfaces.prefixes:
        if text[i:k] in surfaces.forms:
            best = k - i
        k += 1
    return best


def _scan(text: str, surfaces: _Surfaces) -> list[tuple[int, int, str]]:
    """Longest-match, left-to-right scan for every known written form."""
    out, i, n = [], 0, len(text)
    prefixes = surfaces.prefixes
    while i < n:
        if text[i : i + 2] in prefixes and _han(text[i]):  # every form has two characters or more
            length = _longest_form(text, i, surfaces)
            if length:
                out.append((i, i + length, text[i : i + length]))
                i += length
                continue
        i += 1
    return out


# --- hits -------------------------------------------------------------------------------------


@dataclass
class _Hit:
    start: int
    end: int
    name: str  # the place's output name
    type: str
    rule: str
    standalone: bool = True
    division: Division | None = None
    parent: str = ""
    inside: bool | None = None
    needs_list: bool = False  # counts only beside another place of a list
    weak: bool = False  # a rule-found feature that still needs context somewhere


@dataclass
class _Context:
    text: str
    gaz: Gazetteer
    lex: Lexicon
    words: frozenset[str]
    verbs: frozenset[str]
    issuer: Division | None
    sets: _WordSets = field(default_factory=_word_sets)
    nearness: dict[int, int] = field(default_factory=dict)  # id(division) -> _near, per report


def _near(ctx: _Context, d: Division) -> int:
    """0 inside the issuer (or one of its ancestors), 1 beside it, 2 same province, 3 far."""
    near = ctx.nearness.get(id(d))
    if near is None:
        near = ctx.nearness[id(d)] = _nearness(ctx, d)
    return near


def _nearness(ctx: _Context, d: Division) -> int:
    issuer, gaz = ctx.issuer, ctx.gaz
    if issuer is None:
        return 3
    if gaz.contains(issuer, d) or gaz.contains(d, issuer):
        return 0
    parent = gaz.parent(issuer)
    if parent is not None and gaz.contains(parent, d):
        return 1
    if gaz.province_of(issuer).code == gaz.province_of(d).code:
        return 2
    return 3


def _choose(ctx: _Context, candidates: list[Division], start: int) -> Division:
    """The division a form names here: one whose parent is written right before it, else the nearest."""

    def rank(d: Division) -> tuple[int, int, int, str]:
        parent = ctx.gaz.parent(d)
        named = 1
        if parent is not None:
            for form in (parent.name, parent.short):
                if start >= len(form) and ctx.text[start - len(form) : start] == form:
                    named = 0
        level = {"province": 0, "prefecture": 1}.get(d.type, 2)
        return named, _near(ctx, d), level, d.code

    return min(candidates, key=rank)


def _continues(ctx: _Context, end: int) -> bool:
    """True when the text after `end` carries on a longer name rather than the sentence."""
    text = ctx.text
    if end >= len(text) or not _han(text[end]) or text[end] in ctx.lex.stop_chars or text[end] in _NUMERALS:
        return False
    rest, sets = text[end : end + 4], ctx.sets  # the words are matched within these 4 characters
    if sets.more.at(rest, 0) or sets.after.at(rest, 0):
        return False
    return not sets.stop_words.at(rest, 0)


def _towards(ctx: _Context, start: int) -> bool:
    return start > 0 and ctx.text[start - 1] in _TOWARDS


# --- names found by their head word ------------------------------------------------------------


def _boundary(ctx: _Context, k: int, stops: set[int]) -> bool:
    text, lex = ctx.text, ctx.lex
    if k <= 0 or k in stops:
        return True
    prev = text[k - 1]
    if not _han(prev) or prev in lex.stop_chars:
        return True
    two = text[max(0, k - 2) : k]
    return two in lex.stop_words or two in ctx.verbs or text[max(0, k - 3) : k] in lex.stop_words


def _left_start(ctx: _Context, head: int, longest: int, stops: set[int]) -> int | None:
    """Where the name before text[head] begins: the nearest boundary within `longest` characters."""
    k = head
    while True:
        if _boundary(ctx, k, stops):
            return k if k < head else None
        if head - k >= longest:
            return None
        k -= 1


def _division_suffix(prefix: str) -> str:
    """The longest division form (2+ characters) that ends `prefix` and is shorter than it."""
    forms = _surfaces().divisions
    for k in range(1, len(prefix) - 1):
        if prefix[k:] in forms:
            return prefix[k:]
    return ""
