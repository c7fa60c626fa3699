"""Project promises of report N against what report N+1 says of the same projects.

A promise is a named project in N's plan for the year with the step the clause states
(开工, 建成, 投入使用 …; graph/tracking_steps.py).  N+1 is searched for the project by every name it
goes by (the extractor's names and aliases, without 项目/工程 suffixes or a leading place name, up to
its first facility noun, a long name's leading part, the same start and final noun read with gaps),
in the project list and in the plain text, so a project named in a list (A、B等6个项目全部完工) or
shortened in the review is still found.  Judged as the golds do:

- the review reports the promised step or a later one: met; a lesser step: partly; says it did
  not happen (未能, 滞后): not_met;
- the review is silent but N+1's plan schedules the same or an earlier step again: not_met (继续实施
  a work promised to be under way, or completing a work promised to start: met; a plan list that also
  names a work the review reports done is a new round of works, no proof either way);
- otherwise no_statement.

A province's report names programmes (推进X示范区建设) as well as projects; there only promises of a
definite step (not 推进/建设 alone) are tracked, while a city or county report's yearly list of
works under way is tracked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from policykg.extract.records import FORWARD_PARTS, PART_ANNUAL, PART_REVIEW, Extraction, Project
from policykg.graph.tracking_steps import (
    COMPLETED,
    RANK,
    STAGE,
    START,
    UNDER_WAY,
    WORDS,
    continued,
    negative,
    step_for,
    step_of,
    steps,
)

_FIRM = re.compile(r"确保|年内|力争|全年|按期")
_CONSEQUENCE = re.compile(r"实现")  # 确保/力争 start a promise of their own
_STEP_TAIL = re.compile(r"(?:土建|主体)(?:工程)?$")
MIN_KEY = 3  # a shorter name is searched only through the extractor's own project list


@dataclass(frozen=True)
class Occurrence:
    """One place a report names the project, with the clause and the step it states."""

    start: int  # the name, normalised text
    end: int
    clause_start: int
    clause_end: int
    part: str
    step: str
    step_start: int  # the step word, normalised text
    step_end: int
    name: str
    clause: str
    predicate_start: int = -1  # from the first to the last step word of the clause (重点推进…建设)
    predicate_end: int = -1


@lru_cache(maxsize=1)
def _generic_heads() -> frozenset[str]:
    from policykg.extract.project_rules import project_rules

    r = project_rules()
    return frozenset(r.heads) | frozenset(r.generic_items)


def _place_words(ex: Extraction) -> list[str]:
    words = {m.text for p in ex.places for m in p.mentions if len(m.text) >= 2}
    words.update(w for w in (ex.meta.place, ex.meta.province) if w)
    return sorted(words, key=len, reverse=True)


def name_keys(names: list[str], places: list[str]) -> list[str]:
    """The forms a project may be named by: its key, and the key without a leading place name."""
    from policykg.extract.project_identity import match_key

    keys: list[str] = []
    for name in names:
        key = match_key(name)
        if len(key) < MIN_KEY:  # 某某扩建项目: the key (某某) is too short to search, the name less 项目 is not
            key = re.sub(r"(?:项目|工程)$", "", name)
        forms = [key]
        for place in places:
            if key.startswith(place) and len(key) - len(place) >= MIN_KEY:
                forms.append(key[len(place) :])
                break
        forms += [f for f in map(_to_first_head, forms) if f]
        for form in forms:
            if len(form) >= MIN_KEY and form not in _generic_heads() and form not in keys:
                keys.append(form)
    return keys


def _to_first_head(key: str) -> str:
    """The name up to its first facility noun (某某水厂5万吨 -> 某某水厂), when a name stands before it."""
    from policykg.graph.tracking_works import facility_heads

    for i in range(MIN_KEY, len(key)):
        for h in facility_heads():
            if key.startswith(h, i - len(h) + 1) and i + 1 - len(h) >= 2 and i + 1 < len(key):
                return key[: i + 1]
    return ""


def _variants(ex: Extraction, keys: list[str]) -> list[tuple[int, int, str]]:
    """Places where the text names the work a little differently: same first two characters, same
    final noun, one name inside the other read with gaps (中心卫生院 / 中心乡镇卫生院, 某某大宾馆 / 某某宾馆)."""
    from policykg.extract.project_identity import same_project

    out = []
    for key in keys:
        if len(key) < 4:
            continue
        head, lead = key[-2:], key[:2]
        i = ex.text.find(lead)
        while i >= 0:
            wide = (
                len(key) * 5 // 3 + 1 if len(key) >= 12 else 0
            )  # a long name may gain a qualifier: 第五届中国·某某…博览会
            for n in range(4, max(len(key) + 4, wide)):
                window = ex.text[i : i + n]
                if window.endswith(head) and window != key and (same_project(key, window) or _gapped(key, window)):
                    out.append((i, i + n, window))
                    break
            i = ex.text.find(lead, i + 1)
    return out


def _gapped(key: str, window: str) -> bool:
    """The key read with gaps in a window of the same start and end, covering most of it (某某扩建 /
    某某纸业扩建), when the keys are too short for same_project."""
    from policykg.extract.project_identity import is_subsequence

    return len(key) >= 4 and len(key) / len(window) >= 0.6 and is_subsequence(key, window)


def leading_key(keys: list[str], text: str, names: list[str]) -> list[str]:
    """The leading part a later report may shorten a long name to (某某故居陈列纪念馆 -> 某某故居):
    the longest prefix of at least 5 characters and close to half the name that the text holds and
    that no other promised name of N starts with (a 某某国际物流园区… that two names share is never cut;
    a promised name that is the prefix itself is the same work named short: 某某物流 / 某某物流基地一期)."""
    for key in keys:
        if len(key) < 8 or key in text:
            continue
        for n in range(len(key) - 1, max(5, (len(key) * 9 + 19) // 20) - 1, -1):
            prefix = key[:n]
            if prefix in text and sum(name.startswith(prefix) and name != prefix for name in names) <= sum(
                name.startswith(prefix) for name in keys
            ):
                return [prefix]
    return []


_CITY = re.compile(r"^(?:城市|城区|市区|中心城区|主城区|县城)?")
_PAIRS = {"东": "东西", "西": "东西", "南": "南北", "北": "南北"}


def paired_keys(keys: list[str]) -> list[str]:
    """The form a later report may give two works of a pair in (城区南环路 -> 南北环路: the south and the
    north ring named at once), without a leading 城市/城区, which the shorter form drops."""
    out: list[str] = []
    for key in keys:
        rest = key[_CITY.match(key).end() :]
        if len(rest) >= 3 and rest[0] in _PAIRS and rest[1] not in _PAIRS[rest[0]]:
            form = _PAIRS[rest[0]] + rest[1:]
            if form not in out:
                out.append(form)
    return out


_NAMES: dict[int, tuple[Extraction, list[tuple[int, int]]]] = {}


def _name_spans(ex: Extraction) -> list[tuple[int, int]]:
    """Where the report names projects: step words inside a name (站前规划二路) are not steps."""
    cached = _NAMES.get(id(ex))
    if cached is None or cached[0] is not ex:
        _NAMES.clear()
        cached = (ex, sorted((m.start, m.end) for p in ex.projects for m in p.mentions))
        _NAMES[id(ex)] = cached
    return cached[1]


def _occurrence(ex: Extraction, start: int, end: int, name: str, status: str = "") -> Occurrence | None:
    from policykg.graph.tracking import _clause, _part_at

    a, b = _clause(ex.text, start, end)
    chars = list(ex.text[a:b])
    for s0, s1 in [*_name_spans(ex), (start, end)]:
        tail = _STEP_TAIL.search(ex.text[s0:s1])
        s1 = s0 + tail.start() if tail else s1  # 某某大厦土建工程全面完工: the step is outside the name
        if s0 < b and a < s1:
            for i in range(max(s0, a), min(s1, b)):
                chars[i - a] = "\0"
    own = _STEP_TAIL.search(ex.text[start:end])
    found = step_for("".join(chars), start - a, (start + own.start() if own else end) - a)
    if found is None:
        if status not in RANK:
            return None
        found = (status, start - a, end - a)  # no step word: the extractor's reading of the mention
    if found[0] == UNDER_WAY:
        b, chars, found = _then(ex, b, chars, found)
    step, s0, s1 = found
    words = [(x[1], x[2]) for x in steps("".join(chars))] + [(s0, s1)]
    p0, p1 = min(w[0] for w in words), max(w[1] for w in words)
    return Occurrence(start, end, a, b, _part_at(ex, start), step, a + s0, a + s1, name, ex.text[a:b], a + p0, a + p1)


def _then(
    ex: Extraction, b: int, chars: list[str], found: tuple[str, int, int]
) -> tuple[int, list[str], tuple[str, int, int]]:
    """实施某某产业园一期项目，实现标准厂房开工建设: a clause that only says the work goes on may be followed
    by one (实现 …) that names the step it is to reach; that step is the promise.  Not when the
    next clause names a project of its own."""
    from policykg.graph.tracking import _clause

    if b >= len(ex.text) or ex.text[b] not in ",，":
        return b, chars, found
    _, nb = _clause(ex.text, b + 1, b + 1)
    nxt = ex.text[b + 1 : nb]
    if not _CONSEQUENCE.match(nxt) or any(b < s0 < nb for s0, _ in _name_spans(ex)):
        return b, chars, found
    firm = [x for x in steps(nxt) if x[0] != UNDER_WAY]
    if not firm:
        return b, chars, found
    step, s0, s1 = max(firm, key=lambda x: (RANK[x[0]], -x[1]))
    off = len(chars) + 1
    return nb, [*chars, ex.text[b], *nxt], (step, off + s0, off + s1)


def occurrences(ex: Extraction, keys: list[str], projects: list[Project]) -> list[Occurrence]:
    """Every place `ex` names the project: the matched projects' mentions and the keys in the text."""
    seen: set[int] = set()
    out: list[Occurrence] = []
    spots = [(m.start, m.end, p.name, m.status) for p in projects for m in p.mentions]
    for key in keys:
        i = ex.text.find(key)
        while i >= 0:
            spots.append((i, i + len(key), key, ""))
            i = ex.text.find(key, i + 1)
    spots += [(a, b, w, "") for a, b, w in _variants(ex, keys)]
    for start, end, name, status in sorted(spots, key=lambda x: (x[0], not x[3])):
        if start in seen:
            continue
        seen.add(start)
        occ = _occurrence(ex, start, end, name, status)
        if occ is not None:
            out.append(occ)
    return out


