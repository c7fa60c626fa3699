"""Hand-built Extractions for the network and view tests (extractor output is not needed).

``small_extraction`` uses sentences shortened from the bundled Pingliang report
(policykg/examples/pingliang-2021-12.txt, provenance in policykg/examples/SOURCE.md) with
full-width punctuation and indentation, so that normalised and original offsets differ.  ``hostile_extraction`` puts markup into every text field a page shows.
``scaled_extraction`` repeats the small report's shape to a given size, for render timing only.
"""

from __future__ import annotations

from policykg.extract.normalise import normalise
from policykg.extract.period import Period
from policykg.extract.records import (
    DepartmentAssignment,
    Extraction,
    Goal,
    Mention,
    Place,
    Project,
    Quantity,
    ReportMeta,
    Section,
    Sentence,
    Task,
    TextSpan,
)

ORIGINAL = (
    "平凉市政府工作报告\n"
    "　　一、过去一年工作回顾\n"
    "　　预计全市地区生产总值完成546亿元，增长8%。\n"
    "　　二、2022年重点工作\n"
    "　　（一）千方百计抓项目扩投资。\n"
    "　　加快重大项目建设。推进平凉机场批复立项，开工建设平庆铁路。实施500万元以上项目490项。\n"
    "　　（二）推动乡村全面振兴。\n"
    "　　持续巩固拓展脱贫攻坚成果。静宁县新建高标准农田16万亩。\n"
)

META = ReportMeta(
    title="平凉市政府工作报告", issuer="平凉市人民政府", place="平凉市", place_code="620800", province="甘肃省",
    level="prefecture", date="2021-12-11", plan_year=2022,
)  # fmt: skip


def _build(original: str, meta: ReportMeta, rename: dict[str, str] | None = None) -> Extraction:
    """The small report's records over `original`; `rename` swaps record titles/names for others."""
    rename = rename or {}
    nt = normalise(original)
    text = nt.text

    def span(s: str, after: int = 0) -> tuple[int, int]:
        start = text.index(s, after)
        return start, start + len(s)

    def mention(s: str, status: str = "") -> Mention:
        return Mention(*span(s), s, status)

    def quantity(qid: str, surface: str, clause: str, metric: str, kind: str, period: str, section: str) -> Quantity:
        c = span(clause)
        s = span(surface, c[0])
        return Quantity(qid, *s, TextSpan(*c), surface, rename.get(metric, metric), 1.0, "", "=", kind, Period.parse(period),
                        "平凉市", section)  # fmt: skip

    heads = [
        span(h)
        for h in ("一、过去一年工作回顾", "二、2022年重点工作", "(一)千方百计抓项目扩投资", "(二)推动乡村全面振兴")
    ]

    def line(head: str) -> tuple[int, int]:
        start = text.index(head)
        end = text.find("\n", start)
        return start, end if end >= 0 else len(text)

    p1, p2 = line("加快重大项目建设。"), line("持续巩固拓展脱贫攻坚成果。")
    sections = [
        Section("S1", "过去一年工作回顾", 1, None, *heads[0], heads[1][0], "review", Period.parse("2021")),
        Section("S2", "2022年重点工作", 1, None, *heads[1], len(text), "annual", Period.parse("2022")),
        Section("S2.1", "千方百计抓项目扩投资", 2, "S2", *heads[2], heads[3][0], "annual", Period.parse("2022")),
        Section("S2.2", "推动乡村全面振兴", 2, "S2", *heads[3], len(text), "annual", Period.parse("2022")),
    ]
    sentences = [
        Sentence(*span(s), 0) for s in ("推进平凉机场批复立项,开工建设平庆铁路。", "静宁县新建高标准农田16万亩。")
    ]
    quantities = [
        quantity("Q1", "546亿元", "预计全市地区生产总值完成546亿元", "地区生产总值", "achievement", "2021", "S1"),
        quantity("Q2", "490项", "实施500万元以上项目490项", "500万元以上项目", "target", "2022", "S2.1"),
        quantity("Q3", "500万元以上", "实施500万元以上项目490项", "项目规模", "other", "2022", "S2.1"),
        quantity("Q4", "16万亩", "静宁县新建高标准农田16万亩", "高标准农田", "target", "2022", "S2.2"),
    ]
    projects = [
        Project(
            "P1", rename.get("平凉机场", "平凉机场"), "airport", (mention("平凉机场", "planned"),), places=("平凉市",)
        ),
        Project("P2", "平庆铁路", "railway", (mention("平庆铁路", "start"),), places=("平凉市", "庆阳市")),
    ]
    places = [
        Place("平凉市", "prefecture", (mention("平凉市"),), adcode="620800", parent="甘肃省", inside=True),
        Place("静宁县", "county", (mention("静宁县"),), adcode="620826", parent="平凉市", inside=True),
    ]
    goals = [
        Goal("G1", rename.get("千方百计抓项目扩投资", "千方百计抓项目扩投资"), "S2.1", Period.parse("2022"), *heads[2]),
        Goal("G2", "推动乡村全面振兴", "S2.2", Period.parse("2022"), *heads[3]),
    ]
    tasks = [
        Task("T1", rename.get("加快重大项目建设", "加快重大项目建设"), "S2.1", *p1, Period.parse("2022"), "G1", domain="交通",
             departments=(DepartmentAssignment("市发展改革委", "发展改革", "lead", cues=("重大项目",)),
                          DepartmentAssignment("市交通运输局", "交通运输", "support", cues=("铁路", "机场"))),
             quantities=("Q2", "Q3"), projects=("P1", "P2"), places=("平凉市",)),
        Task("T2", "持续巩固拓展脱贫攻坚成果", "S2.2", *p2, Period.parse("2022"), "G2", domain="农业农村",
             departments=(DepartmentAssignment("市乡村振兴局", "乡村振兴", "lead"),
                          DepartmentAssignment("市农业农村局", "农业农村", "support")),
             quantities=("Q4",), places=("静宁县",)),
    ]  # fmt: skip
    return Extraction("small.txt", text, original, nt.offsets, meta, sections, [], sentences, quantities, projects,
                      places, goals, tasks)  # fmt: skip


