"""Goals and tasks of a report's forward-looking parts, as an office would break them down.

Goals are the numbered items (level 2) of the plan / annual parts.  Tasks follow the
annotation guidelines: one per sub-heading paragraph (level 3), one per item of a 十件实事 /
民生实事 list, one per numbered item that has no sub-headings, plus one for the paragraph that
states the main targets.  Each task gets a domain and its responsible departments from its own
words, and the ids of the figures, projects and places inside its span.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from policykg.extract.departments import assign_departments, find_park, stated_marks
from policykg.extract.period import Period
from policykg.extract.record_domains import MACRO_DOMAIN, section_domains, task_domain
from policykg.extract.records import (
    FORWARD_PARTS,
    PART_SELF,
    Extraction,
    Goal,
    Project,
    Quantity,
    Section,
    Task,
)

# Parts whose items are commitments for the coming period (政府自身建设 included: its items
# are what the government undertakes to do).
TASK_PARTS = (*FORWARD_PARTS, PART_SELF)

# A paragraph addressed to the deputies that closes a part ("各位代表!…") is not a task.
_ADDRESS = re.compile(r"^\s*(?:各位代表|同志们|代表们)")
# A figure with a unit: what makes a paragraph state targets.
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|万|亿|倍|个|项|家|所|公里|千米|吨|亩|户|人|座|处|千瓦|平方米|元)")
_TARGET_WORDS = re.compile(r"增长|年均|以上|以内|左右|达到|控制在|力争|突破")
_TARGET_PHRASE = re.compile(r"([^。;:,!]{0,20}?(?:主要预期目标|主要发展目标|主要目标|预期目标|发展目标))(?:是|为|:)")
_SCOPE = re.compile(r"今年|全年|全[省市县区州旗盟]|经济社会")
_HORIZON = re.compile(r"^(未来五年|今后五年|“?十[一-九]五”?时期|\d{4}年)")
# A list of 实事 (十件实事, 民生实事 …): the words up to its colon, then numbered or ;-separated items.
# The colon may follow a second sentence ("办好一批实事。主要包括:").
_LIST_HEAD = re.compile(r"实事[^。:]{0,20}(?:。[^。:]{0,12}(?:包括|如下|是))?:")
# "…,等等" closing a list's last item is no part of it.
_ETC = re.compile(r"[,;]?\s*等等$")
_NUMBERED = re.compile(r"(?:(?<=^)|(?<=[。;:!]))\s*(?:\((\d{1,2})\)|(\d{1,2})[.、]|([①-⑳]))")
_MIN_ITEMS = 3
_SENTENCE_END = "。!?;:"
_CONNECTIVE = re.compile(r"^(?:与此同时|同时|此外|另外|还要|另一方面|总之)[,:]?")
# Back matter after the closing address (a glossary of the report's terms) holds no tasks,
# even where the outline takes its heading for a sub-heading.
_BACK_MATTER = re.compile(r"(?:名词解释|名词注释|名词释义|注释|附注|附件|附录)[::]?")
# A place that is a zone run by its own 管委会 (雄安新区, 某某经济技术开发区).
_ZONE = re.compile(r"(?:新区|开发区|高新区|工业园区|产业园区)$")
# Length from which a paragraph after a sub-heading's own one is a task of its own.
_MIN_EXTRA = 60
_MIN_OWN = 6


@dataclass(frozen=True)
class _Draft:
    title: str
    section: str
    start: int
    end: int
    period: Period | None
    goal: str | None
    domain: str = ""


def _children_of(sections: Sequence[Section]) -> dict[str | None, list[Section]]:
    """Each section's direct children, in outline order (built once, asked per part and item)."""
    out: dict[str | None, list[Section]] = {}
    for s in sections:
        out.setdefault(s.parent, []).append(s)
    return out


class _Outline:
    """What the task rules ask of the document model many times, indexed once."""

    def __init__(self, ex: Extraction) -> None:
        self.children = _children_of(ex.sections)
        spans = [(p.start, p.end) for p in ex.paragraphs if p.end > p.start]
        self._spans = spans
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]
        # bisection needs paragraphs in text order without overlaps (lines always are)
        self._ordered = all(a[1] <= b[0] for a, b in itertools.pairwise(spans))

    def kids(self, sec: Section) -> list[Section]:
        return self.children.get(sec.id, [])

    def paragraph_spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """Paragraphs clipped to [start, end), in order (a heading may sit inside a paragraph)."""
        if self._ordered:
            lo, hi = bisect.bisect_right(self._ends, start), bisect.bisect_left(self._starts, end)
            candidates = self._spans[lo:hi]
        else:
            candidates = self._spans
        out = []
        for ps, pe in candidates:
            s, e = max(ps, start), min(pe, end)
            if e - s > 0:
                out.append((s, e))
        return out


