"""The step a clause says a project is at: planned < start < under way < structure < completed < in service.

The project extractor gives each mention a coarse status; tracking needs finer steps, because the
gold rule "partly when a project reports a lesser step" tells 主体完工 (the shell is up) from 投入使用
(in use), and 完成核准 (approval) from 完成建设 (built).  National verbs only.
"""

from __future__ import annotations

import re

PLANNED, START, UNDER_WAY, STRUCTURE, COMPLETED, IN_SERVICE = (
    "planned",
    "start",
    "under_way",
    "structure",
    "completed",
    "in_service",
)
RANK = {PLANNED: 1, START: 2, UNDER_WAY: 3, STRUCTURE: 4, COMPLETED: 5, IN_SERVICE: 6}
# the coarse stages of the ontology (pkg:promisedStage / pkg:reportedStage)
STAGE = {
    PLANNED: "planned",
    START: "start",
    UNDER_WAY: "under_way",
    STRUCTURE: "under_way",
    COMPLETED: "completed",
    IN_SERVICE: "completed",
}
WORDS = {
    PLANNED: "前期",
    START: "开工",
    UNDER_WAY: "推进",
    STRUCTURE: "主体完工",
    COMPLETED: "建成",
    IN_SERVICE: "投入使用",
}

# tried in this order; a matched span is masked so a shorter word inside it does not count again
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (PLANNED, re.compile(r"完成[^，,。；;]{0,12}?(?:核准|前期|立项|审批|规划|设计|选址|征地|拆迁|招标|备案|可研)")),
    (
        STRUCTURE,
        re.compile(r"主体(?:工程)?(?:全面|基本)?(?:完工|竣工|封顶)|封顶|土建(?:工程)?(?:全面|基本)?(?:完工|竣工)"),
    ),
    (
        IN_SERVICE,
        re.compile(
            r"投入(?:使用|运营|运行|生产)|交付使用|建成投[用运产]|投用|投运|投产|达产|正式(?:运营|营业|开放|启用|运行)"
            r"|(?<!经)营业|开业|通车|通航|开通|启用|入住|开馆|开园"
            r"|(?<![对扩])(?:开放|运营)(?=$|[,;。、，；并及和])"
        ),
    ),
    (
        COMPLETED,
        re.compile(
            r"建成|竣工|完工|落成|完成|荣获|获评|被评为|被命名|晋升|升格|验收|挂牌|举办|通过(?:国家|省|市)?[^，,。；;]{0,6}验收"
        ),
    ),
    (START, re.compile(r"开工|动工|开建|启动|奠基|破土")),
    (
        PLANNED,
        re.compile(r"前期|谋划|规划|论证|核准|立项|获批|签约|落地|招商|争取|申报|创建|争创|筹建|选址|可研|洽谈"),
    ),
    (
        UNDER_WAY,
        re.compile(r"推进|实施|建设|续建|在建|进展|展开|加快|推动|打造|改造|扩建|提升|完善|开发|建好|抓好|做好"),
    ),
)
_NEGATIVE = re.compile(r"未能|尚未|没有|未(?:开工|完成|建成|投产|实现)|滞后|推迟|延期|搁置|停工|停建")
_CONTINUE = re.compile(r"继续|持续|接续|续建")


def steps(clause: str) -> list[tuple[str, int, int]]:
    """Every step word in a clause as (step, start, end), longest readings first."""
    masked = list(clause)
    found: list[tuple[str, int, int]] = []
    for step, pattern in _PATTERNS:
        for m in pattern.finditer("".join(masked)):
            found.append((step, m.start(), m.end()))
            masked[m.start() : m.end()] = "\0" * (m.end() - m.start())
    return sorted(found, key=lambda x: x[1])


def step_of(clause: str) -> tuple[str, int, int] | None:
    """The step a clause states: the furthest one, with 推进/实施 only when nothing else is said.

    推进X前期工作 is planning, 开工建设 is a start, 加快X建设 is progress.
    """
    return pick(steps(clause))


def pick(found: list[tuple[str, int, int]]) -> tuple[str, int, int] | None:
    """The furthest firm step of those found, else progress (推进); None when there is none."""
    if not found:
        return None
    firm = [s for s in found if s[0] != UNDER_WAY]
    pool = firm or found
    return max(pool, key=lambda s: (RANK[s[0]], -s[1]))


def negative(clause: str) -> bool:
    """The clause says the step did not happen (未能开工, 进度滞后)."""
    return bool(_NEGATIVE.search(clause))


def continued(clause: str) -> bool:
    """The next plan goes on with it (继续实施): the work was under way."""
    return bool(_CONTINUE.search(clause))


def step_for(clause: str, name_start: int, name_end: int) -> tuple[str, int, int] | None:
    """The step a clause states for the name at [name_start, name_end) (offsets in the clause).

    The predicate after the name first, up to the list break that follows it (某某广场开工、某某商城
    投入运营: 开工 for the first, 投入运营 for the second); when that says only 建设 or nothing, the
    verb before the name too (年内完成A、B建设: 完成 for both).
    """
    found = steps(clause)
    after = [x for x in found if x[1] >= name_end]
    if after:
        stop = clause.find("、", after[0][2])
        if stop >= 0:
            after = [x for x in after if x[1] < stop]
    chosen = pick(after)
    if chosen is not None and chosen[0] != UNDER_WAY:
        return chosen
    both = pick(after + [x for x in found if x[2] <= name_start])
    return chosen if both is None or (both[0] == UNDER_WAY and chosen is not None) else both