def _firm(clause: str) -> bool:
    """A clause that binds itself to the year (确保, 年内, 力争): the promise to hold N to."""
    return bool(_FIRM.search(clause))


def _promise_parts(ex: Extraction) -> tuple[str, ...]:
    """The plan for the coming year; a report without one promises in its five-year plan."""
    return (PART_ANNUAL,) if any(s.part == PART_ANNUAL for s in ex.sections) else FORWARD_PARTS


def promise(old: Extraction, p: Project, keys: list[str]) -> Occurrence | None:
    """The furthest step N promises for the project in its plan for the year (None: no promise).

    The plan may name a project the extractor found only in the review: its names are looked for
    in the plan's text too.
    """
    parts = _promise_parts(old)
    best: Occurrence | None = None
    for occ in occurrences(old, keys, [p]):
        if occ.part not in parts:
            continue
        if best is None or (RANK[occ.step], _firm(occ.clause)) > (RANK[best.step], _firm(best.clause)):
            best = occ
    if best is None:
        return None
    if old.meta.level == "province" and best.step == UNDER_WAY:
        return None  # a province's 推进X建设 is a programme, not a step due this year
    return best


def _said(o: Occurrence) -> str:
    """The step word as the report writes it."""
    return o.clause[o.step_start - o.clause_start : o.step_end - o.clause_start]


