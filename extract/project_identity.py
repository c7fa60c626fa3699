"""Which mentions are one project: a key without phases, sections, capacities and 项目/工程,
and groups of mentions whose keys are the same name (rule 6 of extract/projects.py).
"""

from __future__ import annotations

import re

from policykg.extract.project_names import PHASE_END, ROAD, Candidate
from policykg.extract.project_rules import ProjectRules, project_rules

_SECTION = re.compile(r"[\u4e00-\u9fff]{2,8}?至[\u4e00-\u9fff]{2,8}?段")
_TRAIL = re.compile(r"(?:项目|工程|建设)$")
_LEVEL_PREFIX = re.compile(r"^(?:国家级|省级|市级|县级)")


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