def _is_task_part(sec: Section) -> bool:
    """A part (level 1) whose items are commitments: forward-looking, not back matter."""
    return sec.level == 1 and sec.part in TASK_PARTS and not _BACK_MATTER.fullmatch(sec.title)


def _strip(text: str) -> str:
    return text.strip().rstrip("。;,:!")


def _first_clause(text: str) -> str:
    """A title for a paragraph without a heading: its first clause, connectives dropped."""
    return _strip(re.split(r"[,。;:!]", _CONNECTIVE.sub("", text.strip()), maxsplit=1)[0])


def _top_level(text: str, sep: str) -> list[str]:
    """`text` split at `sep` outside parentheses ("(牵头单位:A;配合单位:B)" stays whole)."""
    out, depth, cur = [], 0, []
    for ch in text:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch == sep and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    return [*out, "".join(cur)]


def _list_items(text: str, offset: int) -> list[tuple[str, int, int]]:
    """Items (title, start, end) of a 实事 list in `text`; [] when there is none."""
    head = _LIST_HEAD.search(text)
    if not head:
        return []
    rest = text[head.end() :]
    base = offset + head.end()
    marks = list(_NUMBERED.finditer(rest))
    items: list[tuple[str, int, int]] = []
    if marks and marks[0].start() <= 2:
        expected = 1
        kept = []
        for m in marks:  # numbered items must count up 1, 2, 3 …
            n = m.group(1) or m.group(2)
            value = int(n) if n else ord(m.group(3)) - ord("①") + 1
            if value == expected:
                kept.append(m)
                expected += 1
        for i, m in enumerate(kept):
            end = kept[i + 1].start() if i + 1 < len(kept) else len(rest)
            chunk = rest[m.end() : end]
            if i + 1 == len(kept):  # the last item stops at its sentence end
                stop = chunk.find("。")
                chunk = chunk[: stop if stop >= 0 else len(chunk)]
            title = _ETC.sub("", _strip(chunk))
            if title:
                s = base + m.end() + (len(chunk) - len(chunk.lstrip()))
                items.append((title, s, s + len(title)))
    else:
        stop = rest.find("。")
        body = rest[: stop if stop >= 0 else len(rest)]
        pos = 0
        for piece in _top_level(body, ";"):
            title = _ETC.sub("", _strip(piece))
            if title:
                s = base + pos + (len(piece) - len(piece.lstrip()))
                items.append((title, s, s + len(title)))
            pos += len(piece) + 1
    return items if len(items) >= _MIN_ITEMS else []


def _main_targets(ex: Extraction, ol: _Outline, part: Section, end: int, goal: str | None) -> _Draft | None:
    """The intro paragraph of a part that states its main targets, as a task."""
    best, best_score = None, 0
    for s, e in ol.paragraph_spans(part.end, end):
        text = ex.text[s:e]
        figures = len(_FIGURE.findall(text))
        score = figures + len(_TARGET_WORDS.findall(text)) + (10 if _TARGET_PHRASE.search(text) else 0)
        if figures >= 2 and score > best_score:
            best, best_score = (s, e), score
    if best is None:
        return None
    s, e = best
    phrase = _TARGET_PHRASE.search(ex.text[s:e])
    if phrase:
        title = _strip(phrase.group(1))
        scope = _SCOPE.search(title)  # "我们初步确定了今年…目标" -> "今年…目标"
        title = title[scope.start() :] if scope else title
    else:
        horizon = _HORIZON.match(part.title)
        title = (horizon.group(1) if horizon else "") + "主要发展目标"
    return _Draft(title, part.id, s, e, part.period, goal, MACRO_DOMAIN)


def _item_drafts(ex: Extraction, ol: _Outline, sec: Section, start: int, end: int, goal: str | None) -> list[_Draft]:
    """Tasks of one 实事 list inside [start, end), if there is one."""
    out = []
    for s, e in ol.paragraph_spans(start, end):
        for title, i, j in _list_items(ex.text[s:e], s):
            out.append(_Draft(title, sec.id, i, j, sec.period, goal))
    return out


