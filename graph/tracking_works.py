"""Works a plan promises a step for that the project extractor does not list.

A district's plan names its works in lists (确保年内A、B建成并投入使用; 加快C、D等项目的开发建设);
the extractor keeps only names it can vouch for everywhere, while a promise needs no more than a
name, a step and the clause.  Here a clause of the plan for the year with a step word is split at
its list marks, the modal words and the predicate are taken off each item, and an item is kept when
it ends in a facility noun with a name before it, ends in 项目/工程, or is listed as one of
"等…项目".  These works are tracked like the extractor's projects, with ids W1, W2 …; the tracking
graph gives each its own project mention (graph/rdf/checks.py), so SPARQL counts the same checks as tracking.csv.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.extract.records import Extraction, Mention, Project
from policykg.extract.reference import load_toml
from policykg.graph.tracking_steps import UNDER_WAY, steps

_CLAUSES = re.compile(r"[^,;。:!?\n，；：！？]+")
_LIST = re.compile(r"、|以及|和|及")
_GRADE = "(?<![甲乙丙特一二三高中初同平均])"  # 三级乙等医院, 高等学校: a grade, not "and others"
_ETC = re.compile(_GRADE + r"等(?:[\d一二三四五六七八九十两]+[个项处座条])?")
_COUNT = re.compile(r"^[\d一二三四五六七八九十两]+[个项处座条]")
_WORK_SUFFIX = re.compile(r"(?:项目|工程)$")
_NOT_A_NAME = re.compile(
    r"的|一批|若干|一系列|各类|各级|全[省市区县]|[\d一二三四五六七八九十两]+[个座条所家处项批]|以上|以下|重点|主要|"
    + _GRADE
    + "等"
    r"|现有|方面|围绕|大项目|要|星级|[省市县]级|与|^\d"
)
_CJK = re.compile(r"^[\u4e00-\u9fff\d“”·()（）]+$")
_BATCH = re.compile(r"一批|若干|一系列|多个|各类")  # 创建一批绿色工厂、绿色园区: kinds, not works
_ORDINAL = re.compile(r"[一二三四五六七八九十]+(?:要|是)|第[一二三四五六七八九十]+(?![届次])")
_FUNDS = re.compile(r"(?:总)?投资[\d.]+[万亿]*元(?:的)?")
_WHEN = re.compile(
    r"(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:份|底|末)?|[一二三四]季度(?:末)?|[上下]半年|年底|年内|年末)前?$"
)
_EVENT = re.compile(r"^第[\d一二三四五六七八九十百]+[届次]\S{4,}(?:会|节|赛|普查)$")  # 第五届某某博览会: one event
_LEVEL_QUOTE = re.compile(r"(?:国家级|省级|市级|全国)?“([^“”]{3,20})”")
MAX_NAME = 20
WORK_PREFIX = "W"  # ids W1, W2 … in text order: apart from the extractor's P1, P2 …
WORK_RULE = "tracking-plan-work"


@lru_cache(maxsize=1)
def _words() -> tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str]]:
    from policykg.extract.project_rules import project_rules

    raw = load_toml("tracking_works.toml", "policykg.graph", folder="")
    heads = {h for h in project_rules().heads if len(h) >= 2} | set(raw["heads"])
    lead = re.compile("(?:" + "|".join(sorted(map(re.escape, raw["lead"]), key=len, reverse=True)) + ")+")
    tail = re.compile("(?:" + "|".join(sorted(map(re.escape, raw["tail"]), key=len, reverse=True)) + ")+$")
    return tuple(sorted(heads, key=len, reverse=True)), lead, tail


def facility_heads() -> tuple[str, ...]:
    """The facility nouns that end a work's name, longest first."""
    return _words()[0]


def _generic() -> frozenset[str]:
    from policykg.extract.project_rules import project_rules

    r = project_rules()
    return frozenset(r.generic_items) | frozenset(r.heads)


def _proper(modifier: str, places: list[str]) -> bool:
    """A name in it: a place of the report (a town of its county), or a word the dictionary does not know (a brand name)."""
    from policykg.extract.jieba_words import names_proper_noun
    from policykg.extract.project_names import _unknown_word

    return any(p in modifier for p in places) or _unknown_word(modifier) or names_proper_noun(modifier)


def _is_work(name: str, listed_as_project: bool, firm: bool, places: list[str], dated: bool = False) -> bool:
    """A work's name: a facility noun with a name before it (or any facility when the clause promises a
    definite step: 乡镇卫生院建成并投入使用, or an event counted by its ordinal: 第五届某某博览会,
    or a 项目 given a month: 某某扩建项目9月份投入使用, or when the list says its items are works: 某某家园、某某小区
    等项目的开发建设, but not a kind: 标准化中学), a named 项目/工程, or a name listed as one of 等…项目."""
    heads, _, _ = _words()
    if not (3 <= len(name) <= MAX_NAME) or not _CJK.match(name) or _NOT_A_NAME.search(name):
        return False
    if name in _generic():
        return False
    if _EVENT.match(name):
        return True
    suffix = _WORK_SUFFIX.search(name)
    head = next((h for h in heads if name.endswith(h)), "") or (suffix.group(0) if suffix else "")
    if head:
        modifier = name[: -len(head)]
        if len(modifier) < 2 or modifier in _generic():
            return False
        return (
            _proper(modifier, places)
            or (firm and (not suffix or dated))
            or (listed_as_project and not suffix and not modifier.endswith("化"))
        )
    return listed_as_project and len(name) <= 8 and not re.search(r"[\d“”]", name) and _proper(name, places)


