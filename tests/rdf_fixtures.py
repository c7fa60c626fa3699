"""A tiny hand-built Extraction covering every record type, for the graph and query tests.

The text is shortened from sentences of the bundled report policykg/examples/pingliang-2021-12.txt
(see policykg/examples/SOURCE.md for its origin and licence), rewritten with full-width punctuation
and indentation so that normalised and original offsets differ, which evidence offsets must get right.
It is test data only: nothing in the library knows these names.
"""

from __future__ import annotations

from policykg.extract.normalise import normalise
from policykg.extract.period import Period
from policykg.extract.records import (
    DepartmentAssignment,
    Extraction,
    Goal,
    Investment,
    Mention,
    Place,
    Project,
    Quantity,
    ReportMeta,
    Section,
    Task,
    TextSpan,
)

ORIGINAL = (
    "平凉市政府工作报告\n"
    "　　一、过去一年工作回顾\n"
    "　　预计全市地区生产总值完成546亿元，增长8%，煤炭产能达到2000万吨。\n"
    "　　二、2022年重点工作\n"
    "　　（一）加快重大项目建设。开工建设平庆铁路，华亭市新建煤矿1座。"
    "全市地区生产总值增长7%左右，煤炭产能达到3500万吨以上。\n"
    "　　（二）办好民生实事。新建总投资3.2亿元的静宁县第二人民医院，年内计划投资1亿元。\n"
)


def tiny_extraction() -> Extraction:
    nt = normalise(ORIGINAL)
    text = nt.text

    def span(s: str, after: int = 0) -> tuple[int, int]:
        start = text.index(s, after)
        return start, start + len(s)

    def mention(s: str, status: str = "") -> Mention:
        start, end = span(s)
        return Mention(start, end, s, status)

    def quantity(qid, surface, clause, metric, value, unit, comparator, kind, period, section, **kw) -> Quantity:
        c_start, c_end = span(clause)
        start, end = span(surface, c_start)
        return Quantity(
            qid,
            start,
            end,
            TextSpan(c_start, c_end),
            surface,
            metric,
            value,
            unit,
            comparator,
            kind,
            Period.parse(period),
            kw.pop("place", "平凉市"),
            section,
            **kw,
        )

    h1, h2, h3 = span("一、过去一年工作回顾"), span("二、2022年重点工作"), span("(一)加快重大项目建设")
    h4 = span("(二)办好民生实事")
    sections = [
        Section("S1", "过去一年工作回顾", 1, None, h1[0], h1[1], h2[0], "review", Period.parse("2021")),
        Section("S2", "2022年重点工作", 1, None, h2[0], h2[1], len(text), "annual", Period.parse("2022")),
        Section("S2.1", "加快重大项目建设", 2, "S2", h3[0], h3[1], h4[0], "annual", Period.parse("2022")),
        Section("S2.2", "办好民生实事", 2, "S2", h4[0], h4[1], len(text), "annual", Period.parse("2022")),
    ]
    quantities = [
        quantity(
            "Q1",
            "546亿元",
            "预计全市地区生产总值完成546亿元",
            "地区生产总值",
            5.46e10,
            "元",
            "~",
            "achievement",
            "2021",
            "S1",
            domain="宏观经济",
        ),
        quantity("Q2", "8%", "增长8%", "地区生产总值增速", 8, "%", "~", "achievement", "2021", "S1", domain="宏观经济"),
        quantity(
            "Q6",
            "2000万吨",
            "煤炭产能达到2000万吨",
            "煤炭产能",
            2e7,
            "吨",
            "=",
            "achievement",
            "2021",
            "S1",
            domain="能源",
        ),
        quantity(
            "Q3",
            "7%左右",
            "全市地区生产总值增长7%左右",
            "地区生产总值增速",
            7,
            "%",
            "~",
            "target",
            "2022",
            "S2.1",
            domain="宏观经济",
        ),
        quantity(
            "Q4",
            "3500万吨以上",
            "煤炭产能达到3500万吨以上",
            "煤炭产能",
            3.5e7,
            "吨",
            ">=",
            "target",
            "annual 2022-2026",
            "S2.1",
            domain="能源",
            rule="test",
        ),
        quantity(
            "Q5",
            "1座",
            "华亭市新建煤矿1座",
            "新建煤矿",
            1,
            "座",
            "=",
            "target",
            "2022",
            "S2.1",
            place="华亭市",
            domain="能源",
        ),
    ]
    projects = [
        Project(
            "P1",
            "平庆铁路",
            "railway",
            (mention("平庆铁路", "start"),),
            places=("平凉市", "庆阳市"),
            domain="交通",
            status="start",
        ),
        Project(
            "P2",
            "静宁县第二人民医院",
            "social",
            (
                Mention(
                    *span("静宁县第二人民医院"),
                    "静宁县第二人民医院",
                    "planned",
                    (
                        Investment("total", 320_000_000.0, "亿元", "=", "3.2亿元", *span("总投资3.2亿元")),
                        Investment("planned", 100_000_000.0, "亿元", "=", "1亿元", *span("计划投资1亿元")),
                    ),
                ),
            ),
            places=("静宁县",),
            domain="卫生健康",
            status="planned",
        ),
    ]
    places = [
        Place(
            "平凉市",
            "prefecture",
            (mention("平凉市"),),
            adcode="620800",
            parent="甘肃省",
            parent_code="620000",
            inside=True,
        ),
        Place(
            "华亭市",
            "county-city",
            (mention("华亭市"),),
            adcode="620881",
            parent="平凉市",
            parent_code="620800",
            inside=True,
        ),
        Place(
            "静宁县",
            "county",
            (mention("静宁县"),),
            adcode="620826",
            parent="平凉市",
            parent_code="620800",
            inside=True,
        ),
    ]
    goal_span, goal2_span = span("(一)加快重大项目建设"), span("(二)办好民生实事")
    task_span = (goal_span[0], goal2_span[0] - 1)
    goals = [
        Goal("G1", "加快重大项目建设", "S2.1", Period.parse("2022"), *goal_span),
        Goal("G2", "办好民生实事", "S2.2", Period.parse("2022"), *goal2_span),
    ]
    tasks = [
        Task(
            "T1",
            "加快重大项目建设",
            "S2.1",
            *task_span,
            Period.parse("2022"),
            "G1",
            domain="交通",
            domain_cues=("铁路",),
            departments=(
                DepartmentAssignment("市交通运输局", "交通运输", "lead", cues=("铁路",)),
                DepartmentAssignment("市发展改革委", "发展改革", "support", cues=("重大项目",)),
            ),
            quantities=("Q3", "Q4", "Q5"),
            projects=("P1",),
            places=("华亭市",),
        ),
        Task(
            "T2",
            "办好民生实事",
            "S2.2",
            goal2_span[0],
            len(text) - 1,
            Period.parse("2022"),
            "G2",
            domain="卫生健康",
            domain_cues=("医院",),
            departments=(DepartmentAssignment("市卫健委", "卫生健康", "lead", stated=True),),
            projects=("P2",),
            places=("静宁县",),
        ),
    ]
    meta = ReportMeta(
        title="平凉市政府工作报告",
        issuer="平凉市人民政府",
        place="平凉市",
        place_code="620800",
        province="甘肃省",
        level="prefecture",
        date="2021-12-11",
        speaker="王旭",
        speaker_title="市长",
        meeting="平凉市第五届人民代表大会第一次会议",
        year=2021,
        plan_year=2022,
    )
    return Extraction(
        "tiny.txt", text, ORIGINAL, nt.offsets, meta, sections, [], [], quantities, projects, places, goals, tasks
    )