def _subheading_drafts(ex: Extraction, ol: _Outline, item: Section, sub: Section, goal: str | None) -> list[_Draft]:
    """One task for a sub-heading's paragraph, one per further paragraph it governs."""
    spans = ol.paragraph_spans(sub.start, sub.body_end)
    if not spans:
        return []
    out: list[_Draft] = []
    items = _item_drafts(ex, ol, sub, spans[0][0], spans[0][1], goal)
    if items:  # "办好十件实事:1.… 2.…": the items are the tasks
        out.extend(items)
    else:
        out.append(_Draft(sub.title, sub.id, spans[0][0], spans[0][1], sub.period, goal))
    for s, e in spans[1:]:
        text = ex.text[s:e]
        items = _item_drafts(ex, ol, sub, s, e, goal)
        if items:
            out.extend(items)
        elif _continues(ex.text, s):  # a line broken mid-sentence: same task
            last = out[-1]
            out[-1] = _Draft(last.title, last.section, last.start, e, last.period, last.goal)
        elif not _ADDRESS.match(text) and e - s >= _MIN_EXTRA:
            out.append(_Draft(_first_clause(text), item.id, s, e, item.period, goal))
    return out


def _continues(text: str, start: int) -> bool:
    """Whether the paragraph at `start` goes on with a sentence the previous one left open."""
    i = start
    while i > 0 and text[i - 1].isspace():  # text[:start].rstrip() without copying the text
        i -= 1
    return i > 0 and text[i - 1] not in _SENTENCE_END


def _item_task_drafts(ex: Extraction, ol: _Outline, item: Section, goal: str | None) -> list[_Draft]:
    """Tasks of one numbered item (level 2), or of a part without items."""
    subs = ol.kids(item)
    if not subs:
        spans = [
            (s, e)
            for s, e in ol.paragraph_spans(item.start, item.body_end)
            if not _ADDRESS.match(ex.text[s:e]) or _LIST_HEAD.search(ex.text[s:e])
        ]
        if not spans:
            return []
        items = [d for s, e in spans for d in _item_drafts(ex, ol, item, s, e, goal)]
        # a clipped scrap of the next heading ("九、") is no text of the item's own
        own = [(s, e) for s, e in spans if e - s >= _MIN_OWN and not _list_items(ex.text[s:e], s)]
        whole = [_Draft(item.title, item.id, own[0][0], own[-1][1], item.period, goal)] if own else []
        return whole + items
    out: list[_Draft] = []
    intro = ex.text[item.end : subs[0].start]
    if len(_FIGURE.findall(intro)) >= 2:  # an item whose lead-in itself commits to figures
        out.append(_Draft(item.title, item.id, item.start, subs[0].start, item.period, goal))
    for sub in subs:
        if _BACK_MATTER.fullmatch(sub.title):
            break
        out.extend(_subheading_drafts(ex, ol, item, sub, goal))
    return out


def _drafts(ex: Extraction, ol: _Outline, goals: dict[str, str]) -> Iterable[_Draft]:
    for part in ex.sections:
        if not _is_task_part(part):
            continue
        items = ol.kids(part)
        intro_end = items[0].start if items else part.body_end
        if part.part in FORWARD_PARTS:
            main = _main_targets(ex, ol, part, intro_end, goals.get(part.id))
            if main:
                yield main
        if not items:
            yield from _item_task_drafts(ex, ol, part, goals.get(part.id))
        for item in items:
            yield from _item_task_drafts(ex, ol, item, goals.get(item.id))


# --- items whose responsibility the report states ----------------------------------------------

# Where an item of a list starts: a numbered line (一、 / (一) / 1. / (1) / ① / 一是) or, inside a
# paragraph, a number after a sentence end or colon.
_ITEM_START = re.compile(
    r"(?:^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}(?:、|是)|\([一二三四五六七八九十]{1,3}\)|"
    r"\d{1,2}(?:、|\.(?!\d))|\(\d{1,2}\)|[①-⑳])|(?<=[。;:])\s*(?:\d{1,2}(?:、|\.(?!\d))|\(\d{1,2}\)|[①-⑳]))",
    re.M,
)


# The colon that closes the head of a list ("今年重点办好以下民生实事:"), not an item's own label
# ("养老服务提升工程:"): a sentence ends before it, or it announces the list.
_LIST_COLON = re.compile(r"(?:。[^。:\n]*|(?:实事|以下|如下|包括|主要有)[^。:\n]{0,6}):")
# Longest line taken for the heading of the item below it.
_MAX_ITEM_HEADING = 60
_ITEM_NAME = re.compile(r"([^:,]{4,20}):\S")