def _head_of(name: str) -> str:
    """The facility noun a name ends in ('' when none)."""
    return next((h for h in facility_heads() if name.endswith(h)), "")


def _category(after: str) -> str:
    """What a list 'A、B等…' is a list of, when that names works: 项目/工程, or a facility noun (等国际航线),
    read up to the predicate (等商贸综合体开工建设 -> 商贸综合体)."""
    after = _COUNT.sub("", after, count=1)
    stops = [x[1] for x in steps(after)] + [i for i in (after.find("的"), len(after)) if i >= 0]
    cat = after[: min(stops)]
    if not (1 < len(cat) <= 8) or not _CJK.match(cat):
        return ""
    rest = after[len(cat) :]
    if rest.startswith("的") and not steps(rest):
        return ""  # 与A、B等周边口岸的互联互通机制: the promise is about something of theirs
    return cat if _WORK_SUFFIX.search(cat) or _head_of(cat) else ""


def _ranges(ex: Extraction, parts: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = sorted((s.start, max(s.body_end, s.end)) for s in ex.sections if s.part in parts and s.parent is None)
    return spans or sorted((s.start, max(s.body_end, s.end)) for s in ex.sections if s.part in parts)


def plan_works(ex: Extraction, parts: tuple[str, ...], taken: list[tuple[int, int]]) -> list[Project]:
    """Named works in the plan's clauses with a step, not already among `taken` (name spans)."""
    if ex.meta.level == "province":
        return []  # a province's lists name programmes and platforms; its projects are the extractor's
    _, lead, tail = _words()
    places = sorted({m.text for p in ex.places for m in p.mentions if len(m.text) >= 2}, key=len, reverse=True)
    out: list[Project] = []
    seen: set[str] = set()
    for a, b in _ranges(ex, parts):
        for c in _CLAUSES.finditer(ex.text, a, b):
            clause = c.group(0)
            found = steps(clause)
            if not found or _BATCH.search(clause):
                continue
            firm = any(x[0] != UNDER_WAY for x in found)
            etc = _ETC.search(clause)
            category = _category(clause[etc.end() :]) if etc else ""
            listed = bool(category)
            stop = etc.start() if etc else len(clause)
            sibling_heads = {h for x, y in taken if c.start() <= x < c.end() for h in (_head_of(ex.text[x:y]),) if h}
            pos = 0
            for piece in [*_LIST.finditer(clause[:stop]), None]:
                end = piece.start() if piece else stop
                s, e = pos, end
                pos = piece.end() if piece else stop
                m = _ORDINAL.match(clause, s, e)
                s = m.end() if m else s
                m = _FUNDS.match(clause, s, e)  # 投资5000万元实施某某管网: the sum is no part of the name
                s = m.end() if m else s
                m = lead.match(clause, s, e)
                s = m.end() if m and m.end() < e else s
                t = tail.search(clause[s:e])
                e = s + t.start() if t and t.start() > 0 else e
                t = _WHEN.search(clause, s, e)  # 某某项目9月份投入使用: the date is no part of the name
                dated = bool(t and t.start() > s)
                e = t.start() if t and dated else e
                m = _LEVEL_QUOTE.match(clause, s, e)  # 国家级“…示范区”创建: the name inside the quotes
                if m:
                    s, e = m.start(1), m.end(1)
                name = clause[s:e]
                start, stop_ = c.start() + s, c.start() + e
                if name in seen or any(x < stop_ and start < y for x, y in taken):
                    continue
                sibling = (
                    len(name) > len(_head_of(name)) >= 1
                    and _head_of(name) in sibling_heads
                    and _CJK.match(name) is not None
                    and not _NOT_A_NAME.search(name)
                )
                if sibling or _is_work(name, listed, firm, places, dated):
                    seen.add(name)
                    full = (name + category,) if category and not _WORK_SUFFIX.search(category) else ()
                    out.append(
                        Project(id="", name=name, type="", mentions=(Mention(start, stop_, name, ""),), aliases=full)
                    )
    return [
        Project(id=f"{WORK_PREFIX}{n}", name=w.name, type="", mentions=w.mentions, aliases=w.aliases, rule=WORK_RULE)
        for n, w in enumerate(sorted(out, key=lambda w: w.mentions[0].start), 1)
    ]
