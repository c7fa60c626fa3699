"""The report's outline: parts, numbered items, paragraph lead-ins, paragraphs and sentences.

Work reports share one skeleton (review / goals / this year's work / the government itself) but
spell headings in several ways: 一、 numbered or bare parts, (一) items or ——lead-ins, and
paragraphs whose first short sentence (or a parallel first clause) acts as a sub-heading.  The
rules below recognise the shapes, not any report's words.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass

from policykg.extract.inline_headings import find_inline_headings
from policykg.extract.part_kinds import kind_from_body, kind_scores, part_kind
from policykg.extract.period import Period
from policykg.extract.records import (
    PART_ANNUAL,
    PART_OTHER,
    PART_PLAN,
    PART_REVIEW,
    Paragraph,
    ReportMeta,
    Section,
    Sentence,
)

CN_NUMERALS = "一二三四五六七八九十"
_CN_VALUE = {ch: i + 1 for i, ch in enumerate(CN_NUMERALS)}

_PART_NUMBERED = re.compile(rf"^(?P<num>[{CN_NUMERALS}]{{1,3}})[、.](?P<title>.+)$")
_ITEM_NUMBERED = re.compile(rf"^\((?P<num>[{CN_NUMERALS}]{{1,3}})\)(?P<rest>.+)$")
_DASH_LEADIN = re.compile(r"^(?:——|--|—|―― |－－)(?P<rest>[^—\-].+)$")
_APPENDIX = re.compile(r"^附件\s*\d*\s*[:]?$")
_GLOSSARY = re.compile(r"^(?:附件\s*\d*\s*[:]?\s*)?(?:名词解释|名词注释|注释|附注)\s*[:]?$")
_SENTENCE_END = re.compile(r"[。!?]")
_PART_WORDS = re.compile(r"回顾|目标|任务|工作|建设|安排|要求|展望|部署|重点")
_YEAR = re.compile(r"(\d{4})年")
_LIST_INTRO = re.compile(r"(?:办好|实施|推进|抓好|做好|完成)[^,。:]{0,8}?[件项][^,。:]{0,6}实事")
_LIST_ITEM = re.compile(r"(?:^|(?<=[。;:\s]))(\d{1,2})[.、](?!\d)")


MAX_HEADING = 40  # a heading line longer than this is a paragraph
MAX_LEADIN = 24  # a paragraph's first sentence up to this length can act as a sub-heading
MAX_CLAUSE_LEADIN = 14
MAX_BARE_PART = 24  # 2030年工作回顾和“十五五”发展主要成绩 (21)


@dataclass
class _Heading:
    level: int
    title: str
    start: int
    end: int
    part: str = PART_OTHER
    rule: str = ""


_ENUMERATION = re.compile(
    rf"^(?:[{CN_NUMERALS}]{{1,3}}是|第[{CN_NUMERALS}]{{1,3}}[,、]|\d{{1,2}}[.、](?!\d)|\(\d{{1,2}}\))"
)


def _strip_title(title: str) -> str:
    """No numbering (一是, 1., (1)) and no trailing punctuation, as a table of contents shows it."""
    title = _ENUMERATION.sub("", title.strip())
    return title.strip().strip("。,;:!?、 ")


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _plan_year(meta: ReportMeta) -> int | None:
    return meta.plan_year or meta.year


def _part_period(kind: str, title: str, meta: ReportMeta) -> Period | None:
    """The years a part speaks of: the year or term reviewed, the plan's five years, the year planned."""
    plan_year = meta.plan_year or (meta.year or 0)
    years = [int(y) for y in _YEAR.findall(title) if y != "2035"]
    if kind == PART_REVIEW:
        last = years[-1] if years else plan_year - 1
        if "五年" in title or ("十" in title and "五" in title):
            return Period.of(last - 4, last)
        return Period.of(last)
    if kind == PART_PLAN:
        return Period.of(plan_year, plan_year + 4)
    if kind == PART_ANNUAL:
        return Period.of(years[0] if years else plan_year)
    return Period.of(plan_year)


def _first_sentence(line: str) -> tuple[str, int] | None:
    """A paragraph's first sentence and its length with the stop, if the paragraph goes on."""
    match = _SENTENCE_END.search(line)
    if not match:
        return None
    return line[: match.start()], match.end()


