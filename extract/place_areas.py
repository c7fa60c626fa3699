"""Named areas: parks and development zones (park-area) and scenic areas, by head noun."""

from __future__ import annotations

import re

from policykg.extract.place_lexicon import _NUMERALS, _PARK_TAIL, _SCENIC_ENDS, _han
from policykg.extract.place_match import _Context, _Hit


def _named_area_hits(
    ctx: _Context, heads: tuple[str, ...], kind: str, divisions: list[_Hit], lexical: list[_Hit]
) -> list[_Hit]:
    """Parks (东岭工业园区, 某某光电产业园) and scenic areas (青峰山景区) with a proper modifier."""
    text, lex = ctx.text, ctx.lex
    pattern = re.compile("|".join(re.escape(h) for h in heads))
    div_starts = {h.start: h for h in divisions if not h.needs_list}
    lexical_ends = {h.end for h in lexical}
    lexical_starts = {h.start for h in lexical if h.type == "region"}  # 某某新区
    generic_leads = sorted(lex.park_generic, key=len, reverse=True)
    named_heads = (*lex.park_heads, *lex.scenic_heads)
    out: list[_Hit] = []
    for match in pattern.finditer(text):
        h, he = match.start(), match.end()
        if he in lexical_ends:
            continue  # 雄安新区 is a region of the lexicon already
        start = _area_start(ctx, h, 10)
        if start is None:
            continue
        if start >= 2 and text[start - 1] in lex.stop_chars and text[start - 2] == "、":
            start -= 1  # 、向荣科技产业园: a list item may begin with 向, 和, 在 …
        modifier = text[start:h]
        while True:  # strip leading generic words (省级, 国家级 …)
            lead = next((g for g in generic_leads if modifier.startswith(g)), "")
            if not lead or lead == modifier:
                break
            modifier, start = modifier[len(lead) :], start + len(lead)
        inner = None if start in div_starts else next((k for k in range(start + 1, h - 1) if k in div_starts), None)
        if inner is not None:
            modifier, start = text[inner:h], inner
        if not modifier or modifier in lex.park_generic or modifier in lex.generic:
            continue
        if modifier.endswith(("国家", "国家级", "地区", "省级", "市级", "县级", "全省", "全国")):
            continue  # 中部地区国家高新区
        if any(h2 in modifier for h2 in named_heads):
            continue
        place_led = start in div_starts or start in lexical_starts or any(modifier.startswith(f) for f in lex.features)
        if kind == "park-area":
            if not place_led and (len(modifier) < 4 or modifier[-1] in "级区省市县"):
                continue
            if not place_led and match.group() in lex.park_place_led:
                continue
        elif not place_led and modifier[-1] not in _SCENIC_ENDS:
            continue
        if (not place_led and modifier.endswith(("旅游", "文化"))) or modifier[-1] == "级" or modifier[0] in _NUMERALS:
            continue
        if re.search(r"\d|[千百万]亿|首[个批家]", modifier) or _counted(text, start):
            continue  # 超千亿元开发区, 首个综合保税区, 设立5个…创新区: a class, not a name
        lead = div_starts.get(start)
        town_led = (lead is not None and lead.division is None) or re.match(r"[\u4e00-\u9fff]{2,4}?[镇乡]", modifier)
        if match.group() == "新区" and town_led:
            continue  # 白沙镇滨河新区: a town's new quarter is part of the town, not a park
        hit = _Hit(start, he, modifier + match.group(), kind, kind, inside=True)
        hit.standalone = not any(text.startswith(w, he) for w in _PARK_TAIL)
        out.append(hit)
    return out


def _area_start(ctx: _Context, head: int, longest: int) -> int | None:
    """Where an area's name before text[head] begins: after punctuation or a cue word (加快, 建设).

    A park's modifier may hold verbs of its trade (数字印刷产业园), and a verb right after a cue
    word is the name's first word (启动|智能制造产业园); any other verb bounds the name
    (调整|青峰山自然保护区).
    """
    text = ctx.text

    def cue(k: int) -> bool:
        return text[max(0, k - 2) : k] in ctx.lex.stop_words or text[max(0, k - 3) : k] in ctx.lex.stop_words

    def stop(k: int) -> bool:
        prev = text[k - 1] if k > 0 else ""
        return k == 0 or not _han(prev) or prev in ctx.lex.stop_chars or cue(k)

    for k in range(head, max(-1, head - longest - 1), -1):
        verb = k < head and text[max(0, k - 2) : k] in ctx.verbs and not cue(k - 2)
        if stop(k) or verb:
            return k if k < head else None
    return None


def _counted(text: str, start: int) -> bool:
    """A numeral and a measure word right before `start` (5个, 一批): the name is a category."""
    return bool(re.search(r"(?:\d+|[一二两三四五六七八九十几多]+)[个家批座处类]$", text[max(0, start - 6) : start]))


_JOINERS = frozenset("—-－–")  # 东岭—西岭都市圈: two places joined by a dash


def region_hits(ctx: _Context, places: list[_Hit]) -> list[_Hit]:
    """Regions named after the places they join: a place, at most a few characters, a region head."""
    text, lex = ctx.text, ctx.lex
    pattern = re.compile("|".join(re.escape(h) for h in lex.region_heads))
    by_end: dict[int, _Hit] = {}
    for hit in places:
        if hit.standalone or hit.division is not None or hit.type == "region":
            by_end.setdefault(hit.end, hit)
    covered = {k for h in places for k in range(h.start, h.end)}
    out: list[_Hit] = []
    for match in pattern.finditer(text):
        h, he = match.span()
        if h in covered:
            continue
        first = next((by_end[e] for e in range(h, h - lex.region_gap - 1, -1) if e in by_end), None)
        if first is None or not all(_han(c) for c in text[first.end : h]):
            continue
        if any(c in lex.stop_chars for c in text[first.end : h]):
            continue
        start = first.start
        while start > 0 and text[start - 1] in _JOINERS and (start - 1) in by_end:
            start = by_end[start - 1].start
        out.append(_Hit(start, he, text[start:he], "region", "head:region", inside=True))
    return out
