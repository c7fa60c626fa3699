"""Names found by their head word (X镇, X村, X河, X山 …) with a proper-name modifier."""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

from policykg.extract.place_lexicon import (
    _ADMIN_HEADS,
    _MEASURES,
    _NUMERALS,
    _han,
    _longest_first,
    frequent_words,
    lexicon,
)
from policykg.extract.place_match import _Context, _division_suffix, _Hit, _left_start


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
    ends = (prefix[-k:] for k in range(2, min(len(prefix), _longest_generic()) + 1))
    return any(e in lex.generic_prefix for e in ends) or prefix[-1] in "小古强重名式型"


@lru_cache(maxsize=1)
def _longest_generic() -> int:
    """Characters of the longest generic modifier word (宜居宜业, 现代化都市)."""
    return max(map(len, lexicon().generic_prefix))


_JOINING_HEADS = ("湿地", "水源地", "遗址", "墓地", "墓群")  # heads whose name may be a whole feature name before them


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
        feature = next((f for f in reversed(out[-3:]) if f.end == h and not f.rule.startswith("head:" + head)), None)
        if feature is not None and type_ == "other" and head in _JOINING_HEADS:
            # 清水河湿地: a wetland (or water source) named after the river it lies on
            out.append(_Hit(feature.start, he, text[feature.start : he], type_, f"head:{head}", inside=True))
            stops.add(he)
            continue
        start = _left_start(ctx, h, longest, stops)
        if start is None:
            continue
        prefix = text[start:h]
        for w in lex.before:
            if prefix.startswith(w) and len(prefix) - len(w) >= shortest:
                prefix, start = prefix[len(w) :], start + len(w)
                break
        if head == "水" and (
            prefix + head in ctx.words
            or prefix + head in frequent_words()
            or ctx.sets.heads.at(text, he)
            or any(c in "河湖江海" for c in prefix)
        ):
            continue  # 污水, 山水, 碧水湖, 河湖水生态: not a river named X水
        compass_hill = head == "山" and prefix in ("东", "西", "南", "北") and context_after
        if not shortest <= len(prefix) <= longest or (_generic_prefix(ctx, prefix) and not compass_hill):
            continue
        if any(_han(c) is False for c in prefix) or any(c in "桥路街" for c in prefix[1:-1]):
            continue  # 东风桥沿河: a bridge or road stands in the way
        cut = _division_suffix(prefix)
        if cut:  # 保护好清水河 -> 清水河: a name begins with the division it is named after
            start, prefix = start + len(prefix) - len(cut), cut
        name = prefix + head
        if name in lex.generic:
            continue
        facility = ctx.sets.not_after.at(rest, 0)
        inside_site = facility and head not in _ADMIN_HEADS and any(rest.startswith(j) for j in _JOINING_HEADS)
        if not inside_site:  # 柳沟遗址: the site's name runs on through 沟, so no name starts after it
            stops.add(he)
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
    # a list of like names (清水河、白杨河; 清水河白杨河流域) is context for each of them
    for a, b in itertools.pairwise(out):
        gap = text[a.end : b.start]
        if a.rule != b.rule:
            continue
        if gap in ("、", "和", "与", "及"):
            if a.rule.endswith(":common") and b.rule.endswith(":common"):
                continue  # 开源社区、创业社区: two everyday words vouch for neither
            a.weak = a.needs_list = b.weak = b.needs_list = False
        elif gap == "" and not b.weak:  # 清水河白杨河流域, but not 金山银山
            a.weak = a.needs_list = False
    return out
