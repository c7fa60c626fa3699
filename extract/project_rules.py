"""The project extractor's word lists (data/project_heads.toml), compiled once.

Kept apart from the extractor so that the rules can be inspected (and tested) as data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policykg.extract.reference import load_toml
from policykg.extract.wordregex import alternation

# A figure with a capacity unit, or a G/S road number, names a project by itself.
_NUM = r"\d+(?:\.\d+)?"


def alt(words: list[str] | tuple[str, ...]) -> str:
    """Regex alternation, longest word first (leftmost-longest matching), written as a trie."""
    return alternation(words)


@dataclass(frozen=True)
class ProjectRules:
    heads: dict[str, str]  # head word -> type ("" = from type cues)
    head_re: re.Pattern[str]
    cut_re: re.Pattern[str]
    cut_protect_re: re.Pattern[str]  # longer words that hold a cut word (可持续, 自由贸易)
    lead_re: re.Pattern[str]
    quantifier_re: re.Pattern[str]
    generic_re: re.Pattern[str]  # multi-character generic words, anywhere in a modifier
    generic_prefix_re: re.Pattern[str]  # one-character level words, at the front only
    generic_items: frozenset[str]
    capacity_re: re.Pattern[str]
    category_re: re.Pattern[str]
    type_cues: tuple[tuple[str, tuple[str, ...]], ...]
    fallback_types: dict[str, str]  # generic head -> type when no cue decides
    level_ok: frozenset[str]
    needs_work_cue: frozenset[str]
    needs_work_cue_heads: frozenset[str]  # heads that, whatever their type, need a work cue
    needs_place: frozenset[str]  # heads whose modifier must hold a place name (青峰港)
    domains: dict[str, str]
    domain_cues: tuple[tuple[str, tuple[str, ...]], ...]
    status_cues: tuple[tuple[str, re.Pattern[str]], ...]
    work_cue_re: re.Pattern[str]
    he_words: tuple[str, ...]  # words that start with 和 (和牛, 和田): 和 there does not join a list


@lru_cache(maxsize=1)
def project_rules() -> ProjectRules:
    raw = load_toml("project_heads.toml")
    words = raw["words"]
    generic = [w for w in words["generic"] if len(w) > 1]
    prefix = [w for w in words["generic"] if len(w) == 1]
    heads = dict(raw["heads"])
    status = tuple((k, re.compile(alt(v))) for k, v in raw["status"].items())
    all_status = [w for v in raw["status"].values() for w in v]
    return ProjectRules(
        heads=heads,
        head_re=re.compile(alt(list(heads))),
        cut_re=re.compile(alt(words["cut"])),
        cut_protect_re=re.compile(alt(words["cut_protect"])),
        lead_re=re.compile(rf"(?:{alt(words['lead'])})+"),
        quantifier_re=re.compile(
            rf"(?:{alt(words['quantifier'])}|(?:{_NUM}|[一二三四五六七八九十两几百千]+)[个项所座条家处批间栋套])"
        ),
        generic_re=re.compile(alt(generic)),
        generic_prefix_re=re.compile(rf"^(?:{alt(prefix)})+"),
        generic_items=frozenset(words["generic_items"]),
        capacity_re=re.compile(rf"{_NUM}(?:{alt(words['capacity_units'])})|(?<![A-Za-z0-9])[GS]\d{{1,4}}"),
        category_re=re.compile(rf"^[^和及与]{{0,8}}?(?:{alt(words['category_heads'])})"),
        type_cues=tuple((k, tuple(v)) for k, v in raw["type_cues"].items()),
        fallback_types=dict(raw["fallback_types"]),
        level_ok=frozenset(raw["types"]["level_ok"]),
        needs_work_cue=frozenset(raw["types"]["needs_work_cue"]),
        needs_work_cue_heads=frozenset(raw["types"]["needs_work_cue_heads"]),
        needs_place=frozenset(raw["types"]["needs_place"]),
        domains=dict(raw["domains"]),
        domain_cues=tuple((k, tuple(v)) for k, v in raw["domain_cues"].items()),
        status_cues=status,
        work_cue_re=re.compile(alt(all_status)),
        he_words=tuple(w[1:] for w in words["he_words"]),
    )