@dataclass(frozen=True)
class _Item:
    title: str
    start: int
    end: int


def _item_start(text: str, floor: int, mark: int) -> int:
    """Where the item closed by the statement at `mark` starts (never before `floor`, the end
    of the previous statement): after the last number on its own line ("1.新建…(牵头单位:…)"),
    after the colon of a list head ("…办好以下实事:新建…(牵头单位:…)"), after the number of a
    short heading line just above a one-sentence body ("二、实施…工程。" / body / "牵头单位:…"),
    else at its line's start (a sub-heading paragraph that names its own lead)."""
    line = max(text.rfind("\n", 0, mark) + 1, floor)
    if not text[line:mark].strip() and line > floor:  # a statement on a line of its own
        line = max(text.rfind("\n", 0, line - 1) + 1, floor)
    openings = list(_ITEM_START.finditer(text, line, mark))
    start = openings[-1].end() if openings else line
    head = _LIST_COLON.search(text, start, mark)
    if head and text[head.end() : mark].strip():
        return head.end()
    if openings or line <= floor:
        return start
    body = text[line:mark]
    if re.search(r"[。;!?]\s*\S", body.rstrip("。;!? \t")):  # a lead sentence, then more: its own
        return line
    above = max(text.rfind("\n", 0, line - 1) + 1, floor)
    heading = _ITEM_START.match(text, above)
    if heading and line - above <= _MAX_ITEM_HEADING:
        return heading.end()
    return line


def _stated_items(ex: Extraction) -> list[_Item]:
    """Items of the report's own lists that end with their responsible departments
    ((牵头单位:A、B;配合单位:C)): one task each, whatever the outline made of their lines (an
    annex the outline leaves out, or takes for a review, included: only commitments name them)."""
    items: list[_Item] = []
    floor = 0
    for s, e in stated_marks(ex.text):
        start = _item_start(ex.text, floor, s)
        while start < s and ex.text[start] in " \t\u3000\n;,。、":
            start += 1
        head = re.split(r"[。;\n]", ex.text[start:s], maxsplit=1)[0]
        named = _ITEM_NAME.match(head)  # "教育提升工程:新建幼儿园12所" is named by its label
        title = _strip((named.group(1) if named else head).rstrip("(【〔[ \t"))
        if title:
            items.append(_Item(title, start, e))
        floor = e
    return items


def _unmarked(title: str) -> str:
    """A stated item's title: without the statement of responsibility, by its label if it has one."""
    for s, e in reversed(stated_marks(title)):
        title = title[:s] + title[e:]
    named = _ITEM_NAME.match(title)  # "教育提升工程:新建幼儿园12所" is named by its label
    return _strip(named.group(1) if named else title)


def _heads_items(text: str, d: _Draft, items: list[_Item]) -> bool:
    """Whether a draft is only the heading of the list that follows it ("办好十件实事:")."""
    if not text[d.start : d.end].rstrip().endswith(":"):
        return False
    return any(d.end <= it.start <= d.end + 8 for it in items)


def _with_stated_items(
    drafts: list[_Draft], items: list[_Item], ex: Extraction, goal_of: dict[str, str]
) -> list[_Draft]:
    """The outline's drafts with the stated items in place of what they cover.

    A draft holding items beyond its own first paragraph (a list heading, a 实事 item) gives way
    to them; a draft that starts inside an item is part of it; a draft whose own paragraph is the
    item keeps its title and reads its departments from it.
    """
    if not items:
        return drafts
    kept: list[_Draft] = []
    used: set[int] = set()
    for d in drafts:
        inside = [i for i, it in enumerate(items) if d.start <= it.start < d.end]
        if any(it.start < d.start < it.end for it in items):
            continue
        first_line = ex.text.find("\n", d.start)
        first_line = d.end if first_line < 0 else min(first_line, d.end)
        if len(inside) == 1 and items[inside[0]].start < first_line:
            used.update(inside)
            kept.append(_Draft(_unmarked(d.title), d.section, d.start, d.end, d.period, d.goal, d.domain))
        elif not inside and not _heads_items(ex.text, d, items):
            kept.append(d)
    sections = sorted(ex.sections, key=lambda s: (s.start, -s.level))
    by_id = {s.id: s for s in ex.sections}
    for i, it in enumerate(items):
        if i in used:
            continue
        holders = [s for s in sections if s.start <= it.start < max(s.body_end, s.end)]
        sec = max(holders, key=lambda s: (s.level, s.start)) if holders else None
        goal, up = None, sec
        while up is not None and goal is None:
            goal = goal_of.get(up.id)
            up = by_id.get(up.parent) if up.parent else None
        sec = sec or ex.sections[-1]
        kept.append(_Draft(it.title, sec.id, it.start, it.end, sec.period, goal))
    return sorted(kept, key=lambda d: d.start)