def find_sections(text: str, meta: ReportMeta) -> list[Section]:
    lines = _lines(text)
    # explanations of terms (名词解释) close the report: nothing after them is outline
    glossary = next((i for i, (s, e) in enumerate(lines) if _GLOSSARY.match(text[s:e])), len(lines))
    outline_end = lines[glossary][0] if glossary < len(lines) else len(text)
    lines = lines[:glossary]
    headings: list[_Heading] = []

    # the opening (title, meeting, speaker, 各位代表) is not part of the outline; a text saved
    # without it starts its outline at once
    opening = next((i for i, (s, e) in enumerate(lines[:60]) if _is_opening(text[s:e])), -1)
    body = range(opening + 1, len(lines))
    numbered_parts = [i for i in body if _is_numbered_part(text[lines[i][0] : lines[i][1]])]
    bare_parts = [i for i in body if _is_bare_part(text[lines[i][0] : lines[i][1]], _plan_year(meta))]
    use_numbered = len(numbered_parts) >= 2
    # parts named by bare lines (过去三年工作回顾) whose items are numbered 一、二、: the numbering
    # is one level down when such a line comes before the first numbered one
    numbered_lines = [i for i in body if _PART_NUMBERED.match(text[lines[i][0] : lines[i][1]])]
    mixed = len(bare_parts) >= 2 and bool(numbered_lines) and bare_parts[0] < numbered_lines[0]
    expected = 1
    appendix = appendix_titled = False
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if i <= opening:
            continue
        if _APPENDIX.match(line):
            appendix, appendix_titled = True, False
            continue
        if appendix and not appendix_titled:
            # the line after 附件 names the appendix (十件民生实事 lists live there)
            headings.append(_Heading(1, _strip_title(line), s, e, rule="appendix-title"))
            appendix_titled = True
            continue
        if mixed and i in bare_parts:
            headings.append(_Heading(1, _strip_title(line), s, e, rule="bare-part"))
            continue
        numbered_item = _PART_NUMBERED.match(line) if appendix or mixed else None
        if numbered_item:
            head = _first_sentence(line)
            end = s + (head[1] if head and head[1] < len(line) else len(line))
            headings.append(
                _Heading(2, _strip_title(text[s + numbered_item.start("title") : end]), s, end, rule="numbered-item")
            )
            continue
        part = _match_part(line, use_numbered, expected)
        if part is not None:
            headings.append(
                _Heading(
                    1, _strip_title(part[0]), s + part[1], e, rule="numbered-part" if use_numbered else "bare-part"
                )
            )
            expected += 1
            continue
        item = _ITEM_NUMBERED.match(line)
        if item and headings:
            head = _first_sentence(line)
            end = s + (head[1] if head and head[1] < len(line) else len(line))
            title = _strip_title(re.sub(r"^\([一二三四五六七八九十]{1,3}\)", "", text[s:end]))
            if title and len(title) <= 60:
                headings.append(_Heading(2, title, s, end, rule="item"))
            continue
        dash = _DASH_LEADIN.match(line)
        if dash and headings:
            head = _first_sentence(line)
            if head and len(head[0]) <= MAX_LEADIN + 2:
                title = _strip_title(re.sub(r"^[—\-―－]+", "", head[0]))
                headings.append(_Heading(2, title, s, s + head[1], rule="dash-lead-in"))
            continue

    # level-3 lead-ins (and level-2 where a part has no numbered items)
    headings = _add_leadins(text, lines, headings, _plan_year(meta))
    # sub-headings run into paragraphs (一是…。 / short parallel sentences / repeated openings)
    # (twice: a run-in item can itself hold run-in sub-headings)
    reviews = {h.start for h in headings if h.level == 1 and part_kind(h.title, _plan_year(meta)) == PART_REVIEW}
    for rules in (("ordinal", "opening", "parallel"), ("ordinal",)):
        spans = [(h.level, h.start, h.end) for h in headings]
        inline = find_inline_headings(text, lines, spans, rules, reviews)
        headings += [_Heading(h.level, h.title, h.start, h.end, rule="inline-" + h.rule) for h in inline]
    closers = [s for s, _ in lines if text.startswith("各位代表", s)]
    return _assemble(text, headings, meta, outline_end, closers)


