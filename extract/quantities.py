"""Quantities of a work report: every measured figure with its indicator, kind, period and place.

Rules (word lists in ``data/quantities.toml``), for each figure that ``numbers.find_figures``
reads and that is a measure (not a year, an ordinal or part of a name):

- metric: the words before the figure in its clause, without scope/time words at the front and
  verbs at the back; a bare comparison (较去年增长8%) or generic head (实现产值) borrows the
  subject of the figure before it; a list after 分别 gives one metric per figure.
- kind: the report part (review -> achievement, plan/annual -> target), with thresholds,
  classes and figures inside names as "other".
- period: the section's period, switched by the year words of the paragraph and clause
  (预计到2021年底, 2026年, 年均, 是2016年的, 即将过去的2021年).
- comparator: the figure's own qualifiers, a qualifier at the end of a list for the whole list,
  预计 earlier in the sentence for estimates.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files

from policykg.extract.numbers import Figure, find_figures, lexicon
from policykg.extract.records import (
    FORWARD_PARTS,
    PART_REVIEW,
    Extraction,
    Quantity,
    Section,
    TextSpan,
)
from policykg.extract.structure import SectionIndex

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

_CLAUSE_BREAK = re.compile(r"[,;。:!?\n]")
_SENTENCE_BREAK = re.compile(r"[。!?\n]")
_LIST_GAP = re.compile(r"[、和及与]|、和")
_CHINESE_COUNT_UNITS = {"个", "条", "项", "家", "所", "座", "处", "人", "户"}
_YEAR_AT_START = re.compile(r"(?:预计|力争|其中|同时)?(?:到|至|在)?(\d{4})年(?:底|末|前)?(?!的|以来|相比|比|同期|\d)")
_TERM_END = re.compile(r"(?:到)?“?十([一二三四五六七])五”?(?:末|期末)")
_BASE_YEAR = re.compile(r"(?:是|为|相当于)(\d{4})年的$")
_FROM_YEAR = re.compile(r"从(\d{4})年的$")
_AMOUNT_UNITS = {"%", "百分点", "倍", "元", "美元"}
_COUNT_UNITS = {"个", "条", "项", "家", "所", "座", "处", "户", "套", "台", "件", "部", "场", "批次", "种", "类"}
_VERBS = "新建改扩建|新建改造|改造提升|改造升级|改扩建|新增|新建|改造|建成|建设|实施|培育|创建|打造|引进|开工|完成|办理|提升|启动|推进|支持|抓建|举办|新创建|创成"
_VERB_START = re.compile(rf"^(?:{_VERBS})")
_VERB_END = re.compile(rf"(?:{_VERBS})$")
_GROWTH_TAIL = re.compile(r"(?:增速|增幅|增长率|增长)$")
_CN_ORD = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_PERSON = re.compile(
    r"^[^,;。、]{0,12}?(?:人口|人员|老年人|妇女|儿童|群众|农民|学生|劳动力|职工|居民|人次|人|监测对象|患者)"
)


@dataclass(frozen=True)
class Rules:
    lead_noise: re.Pattern[str]
    trail_noise: re.Pattern[str]
    generic_heads: frozenset[str]
    generic_tails: tuple[str, ...]
    growth_verbs: tuple[str, ...]
    future: re.Pattern[str]
    project_heads: re.Pattern[str]
    action_verbs: re.Pattern[str]
    class_units: dict[str, str]
    level_verbs: re.Pattern[str]
    review_year: re.Pattern[str]
    review_term: re.Pattern[str]


def _alt(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The word lists, compiled once."""
    raw = tomllib.loads((files("policykg.extract") / "data" / "quantities.toml").read_text(encoding="utf-8"))
    m, k, p = raw["metric"], raw["kind"], raw["period"]
    return Rules(
        lead_noise=re.compile(rf"^(?:(?:{_alt(m['lead_noise'])})[,]?)+"),
        trail_noise=re.compile(rf"(?:{_alt(m['trail_noise'])})$"),
        generic_heads=frozenset(m["generic_heads"]),
        generic_tails=tuple(sorted(m["generic_tails"], key=len, reverse=True)),
        growth_verbs=tuple(m["growth_verbs"]),
        future=re.compile(_alt(k["future_words"])),
        project_heads=re.compile(_alt(k["project_heads"])),
        action_verbs=re.compile(_alt(k["action_verbs"])),
        class_units=dict(k["class_units"]),
        level_verbs=re.compile(_alt(p["level_verbs"])),
        review_year=re.compile(_alt(p["review_year"])),
        review_term=re.compile(_alt(p["review_term"])),
    )


