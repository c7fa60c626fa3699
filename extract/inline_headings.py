"""Sub-headings that stand inside paragraphs: ordinal clauses, parallel short sentences, repeated openings.

Many reports run an item's sub-headings into its paragraph instead of giving each its own line:
"…经济基本盘。项目建设提质增效。突出…" or "…以下几点:一是筑牢“进”的根基。把…" or a
series of paragraphs that all open with the same words ("这五年,是…的五年。").  A lone short
sentence is no heading; what marks one is a *set*: consecutive ordinals (一是/二是, 第一/第二,
①②), or several short sentences of one shape, each followed by the longer text it heads, or
several sentences opening with the same words.  Each region of text that no sub-heading yet
divides (an item's body, a part's text outside its items) gets at most one such set, the one
that starts first: later sets inside it are a deeper level than the outline keeps.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

CN_DIGITS = "一二三四五六七八九十"
_CN_VALUE = {ch: i + 1 for i, ch in enumerate(CN_DIGITS)}

# an ordinal that opens a sentence: 一是 / 一要 / 第一, / ① (folded to 1 before a character) / (1) / 1.
_ORDINAL = re.compile(
    rf"(?:(?P<cn>[{CN_DIGITS}]{{1,2}})(?P<word>是|要)"
    rf"|第(?P<di>[{CN_DIGITS}]{{1,2}})[,、]"
    r"|(?P<ar>\d{1,2})(?=[\u4e00-\u9fff])(?!年|月|日|个|家|项|条|所|座|万|亿|名|人|户|天|次|倍|期|号|类|批|大|级)"
    r"|\((?P<par>\d{1,2})\)"
    r"|(?P<dot>\d{1,2})[.、](?!\d))"
)
_SENTENCE = re.compile(r"[^。!?]+[。!?]?")
_STOPS = re.compile(r"[。!?]")
_COLON = re.compile(":")
_SEMICOLON = re.compile(";")
_NAMING = re.compile(r"[、《》()]")
_STATEMENT_START = ("各位代表", "我们", "这", "今年", "明年", "去年", "当前", "目前", "同时", "但", "其中", "特别是")
_ADDRESS = "各位代表"

MAX_ORDINAL_TITLE = 50  # an ordinal is a strong mark: ②加快推进现代物流园区建设,搭建产业协作发展新平台
MIN_CLAUSE, MAX_CLAUSE_TITLE = 4, 20  # 一是加强污染治理,…;二是… : the phrase before the first comma
MAX_SHORT = 26  # a run-in sub-heading: 积极推进土壤与大气、水协同治理,坚决打赢净土保卫战 (24)
MAX_OPENING_TITLE = 50
MAX_PLAIN = 12  # a run-in sub-heading linked to its siblings by shape alone: 项目建设提质增效
MAX_FIRST_INDEX = 3  # a parallel set starts near the top: heading, an intro sentence or two, then the set
MIN_OPENING = 3
MAX_FRAMED = 20  # a sentence framed by two shared words at each end: 这是…的五年  # shared opening words of a repeated-opening set (这五年 / 我们要 / 一年来)


@dataclass(frozen=True)
class InlineHeading:
    level: int
    title: str
    start: int
    end: int
    rule: str  # ordinal | parallel | opening


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int  # end of the sentence, stop included
    text: str  # the sentence without its stop
    next_len: int  # length of the sentence after it (the next paragraph, after a line's last one)
    index: int  # sentences before it in its paragraph
    semi: bool = False  # starts after a semicolon (only an ordinal may: 一是…;二是…)


def _value(cn: str) -> int:
    if len(cn) == 2:
        return 10 + _CN_VALUE.get(cn[1], 0) if cn[0] == "十" else 0
    return _CN_VALUE.get(cn, 0)


def _ordinal(text: str) -> tuple[str, int, int] | None:
    """(form, value, length of the marker) of an ordinal opening `text`."""
    m = _ORDINAL.match(text)
    if not m:
        return None
    if m["cn"]:
        return "cn" + m["word"], _value(m["cn"]), m.end()
    if m["di"]:
        return "di", _value(m["di"]), m.end()
    if m["ar"]:
        return "ar", int(m["ar"]), m.end()
    if m["dot"]:
        return "dot", int(m["dot"]), m.end()
    return "par", int(m["par"]), m.end()


def _sentences(text: str, start: int, end: int) -> list[_Candidate]:
    """Sentence starts in text[start:end] (also right after a colon), each with its sentence."""
    raw = [m.span() for m in _SENTENCE.finditer(text, start, end)]
    line_start = text.rfind("\n", 0, start) + 1
    before = len(_STOPS.findall(text, line_start, start))  # sentences of the line before `start`
    out: list[_Candidate] = []
    for k, (s, e) in enumerate(raw):
        body_end = e - 1 if text[e - 1] in "。!?" else e
        if k + 1 < len(raw):
            nxt = raw[k + 1][1] - raw[k + 1][0]
        elif text.startswith("\n", e):  # a heading on a line of its own heads the next paragraph
            after = text.find("\n", e + 1)
            nxt = (after if after >= 0 else len(text)) - e - 1
        else:
            nxt = 0
        starts = [s] + [m.end() for m in _COLON.finditer(text, s, body_end)]
        for p in starts:
            if p < body_end:
                out.append(_Candidate(p, e, text[p:body_end].strip(), nxt, before + k))
        for m in _SEMICOLON.finditer(text, s, body_end):
            clause_end = text.find(";", m.end(), body_end)
            clause_end = body_end if clause_end < 0 else clause_end
            if m.end() < clause_end:
                rest = body_end - clause_end
                out.append(_Candidate(m.end(), clause_end, text[m.end() : clause_end], rest, before + k, True))
    return out


def _short_heading(c: _Candidate) -> bool:
    """A short sentence that can head the text after it (no figures, no statement openers)."""
    t = c.text
    return (
        3 <= len(t) <= MAX_SHORT
        and t.count(",") <= 1
        and not re.search(r"[\d;:!?]", t)
        and not t.startswith(_STATEMENT_START)
        and c.next_len > 0
    )


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _parallel(a: str, b: str) -> bool:
    """Two run-in sub-headings of one set: shared opening or closing words, or one plain shape.

    Shape alone (same clause lengths, give or take two characters in a short sentence) links only
    plain sentences: one listing or naming things (、 《》 ()) or running long is a statement unless its
    wording repeats a sibling's.
    """
    if a.count(",") != b.count(","):
        return False
    if _common_prefix(a, b) >= 2 or _common_prefix(a[::-1], b[::-1]) >= 2:
        return True
    if _NAMING.search(a) or _NAMING.search(b):
        return False
    if "," in a:
        return [len(x) for x in a.split(",")] == [len(x) for x in b.split(",")]
    return max(len(a), len(b)) <= MAX_PLAIN and abs(len(a) - len(b)) <= 2


def _components(items: list[str], linked: Callable[[str, str], bool]) -> list[list[int]]:
    """Groups of items joined by `linked` (union-find over all pairs; a region has few candidates)."""
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if linked(items[i], items[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _ordinal_sets(cands: list[_Candidate], semicolons: bool = False) -> list[list[tuple[_Candidate, str]]]:
    """Runs of one ordinal form numbered 1, 2, 3…

    Each a sentence of its own (一是筑牢“进”的根基。), titled by the sentence; or, where
    `semicolons` (not in a review, whose ;-joined 一是…;二是… clauses list problems and
    highlights), clauses joined by ; titled by their first phrase (一是加强污染治理,…;二是…).
    """
    open_runs: dict[str, list[tuple[_Candidate, int, int]]] = {}
    runs: list[list[tuple[_Candidate, int, int]]] = []
    for c in cands:
        found = _ordinal(c.text) if semicolons or not c.semi else None
        if not found:
            continue
        form, value, marker = found
        run = open_runs.get(form)
        if value == 1 and not c.semi:
            run = open_runs[form] = []
            runs.append(run)
        elif not run or run[-1][1] != value - 1:
            continue
        run.append((c, value, marker))
    out = []
    for run in runs:
        if len(run) < 2:
            continue
        joined = any(c.semi for c, _, _ in run)
        titles = [c.text[marker:].strip(" ,、") for c, _, marker in run]
        if joined:
            titles = [re.split(r"[,;]", t)[0] for t in titles]
            if all(MIN_CLAUSE <= len(t) <= MAX_CLAUSE_TITLE and not re.search(r"\d", t) for t in titles):
                clauses = [replace(c, end=c.start + c.text.find(";") + 1) if ";" in c.text else c for c, _, _ in run]
                out.append(list(zip(clauses, titles, strict=True)))
        elif all(
            2 <= len(t) <= MAX_ORDINAL_TITLE and ";" not in t and c.next_len
            for (c, _, _), t in zip(run, titles, strict=True)
        ):
            out.append([(c, t) for (c, _, _), t in zip(run, titles, strict=True)])
    return out


def _parallel_sets(cands: list[_Candidate], min_size: int = 2) -> list[list[tuple[_Candidate, str]]]:
    short = [c for c in cands if not c.semi and _short_heading(c) and not _ordinal(c.text)]
    groups = _components([c.text for c in short], _parallel)
    # a heading is shorter than the text it heads (on the whole: a deeper heading may follow one)
    # and heads some text: two set members side by side are a list of short measures
    out = []
    for g in groups:
        members = sorted((short[i] for i in g), key=lambda c: c.start)
        if members[0].index == 0:  # a set of paragraph openers: a sentence inside a paragraph is deeper
            members = [c for c in members if c.index == 0]
        if len(members) < min_size or sum(c.next_len for c in members) <= sum(len(c.text) for c in members):
            continue
        if any(a.end == b.start for a, b in itertools.pairwise(members)):
            continue
        if members[0].index > MAX_FIRST_INDEX:  # a set that divides its text starts near its top
            continue
        out.append([(c, c.text) for c in members])
    return out


def _same_opening(a: str, b: str) -> bool:
    """这五年,是… / 我们要…: three shared opening characters, or two and a shared ending (这是…的五年)."""
    head = _common_prefix(a, b)
    if head >= MIN_OPENING:
        return True
    plain = max(len(a), len(b)) <= MAX_FRAMED and not (_NAMING.search(a) or _NAMING.search(b))
    return plain and head >= 2 and _common_prefix(a[::-1], b[::-1]) >= 2


def _opening_sets(cands: list[_Candidate]) -> list[list[tuple[_Candidate, str]]]:
    """Three or more sentences that open with the same words: 这五年,是… / 我们要… / 一年来,我们…"""
    pool = [c for c in cands if not c.semi and not c.text.startswith(_ADDRESS) and not _ordinal(c.text)]
    groups = []
    by_head: dict[str, list[int]] = {}  # sentences sharing an opening share its first two characters
    for i, c in enumerate(pool):
        by_head.setdefault(c.text[:2], []).append(i)
    for members in by_head.values():
        if len(members) >= 3:
            groups += [[members[j] for j in g] for g in _components([pool[i].text for i in members], _same_opening)]
    out = []
    for g in groups:
        if len(g) < 3:
            continue
        texts = [pool[i].text for i in g]
        shared = min(_common_prefix(texts[0], t) for t in texts[1:]) if len(texts) > 1 else 0
        members = []
        for i in g:
            c = pool[i]
            clause = c.text.split(",")[0]
            title = clause if len(clause) - shared >= 4 else c.text
            if len(title) > MAX_OPENING_TITLE or re.search(r"[\d;:]", title) or not c.next_len:
                break
            members.append((c, title))
        else:
            out.append(members)
    return out


def _regions(
    text: str, lines: Sequence[tuple[int, int]], headings: Sequence[tuple[int, int, int]]
) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Stretches of text under one container heading, unbroken by any heading:
    (container level, start of the part it lies in or -1, spans).

    A paragraph addressed to the deputies (各位代表…) closes an item: what follows belongs to the part.
    """
    order = sorted(range(len(headings)), key=lambda i: (headings[i][1], headings[i][0]))
    out: list[tuple[int, int, list[tuple[int, int]]]] = []
    current: int | None = None  # index of the heading whose region is open in `out[-1]`
    path: list[int] = []  # open headings, outermost first
    k = 0

    def add(a: int, b: int) -> None:
        nonlocal current
        if not path or b <= a:
            return
        owner = path[-1]
        if headings[owner][0] >= 3:
            return
        if current != owner:
            part = headings[path[0]][1] if headings[path[0]][0] == 1 else -1
            out.append((headings[owner][0], part, []))
            current = owner
        out[-1][2].append((a, b))

    for s, e in lines:
        pos = s
        if text.startswith(_ADDRESS, s) and path and headings[path[-1]][0] > 1:
            path = [i for i in path if headings[i][0] == 1]
            current = None
        while k < len(order) and headings[order[k]][1] < e:
            i = order[k]
            add(pos, headings[i][1])
            path = [j for j in path if headings[j][0] < headings[i][0]] + [i]
            current = None
            pos = max(pos, headings[i][2])
            k += 1
        add(pos, e)
    return out