def _is_opening(line: str) -> bool:
    return line.startswith(("各位代表", "现在,我代表")) or ("代表" in line and ":" in line and len(line) <= 20)


def _is_numbered_part(line: str) -> bool:
    match = _PART_NUMBERED.match(line)
    return bool(match) and len(line) <= MAX_HEADING + 20 and "。" not in match["title"][:-1]


def _is_bare_part(line: str, plan_year: int | None) -> bool:
    """A short unnumbered line that names a part by strong cues (a year, 回顾, 五年, 自身建设)."""
    return (
        len(line) <= MAX_BARE_PART
        and not re.search(r"[,。:;!?、]", line)
        and not line.startswith(("——", "(", "各位"))
        and not _PART_NUMBERED.match(line)
        and "报告" not in line
        and max(kind_scores(line, plan_year).values()) >= 2
    )


def _match_part(line: str, use_numbered: bool, expected: int) -> tuple[str, int] | None:
    if use_numbered:
        match = _PART_NUMBERED.match(line)
        if (
            match
            and _is_numbered_part(line)
            and _CN_VALUE.get(match["num"][-1], 0) + (10 if len(match["num"]) > 1 and match["num"][0] == "十" else 0)
            == expected
        ):
            return match["title"], match.start("title")
        return None
    if (
        len(line) <= 20
        and not re.search(r"[,。:;!?、]$", line)
        and not line.startswith(("——", "(", "各位"))
        and _PART_WORDS.search(line)
        and not re.search(r"[,。;]", line)
    ):
        return line, 0
    return None


def _line_owners(lines: list[tuple[int, int]], headings: list[_Heading]) -> tuple[list[int], list[bool]]:
    """For each line: the index of the part it lies in (-1 before any), and whether a heading starts in it.

    One sweep over lines and headings (both in text order), so the cost stays linear.
    """
    order = sorted(range(len(headings)), key=lambda i: headings[i].start)
    owners, has_heading = [], []
    k, part = 0, -1
    for s, e in lines:
        holds = False
        while k < len(order) and headings[order[k]].start < max(e, s + 1):
            h = headings[order[k]]
            if h.level == 1:
                part = order[k]
            if h.start >= s:
                holds = True
            k += 1
        owners.append(part)
        has_heading.append(holds)
    return owners, has_heading


def _parts_with_items(headings: list[_Heading]) -> set[int]:
    out, part = set(), -1
    for i, h in enumerate(headings):
        if h.level == 1:
            part = i
        elif h.level == 2 and part >= 0:
            out.add(part)
    return out


def _add_leadins(
    text: str, lines: list[tuple[int, int]], headings: list[_Heading], plan_year: int | None = None
) -> list[_Heading]:
    """Short sub-heading lines, short first sentences, or parallel first clauses that head a paragraph."""
    owners, has_heading = _line_owners(lines, headings)
    with_items = _parts_with_items(headings)
    kinds = {i: part_kind(h.title, plan_year) for i, h in enumerate(headings) if h.level == 1}
    out: list[_Heading] = []
    for line_no, (s, e) in enumerate(lines):
        part_idx = owners[line_no]
        if part_idx < 0 or has_heading[line_no]:
            continue
        line = text[s:e]
        kind = kinds[part_idx]
        level = 3 if part_idx in with_items else 2
        next_line = text[lines[line_no + 1][0] : lines[line_no + 1][1]] if line_no + 1 < len(lines) else ""
        bare = line.rstrip("。")
        if (
            len(bare) <= MAX_LEADIN
            and not _DASH_LEADIN.match(bare)  # a ——subtitle under a part heading
            and len(next_line) > 2 * len(line)
            and not re.search(r"[,:;。!?]", bare)
            and _looks_like_heading(bare)
        ):
            # a short line of its own above a paragraph
            out.append(_Heading(level, _strip_title(bare), s, e, rule="short-line"))
            continue
        if kind == PART_REVIEW:
            continue
        head = _first_sentence(line)
        if (
            head
            and len(head[0]) <= MAX_LEADIN
            and head[1] < len(line)
            and not re.search(r"[,:;]", head[0])
            and _looks_like_heading(head[0])
        ):
            out.append(_Heading(level, _strip_title(head[0]), s, s + head[1], rule="first-sentence"))
            continue
        intro = _LIST_INTRO.search(line)
        if intro and kind in (PART_ANNUAL, PART_PLAN, PART_OTHER):
            clause_start = max(line.rfind(c, 0, intro.start()) for c in "。!,") + 1
            subject = re.match(r"(?:我们|今年|明年)?(?:将|要)?", line[clause_start:])
            clause_start += subject.end() if subject else 0
            colon = line.find(":", intro.end())
            end = colon + 1 if colon >= 0 else intro.end()
            out.append(
                _Heading(level, _strip_title(line[clause_start:end]), s + clause_start, s + end, rule="list-intro")
            )
    out.extend(_parallel_clause_leadins(text, lines, owners, has_heading, kinds, with_items))
    return headings + out