def extract_goals(ex: Extraction) -> list[Goal]:
    """Numbered items of the forward-looking parts (and such parts that have no items)."""
    children = _children_of(ex.sections)
    goals: list[Goal] = []
    for part in ex.sections:
        if not _is_task_part(part):
            continue
        items = children.get(part.id, []) or [part]
        for sec in items:
            goals.append(Goal(f"G{len(goals) + 1}", sec.title, sec.id, sec.period, sec.start, sec.body_end))
    return goals


class _SpanIndex:
    """Which records have a mention inside a span: mentions sorted by start, found by bisection."""

    def __init__(self, spans_per_record: Iterable[Iterable[tuple[int, int]]]) -> None:
        rows = sorted((s, e, i) for i, spans in enumerate(spans_per_record) for s, e in spans)
        self._rows = rows
        self._starts = [r[0] for r in rows]

    def within(self, start: int, end: int) -> list[int]:
        """Positions (in the order given) of the records with a mention inside [start, end)."""
        lo, hi = bisect.bisect_left(self._starts, start), bisect.bisect_right(self._starts, end)
        return sorted({i for _, e, i in self._rows[lo:hi] if e <= end})


def _context(sections: dict[str, Section], d: _Draft) -> str:
    """The heading of the numbered item a task sits under ('' for a part's own tasks and for the
    items themselves: a part's title is too broad to say anything about one task)."""
    sec = sections.get(d.section)
    if sec is not None and sec.title == d.title:
        sec = sections.get(sec.parent) if sec.parent else None
    return sec.title if sec is not None and sec.level >= 2 else ""


def extract_goals_tasks(
    ex: Extraction, quantities: Sequence[Quantity] = (), projects: Sequence[Project] = ()
) -> tuple[list[Goal], list[Task]]:
    """Goals and tasks of a report, tasks linked to the given figures, projects and places."""
    goals = extract_goals(ex)
    goal_of = {g.section: g.id for g in goals}
    park = find_park(ex.text, ex.meta)
    part_of = {s.id: s.part for s in ex.sections}
    in_quantities = _SpanIndex([(q.start, q.end)] for q in quantities)
    in_projects = _SpanIndex([(m.start, m.end) for m in p.mentions] for p in projects)
    in_places = _SpanIndex([(m.start, m.end) for m in pl.mentions] for pl in ex.places)
    section_domain = section_domains(ex)
    zones = sorted({p.name for p in ex.places if _ZONE.search(p.name) and len(p.name) > 3}, key=lambda n: -len(n))
    tasks: list[Task] = []
    drafts = _with_stated_items(list(_drafts(ex, _Outline(ex), goal_of)), _stated_items(ex), ex, goal_of)
    sections = {s.id: s for s in ex.sections}
    for d in drafts:
        body = ex.text[d.start : d.end]
        context = _context(sections, d)
        domain, cues = task_domain(
            body,
            d.title,
            context,
            lambda section=d.section: section_domain(section),
            own_conduct=part_of.get(d.section) == PART_SELF,
            given=d.domain,
        )
        tasks.append(
            Task(
                id=f"T{len(tasks) + 1}",
                title=d.title,
                section=d.section,
                start=d.start,
                end=d.end,
                period=d.period,
                goal=d.goal,
                domain=domain,
                domain_cues=cues,
                departments=assign_departments(
                    body,
                    domain,
                    ex.meta,
                    title=d.title,
                    park=park,
                    zone=next((z for z in zones if z in d.title), ""),
                    context=context,
                    own_conduct=part_of.get(d.section) == PART_SELF,
                ),
                quantities=tuple(quantities[i].id for i in in_quantities.within(d.start, d.end)),
                projects=tuple(projects[i].id for i in in_projects.within(d.start, d.end)),
                places=tuple(dict.fromkeys(ex.places[i].name for i in in_places.within(d.start, d.end))),
            )
        )
    return goals, tasks