def find_inline_headings(
    text: str,
    lines: Sequence[tuple[int, int]],
    headings: Sequence[tuple[int, int, int]],
    rules: tuple[str, ...] = ("ordinal", "opening", "parallel"),
    review_parts: Collection[int] = (),
) -> list[InlineHeading]:
    """Run-in sub-headings of the regions no heading yet divides; `headings` are (level, start, end).

    `rules` limits the kinds of set looked for (under a run-in heading only numbered ones are sure);
    `review_parts` are the starts of the parts that look back (no ;-joined ordinals there).
    """
    taken = {h[1] for h in headings}
    out: list[InlineHeading] = []
    for level, part, spans in _regions(text, lines, headings):
        cands = [c for a, b in spans for c in _sentences(text, a, b) if c.start not in taken]
        # a part's own text is long and full of short statements: a pair there is chance
        finders = {
            "ordinal": lambda cs, p=part: _ordinal_sets(cs, semicolons=p >= 0 and p not in review_parts),
            "opening": _opening_sets,
            "parallel": lambda cs, lv=level: _parallel_sets(cs, 2 if lv > 1 else 3),
        }
        sets = [(rule, found) for rule in rules for found in finders[rule](cands)]
        if not sets:
            continue
        rule, best = min(sets, key=lambda rs: (min(c.start for c, _ in rs[1]), -len(rs[1])))
        for c, title in sorted(best, key=lambda ct: ct[0].start):
            out.append(InlineHeading(level + 1, title.strip(" ,。"), c.start, c.end, rule))
    return out
