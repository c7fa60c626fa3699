"""Which names are one project, for the three questions asked of it, side by side.

- In one report: ``mention_key`` without phases, sections, capacities and 项目/工程, and groups of
  mentions whose keys are the same name (rule 6 of extract/projects.py).
- Across reports, as the graph names the shared project: ``shared_key``, the name without quotes
  and trailing (建设)项目/工程 only, so that 东西高速一期 and 东西高速 stay two nodes a reader can tell
  apart (graph/iris.py mints the IRI from it).
- Across years, when a promise is checked: ``match_key`` and ``same_project``, looser still (spelling
  variants, 改扩建/提升 tails, a key inside the other), never written as an identity.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from policykg.extract.project_rules import ProjectRules, project_rules

if TYPE_CHECKING:
    from policykg.extract.project_names import Candidate

PHASE_END = re.compile(r"[一二三四五六七八九十]{1,3}期(?:工程|项目)?$")  # 二期, 三期工程 at a name's end
ROAD = re.compile(  # a national or provincial road by its number, with its stretch (G312线甲至乙段)
    r"(?<![A-Za-z0-9])[GS]\d{1,4}线?(?:扩容改造|提质改造|改扩建|改造)?(?:[\u4e00-\u9fff]{2,8}?至[\u4e00-\u9fff]{2,8}?段)?"
)

_SECTION = re.compile(r"[\u4e00-\u9fff]{2,8}?至[\u4e00-\u9fff]{2,8}?段")
_TRAIL = re.compile(r"(?:项目|工程|建设)$")
_LEVEL_PREFIX = re.compile(r"^(?:国家级|省级|市级|县级)")
_QUOTES = re.compile(r"[“”\"'‘’《》「」]")
_TAIL = re.compile(r"(?:建设)?(?:项目|工程)$")
_LOOSE_TAIL = re.compile(
    r"(?:[一二三四五六七八九十\d]{1,3}期|迁址新建|迁建|改扩建|扩建|新建|续建|建设|工程|项目|PPP|示范|提升|改造|修缮)+$"
)
_SPELLINGS = (
    ("高速公路", "高速"),
    ("道路", "路"),
    ("“", ""),
    ("”", ""),
    ("至", ""),
    ("—", ""),
    ("-", ""),
    ("·", ""),
)


def mention_key(cand: Candidate) -> str:
    """What two mentions of one project share (no phase, section, capacity, 项目/工程)."""
    k = cand.name.replace("“", "").replace("”", "")
    road = ROAD.match(k)
    if road:
        return re.match(r"[GS]\d+", k).group(0)  # type: ignore[union-attr]
    k = PHASE_END.sub("", k)
    if cand.rule == "head+count":
        k = (k[:2] if _SECTION.search(k) else k) + cand.head
    elif _SECTION.search(k) and _SECTION.sub("", k):
        k = _SECTION.sub("", k)
    if len(k) > 4:
        k = _TRAIL.sub("", k)
    if len(k) > 6:
        k = re.sub(r"[\u4e00-\u9fff]{2,3}段$", "", k)
    k = PHASE_END.sub("", k)
    k = project_rules().capacity_re.sub("", k) if not k.startswith(("G", "S")) else k
    return _LEVEL_PREFIX.sub("", k)


def is_subsequence(short: str, long: str) -> bool:
    """Are `short`'s characters in `long`, in order (东西高速 in 东方至西山高速)?"""
    it = iter(long)
    return all(c in it for c in short)


def _same(a: str, b: str, r: ProjectRules) -> bool:
    if a == b:
        return True
    bare_a, bare_b = r.generic_re.sub("", a), r.generic_re.sub("", b)
    if bare_a == bare_b and len(bare_a) >= 4:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and short[:2] == long[:2] and short[-2:] == long[-2:] and is_subsequence(short, long)


class MentionGroups:
    """Mentions merged by key: each joins the first group whose key is ``_same`` as its own.

    ``_same`` holds only for keys that are equal, equal without generic words, or share their
    first and last two characters, so the groups are indexed by those three; the first indexed
    group that passes ``_same`` is the first group overall that would (no scan of all groups).
    """

    def __init__(self, r: ProjectRules) -> None:
        self.r = r
        self.keys: list[str] = []
        self.members: list[list[Candidate]] = []
        self._index: dict[tuple[str, ...], list[int]] = {}

    def _entries(self, key: str) -> list[tuple[str, ...]]:
        bare = self.r.generic_re.sub("", key)
        out = [("=", key)]
        if len(bare) >= 4:
            out.append(("bare", bare))
        if len(key) >= 4:
            out.append(("ends", key[:2], key[-2:]))
        return out

    def add(self, key: str, cand: Candidate) -> None:
        entries = self._entries(key)
        for g in sorted({g for e in entries for g in self._index.get(e, ())}):
            if _same(key, self.keys[g], self.r):
                self.members[g].append(cand)
                return
        for e in entries:
            self._index.setdefault(e, []).append(len(self.keys))
        self.keys.append(key)
        self.members.append([cand])


def shared_key(name: str) -> str:
    """A project's name as the graph's shared project node keys it: no quotes, no trailing 项目/工程."""
    key = _QUOTES.sub("", name)
    while True:
        stripped = _TAIL.sub("", key)
        if stripped == key or len(stripped) < 2:
            return key
        key = stripped


def match_key(name: str) -> str:
    """A project name without phase, 项目/工程 suffixes and spelling variants (X高速公路 = X高速).

    Looser than ``shared_key``, which names the shared project node: this one only matches a promise
    to a later report's mention (graph/tracking.py) and is never written as an identity.
    """
    k = name
    for a, b in _SPELLINGS:
        k = k.replace(a, b)
    stripped = _LOOSE_TAIL.sub("", k)
    return stripped if len(stripped) >= 2 else k


def same_project(a: str, b: str) -> bool:
    """Names of one project: equal keys, or one key inside the other covering most of it.

    "Inside" is also read with gaps when both start alike (国网信通大数据 / 国网信通华为大数据中心).
    """
    ka, kb = match_key(a), match_key(b)
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    if len(short) < 3 or len(short) / len(long_) < 0.6:
        return False
    return short in long_ or (len(short) >= 4 and long_.startswith(short[:2]) and is_subsequence(short, long_))