_ITEM_BREAK = re.compile(r"、|和|及|与")
_ITEM = re.compile(r"^[\u4e00-\u9fff]{3,12}$")


def listed_with_done(new: Extraction, o: Occurrence) -> bool:
    """N+1's plan names the work in a list with a work its review reports done (集中对A、B、C等5条道路进行
    综合改造, where the review finished C): the list is a new round of works, no proof that A was not
    done the year before."""
    from policykg.graph.tracking import _clause, _part_at

    for raw in _ITEM_BREAK.split(o.clause):
        item = raw.split("等")[0]
        if not _ITEM.match(item) or item in o.name or o.name in item:
            continue
        i = new.text.find(item)
        while i >= 0:
            a, b = _clause(new.text, i, i + len(item))
            found = step_of(new.text[a:b])
            if found and RANK[found[0]] >= RANK[COMPLETED] and _part_at(new, i) == PART_REVIEW:
                return True
            i = new.text.find(item, i + 1)
    return False


def judge_project(
    promised: str, review: list[Occurrence], plan: list[Occurrence], said: str = ""
) -> tuple[str, Occurrence | None, str]:
    """(status, the occurrence it rests on, reason) for a promised step (`said`: the promise's own words)."""
    p = RANK[promised]
    said = said or WORDS[promised]
    if review:
        neg = [o for o in review if negative(o.clause)]
        best = max(review, key=lambda o: (RANK[o.step], -o.start))
        if neg and RANK[best.step] < p:
            o = neg[0]
            return "not_met", o, "review says it did not happen"
        r = RANK[best.step]
        if r >= p:
            return "met", best, f"review reports {_said(best)} ≥ promised {said}"
        return "partly", best, f"review reports only {_said(best)} < promised {said}"
    if plan:
        if p <= RANK[UNDER_WAY]:
            for o in plan:
                if continued(o.clause):
                    return "met", o, "next plan continues the work (继续)"
        if p <= RANK[START]:
            done = [o for o in plan if RANK[o.step] >= RANK[COMPLETED]]
            if done:
                return "met", done[0], f"next plan schedules {_said(done[0])}: the work has started"
        worst = min(plan, key=lambda o: (RANK[o.step], o.start))
        r = RANK[worst.step]
        if r < p or (r == p and worst.step != UNDER_WAY):
            return "not_met", worst, f"next plan schedules {_said(worst)} again"
    return "no_statement", None, "next report does not say"