@dataclass
class _Item:
    """A figure being turned into a quantity; fields filled step by step."""

    fig: Figure
    clause: tuple[int, int]
    sentence: tuple[int, int]
    section: Section | None
    metric: str = ""
    base: str = ""  # metric without a growth/ratio suffix, what later figures inherit
    ev_start: int = 0
    kind: str = ""
    period: str = ""
    comparator: str = ""
    place: str = ""
    rule: list[str] = field(default_factory=list)


class _Bounds:
    """Clause and sentence spans around an offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.clause = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
        self.sentence = [m.start() for m in _SENTENCE_BREAK.finditer(text)]

    @staticmethod
    def _around(breaks: list[int], pos: int, size: int) -> tuple[int, int]:
        i = bisect.bisect_right(breaks, pos)
        start = breaks[i - 1] + 1 if i else 0
        end = breaks[i] if i < len(breaks) else size
        return start, end

    def clause_of(self, pos: int) -> tuple[int, int]:
        return self._around(self.clause, pos, len(self.text))

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return self._around(self.sentence, pos, len(self.text))

    def previous_clause(self, start: int) -> tuple[int, int] | None:
        if start <= 1 or self.text[start - 1] not in ",;:":
            return None
        return self.clause_of(start - 2)


def _level1(by_id: dict[str, Section], sec: Section | None) -> Section | None:
    while sec is not None and sec.parent:
        sec = by_id.get(sec.parent)
    return sec


def _in_quotes(text: str, start: int, clause_start: int) -> bool:
    before = text[clause_start:start]
    return before.count("“") > before.count("”")


def _is_measure(text: str, fig: Figure, clause: tuple[int, int]) -> bool:
    """Whether a figure is a measure rather than part of a name, a list number or a code."""
    numeral = text[fig.num_start]
    before = text[clause[0] : fig.num_start]
    nxt = text[fig.num_end : fig.num_end + 1]
    if nxt == "+" or text[fig.num_start - 1 : fig.num_start] == "+":
        return False  # 1+N, 5+2 names of schemes
    if text[fig.end : fig.end + 2] in ("方面", "层面") or text[fig.end : fig.end + 3] == "个方面":
        return False  # 把握好5个方面: rhetoric, not a measure
    if not numeral.isdigit() and fig.unit in ("倍", "%") and _in_quotes(text, fig.num_start, clause[0]):
        return False  # 两个“翻一番”: a slogan
    if numeral.isdigit() or (
        fig.unit == "%" and fig.value == 10 and text[fig.num_start : fig.num_start + 3] == "两位数"
    ):
        return True
    if fig.unit in _CHINESE_COUNT_UNITS:
        # 八条沟道 after a list; 四个意识, 三大攻坚战, 十件实事 are names
        if _in_quotes(text, fig.num_start, clause[0]) or "”" in text[fig.num_end : fig.num_end + 6]:
            return False
        if before.endswith("等"):
            return True
        items = before.count("、") + 1 + bool(re.search(r"、[^、]*[和及与][^、]*$", before))
        return "、" in before and items == int(fig.value)
    return True


_FROM_TO = re.compile(
    r"从[^从]*?(?:提高|提升|增加|增长|下降|降低|扩大|减少|缩小|缩短|压缩)(?:到|至)(?:\d{4}年(?:底|末)?的)?$"
)
_CHANGE_TO = re.compile(
    r"[、和]?[^,;。]{0,12}?(?:提高|提升|增加|增长|下降|降低|扩大|减少|缩小|缩短|压缩|上升)(?:到|至)"
)
_TO_YEAR = re.compile(r"(?:到|至)(\d{4})年(?:底|末)?的$")


def _clean_metric(s: str, r: Rules) -> str:
    s = _FROM_TO.sub("", s.strip(" 、,"))
    while True:
        t = r.lead_noise.sub("", s).lstrip("、,")
        t = r.trail_noise.sub("", t).rstrip("、,")
        if t == s:
            return s
        s = t


def _strip_figures(s: str) -> str:
    """Remove figure surfaces from metric text (改造城镇老旧小区35个4400户 -> 改造城镇老旧小区)."""
    out, last = [], 0
    for f in find_figures(s):
        out.append(s[last : f.start])
        last = f.end
    out.append(s[last:])
    return "".join(out)


def _after_text(text: str, fig: Figure, clause_end: int, figs_after: list[Figure]) -> str:
    """The noun a figure counts when it precedes it: 748个贫困村全部退出 -> 贫困村全部退出."""
    pos = fig.end
    rest = list(figs_after)
    while rest and rest[0].start == pos:  # adjacent figures (0.98万户3.89万…): the noun follows the last
        pos = rest.pop(0).end
    while rest and rest[0].unit == fig.unit and text[pos : rest[0].start] in ("、", "和", "及"):
        pos = rest.pop(0).end  # 35千伏、110千伏变电站: the noun follows the last of the list
    seg = text[pos:clause_end]
    if rest:  # a list of counted nouns (6个集体、7名个人): stop at the separator before the next figure
        nxt = rest[0].start - pos
        cut = seg.rfind("、", 0, nxt)
        seg = seg[: cut if cut >= 0 else nxt]
    seg = _strip_figures(seg)
    return seg.lstrip("的").rstrip("和及与、")


def _strip_adjacent_figure(s: str) -> str:
    """改造城镇老旧小区35个 (before 4400户) -> 改造城镇老旧小区; other figures stay (500万元以上项目)."""
    figs = list(find_figures(s))
    if figs and figs[-1].end == len(s):
        return s[: figs[-1].start]
    return s


def _list_element(element: str, first: str, r: Rules) -> str:
    """The second item of a list shares the first one's subject or verb (入园13户、入规5户)."""
    if not element:
        return ""
    subj = _subject(first, r)
    if subj and not element.startswith(subj) and len(element) <= 4:
        return subj + element
    verb = _VERB_START.match(first)
    if verb and not element.startswith(verb.group()):
        return verb.group() + element
    if element and len(element) <= 4 and len(first) > len(element) and not element.startswith(first[:2]):
        return first[: -len(element)] + element
    return element


