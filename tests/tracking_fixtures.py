"""The next year's report of the tiny fixture (rdf_fixtures.py), for tracking in the graph.

Hand-written test data in the style of the bundled report's review part: it states the growth
rate the tiny report targeted, in other words (GDP增长, not 地区生产总值增速), and the start of
the railway the tiny report promised; it says nothing of the county hospital or the coal mine.
Nothing in the library knows these names.
"""

from __future__ import annotations

from rdf_fixtures import tiny_extraction

from policykg.extract.normalise import normalise
from policykg.extract.records import Extraction, Mention, Place, Project, Quantity, ReportMeta, Section, TextSpan
from policykg.graph.rdf import extraction_to_graph, tracking_to_graph
from policykg.graph.tracking import TrackingLink, track

ORIGINAL = (
    "平凉市政府工作报告\n"
    "　　一、2022年工作回顾\n"
    "　　全市GDP增长7.5%，平庆铁路开工建设。\n"
    "　　二、2023年重点工作\n"
    "　　（一）推进项目建设。加快平庆铁路建设。\n"
)


def tiny_next_extraction() -> Extraction:
    nt = normalise(ORIGINAL)
    text = nt.text

    def span(s: str, after: int = 0) -> tuple[int, int]:
        start = text.index(s, after)
        return start, start + len(s)

    h1, h2, h3 = span("一、2022年工作回顾"), span("二、2023年重点工作"), span("(一)推进项目建设")
    sections = [
        Section("S1", "2022年工作回顾", 1, None, h1[0], h1[1], h2[0], "review", "2022"),
        Section("S2", "2023年重点工作", 1, None, h2[0], h2[1], len(text), "annual", "2023"),
        Section("S2.1", "推进项目建设", 2, "S2", h3[0], h3[1], len(text), "annual", "2023"),
    ]
    clause = span("全市GDP增长7.5%")
    figure = span("7.5%", clause[0])
    quantities = [
        Quantity(
            "Q1", *figure, TextSpan(*clause), "7.5%", "GDP增长", 7.5, "%", "=", "achievement", "2022", "平凉市", "S1"
        )
    ]
    started = span("平庆铁路", h1[1])
    speeded = span("平庆铁路", h2[1])
    projects = [
        Project(
            "P1",
            "平庆铁路",
            "railway",
            (Mention(*started, "平庆铁路", "start"), Mention(*speeded, "平庆铁路", "under_way")),
            places=("平凉市", "庆阳市"),
            domain="交通",
            status="under_way",
        )
    ]
    places = [
        Place(
            "平凉市",
            "prefecture",
            (Mention(*span("平凉市"), "平凉市"),),
            adcode="620800",
            parent="甘肃省",
            parent_code="620000",
            inside=True,
        )
    ]
    meta = ReportMeta(
        title="平凉市政府工作报告",
        issuer="平凉市人民政府",
        place="平凉市",
        place_code="620800",
        province="甘肃省",
        level="prefecture",
        date="2022-12-10",
        year=2022,
        plan_year=2023,
    )
    return Extraction(
        "tiny-next.txt", text, ORIGINAL, nt.offsets, meta, sections, [], [], quantities, projects, places, [], []
    )


def tiny_pair() -> tuple[Extraction, Extraction, list[TrackingLink]]:
    old, new = tiny_extraction(), tiny_next_extraction()
    return old, new, track(old, new)


def tiny_union_graph():
    """Both reports' graphs and the tracking graph in one rdflib Graph (the store's union view)."""
    old, new, links = tiny_pair()
    graph = extraction_to_graph(old)
    graph += extraction_to_graph(new)
    graph += tracking_to_graph(old, new, links)
    return graph