def track_projects(old: Extraction, new: Extraction) -> Iterator[dict[str, object]]:
    """One record per project N promises a step for in its plan (the fields of a TrackingLink)."""
    from policykg.extract.project_identity import match_key, same_project

    places = sorted({*_place_words(old), *_place_words(new)}, key=len, reverse=True)
    new_parts = FORWARD_PARTS
    out: list[dict[str, object]] = []
    taken: list[tuple[int, int]] = []  # names already promised: one link per name in the plan
    from policykg.graph.tracking_works import plan_works

    works = plan_works(old, _promise_parts(old), _name_spans(old))
    all_names = [match_key(n) for q in [*old.projects, *works] for n in (q.name, *q.aliases)]
    for p in [*sorted(old.projects, key=lambda p: (-len(p.name), p.id)), *works]:
        names = [p.name, *p.aliases]
        keys = name_keys(names, places)
        if not keys and p.name in _generic_heads():
            continue
        tm = promise(old, p, keys)
        if tm is None or any(a < tm.end and tm.start < b for a, b in taken):
            continue
        taken.append((tm.start, tm.end))
        matched = [q for q in new.projects if any(same_project(a, b) for a in names for b in (q.name, *q.aliases))]
        lead = leading_key(keys, new.text, all_names)
        occs = occurrences(new, [*keys, *lead, *paired_keys(keys)], matched)
        review = [o for o in occs if o.part == PART_REVIEW]
        plan = [o for o in occs if o.part in new_parts and not listed_with_done(new, o)]
        status, o, reason = judge_project(tm.step, review, plan, _said(tm))
        found = None
        if o is not None:
            found = next((q for q in matched if any(m.start == o.start for m in q.mentions)), None)
        out.append(
            {
                "project": p,
                "promise": tm,
                "status": status,
                "result": o,
                "result_project": found,
                "reason": reason,
            }
        )
    yield from sorted(_distinct(out), key=lambda r: (r["promise"].start, r["project"].id))  # type: ignore[attr-defined]


def _distinct(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """One promise per work: a short name inside a longer promised one (某某 / 某某…煤化工项目) is the same work,
    promised again in a list; the fuller name's own clause is kept."""
    from policykg.extract.project_identity import match_key

    keys = [match_key(r["project"].name) for r in records]  # type: ignore[attr-defined]
    keep = []
    for i, r in enumerate(records):
        k = keys[i]
        if any(j != i and len(keys[j]) > len(k) >= 2 and k in keys[j] for j in range(len(records))):
            continue
        keep.append(r)
    return keep


def stage(step: str) -> str:
    """The ontology's coarse stage for a fine step."""
    return STAGE[step]
