"""Investment amounts stated for a named project: 总投资12.5亿元的某水厂, 某园区累计完成投资1.8亿元.

Kinds (the cue word before the figure decides):

- ``total``: 总投资, 总投资额, 估算/概算总投资, and a bare 投资 before ``的`` and the name
  (投资2.6亿元的某快速路: an amount that describes the project is its size);
- ``planned``: 计划投资, 年度计划投资, 计划完成投资;
- ``completed``: 完成投资, 累计完成投资, 已完成投资, 累计投资.

Values are in yuan (万/亿 folded in by ``numbers.find_figures``, as quantities record them), with the
unit as the report wrote it (亿元, 万元, 元) kept beside. An amount is attached to one mention only
where the sentence ties it to that project, precision first (a wrong amount is worse than none):

1. before the name: ``[cue]AMOUNT的NAME`` with the name right after 的, and a list of such items
   (投资3100万元的甲、4200万元的乙: each item its own amount, the cue's kind);
2. after the name in the same clause: ``NAME[一期][项目][全年|年内|累计…]CUE AMOUNT``;
3. in the next clause: ``NAME…建设,完成投资AMOUNT`` when the name's clause opens the sentence, holds
   no other project and no list, and the amount's clause is the cue and the figure alone.

Not attached: an amount after or before a list of several projects (甲、乙等项目, 总投资50亿元 is a
group's total, not any one project's), an amount whose clause names a category (重点项目完成投资…,
全年完成固定资产投资…), a bare 投资 after a name (投资 of what: the year's or the total is unclear).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from policykg.extract.numbers import Figure, find_figures
from policykg.extract.records import Investment, Mention, Project

# how a reader sees each kind (the RDF label, the view's side panel)
KIND_LABELS = {"total": "总投资", "planned": "计划投资", "completed": "完成投资"}
_CUE = re.compile(r"(?:年度)?计划(?:完成)?投资|(?:累计|已|实际)?完成投资|累计投资|(?:估算|概算|项目)?总投资额?|投资")
_KIND_OF_CUE = (("计划", "planned"), ("完成", "completed"), ("累计", "completed"), ("总", "total"))
_STATED_UNIT = re.compile(r"(?:万亿|亿|万)?元$")
_CLAUSE_END = ",;。:!?！？\n"
_SENTENCE_END = "。;!?！？\n"
_LIST = re.compile(r"[、和及与等]")
# between a name and the cue after it: a phase, 项目/工程, a time word (累计 and 计划 belong to the cue)
_GAP_AFTER = re.compile(
    r"(?:[一二三四五六七八九十\d]{1,2}期)?(?:项目|工程)?(?:建设)?(?:全年|年内|今年|当年|本年|已|共|预计)*"
)
# what may open the amount's own clause before the cue (rule 3)
_LEAD_IN = re.compile(r"(?:全年|年内|今年|当年|本年|已|共|预计|力争)*")
_FIG_GAP = re.compile(r"(?:为|达|达到)?")
# the name only modifies a longer noun (某某广场改造提升工程): the amount is that noun's
_NOUN_TAIL = re.compile(r"工程|项目|设施")


def _kind(cue: str) -> str:
    return next((kind for word, kind in _KIND_OF_CUE if word in cue), "")


def _clause_bounds(text: str, pos: int, ends: str) -> tuple[int, int]:
    a = max(text.rfind(ch, 0, pos) for ch in ends) + 1
    b = min((i for i in (text.find(ch, pos) for ch in ends) if i >= 0), default=len(text))
    return a, b


def _yuan_figure(text: str, pos: int, limit: int) -> Figure | None:
    """The figure in yuan that starts at `pos` (after 为/达), if the text holds one there."""
    gap = _FIG_GAP.match(text, pos, limit)
    start = gap.end() if gap else pos
    window = text[start : min(limit, start + 24)]
    fig = next(iter(find_figures(window)), None)
    if fig is None or fig.start != 0 or fig.unit != "元" or fig.value <= 0:
        return None
    return replace(
        fig,
        start=fig.start + start,
        end=fig.end + start,
        num_start=fig.num_start + start,
        num_end=fig.num_end + start,
    )


def _investment(text: str, kind: str, fig: Figure, start: int) -> Investment | None:
    unit = _STATED_UNIT.search(text[fig.num_start : fig.num_end])
    if not kind or unit is None:
        return None
    return Investment(
        kind=kind,
        value=round(fig.value, 2),  # to the fen: 8.3 × 10⁸ in floating point is 830000000.0000001
        unit=unit.group(0),
        comparator=fig.comparator,
        surface=text[fig.start : fig.end],
        start=start,
        end=fig.end,
    )


class _Reader:
    """The mentions of one report by position, and the rules that tie an amount to one of them."""

    def __init__(self, text: str, projects: Iterable[Project]) -> None:
        self.text = text
        self.by_start: dict[int, tuple[str, int]] = {}
        self.spans: list[tuple[int, int, str, int]] = []
        for p in projects:
            for i, m in enumerate(p.mentions):
                self.by_start.setdefault(m.start, (p.id, i))
                self.spans.append((m.start, m.end, p.id, i))
        self.spans.sort()
        self.found: dict[tuple[str, int], list[Investment]] = {}

    def _mention_at(self, pos: int) -> tuple[int, int, str, int] | None:
        key = self.by_start.get(pos)
        if key is None:
            return None
        return next(s for s in self.spans if s[0] == pos and (s[2], s[3]) == key)

    def _within(self, a: int, b: int) -> list[tuple[int, int, str, int]]:
        return [s for s in self.spans if a <= s[0] and s[1] <= b]

    def _add(self, key: tuple[str, int], inv: Investment | None) -> None:
        if inv is not None and inv not in self.found.setdefault(key, []):
            self.found[key].append(inv)

    def read(self) -> None:
        text = self.text
        for cue in _CUE.finditer(text):
            kind = _kind(cue.group(0))
            _, clause_end = _clause_bounds(text, cue.start(), _CLAUSE_END)
            fig = _yuan_figure(text, cue.end(), clause_end)
            if fig is None:
                continue
            if text[fig.end : fig.end + 1] == "的":
                self._before_names(kind or "total", fig, cue.start(), clause_end)
            elif kind:
                self._after_name(kind, cue, fig, clause_end)

    def _before_names(self, kind: str, fig: Figure, start: int, clause_end: int) -> None:
        """Rule 1: [cue]AMOUNT的NAME, and further 、AMOUNT(的)NAME items of the same list."""
        text, first = self.text, True
        while True:
            at = fig.end + (text[fig.end : fig.end + 1] == "的")
            mention = self._mention_at(at)
            item_end = mention[1] if mention else at
            sep = _LIST.search(text, item_end, clause_end)
            nxt = _yuan_figure(text, sep.end(), clause_end) if sep and sep.group(0) != "等" else None
            tail = text[item_end : sep.start() if sep else clause_end]
            alone = sep is None or nxt is not None or (sep.group(0) == "等" and not first)
            if mention is not None and alone and not _NOUN_TAIL.search(tail):
                self._add((mention[2], mention[3]), _investment(text, kind, fig, start))
            if nxt is None:
                return
            fig, start, first = nxt, nxt.start, False

    def _after_name(self, kind: str, cue: re.Match[str], fig: Figure, clause_end: int) -> None:
        """Rules 2 and 3: the cue follows the name in its clause, or opens the next clause."""
        text = self.text
        clause_start, _ = _clause_bounds(text, cue.start(), _CLAUSE_END)
        if fig.end < clause_end and text[fig.end] not in _CLAUSE_END:
            return  # more follows the amount in its clause: 完成投资5亿元的一半…
        before = self._within(clause_start, cue.start())
        if before:
            name = before[-1]
            gap = _GAP_AFTER.fullmatch(text, name[1], cue.start())
            head = text[clause_start : name[0]]
            if gap and len(before) == 1 and not _LIST.search(head):
                self._add((name[2], name[3]), _investment(text, kind, fig, cue.start()))
            return
        if not _LEAD_IN.fullmatch(text, clause_start, cue.start()) or clause_start == 0:
            return
        prev_start, _ = _clause_bounds(text, clause_start - 1, _CLAUSE_END)
        sentence_start, _ = _clause_bounds(text, cue.start(), _SENTENCE_END)
        if text[clause_start - 1] != "," or prev_start != sentence_start:
            return  # the name's clause must open the sentence and end with a comma
        names = self._within(prev_start, clause_start - 1)
        if len(names) == 1 and not _LIST.search(text, prev_start, clause_start - 1):
            self._add((names[0][2], names[0][3]), _investment(text, kind, fig, cue.start()))


def attach_investments(text: str, projects: list[Project]) -> list[Project]:
    """`projects` with each mention given the amounts its sentence states for it (same ids, same order)."""
    reader = _Reader(text, projects)
    reader.read()
    if not reader.found:
        return projects
    out = []
    for p in projects:
        mentions: list[Mention] = []
        for i, m in enumerate(p.mentions):
            invs = reader.found.get((p.id, i))
            mentions.append(replace(m, investments=tuple(sorted(invs, key=lambda v: v.start))) if invs else m)
        out.append(replace(p, mentions=tuple(mentions)))
    return out