def small_extraction() -> Extraction:
    return _build(ORIGINAL, META)


XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(2)>"
XSS_CLOSE = "</script><script>alert(3)</script>"


def hostile_extraction() -> Extraction:
    """Markup in a title, a task, a goal, a project, a figure's metric and the evidence text."""
    original = ORIGINAL.replace("16万亩。", "16万亩。" + XSS_IMG)
    meta = ReportMeta(title=XSS_CLOSE + "报告", place="平凉市", plan_year=2022)
    rename = {
        "加快重大项目建设": XSS_SCRIPT,
        "千方百计抓项目扩投资": XSS_CLOSE,
        "平凉机场": XSS_IMG,
        "高标准农田": "<b onmouseover=alert(4)>农田</b>",
    }
    return _build(original, meta, rename)


def scaled_extraction(copies: int) -> Extraction:
    """`copies` goals shaped like the small report's (about 10 network nodes per copy)."""
    base = small_extraction()
    goals, tasks, quantities, projects, places = [], [], [], [], list(base.places)
    for c in range(copies):
        for g in base.goals:
            goals.append(Goal(f"{g.id}-{c}", f"{g.title}{c}", g.section, g.period, g.start, g.end))
        for q in base.quantities:
            quantities.append(Quantity(f"{q.id}-{c}", q.start, q.end, q.evidence, q.surface, q.metric, q.value, q.unit,
                                       q.comparator, q.kind, q.period, q.place, q.section))  # fmt: skip
        for p in base.projects:
            projects.append(Project(f"{p.id}-{c}", f"{p.name}{c}", p.type, p.mentions, places=p.places))
        for t in base.tasks:
            deps = tuple(
                DepartmentAssignment(f"{d.name}{c % 40}", d.function, d.role, cues=d.cues) for d in t.departments
            )
            tasks.append(Task(f"{t.id}-{c}", f"{t.title}{c}", t.section, t.start, t.end, t.period, f"{t.goal}-{c}",
                              domain=t.domain, departments=deps, quantities=tuple(f"{q}-{c}" for q in t.quantities),
                              projects=tuple(f"{p}-{c}" for p in t.projects), places=t.places))  # fmt: skip
    return Extraction(base.source, base.text, base.original, base.offsets, base.meta, base.sections, [],
                      base.sentences, quantities, projects, places, goals, tasks)  # fmt: skip