def _parallel_clause_leadins(
    text: str,
    lines: list[tuple[int, int]],
    owners: list[int],
    has_heading: list[bool],
    kinds: dict[int, str],
    with_items: set[int],
) -> list[_Heading]:
    """Runs of sibling paragraphs whose first clauses share a head or tail word act as sub-headings."""
    out: list[_Heading] = []
    run: list[tuple[int, int, str]] = []
    run_part = -1

    def close_run() -> None:
        if len(run) >= 3:
            clauses = [c for _, _, c in run]
            if len(_common_affix(clauses, suffix=True)) >= 2 or len(_common_affix(clauses, suffix=False)) >= 2:
                level = 3 if run_part in with_items else 2
                out.extend(_Heading(level, clause, s, end, rule="clause-run") for s, end, clause in run)
        run.clear()

    for line_no, (s, e) in enumerate(lines):
        part = owners[line_no]
        if part < 0 or kinds[part] == PART_REVIEW or has_heading[line_no]:
            close_run()
            continue
        line = text[s:e]
        comma = line.find(",")
        stop = _SENTENCE_END.search(line, 0, MAX_CLAUSE_LEADIN + 2)
        if 2 <= comma <= MAX_CLAUSE_LEADIN and (stop is None or stop.start() > comma):
            run_part = part
            run.append((s, s + comma + 1, line[:comma]))
        else:
            close_run()
    close_run()
    return out


def _looks_like_heading(sentence: str) -> bool:
    """A short imperative or noun phrase, not a short statement such as 各位代表!"""
    if sentence.startswith(
        ("各位代表", "我们", "这", "今年", "明年", "去年", "当前", "目前", "同时")
    ) and not sentence.startswith("我们要"):
        return False
    return len(sentence) >= 4 and not _YEAR.search(sentence)


def _common_affix(items: list[str], suffix: bool) -> str:
    seqs = [x[::-1] for x in items] if suffix else items
    common = seqs[0]
    for x in seqs[1:]:
        n = 0
        while n < min(len(common), len(x)) and common[n] == x[n]:
            n += 1
        common = common[:n]
    return common[::-1] if suffix else common


def _assemble(
    text: str, headings: list[_Heading], meta: ReportMeta, outline_end: int, closers: Sequence[int] = ()
) -> list[Section]:
    """Number the headings S1, S1.2, S1.2.3, attach parent, part kind, period and body extent.

    An item's body also ends at a paragraph addressed to the deputies (`closers`, 各位代表…):
    such a paragraph speaks for the whole part.
    """
    headings = sorted(headings, key=lambda h: (h.start, h.level))
    sections: list[Section] = []
    counters: list[int] = [0, 0, 0]
    ids: list[str | None] = [None, None, None]
    current_kind, part_period = PART_OTHER, None
    last_forward: str | None = None
    built: list[tuple[_Heading, str, str | None, str, Period | None]] = []
    for h in headings:
        level = h.level
        if level > 1 and ids[0] is None:
            continue  # a sub-heading before any part: not part of the outline
        if level == 3 and ids[1] is None:
            level = 2
        counters[level - 1] += 1
        for deeper in range(level, 3):
            counters[deeper] = 0
            ids[deeper] = None
        sid = "S" + ".".join(str(counters[i]) for i in range(level))
        ids[level - 1] = sid
        parent = ids[level - 2] if level > 1 else None
        if level == 1:
            kind, decided = part_kind(h.title, _plan_year(meta)), "heading"
            if kind == PART_OTHER and last_forward is not None:
                kind, decided = last_forward, "follows"  # thematic parts after the year's overall requirements
            elif kind == PART_OTHER:
                later = [g.start for g in headings if g.level == 1 and g.start > h.start]
                kind, decided = kind_from_body(text[h.end : later[0] if later else outline_end]), "wording"
            if kind in (PART_PLAN, PART_ANNUAL):
                last_forward = kind
            part_period = _part_period(kind, h.title, meta)
            current_kind = kind
            h.rule = f"{h.rule}; kind by {decided}"
        built.append((h, sid, parent, current_kind, part_period))
    for i, (h, sid, parent, kind, period) in enumerate(built):
        level = sid.count(".") + 1
        body_end = outline_end
        for later, *_ in built[i + 1 :]:
            if later.level <= level:
                body_end = later.start
                break
        if level > 1:
            k = bisect.bisect_right(closers, h.start)
            if k < len(closers):
                body_end = min(body_end, closers[k])
        sections.append(Section(sid, h.title, level, parent, h.start, h.end, body_end, kind, period, h.rule))
    return sections


