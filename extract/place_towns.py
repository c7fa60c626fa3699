"""Towns, townships and sub-districts of the issuer's own territory, by full or short name.

Reports name their towns as often without the head word as with it (白沙 for 白沙镇, 西坡 for
西坡乡). The national list (``data/place_towns.json``) is only consulted for the issuer's
territory, so a short form is read as a town only where that town is the issuer's own; it still
has to stand at a word boundary and not be (or cut through) an everyday word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policykg.extract.gazetteer import Division, Gazetteer, town_short
from policykg.extract.place_lexicon import _crossed, frequent_words
from policykg.extract.place_match import _boundary, _Context, _continues, _Hit

_TYPES = {"镇": "town", "乡": "township", "苏木": "township", "街道": "town"}


@dataclass(frozen=True)
class _Towns:
    forms: dict[str, tuple[str, str, bool]]  # written form -> (town name, county code, is short form)
    prefixes: frozenset[str]  # every prefix of a form, so a scan stops as soon as none can follow
    first: re.Pattern[str]  # the characters a form can start with, to jump between candidates


def _type(name: str) -> str:
    return next((t for h, t in _TYPES.items() if name.endswith(h)), "town")


@lru_cache(maxsize=64)
def _towns_of(code: str) -> _Towns:
    gaz = Gazetteer.load()
    counts: dict[str, int] = {}
    rows = gaz.towns(gaz.by_code[code])
    for name, _ in rows:
        short = town_short(name)
        counts[short] = counts.get(short, 0) + 1
    forms: dict[str, tuple[str, str, bool]] = {}
    for name, county in rows:
        forms.setdefault(name, (name, county, False))
        short = town_short(name)
        if short and counts[short] == 1 and short not in gaz.by_name and short not in gaz.by_short:
            forms.setdefault(short, (name, county, True))
    prefixes = frozenset(f[:k] for f in forms for k in range(1, len(f) + 1))
    first = re.compile("[" + "".join(sorted({re.escape(f[0]) for f in forms})) + "]" if forms else "(?!)")
    return _Towns(forms, prefixes, first)


def town_hits(ctx: _Context, hits: list[_Hit]) -> list[_Hit]:
    """Town names of the issuer's territory not yet covered by another hit."""
    if ctx.issuer is None:
        return []
    towns = _towns_of(ctx.issuer.code)
    text, n = ctx.text, len(ctx.text)
    covered = bytearray(n)
    for h in hits:
        covered[h.start : h.end] = b"\x01" * (h.end - h.start)
    by_end = {h.end: h for h in hits if h.division is not None}
    out: list[_Hit] = []
    resume = 0
    for match in towns.first.finditer(text):
        i = match.start()
        if i < resume or covered[i]:
            continue
        found, k = None, i + 1
        while k <= n and not covered[k - 1] and text[i:k] in towns.prefixes:
            if text[i:k] in towns.forms:
                found = text[i:k]
            k += 1
        if found is None:
            continue
        name, county, short = towns.forms[found]
        hit = _town_hit(ctx, i, i + len(found), found, name, short, by_end.get(i), county)
        if hit is not None:
            out.append(hit)
            resume = hit.end
    return out


def _town_hit(
    ctx: _Context, start: int, end: int, form: str, name: str, short: bool, before: _Hit | None, county: str
) -> _Hit | None:
    text = ctx.text
    if town_short(name) in ctx.lex.generic_prefix:
        return None  # 中心镇和中心村: a class of towns, even where one town bears that name
    if _crossed(text, start, end, ctx.words) or (short and (form in ctx.words or form in frequent_words())):
        return None
    if ctx.sets.not_after.at(text, end) or (text[start - 1 : start] == "“" and text[end : end + 1] == "”"):
        return None  # 柳湖路, 李寨煤矿, “两山”: a facility's or a slogan's name
    if short and ctx.sets.heads.at(text, end):
        return None  # 神峪河: the short form starts a longer name
    owner: Division | None = ctx.gaz.by_code.get(county)
    led = before is not None and owner is not None and ctx.gaz.contains(before.division, owner)
    if not led and not _boundary(ctx, start, set()):
        return None
    written = name if short and name in text else form  # one entry where the full name is written too
    hit = _Hit(start, end, written, _type(name), "town-list" + (":short" if short else ""), inside=True)
    if short:
        hit.standalone = led or not _continues(ctx, end)  # 三苏祠, 升钟灌区: a name after the town
        if led and before is not None:
            before.standalone = True  # 东平白沙: the county is named as the town's county
    return hit