def _subject(metric: str, r: Rules) -> str:
    for tail in r.generic_tails:
        if metric.endswith(tail) and len(metric) > len(tail):
            return metric[: -len(tail)]
    return ""


def _split_parallel(subject: str, n: int) -> list[str] | None:
    """城乡居民人均可支配收入 / 居民和企业用气价格 / A、B (分别 …) -> one subject per figure (n=0: any)."""
    if n in (0, 2) and "城乡" in subject:
        return [subject.replace("城乡", "城镇", 1), subject.replace("城乡", "农村", 1)]
    parts = [p for p in re.split(r"、|和|及|与", subject) if p]
    if len(parts) != n and not (n == 0 and len(parts) > 1):
        return None
    last = parts[-1]
    out = []
    for p in parts[:-1]:
        if 2 * len(p) <= len(last):  # 居民和企业用气价格: a short item borrows the last one's head
            tail = last[len(p) :]
            k = min(len(p), len(tail))
            while k and not tail.startswith(p[-k:]):
                k -= 1
            out.append(p + tail[k:])
        else:
            out.append(p)
    return [*out, last]


def _periods(sec: Section | None) -> tuple[str, str]:
    """(default period, last year of it) of a section."""
    period = sec.period if sec else ""
    years = re.findall(r"\d{4}", period)
    return period, years[-1] if years else ""


