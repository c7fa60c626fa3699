"""Whether a figure is a target, an achievement or context ("other").

The report part decides first (review -> achievement, plan/annual/self -> target; outside any
known part, the position before or after the end of the review); a future word in a review
clause makes a target; thresholds, classes, figures inside names and starting levels of a change
(从31%提高到35%) are context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.extract.quantity_figures import Item, in_quotes
from policykg.extract.quantity_lexicon import CHINESE_COUNT_UNITS, COUNT_UNITS, Rules, rules
from policykg.extract.quantity_parts import TextParts
from policykg.extract.records import FORWARD_PARTS, PART_REVIEW, Extraction

CHANGE_VERBS = "提高|提升|增加|增长|下降|降低|扩大|减少|缩小|缩短|压缩|上升|减|降|增|升"
CHANGE_TO = re.compile(rf"[、和]?[^,;。]{{0,12}}?(?:{CHANGE_VERBS})(?:到|至)")
# a noun right after a figure (not a qualifier, particle, verb of change or list mark)
_NOUN_NEXT = re.compile(
    r"(?!以上|以下|以内|左右|多|余|的|和|及|与|或|等|增|减|降|提|下降|同比|比|较|至|到|为|是|了|并|且|已|均|级"
    r"|建成|建设|投产|投运|开工|实现|完成|落地|通过|获|被|达|左右)[\u4e00-\u9fff]"
)
_HEADCOUNT = COUNT_UNITS | {"人", "名", "户", "人次", "户次"}
_MAKING = re.compile(r"(?:打造|建设|建成|创建|构建|新建|培育|实施|推进|推行|开展)$")
_FROM_YEAR = re.compile(r"从(\d{4})年的$")


@dataclass(frozen=True)
class PartClock:
    """Where planning starts, for figures outside any known part (-1: nowhere)."""

    plan_from: int

    @classmethod
    def of(cls, ex: Extraction, text_parts: TextParts | None = None) -> PartClock:
        ends = [s.body_end for s in ex.sections if s.level == 1 and s.part == PART_REVIEW]
        starts = [s.start for s in ex.sections if s.level == 1 and s.part in FORWARD_PARTS]
        if not ends and not starts and text_parts is not None:  # no part in the outline: the text's cues
            starts = [
                pos for pos, (part, _) in zip(text_parts.starts, text_parts.parts, strict=True) if part in FORWARD_PARTS
            ]
        return cls(min(ends) if ends else min(starts) if starts else -1)

    def kind_at(self, pos: int) -> str:
        """Before the review ends a figure reports, after it it plans."""
        return "target" if self.plan_from >= 0 and pos >= self.plan_from else "achievement"


def starting_level(text: str, it: Item) -> str:
    """'from-year' / 'from-level' when the figure is where a change starts (从2015年的… / 从31%提高到…)."""
    before = text[it.clause[0] : it.fig.start]
    if _FROM_YEAR.search(before):
        return "from-year"
    if re.search(r"从\d{4}年的", before) and re.search(r"(提高|提升|增加|下降|降低|增长)到$", before):
        return ""
    if before.endswith(("从", "由")) and CHANGE_TO.match(text, it.fig.end):
        return "from-level"
    return ""


def kind_of(text: str, it: Item, part: str, clock: PartClock) -> tuple[str, list[str]]:
    """(kind, rules that decided it) of one item in a part of the given kind."""
    r = rules()
    fired: list[str] = []
    kind = "achievement" if part == PART_REVIEW else "target" if part in FORWARD_PARTS else ""
    if not kind:
        kind = "target" if part == "self" else clock.kind_at(it.fig.num_start)
    start = starting_level(text, it)
    if start:
        kind = "other"
        fired.append(start)
    if part == PART_REVIEW and r.future.search(text[it.clause[0] : it.fig.start]):
        kind = "target"
        fired.append("future-word")
    context = _context_rule(text, it, r)
    if context:
        fired.append(context)
        kind = "other"
    return kind, fired


def is_threshold(text: str, it: Item) -> bool:
    """500万元以上项目, 超百亿元产业集群, 超200亿元县: a bound that classes things, not an amount."""
    fig = it.fig
    nxt = text[fig.end : fig.end + 1]
    if (
        text[fig.num_end : fig.end].endswith(("以上", "以下"))
        and fig.unit not in _HEADCOUNT  # 新实施1500个以上技改项目 counts the commitment
        and "\u4e00" <= nxt <= "\u9fff"
        and (nxt not in "的和及与或" or (nxt == "的" and fig.unit != "%"))
    ):
        return True
    return bool(
        text[fig.start] in "超过" and fig.explicit and _NOUN_NEXT.match(text, fig.end) and fig.unit not in _HEADCOUNT
    )


def is_plant_size(text: str, it: Item, r: Rules | None = None) -> bool:
    """云溪20万吨印染, 南湾化工60万吨钾肥复合造粒: a capacity right before a noun sizes a named plant."""
    r = r or rules()
    fig = it.fig
    return bool(
        fig.unit in r.capacity_units
        and _NOUN_NEXT.match(text, fig.end)
        and not r.capacity_verbs.search(text[max(it.clause[0], fig.start - 2) : fig.start])
    )


def _context_rule(text: str, it: Item, r: Rules) -> str:
    """The rule that makes a figure context (threshold, class, name…), or ''."""
    fig = it.fig
    nxt = text[fig.end : fig.end + 1]
    if fig.unit in r.class_units and nxt and nxt not in ",;。:!?)":
        return "class-unit"  # 35千伏变电站, 18岁以上人群 (人均预期寿命达到78.9岁 is a measure)
    if in_quotes(text, fig.num_start, it.clause[0]) and _NOUN_NEXT.match(text, fig.end):
        quote = text.rfind("“", it.clause[0], fig.num_start)
        if not _MAKING.search(text[max(it.clause[0], quote - 3) : quote]):  # 打造“15分钟健身圈” is the commitment
            return "in-quotes"  # “1小时经济圈”, “240小时过境免签”政策: a figure inside a name
    if is_threshold(text, it):
        return "threshold"
    if nxt == "级":  # 千亿元级产业集群: a class
        return "class"
    if is_plant_size(text, it, r):
        return "capacity-in-name"
    if text[fig.start - 2 : fig.start] == "全国" and fig.unit in CHINESE_COUNT_UNITS:
        return "national-set"
    if re.search(r"投资$", text[it.clause[0] : fig.start]) and nxt == "的":
        return "investment-of-name"
    rest = text[fig.end : it.clause[1]]
    m = r.project_heads.search(rest[:20]) if fig.unit not in COUNT_UNITS | {"人", "户", "名"} else None
    if m and nxt not in "、和及与" and "\u4e00" <= (nxt or " ") <= "\u9fff":
        between = rest[: m.start()]
        if not r.action_verbs.search(between) and not re.search(r"\d", between) and "、" not in between:
            return "in-name"
    return ""
