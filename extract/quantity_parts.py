"""The report part at a position, from the text's own cue lines, where the outline knows none.

An outline may miss the parts of a report (a bare heading, an unusual wording), and then every
figure would be read as context of one default year. The wording of the opening lines of the parts is
stable across reports, so a paragraph that opens with a part cue (``data/quantities.toml``,
[parts]: 2023年工作回顾 / 一年来 / 今后五年 / 2024年工作安排 / 今年经济社会发展的主要预期目标是 /
政府自身建设) starts that part until the next cue. Each part comes with its default period,
derived from the plan year.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from policykg.extract.period import Period
from policykg.extract.records import PART_ANNUAL, PART_OTHER, PART_PLAN, PART_REVIEW, PART_SELF, Extraction
from policykg.extract.reference import load_toml

_YEAR = re.compile(r"((?:19|20)\d{2})年")
_KINDS = {"review": PART_REVIEW, "plan": PART_PLAN, "annual": PART_ANNUAL, "self": PART_SELF}


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    raw = load_toml("quantities.toml")
    cues = raw["parts"]
    lead = r"^(?:各位代表[!,:]?)?\s*(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))?\s*"
    return tuple(
        (kind, re.compile(lead + "(?:" + "|".join(cues[kind]) + ")")) for kind in ("self", "plan", "annual", "review")
    )


@dataclass(frozen=True)
class TextParts:
    """Part starts found by cues: (position, part, default period)."""

    starts: list[int]
    parts: list[tuple[str, Period | None]]

    @classmethod
    def of(cls, ex: Extraction) -> TextParts:
        plan_year = ex.meta.plan_year or ((ex.meta.year or 0) + 1 if ex.meta.year else 0)
        text = ex.text
        starts: list[int] = []
        parts: list[tuple[str, Period | None]] = []
        for para in ex.paragraphs:
            head = text[para.start : min(para.end, para.start + 60)]
            for kind, cue in _cues():
                m = cue.match(head)
                if not m:
                    continue
                part = _KINDS[kind]
                years = [int(y) for y in _YEAR.findall(m.group()) if y != "2035"]
                if (
                    plan_year and years and part in (PART_REVIEW, PART_ANNUAL)
                ):  # the year decides: 2025年目标任务顺利完成
                    part = PART_REVIEW if years[0] < plan_year else PART_ANNUAL
                if part == PART_SELF and not any(p in (PART_PLAN, PART_ANNUAL) for p, _ in parts):
                    break  # (四)政府自身建设全面加强 in the review: the self part comes after the plans
                if parts and parts[-1][0] == part:
                    break
                starts.append(para.start)
                parts.append((part, _period(part, m.group(), plan_year)))
                break
        return cls(starts, parts)

    def at(self, pos: int) -> tuple[str, Period | None]:
        """(part, default period) at a position; ('other', None) before the first cue."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.parts[i] if i >= 0 else (PART_OTHER, None)


def _period(part: str, cue: str, plan_year: int) -> Period | None:
    years = [int(y) for y in _YEAR.findall(cue) if y != "2035"]
    if not plan_year and not years:
        return None
    if part == PART_REVIEW:
        last = years[-1] if years else plan_year - 1
        return Period.of(last - 4, last) if "五年" in cue or ("十" in cue and "五”" in cue) else Period.of(last)
    if part == PART_PLAN:
        return Period.of(plan_year, plan_year + 4)
    if part == PART_ANNUAL:
        return Period.of(years[0] if years else plan_year)
    return Period.of(plan_year)