class _Extractor:
    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.text = ex.text
        self.r = rules()
        self.bounds = _Bounds(ex.text)
        self.items: list[_Item] = []
        self.outline = SectionIndex(ex.sections)
        self.by_id = {s.id: s for s in ex.sections}
        self._gaz_ctx = None
        self._gaz = None
        self._by_clause: dict[tuple[int, int], list[_Item]] = {}
        self._by_sentence: dict[tuple[int, int], list[int]] = {}
        self._rank: dict[int, int] = {}  # id(item) -> its place among the figures of its clause
        self._order: dict[int, int] = {}  # item position -> its place among the figures of its sentence
        self._plan_from: int | None = None  # where planning starts, for figures outside a known part

    def _index(self) -> None:
        """Figures per clause and per sentence, so that a figure finds its peers without a scan."""
        self._by_clause, self._by_sentence, self._rank, self._order = {}, {}, {}, {}
        for idx, it in enumerate(self.items):
            peers = self._by_clause.setdefault(it.clause, [])
            self._rank[id(it)] = len(peers)
            peers.append(it)
            row = self._by_sentence.setdefault(it.sentence, [])
            self._order[idx] = len(row)
            row.append(idx)

    # --- figures ---------------------------------------------------------------------------
    def collect(self) -> None:
        text = self.text
        figs = list(find_figures(text))
        for fig in figs:
            clause = self.bounds.clause_of(fig.num_start)
            if not _is_measure(text, fig, clause):
                continue
            fig = self._person_unit(fig, clause)
            self.items.append(
                _Item(fig, clause, self.bounds.sentence_of(fig.num_start), self.outline.deepest(fig.num_start))
            )

    def _person_unit(self, fig: Figure, clause: tuple[int, int]) -> Figure:
        """40.6万建档立卡贫困人口: a bare 万 figure counts the people it is followed by."""
        if fig.unit or not re.search(r"[万亿]$", self.text[fig.num_start : fig.num_end]):
            return fig
        if _PERSON.match(self.text[fig.end : clause[1]]):
            return replace(fig, unit="人")
        return fig

    # --- comparators -------------------------------------------------------------------------
    def comparators(self) -> None:
        lex = lexicon()
        items = self.items
        for it in items:
            it.comparator = it.fig.comparator
            if not it.fig.explicit:
                s0 = it.sentence[0]
                if any(w in self.text[s0 : it.fig.start] for w in lex.estimate):
                    it.comparator = "~"
                    it.rule.append("estimate")
        # a qualifier closing a list applies to the whole list: 分别增长8%和10%以上
        for j in range(len(items) - 1, 0, -1):
            a, b = items[j - 1], items[j]
            gap = self.text[a.fig.end : b.fig.start]
            if gap and _LIST_GAP.fullmatch(gap):
                if b.fig.explicit and not a.fig.explicit and b.fig.comparator != "=":
                    a.comparator = b.comparator
                    a.fig = replace(a.fig, explicit=True)
                    a.rule.append("list-qualifier")
                if a.fig.unit == "个" and b.fig.unit != "个" and self.text[b.fig.num_end - len(b.fig.unit) - 1] == "个":
                    a.fig = replace(a.fig, unit=b.fig.unit)  # 60个和90个工作日

    # --- metrics -----------------------------------------------------------------------------
    def metrics(self) -> None:
        text, r = self.text, self.r
        self._index()
        for idx, it in enumerate(self.items):
            fig = it.fig
            it.ev_start = it.clause[0]
            peers = self._by_clause[it.clause]
            k = self._rank[id(it)]
            prev_fig_end = peers[k - 1].fig.end if k else it.clause[0]
            raw_before = text[prev_fig_end : fig.start]
            in_list = bool(k) and (raw_before.startswith(("、", "和", "及", "与")) or not raw_before.strip("、和及与"))
            whole_before = _strip_adjacent_figure(text[it.clause[0] : fig.start])
            before = raw_before.lstrip("、和及与") if in_list else whole_before
            metric = _clean_metric(before, r)
            after = _after_text(text, fig, it.clause[1], [p.fig for p in peers[k + 1 :]])
            rule = "before"
            of = text[fig.end : fig.end + 1] == "的"
            if (
                after
                and (of or fig.unit not in _AMOUNT_UNITS)
                and not re.match(
                    r"[^\u4e00-\u9fff(“]|增长|增加|下降|提高|提升|降低|减少|扩大|缩小|缩短|压缩|以上|到|至", after
                )
            ):
                metric = self._counted(metric, after, fig, r)
                rule = "counted-noun"
            elif in_list:
                metric = _list_element(metric, peers[0].base, r)
                rule = "list"
            elif fig.unit in _COUNT_UNITS and "等" in metric:
                tail = _clean_metric(metric.rsplit("等", 1)[1], r)
                if tail and tail not in r.generic_heads:
                    verb = _VERB_START.match(metric)
                    metric = (verb.group() if verb else "") + tail
                    rule = "etc-head"
            it.metric, it.base = metric, _GROWTH_TAIL.sub("", metric) or metric
            it.rule.append(rule)
            self._inherit(
                idx,
                it,
                raw_before if in_list else text[it.clause[0] : fig.num_start],
                text[it.clause[0] : fig.num_start],
            )
        self._parallel()
        self._each()

    @staticmethod
    def _counted(lead: str, after: str, fig: Figure, r: Rules) -> str:
        """A figure before its noun (建成2个省级乡村旅游示范县): verb before + noun after."""
        paren = ""
        if after.startswith("("):  # 7县(市、区)脱贫摘帽
            close = after.find(")")
            if close > 0:
                paren, after = fig.unit + after[: close + 1], after[close + 1 :]
        head = r.project_heads.search(after)
        if head and not r.action_verbs.search(after[: head.start()]):
            after = after[: head.end()]  # 大唐5万千瓦风电项目按期完工 -> 风电项目
        suffix = next((h for h in sorted(r.generic_heads, key=len, reverse=True) if lead.endswith(h)), "")
        if len(lead) > 6 or "、" in lead or "等" in lead or suffix:
            verb = _VERB_END.search(lead)
            lead = verb.group() if verb else ""
        return lead + after + paren + suffix + r.class_units.get(fig.unit, "")

    def _each(self) -> None:
        """新增高新技术企业和科技创新型企业各10家以上: one entry per subject."""
        out: list[_Item] = []
        for it in self.items:
            before = self.text[it.clause[0] : it.fig.start]
            if before.endswith("各") and "各" not in it.rule:
                parts = _split_parallel(_clean_metric(before, self.r), 0)
                if parts and len(parts) > 1:
                    for part in parts:
                        out.append(replace(it, metric=part, base=part, rule=[*it.rule, "each"]))
                    continue
            out.append(it)
        self.items = out

    def _previous_in_sentence(self, idx: int) -> list[_Item]:
        """The figures before item `idx` in its sentence, nearest first."""
        row = self._by_sentence[self.items[idx].sentence]
        return [self.items[i] for i in reversed(row[: self._order[idx]])]

    def _inherit(self, idx: int, it: _Item, before_raw: str, clause_before: str) -> None:
        """Bare comparisons and generic heads take the subject of the figure before them."""
        r, fig = self.r, it.fig
        prev = self._previous_in_sentence(idx)
        base_year = re.search(r"(?:是|为|相当于)(\d{4})年的", clause_before) if fig.unit == "倍" else None
        own = before_raw.replace("增长率", "")  # 人口自然增长率控制在7‰ is a rate, not a growth
        growth = fig.unit == "%" and any(v in own for v in r.growth_verbs)
        if not it.metric or base_year:
            if prev:
                src = self._list_source(idx, prev)
                suffix = ""
                if growth:
                    suffix = "增速"
                elif base_year:
                    suffix = f"是{base_year.group(1)}年的倍数" if fig.unit == "倍" else f"{base_year.group(1)}年"
                it.base = src.base
                it.metric = src.base + suffix
                it.ev_start = min(it.ev_start, src.clause[0])
                it.rule.append("inherit")
            return
        if growth and not it.metric.endswith("增速"):
            it.metric = it.metric + "增速"
        # generic heads: 实现产值 / 完成增加值 / 全产业链产值
        head = re.sub(r"^(?:全产业链|产业链)?(?:实现|完成|达到)?", "", it.base)
        if it.base.startswith(("全产业链", "产业链")) and it.section and it.section.title.endswith("产业链"):
            it.metric = it.base = it.section.title + re.sub(r"^(?:全产业链|产业链)(?:实现|完成|达到)?", "", it.base)
            it.rule.append("chain-title")
            return
        if head not in r.generic_heads:
            return
        pc = self.bounds.previous_clause(it.clause[0])
        if pc and (prev == [] or prev[0].clause != pc) and not any(p.clause == pc for p in prev):
            subject = _clean_metric(self.text[pc[0] : pc[1]], r)
            if subject and ";" not in self.text[pc[1] : it.clause[0]]:
                it.metric = it.base = subject + head
                it.ev_start = pc[0]
                it.rule.append("subject-clause")
                return
        pc_items = [p for p in prev if pc and p.clause == pc]
        if pc_items and pc_items[0].fig.unit in _COUNT_UNITS:  # 实施…项目490项,总投资1300亿元
            it.metric = it.base = pc_items[0].base + head
            it.ev_start = pc_items[0].clause[0]
            it.rule.append("subject-count")
            return
        for p in prev:
            subj = _subject(p.base, r)
            if subj:
                it.metric = it.base = subj + head
                it.ev_start = (
                    min(it.ev_start, p.clause[0])
                    if p.clause[0] == self.bounds.previous_clause(it.clause[0]) or p.clause == it.clause
                    else it.ev_start
                )
                it.rule.append("subject-figure")
                return

    def _list_source(self, idx: int, prev: list[_Item]) -> _Item:
        """The figure a bare one inherits from: same place in an equally long list, else the nearest."""
        it = self.items[idx]
        same = self._by_clause[it.clause]
        k = self._rank[id(it)]
        own = [p for p in same[:k] if p.metric and "inherit" not in p.rule]
        if own:  # 新设外资企业3.6万家、增长38.7%
            return own[-1]
        earlier = [p for p in prev if p.clause != it.clause]
        if earlier:
            group = self._by_clause[earlier[0].clause]
            if len(group) == len(same) and len(same) > 1:
                return group[k]
            if len(same) > 1 and k < len(same):
                # the bare list follows a list of the same length two clauses back
                before = [p for p in prev if p.clause != it.clause]
                clauses: list[tuple[int, int]] = []
                for p in before:
                    if p.clause not in clauses:
                        clauses.append(p.clause)
                for c in clauses:
                    g = self._by_clause[c]
                    if len(g) == len(same):
                        return g[k]
        return prev[0]

    def _parallel(self) -> None:
        """城乡居民人均可支配收入分别达到33739元、10829元: one subject per figure."""
        by_clause: dict[tuple[int, int], list[_Item]] = {}
        for it in self.items:
            by_clause.setdefault(it.clause, []).append(it)
        for clause, group in by_clause.items():
            if len(group) < 2:
                continue
            head = self.text[clause[0] : group[0].fig.start]
            listed = "、" in head and all(
                _LIST_GAP.fullmatch(self.text[a.fig.end : b.fig.start] or "x") for a, b in itertools.pairwise(group)
            )  # 新发展家庭农场、农民合作社6000家、3000家: one figure per item, as with 分别
            if "分别" not in head and not (len(group) == 2 and "城乡" in head) and not listed:
                continue
            subject = _clean_metric(head.split("分别")[0], self.r)
            parts = _split_parallel(subject, len(group))
            if not parts:
                continue
            for it, part in zip(group, parts, strict=True):
                suffix = it.metric[len(it.base) :] if it.metric.startswith(it.base) else ""
                it.base, it.metric = part, part + suffix
                it.rule.append("parallel")
        # figures that inherited from a list before the parallel split: re-inherit
        for idx, it in enumerate(self.items):
            if "inherit" in it.rule and "parallel" not in it.rule:
                prev = self._previous_in_sentence(idx)
                if prev:
                    src = self._list_source(idx, prev)
                    suffix = it.metric[len(it.base) :] if it.metric.startswith(it.base) else ""
                    it.base, it.metric = src.base, src.base + suffix

    # --- kind and period ------------------------------------------------------------------------
    def kinds_and_periods(self) -> None:
        text, r = self.text, self.r
        review_year = str((self.ex.meta.plan_year or (self.ex.meta.year or 0) + 1) - 1)
        para_of = [(p.start, p.end) for p in self.ex.paragraphs]
        para_starts = [p[0] for p in para_of]
        year_ctx: dict[int, str] = {}  # paragraph index -> review-year override
        current, part_id = "", None
        for pi, (ps, pe) in enumerate(para_of):
            top = _level1(self.by_id, self.outline.deepest(ps))
            if top is None or top.part != PART_REVIEW:
                current, part_id = "", None
                continue
            if top.id != part_id:
                current, part_id = "", top.id
            head = text[ps : min(pe, ps + 40)]
            if r.review_term.search(head):
                current = ""
            m = r.review_year.search(head)
            if m:
                current = next((g for g in m.groups() if g), None) if m.groups() else None
                current = current or review_year
            if current:
                year_ctx[pi] = current
        for it in self.items:
            fig = it.fig
            pi = max(0, bisect.bisect_right(para_starts, fig.num_start) - 1)
            ps = para_of[pi][0] if para_of else 0
            top = _level1(self.by_id, it.section)
            part = top.part if top else ("other")
            period, last = _periods(it.section)
            if pi in year_ctx:
                period = last = year_ctx[pi]
                it.rule.append("review-year")
            # a year opening a clause earlier in the paragraph: 2025年,森林覆盖率… / 预计到2021年底,…
            set_year = ""
            for c0 in self._clause_starts(ps, fig.num_start):
                m = _YEAR_AT_START.match(text, c0)
                if m:
                    set_year = m.group(1)
                mt = _TERM_END.match(text, c0)
                if mt:
                    set_year = _term_end(mt.group(1))
            before = text[it.clause[0] : fig.start]
            kind = "achievement" if part == PART_REVIEW else "target" if part in FORWARD_PARTS else ""
            if not kind:
                kind = "target" if part == "self" else self._kind_by_position(fig.num_start)
            if set_year:
                period = last = set_year
                it.rule.append("clause-year")
            verb_text = text[it.clause[0] : fig.num_end]
            level = r.level_verbs.search(verb_text) and not re.search(r"年均|每年", before)
            if "-" in period and part in FORWARD_PARTS and not set_year and level:
                period = last
                it.rule.append("level-end-year")
            if re.search(r"年均|每年平均", before):
                span = period if "-" in period else (top.period if top and "-" in top.period else period)
                period = f"annual {span}"
                it.rule.append("annual")
            base_year = _BASE_YEAR.search(before) or _BASE_YEAR.search(before.rsplit("、", 1)[0] + "")
            if base_year is None:
                base_year = re.search(r"(?:是|为|相当于)(\d{4})年的", before)
            if base_year and fig.unit == "倍":
                period = f"{base_year.group(1)}-{last}"
                it.rule.append("base-year")
            to_year = _TO_YEAR.search(before)
            if to_year:  # 从2015年的2.6万亿元增长到2020年的3.62万亿元
                period = to_year.group(1)
                it.rule.append("to-year")
            from_year = _FROM_YEAR.search(before)
            if from_year:
                period = from_year.group(1)
                kind = "other"
                it.rule.append("from-year")
            elif re.search(r"从\d{4}年的", before) and re.search(r"(提高|提升|增加|下降|降低|增长)到$", before):
                period = last
            elif before.endswith(("从", "由")) and _CHANGE_TO.match(text, fig.end):
                period = _base_year(period, top)  # 从31%提高到35%: the starting level is context
                kind = "other"
                it.rule.append("from-level")
            if part == PART_REVIEW and r.future.search(text[it.clause[0] : fig.start]):
                kind = "target"
                it.rule.append("future-word")
            kind = self._other(it, kind)
            it.kind, it.period = kind, period

    def _clause_starts(self, para_start: int, pos: int) -> list[int]:
        starts = [para_start]
        i = bisect.bisect_left(self.bounds.clause, para_start)
        while i < len(self.bounds.clause) and self.bounds.clause[i] < pos:
            starts.append(self.bounds.clause[i] + 1)
            i += 1
        return [s for s in starts if s <= pos]

    def _kind_by_position(self, pos: int) -> str:
        """Outside a known part: before the review ends a figure reports, after it it plans."""
        if self._plan_from is None:
            ends = [s.body_end for s in self.ex.sections if s.level == 1 and s.part == PART_REVIEW]
            starts = [s.start for s in self.ex.sections if s.level == 1 and s.part in FORWARD_PARTS]
            self._plan_from = min(ends) if ends else min(starts) if starts else -1
        return "target" if self._plan_from >= 0 and pos >= self._plan_from else "achievement"

    def _other(self, it: _Item, kind: str) -> str:
        """Thresholds, classes and figures inside names are context, not commitments."""
        text, r, fig = self.text, self.r, it.fig
        if fig.unit in r.class_units:
            it.rule.append("class-unit")
            return "other"
        tail = text[fig.num_end : fig.end]
        nxt = text[fig.end : fig.end + 1]
        if (
            tail.endswith(("以上", "以下"))
            and "\u4e00" <= nxt <= "\u9fff"
            and (nxt not in "的和及与或" or (nxt == "的" and fig.unit != "%"))
        ):
            it.rule.append("threshold")
            return "other"
        if nxt == "级":  # 千亿元级产业集群: a class
            it.rule.append("class")
            return "other"
        if text[fig.start - 2 : fig.start] == "全国" and fig.unit in _CHINESE_COUNT_UNITS:
            it.rule.append("national-set")
            return "other"
        if re.search(r"投资$", text[it.clause[0] : fig.start]) and nxt == "的":
            it.rule.append("investment-of-name")
            return "other"
        rest = text[fig.end : it.clause[1]]
        m = r.project_heads.search(rest[:20]) if fig.unit not in _COUNT_UNITS | {"人", "户", "名"} else None
        if m and nxt not in "、和及与" and "\u4e00" <= (nxt or " ") <= "\u9fff":
            between = rest[: m.start()]
            if not r.action_verbs.search(between) and not re.search(r"\d", between) and "、" not in between:
                it.rule.append("in-name")
                return "other"
        return kind

    # --- places ---------------------------------------------------------------------------------
    def places(self) -> None:
        meta = self.ex.meta
        for it in self.items:
            it.place = meta.place
            if self.text[it.fig.start - 2 : it.fig.start] == "全国" and it.fig.unit in _CHINESE_COUNT_UNITS:
                it.place = "中国"
                continue
            head = rules().lead_noise.sub("", self.text[it.clause[0] : it.fig.start])
            name = self._division_at(head)
            if name:
                it.place = name
                it.rule.append("place")

    def _division_at(self, head: str) -> str:
        if not self.ex.meta.place_code:
            return ""
        if self._gaz is None:
            from policykg.extract.gazetteer import Gazetteer

            self._gaz = Gazetteer.load()
            self._gaz_ctx = self._gaz.by_code.get(self.ex.meta.place_code)
        gaz, ctx = self._gaz, self._gaz_ctx
        if ctx is None:
            return ""
        for n in range(min(8, len(head)), 1, -1):
            cand = head[:n]
            full = cand in gaz.by_name
            if not full and (cand not in gaz.by_short or self.ex.meta.level == "province"):
                continue
            if not full and head[n : n + 1] in ("、", "和", "与", "及", ""):
                continue
            d = gaz.resolve(cand, ctx)
            if d is not None and d.code != ctx.code and gaz.contains(ctx, d):
                return d.name
        return ""

    # --- output ---------------------------------------------------------------------------------
    def quantities(self) -> Iterator[Quantity]:
        for n, it in enumerate(self.items, 1):
            fig = it.fig
            start, end = it.ev_start, it.clause[1]
            while start < end and self.text[start] in " \u3000、":
                start += 1
            yield Quantity(
                id=f"Q{n}",
                start=fig.start,
                end=fig.end,
                evidence=TextSpan(start, end),
                surface=self.text[fig.start : fig.end],
                metric=it.metric,
                value=fig.value,
                unit=fig.unit,
                comparator=it.comparator,
                kind=it.kind,
                period=it.period,
                place=it.place,
                section=it.section.id if it.section else None,
                value_max=fig.value_max,
                rule="+".join(it.rule),
            )


def _base_year(period: str, top: Section | None) -> str:
    """The year before a span or year starts: the level a 从…提高到… change starts from."""
    span = period if "-" in period else (top.period if top and "-" in top.period else period)
    years = re.findall(r"\d{4}", span)
    return str(int(years[0]) - 1) if years else period


def _term_end(ordinal: str) -> str:
    """十四五末 -> 2025: from the third on, the n-th five-year plan ends in 1955 + 5n."""
    return str(1955 + 5 * (_CN_ORD[ordinal] + 10))


def extract_quantities(ex: Extraction) -> Iterator[Quantity]:
    """Every measured figure of the report, in text order, as Quantity records Q1, Q2 …"""
    x = _Extractor(ex)
    x.collect()
    x.comparators()
    x.metrics()
    x.kinds_and_periods()
    x.places()
    yield from x.quantities()
