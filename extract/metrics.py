"""Indicator identity: one key for one indicator across reports, places and years.

Reports word the same indicator differently (地区生产总值增速 / GDP增长 / 生产总值增长;
新增城镇就业 / 城镇新增就业; 改造老旧小区 / 老旧小区改造), and commitment tracking has to pair a
target of one year with the result stated a year later.  ``metric_key`` folds those variants with
the word lists of ``data/metric_synonyms.toml``; ``MetricKey`` keeps the parts (flow, base,
rate) apart so that a fuzzy comparison can still refuse to pair a stock with a flow, a growth
rate with a level, or 城镇居民 with 农村居民.  Deterministic, no model.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from policykg.extract.reference import load_toml

_YEARS = re.compile(r"^(?:到|至|在)?(?:\d{4}年|\d{4})(?:底|末|前|以来)?")
_PUNCT = re.compile(r"[\s,;:。、()\[\]·•—\-~～]+")
_MID_FLOW = ("新增", "净增")


def _longest(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Lexicon:
    replace: tuple[tuple[str, str], ...]
    lead: tuple[str, ...]
    trail: tuple[str, ...]
    rate: tuple[str, ...]
    flow: tuple[str, ...]
    verb_prefixes: tuple[str, ...]
    verb_suffixes: tuple[str, ...]
    groups: tuple[re.Pattern[str], ...]
    generic: frozenset[str]
    synonyms: dict[str, str]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The word lists of data/metric_synonyms.toml, loaded once."""
    raw = load_toml("metric_synonyms.toml")
    synonyms: dict[str, str] = {}
    for canonical, variants in raw["synonyms"].items():
        for v in variants:
            synonyms[v] = canonical
    return _Lexicon(
        replace=tuple((a, b) for a, b in raw["replace"]),
        lead=_longest(raw["lead_noise"]),
        trail=_longest(raw["trail_noise"]),
        rate=_longest(raw["rate_suffixes"]),
        flow=_longest(raw["flow_words"]),
        verb_prefixes=_longest(raw["verb_prefixes"]),
        verb_suffixes=_longest(raw["verb_suffixes"]),
        groups=tuple(re.compile("|".join(map(re.escape, _longest(g)))) for g in raw["distinct_groups"]),
        generic=frozenset(raw["generic"]),
        synonyms=synonyms,
    )


@dataclass(frozen=True)
class MetricKey:
    """The parts of an indicator name: a newly added amount?, the indicator, its growth rate?"""

    base: str
    flow: bool = False  # 新增/新建…: an amount added in the period, not a stock
    rate: bool = False  # 增长/增速/涨幅: a growth rate of `base`

    @property
    def generic(self) -> bool:
        """Too vague to be tracked (项目, 企业, 重点领域)."""
        return len(self.base) < 2 or self.base in lexicon().generic

    @property
    def key(self) -> str:
        return ("新增" if self.flow else "") + self.base + ("增速" if self.rate else "")

    def markers(self) -> tuple[frozenset[str], ...]:
        """Which word of each distinct group the base names (for refusing fuzzy pairs)."""
        return tuple(frozenset(g.findall(self.base)) for g in lexicon().groups)


def _strip_front(s: str, words: tuple[str, ...]) -> str:
    changed = True
    while changed and s:
        changed = False
        m = _YEARS.match(s)
        if m and m.end() < len(s):
            s, changed = s[m.end() :], True
        for w in words:
            if s.startswith(w) and len(s) > len(w):
                s, changed = s[len(w) :], True
                break
    return s


def _strip_back(s: str, words: tuple[str, ...]) -> str:
    changed = True
    while changed and s:
        changed = False
        for w in words:
            if s.endswith(w) and len(s) > len(w) + 1:
                s, changed = s[: -len(w)], True
                break
    return s


def parse_metric(metric: str) -> MetricKey:
    """Split a metric name into (flow, base, rate) after folding spelling variants."""
    lx = lexicon()
    s = unicodedata.normalize("NFKC", metric or "")
    for a, b in lx.replace:
        s = s.replace(a, b)
    s = _PUNCT.sub("", s)
    s = _strip_back(_strip_front(s, lx.lead), lx.trail)
    rate = False
    for w in lx.rate:
        if s.endswith(w) and len(s) > len(w):
            s, rate = s[: -len(w)], True
            break
    s = _strip_back(_strip_front(s, lx.lead), lx.trail)
    flow = False
    for w in lx.flow:
        if s.startswith(w) and len(s) > len(w) + 1:
            s, flow = s[len(w) :], True
            break
    for w in _MID_FLOW:
        if w in s and len(s) > len(w) + 1:
            s, flow = s.replace(w, "", 1), True
    before = None
    while before != s:
        before = s
        s = _strip_back(_strip_front(s, lx.verb_prefixes + lx.lead), lx.verb_suffixes + lx.trail)
        for w in lx.flow:
            if s.startswith(w) and len(s) > len(w) + 1:
                s, flow = s[len(w) :], True
                break
    s = lx.synonyms.get(s, s)
    return MetricKey(base=s, flow=flow, rate=rate)


def metric_key(metric: str) -> str:
    """A normalised indicator key: the same for the same indicator in any report or year."""
    return parse_metric(metric).key


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(max(1, len(s) - 1))}


def similarity(a: MetricKey, b: MetricKey) -> float:
    """0..1 closeness of two indicators; 0 when they cannot be the same indicator.

    Flow and rate must agree and no distinct group may name different members (城镇 vs 农村);
    otherwise the character-bigram overlap of the bases, raised to 0.9 when one base contains
    the other and covers at least half of it.
    """
    if a.flow != b.flow or a.rate != b.rate or a.generic or b.generic:
        return 0.0
    if a.base == b.base:
        return 1.0
    if a.markers() != b.markers():
        return 0.0
    short, long_ = sorted((a.base, b.base), key=len)
    if short in long_ and len(short) >= 2 and len(short) * 2 >= len(long_):
        return 0.9
    ba, bb = _bigrams(a.base), _bigrams(b.base)
    return 2 * len(ba & bb) / (len(ba) + len(bb))
