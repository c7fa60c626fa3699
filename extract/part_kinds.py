"""What a report part is about: the past (review), the next five years (plan), this year (annual),
the government itself (self), decided from its heading's cue words and years.

A heading says it in words (回顾 / 今后五年 / 重点工作 / 自身建设) or in years: a year before the
year the report plans for is looked back on, that year itself is the annual plan, and a five-year
plan (十四五) is behind the report or ahead of it depending on its span.  Each cue adds to a kind's
score; "other" only when nothing speaks.
"""

from __future__ import annotations

import re

from policykg.extract.records import PART_ANNUAL, PART_OTHER, PART_PLAN, PART_REVIEW, PART_SELF

_CN = "一二三四五六七八九十"
_SELF = re.compile(r"政府自身|自身建设|政府建设|政府治理|(?:人民满意|服务型|法治|廉洁)[^,。]{0,4}政府|党的全面领导")
_REVIEW = re.compile(r"回顾|过去|成绩|成就|总结|(?<!今)年来")
_PLAN = re.compile(r"今后五年|未来五年|五年|规划|远景|中长期|二〇三五")
_ANNUAL = re.compile(r"今年|明年|本年|重点工作|工作安排|主要任务|工作任务|目标任务|预期目标|工作建议|工作部署|总体要求")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")
_FIVE_YEAR = re.compile(rf"十([{_CN}])五")

KINDS = (PART_SELF, PART_REVIEW, PART_PLAN, PART_ANNUAL)  # the order breaks ties


def five_year_span(title: str) -> tuple[int, int] | None:
    """Years of the five-year plan a heading names (十四五 → 2021-2025), if any."""
    m = _FIVE_YEAR.search(title)
    if not m:
        return None
    start = 2006 + 5 * _CN.index(m[1])  # 十一五 began in 2006
    return start, start + 4


def kind_scores(title: str, plan_year: int | None) -> dict[str, int]:
    """Evidence for each kind in a part heading: cue words, and years against the planned year."""
    scores = dict.fromkeys(KINDS, 0)
    if _SELF.search(title):
        scores[PART_SELF] += 3
    if _REVIEW.search(title):
        scores[PART_REVIEW] += 2
    if _PLAN.search(title):
        scores[PART_PLAN] += 2
    if _ANNUAL.search(title):
        scores[PART_ANNUAL] += 1
    if plan_year:
        for year in (int(y) for y in _YEAR.findall(title)):
            if year < plan_year:
                scores[PART_REVIEW] += 2
            elif year == plan_year:
                scores[PART_ANNUAL] += 2
            else:  # a goal year ahead (到2027年 / 2035年远景目标)
                scores[PART_PLAN] += 2
        span = five_year_span(title)
        if span and span[1] < plan_year:
            scores[PART_REVIEW] += 2
        elif span:
            scores[PART_PLAN] += 2
    elif _YEAR.search(title):
        scores[PART_ANNUAL] += 1
    return scores


def part_kind(title: str, plan_year: int | None = None) -> str:
    """The kind with the most evidence (ties in the order self, review, plan, annual), or "other"."""
    scores = kind_scores(title, plan_year)
    best = max(KINDS, key=lambda k: (scores[k], -KINDS.index(k)))
    return best if scores[best] > 0 else PART_OTHER


_PAST = re.compile(r"了|去年|过去|年来|已经|累计")
_FUTURE = re.compile(r"要|将|力争|确保|今年|明年|加快|推动")
MIN_BODY = 200  # characters of a part's text needed to judge it by its wording


def kind_from_body(body: str) -> str:
    """For a heading that names no kind: a text of plans (要, 将, 力争) with next to no past
    (了, 去年, 年来) is this year's work; one full of the past is a review; else "other".

    Deliberately one-sided: a review also plans a little and a plan recalls a little, so
    only a clear majority decides (per 1,000 characters, on the dev reports forward parts
    have ≥3.4 plan words and ≥4 times more than past words).
    """
    if len(body) < MIN_BODY:
        return PART_OTHER
    per_k = len(body) / 1000
    past, future = len(_PAST.findall(body)) / per_k, len(_FUTURE.findall(body)) / per_k
    if future >= 3 and future >= 5 * past:
        return PART_ANNUAL
    if past >= 1 and future < 3 * past:
        return PART_REVIEW
    return PART_OTHER
