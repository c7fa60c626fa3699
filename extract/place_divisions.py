"""Divisions (gazetteer), named regions, features and the country found by the surface matcher:
the evidence bar a full or short form must clear, and lists that vouch for their items."""

from __future__ import annotations

import itertools

from policykg.extract.place_lexicon import _COUNTY_TYPES, _LIST_GAPS, _WEAK_NEXT, _crossed
from policykg.extract.place_match import _boundary, _choose, _Context, _continues, _Hit, _near, _surfaces, _towards


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
    full = ctx.gaz.is_full_form(form, division)
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
    if near == 3 and not hit.standalone and text[start - 1 : start] != "、":
        return None  # 红河 in 太行红河谷: a far division inside a name is no evidence at all
    if not (_boundary(ctx, start, ends) or _towards(ctx, start)):
        return None  # 济宁 in 引清济宁, 泰州 in 老泰州: a short form inside a word
    return hit


def _lexicon_hit(ctx: _Context, start: int, end: int, form: str, kind: str) -> _Hit | None:
    text, lex = ctx.text, ctx.lex
    after_context = ctx.sets.after.at(text, end)
    left = start if not _boundary(ctx, start, set()) else end  # 推进|成都平原: no word crosses a cue word
    if _crossed(text, left, end, ctx.words) and not after_context:
        return None  # 初中国家, 入海河流
    if kind == "country":
        in_slogan = text.startswith("特色", end)  # 中国特色社会主义 names no location
        standalone = form != "中国" or (not in_slogan and (not _continues(ctx, end) or _towards(ctx, start)))
        return _Hit(start, end, "中国", "country", "lexicon", standalone=standalone, inside=False)
    if kind == "world":
        name, type_ = lex.world[form]
        if form in ctx.words and type_ != "region":
            return None  # 万象, 加纳 as words
        standalone = not _named_after(ctx, end)
        return _Hit(start, end, name, type_, "lexicon:world", standalone=standalone, inside=False)
    type_, parent = (lex.regions if kind == "region" else lex.features)[form]
    weak_misfit = text[end : end + 1] in _WEAK_NEXT or (start > 0 and text[start - 1] in "东西南北中")
    if form in lex.weak and weak_misfit:
        return None  # 西北部, 东北亚, 东西部
    if form in lex.weak and any(text[k:start] in ctx.gaz.by_name for k in range(max(0, start - 6), start - 1)):
        return None  # 酒泉市东部: a direction within the division just named
    if kind == "feature":
        standalone = not _named_after(ctx, end)
    else:
        standalone = not ctx.sets.name_tails.at(text, end) and (not _continues(ctx, end) or _towards(ctx, start))
    return _Hit(start, end, form, type_, "lexicon", standalone=standalone, parent=parent)


def _named_after(ctx: _Context, end: int) -> bool:
    """A region or feature followed by what makes it part of a proper name (西部大开发, 清江龙舟节).

    Unlike a division's short form, a region or a river is rarely the first word of a name, so
    it stands alone unless a name's tail follows within a few characters.
    """
    text, sets = ctx.text, ctx.sets
    if sets.name_tails.at(text, end) or sets.not_after.at(text, end):
        return True
    word = next((text[end:k] for k in range(end + 4, end + 1, -1) if text[end:k] in ctx.words), "")
    return bool(word) and (sets.name_tails.at(text, end + len(word)) or sets.not_after.at(text, end + len(word)))


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


def last_in_list(ctx: _Context, hits: list[_Hit]) -> None:
    """The last item of a list of divisions or regions (东岭、西沟分别…, 川北、川南、川西产业…)
    shares what follows with the others: it stands alone where the item before it does."""
    for a, b in itertools.pairwise(sorted(hits, key=lambda h: h.start)):
        if (
            b.start == a.end + 1
            and ctx.text[a.end] == "、"
            and a.standalone
            and not (a.needs_list or b.needs_list or b.standalone)
            and not ctx.sets.name_tails.at(ctx.text, b.end)
        ):
            b.standalone = True
