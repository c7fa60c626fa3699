"""Which figures of a report are measures, and their comparators.

A figure read by ``numbers.find_figures`` is a measure unless it is part of a name or a slogan
(“两个维护”, 1+N), a list count that only repeats the list (A、B、C三个…) or rhetoric (5个方面).
The comparator is the figure's own qualifier, 预计 earlier in the sentence for an estimate, and a
qualifier closing a list for every figure of the list (分别增长8%和10%以上).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from policykg.extract.numbers import Figure, find_figures, lexicon
from policykg.extract.quantity_lexicon import CHINESE_COUNT_UNITS, LIST_GAP, Bounds
from policykg.extract.records import Extraction, Section
from policykg.extract.structure import SectionIndex

_PERSON = re.compile(
    r"^[^,;。、]{0,12}?(?:人口|人员|老年人|妇女|儿童|群众|农民|学生|劳动力|职工|居民|人次|人|监测对象|患者)"
)


@dataclass
class Item:
    """A figure on its way to a quantity; the metric step fills metric/base/ev_start."""

    fig: Figure
    clause: tuple[int, int]
    sentence: tuple[int, int]
    section: Section | None
    comparator: str = ""
    metric: str = ""
    base: str = ""  # metric without a growth/ratio suffix, what later figures inherit
    ev_start: int = 0
    rule: list[str] = field(default_factory=list)


def in_quotes(text: str, start: int, clause_start: int) -> bool:
    before = text[clause_start:start]
    return before.count("“") > before.count("”")


def is_measure(text: str, fig: Figure, clause: tuple[int, int]) -> bool:
    """Whether a figure is a measure rather than part of a name, a list number or a code."""
    numeral = text[fig.num_start]
    before = text[clause[0] : fig.num_start]
    nxt = text[fig.num_end : fig.num_end + 1]
    if nxt == "+" or text[fig.num_start - 1 : fig.num_start] == "+":
        return False  # 1+N, 5+2 names of schemes
    if text[fig.end : fig.end + 2] in ("方面", "层面") or text[fig.end : fig.end + 3] == "个方面":
        return False  # 把握好5个方面: rhetoric, not a measure
    if not numeral.isdigit() and fig.unit in ("倍", "%") and in_quotes(text, fig.num_start, clause[0]):
        return False  # 两个“翻一番”: a slogan
    if numeral.isdigit() or (
        fig.unit == "%" and fig.value == 10 and text[fig.num_start : fig.num_start + 3] == "两位数"
    ):
        return True
    if fig.unit in CHINESE_COUNT_UNITS:
        # 八条沟道 after a list; 四个意识, 三大攻坚战, 十件实事 are names
        if in_quotes(text, fig.num_start, clause[0]) or "”" in text[fig.num_end : fig.num_end + 6]:
            return False
        if before.endswith("等"):
            return True
        items = before.count("、") + 1 + bool(re.search(r"、[^、]*[和及与][^、]*$", before))
        return "、" in before and items == int(fig.value)
    return True


def _person_unit(text: str, fig: Figure, clause: tuple[int, int]) -> Figure:
    """40.6万建档立卡贫困人口: a bare 万 figure counts the people it is followed by."""
    if fig.unit or not re.search(r"[万亿]$", text[fig.num_start : fig.num_end]):
        return fig
    if _PERSON.match(text[fig.end : clause[1]]):
        return replace(fig, unit="人")
    return fig


def find_measures(ex: Extraction, bounds: Bounds, outline: SectionIndex) -> list[Item]:
    """The measures of the report in text order, each with its clause, sentence and section."""
    text = ex.text
    items = []
    for fig in find_figures(text):
        clause = bounds.clause_of(fig.num_start)
        if not is_measure(text, fig, clause):
            continue
        fig = _person_unit(text, fig, clause)
        items.append(Item(fig, clause, bounds.sentence_of(fig.num_start), outline.deepest(fig.num_start)))
    return comparators(text, items)


def comparators(text: str, items: list[Item]) -> list[Item]:
    """Each figure's comparator: its own qualifier, an estimate word, or the list's closing qualifier."""
    lex = lexicon()
    out = []
    for it in items:
        rule = list(it.rule)
        comparator = it.fig.comparator
        if not it.fig.explicit and any(w in text[it.sentence[0] : it.fig.start] for w in lex.estimate):
            comparator = "~"
            rule.append("estimate")
        out.append(replace(it, comparator=comparator, rule=rule))
    # a qualifier closing a list applies to the whole list: 分别增长8%和10%以上
    for j in range(len(out) - 1, 0, -1):
        a, b = out[j - 1], out[j]
        gap = text[a.fig.end : b.fig.start]
        if gap and LIST_GAP.fullmatch(gap):
            if b.fig.explicit and not a.fig.explicit and b.fig.comparator != "=":
                out[j - 1] = a = replace(
                    a, comparator=b.comparator, fig=replace(a.fig, explicit=True), rule=[*a.rule, "list-qualifier"]
                )
            if a.fig.unit == "个" and b.fig.unit != "个" and text[b.fig.num_end - len(b.fig.unit) - 1] == "个":
                out[j - 1] = replace(a, fig=replace(a.fig, unit=b.fig.unit))  # 60个和90个工作日
    return out