def find_paragraphs(text: str, sections: list[Section]) -> list[Paragraph]:
    """Every line is a paragraph; each belongs to the innermost section whose heading precedes it."""
    index = SectionIndex(sections)
    out = []
    for i, (s, e) in enumerate(_lines(text)):
        owner = index.at(s)
        out.append(Paragraph(i, s, e, owner.id if owner else None))
    return out


def find_sentences(text: str, paragraphs: list[Paragraph]) -> list[Sentence]:
    out = []
    for p in paragraphs:
        start = p.start
        for match in _SENTENCE_END.finditer(text, p.start, p.end):
            out.append(Sentence(start, match.end(), p.index))
            start = match.end()
        if start < p.end:
            out.append(Sentence(start, p.end, p.index))
    return out


def section_at(sections: list[Section], pos: int) -> Section | None:
    """The innermost section governing a text position (sections are in text order).

    Builds an index each call: to ask many times, build one SectionIndex and call ``at``.
    """
    return SectionIndex(sections).at(pos)


class SectionIndex:
    """The section at a text position, answered by bisection (an outline asked once per figure).

    ``at`` walks up from the last heading before the position (the outline's own nesting);
    ``deepest`` takes, among all sections whose body holds the position, the highest level
    (the first one listed on a tie), and does not rely on nesting.
    """

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self._starts = [sec.start for sec in sections]
        self._position: dict[str, int] = {}
        for i, sec in enumerate(sections):
            self._position.setdefault(sec.id, i)
        self._points, self._deepest = _deepest_table(sections)

    def at(self, pos: int) -> Section | None:
        sections = self.sections
        i = bisect.bisect_right(self._starts, pos) - 1
        while i >= 0:
            sec = sections[i]
            if sec.start <= pos < sec.body_end:
                return sec
            if sec.parent is None:
                return None
            i = self._position[sec.parent]
        return None

    def deepest(self, pos: int) -> Section | None:
        k = bisect.bisect_right(self._points, pos) - 1
        return self._deepest[k] if 0 <= k < len(self._deepest) else None


def _deepest_table(sections: list[Section]) -> tuple[list[int], list[Section | None]]:
    """Boundaries of the outline and, per span between two, the deepest section holding it.

    One sweep over start/end events; per level a heap of the open sections' list positions
    (closed ones dropped lazily), so ties go to the section listed first.
    """
    points = sorted({s.start for s in sections} | {s.body_end for s in sections})
    opens: dict[int, list[int]] = {}
    closes: dict[int, list[int]] = {}
    for i, sec in enumerate(sections):
        if sec.start < sec.body_end:
            opens.setdefault(sec.start, []).append(i)
            closes.setdefault(sec.body_end, []).append(i)
    heaps: dict[int, list[int]] = {}
    closed: set[int] = set()
    table: list[Section | None] = []
    for point in points[:-1]:
        closed.update(closes.get(point, ()))
        for i in opens.get(point, ()):
            closed.discard(i)
            heapq.heappush(heaps.setdefault(sections[i].level, []), i)
        best: Section | None = None
        for level in sorted(heaps, reverse=True):
            heap = heaps[level]
            while heap and heap[0] in closed:
                heapq.heappop(heap)
            if heap:
                best = sections[heap[0]]
                break
        table.append(best)
    return points, table
