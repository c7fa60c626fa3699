"""Which figures of a report are measures, and their comparators.

A figure read by ``numbers.find_figures`` is a measure unless it is part of a name or a slogan
(“两个维护”, 1+N), a list count that only repeats the list (A、B、C三个…) or rhetoric (5个方面).
The comparator is the figure's own qualifier, 预计 earlier in the sentence for an estimate, and a
qualifier closing a list for every figure of the list (分别增长8%和10%以上).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from policykg.extract.numbers import Figure, find_figures, lexicon, parse_chinese_numeral
from policykg.extract.quantity_lexicon import CHINESE_COUNT_UNITS, LIST_GAP, Bounds, rules
from policykg.extract.records import Extraction, Section
from policykg.extract.structure import SectionIndex

_PERSON = re.compile(
    r"^[^,;。、]{0,12}?(?:人口|人员|老年人|妇女|儿童|群众|农民|学生|劳动力|职工|居民|人次|人|监测对象|患者"
    r"|农牧民|牧民|村民|市民|婴幼儿|幼儿|新生儿|毕业生|游客|人才|老人)"
)
_NUM = r"(\d+|[一二两三四五六七八九十]{1,3})"
_RANK = re.compile(rf"第{_NUM}(位|名)?(?![\u4e00-\u9fff\d.])")
_RANK_NEXT = re.compile(rf"、(?:[^,;。、第]{{0,6}}?)第{_NUM}(位|名)?(?![\u4e00-\u9fff\d.])")
_RECORD = re.compile(rf"连续{_NUM}年")


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
    if not numeral.isdigit() and fig.unit in ("元", "美元") and fig.value < 10:
        return False  # 三元、元盛等企业: a name (amounts of money are written in digits or with 万/亿)
    if numeral.isdigit() or (
        fig.unit == "%" and fig.value == 10 and text[fig.num_start : fig.num_start + 3] == "两位数"
    ):
        return True
    if fig.unit in CHINESE_COUNT_UNITS:
        # 六条河道 after a list; 四个意识, 三大攻坚战, 十件实事 are names
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


def _number(s: str) -> float | None:
    return float(s) if s.isdigit() else parse_chinese_numeral(s)


def is_record(text: str, fig: Figure) -> bool:
    """连续N年: a figure counting the years of a record."""
    return fig.unit == "年" and text[fig.start - 2 : fig.start] == "连续"


def _rank(start: int, num_start: int, num_end: int, end: int, value: float) -> Figure:
    return Figure(start, end, value, "位", "=", None, num_start, num_end, False)


def find_ranks(text: str, bounds: Bounds) -> list[Figure]:
    """Ranks (居全国第12位, 增速全省第一, 居全市第1、全省第7) as figures in unit 位."""
    cues = rules().rank_cues
    out: list[Figure] = []
    for m in _RANK.finditer(text):
        c0 = bounds.clause_of(m.start())[0]
        if not cues.search(text[max(c0, m.start() - 10) : m.start()]):
            continue
        value = _number(m.group(1))
        if not value or value > 500:
            continue
        out.append(_rank(m.start(), m.start(1), m.end(), m.end(), value))
        pos = m.end()
        while nxt := _RANK_NEXT.match(text, pos):  # 居全市第1、全省第7 / 分别居全国第5、第6位
            v = _number(nxt.group(1))
            if not v:
                break
            out.append(_rank(nxt.start(1) - 1, nxt.start(1), nxt.end(), nxt.end(), v))
            pos = nxt.end()
    return sorted({f.start: f for f in out}.values(), key=lambda f: f.start)


def find_records(text: str) -> list[Figure]:
    """Records of consecutive years (粮食总产量连续18年保持在100万吨以上) as figures in unit 年."""
    after = rules().record_after
    out = []
    for m in _RECORD.finditer(text):
        value = _number(m.group(1))
        if (
            not value
            or value > 100
            or (not after.match(text, m.end()) and not re.match(r"[^\u4e00-\u9fff]", text[m.end() : m.end() + 1]))
        ):
            continue
        out.append(Figure(m.start(1), m.end(), value, "年", "=", None, m.start(1), m.end(), False))
    return out


def find_measures(ex: Extraction, bounds: Bounds, outline: SectionIndex) -> list[Item]:
    """The measures of the report in text order, each with its clause, sentence and section."""
    text = ex.text
    items = []
    extra = [*find_ranks(text, bounds), *find_records(text)]
    taken = {(f.start, f.end) for f in extra}
    figures = [f for f in find_figures(text) if not any(f.start < e and s < f.end for s, e in taken)]
    for fig in sorted([*figures, *extra], key=lambda f: f.start):
        clause = bounds.clause_of(fig.num_start)
        if (fig.start, fig.end) not in taken and not is_measure(text, fig, clause):
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
