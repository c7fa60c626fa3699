"""The place extractor's word data: the lexicon file, jieba's everyday words, fast word sets."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from policykg.extract.jieba_words import word_lists
from policykg.extract.reference import load_json, load_toml

_COUNTY_TYPES = ("county", "district", "county-city")
_LIST_GAPS = frozenset("、,和与及至经到")  # what may stand between two divisions of one list
_TOWARDS = frozenset("对在到赴援往至经从向于同")  # a name right after these is a location
_MORE = ("撤", "城市", "地区", "境内", "全域", "段", "人民", "两岸", "一带", "周边", "首", "最", "第一", "唯一", "特色")
_WEAK_NEXT = frozenset("部侧角端边面亚欧非美洋方向风")
_NUMERALS = frozenset("一二三四五六七八九十百千万两几多各每全")
_MEASURES = frozenset("个名座条家处项所批类级")
_ADMIN_HEADS = ("街道", "苏木", "嘎查", "社区", "镇", "乡", "村")
_PARK_TAIL = ("中小企业", "创业园", "分园", "管委会", "管理委员会")
_SCENIC_ENDS = frozenset("山湖河江峡洞寺宫谷海泉湾岛岭塬川沟关台园城")
_SEGMENT = re.compile(r"([\u4e00-\u9fff]{2,4})至([\u4e00-\u9fff]{2,4})段")
_AREA_LIST = re.compile(r"((?:[\u4e00-\u9fff]{2,5}、)+[\u4e00-\u9fff]{2,5})等(?:区域|地区|片区|乡镇|矿区|井田)")
_FACILITY_END = ("机场", "站", "路", "大道", "高速", "枢纽", "互通", "收费站", "港", "码头", "线")


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@dataclass(frozen=True)
class Lexicon:
    """The rule data of ``data/place_lexicon.toml``, loaded once."""

    country: tuple[str, ...]
    generic: frozenset[str]
    blocked: frozenset[str]
    regions: dict[str, tuple[str, str]]
    weak: frozenset[str]
    features: dict[str, tuple[str, str]]
    heads: dict[str, tuple[str, int, int, bool]]
    after: tuple[str, ...]
    before: tuple[str, ...]
    stop_chars: frozenset[str]
    stop_words: frozenset[str]
    not_after: tuple[str, ...]
    generic_prefix: frozenset[str]
    park_heads: tuple[str, ...]
    park_generic: frozenset[str]
    park_place_led: frozenset[str]
    scenic_heads: tuple[str, ...]
    name_tails: tuple[str, ...]
    generic_start: tuple[str, ...]
    road_words: tuple[str, ...]
    world: dict[str, tuple[str, str]]  # written form -> (name, type) of a foreign country or capital
    region_heads: tuple[str, ...]
    region_gap: int


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = load_toml("place_lexicon.toml")
    return Lexicon(
        country=tuple(raw["country"]["names"]),
        generic=frozenset(raw["generic"]["words"]),
        blocked=frozenset(raw["short_blocked"]["words"]),
        regions={k: (v[0], v[1]) for k, v in raw["regions"].items()},
        weak=frozenset(raw["regions_weak"]["words"]),
        features={k: (v[0], v[1]) for k, v in raw["features"].items()},
        heads={k: (v[0], int(v[1]), int(v[2]), bool(v[3])) for k, v in raw["heads"].items()},
        after=_longest_first(raw["context"]["after"]),
        before=_longest_first(raw["context"]["before"]),
        stop_chars=frozenset(raw["stop"]["chars"]),
        stop_words=frozenset(raw["stop"]["words"]),
        not_after=_longest_first(raw["not_after"]["words"]),
        generic_prefix=frozenset(raw["generic_prefix"]["words"]),
        park_heads=_longest_first(raw["parks"]["heads"]),
        park_generic=frozenset(raw["parks"]["generic"]),
        park_place_led=frozenset(raw["parks"]["place_led"]),
        scenic_heads=_longest_first(raw["scenic"]["heads"]),
        name_tails=_longest_first(raw["regions_weak"]["name_tails"]),
        generic_start=_longest_first(raw["generic_prefix"]["starts"]),
        road_words=_longest_first(raw["segments"]["road_words"]),
        region_heads=_longest_first(raw["region_heads"]["heads"]),
        region_gap=int(raw["region_heads"]["gap"]),
        world=_world(frozenset(raw["world"]["skip"]), raw["world"]["regions"]),
    )


def _world(skip: frozenset[str], regions: list[str]) -> dict[str, tuple[str, str]]:
    """Foreign countries (short and formal names) and capitals from ``data/place_world.json``.

    A short name that is also an everyday word or a domestic term (中非 as China–Africa) is
    left out; see ``[world] skip`` in the lexicon.
    """
    raw = load_json("place_world.json")
    out: dict[str, tuple[str, str]] = {name: (name, "region") for name in regions}
    for short, formal in raw["countries"].items():
        for form in (short, *formal):
            if form not in skip and len(form) >= 2:
                out.setdefault(form, (short, "country"))
    for capital in raw["capitals"]:
        if capital not in skip and len(capital) >= 2:
            out.setdefault(capital, (capital, "other"))
    return out


def common_words() -> frozenset[str]:
    """Everyday words and idioms of 2–4 characters from jieba's dictionary (not tagged ns).

    A short place name that a common word overlaps (富县 in 财富县域, 西部 in 东西部) is
    probably part of that word, not a place.
    """
    return word_lists().common


def common_verbs() -> frozenset[str]:
    """Frequent two-character verbs, adjectives and adverbs (提高, 健全): a name never starts with one."""
    return word_lists().verbs


def frequent_words() -> frozenset[str]:
    """Words of 2–4 characters jieba has seen often under any tag (城镇, 固城): too common to be
    read as a small place's short name without its head word."""
    return word_lists().frequent


def _crossed(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    """True when a common word straddles a boundary of text[start:end] or contains it."""
    for s in range(max(0, start - 3), end):
        for e in range(max(s + 2, start + 1), min(len(text), s + 4) + 1):
            if (s < start < e or s < end < e) and text[s:e] in words:
                return True
    return False


@dataclass(frozen=True)
class _WordSet:
    """A word list asked "does a word of it start at text[pos]?" many times: one set lookup per length."""

    words: frozenset[str]
    longest: int

    @classmethod
    def of(cls, words: Iterable[str]) -> _WordSet:
        ws = frozenset(words)
        return cls(ws, max(map(len, ws), default=0))

    def at(self, text: str, pos: int) -> bool:
        """any(text.startswith(w, pos) for w in words), for non-empty words."""
        return any(text[pos : pos + k] in self.words for k in range(1, min(self.longest, len(text) - pos) + 1))


@dataclass(frozen=True)
class _WordSets:
    after: _WordSet
    more: _WordSet
    stop_words: _WordSet
    not_after: _WordSet
    name_tails: _WordSet
    heads: _WordSet
    head_order: dict[str, int]


@lru_cache(maxsize=1)
def _word_sets() -> _WordSets:
    lex = lexicon()
    return _WordSets(
        after=_WordSet.of(lex.after),
        more=_WordSet.of(_MORE),
        stop_words=_WordSet.of(lex.stop_words),
        not_after=_WordSet.of(lex.not_after),
        name_tails=_WordSet.of(lex.name_tails),
        heads=_WordSet.of(lex.heads),
        head_order={h: i for i, h in enumerate(lex.heads)},
    )
