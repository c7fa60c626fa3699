"""The next year's report of the tiny fixture (rdf_fixtures.py), for tracking in the graph.

Hand-written test data in the style of the bundled report's review part: it states the growth
rate the tiny report targeted, in other words (GDP增长, not 地区生产总值增速), and the start of
the railway the tiny report promised; it says nothing of the county hospital or the coal mine.
Nothing in the library knows these names.
"""

from __future__ import annotations

from pathlib import Path

from rdf_fixtures import tiny_extraction
from rdflib import Graph

from policykg.extract.normalise import normalise
from policykg.extract.period import Period
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
        Section("S1", "2022年工作回顾", 1, None, h1[0], h1[1], h2[0], "review", Period.parse("2022")),
        Section("S2", "2023年重点工作", 1, None, h2[0], h2[1], len(text), "annual", Period.parse("2023")),
        Section("S2.1", "推进项目建设", 2, "S2", h3[0], h3[1], len(text), "annual", Period.parse("2023")),
    ]
    clause = span("全市GDP增长7.5%")
    figure = span("7.5%", clause[0])
    quantities = [
        Quantity(
            "Q1",
            *figure,
            TextSpan(*clause),
            "7.5%",
            "GDP增长",
            7.5,
            "%",
            "=",
            "achievement",
            Period.parse("2022"),
            "平凉市",
            "S1",
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


def tiny_named_graphs() -> list[tuple[str, Graph]]:
    """Both reports and their tracking, each as the named graph `policykg build` puts it in."""
    from policykg.graph.iris import report_iri, tracking_graph_iri

    old, new, links = tiny_pair()
    return [
        (str(report_iri(old)), extraction_to_graph(old)),
        (str(report_iri(new)), extraction_to_graph(new)),
        (str(tracking_graph_iri(old, new)), tracking_to_graph(old, new, links)),
    ]


def tiny_dataset():
    """The tiny named graphs in one rdflib Dataset, as the store holds them; the default graph is
    their union, so plain patterns read all three."""
    from rdflib import Dataset, URIRef

    dataset = Dataset(default_union=True)
    for iri, graph in tiny_named_graphs():
        named = dataset.graph(URIRef(iri))
        for triple in graph:
            named.add(triple)
    return dataset


# Two consecutive reports of one government, written for this test: report N sets 2022 targets,
# report N+1 reviews 2022. Nothing in the library knows these sentences.
_FILL = (
    "现在,我代表市人民政府向大会报告工作,请予审议,并请市政协委员和其他列席会议的同志提出意见。"
    "过去一年,面对错综复杂的宏观经济形势和艰巨繁重的改革发展稳定任务,全市上下团结一心,攻坚克难,"
    "经济社会发展取得了新的成绩。这些成绩的取得,是市委坚强领导的结果,是全市人民团结奋斗的结果。"
)
REPORT_N = f"""平凉市政府工作报告
——2021年12月11日在平凉市第五届人民代表大会第一次会议上
平凉市市长 王旭
各位代表:
{_FILL}
一、2021年工作回顾
全市地区生产总值增长7%。
二、2022年主要目标
2022年全市经济社会发展的主要预期目标是:地区生产总值增长7%左右,居民消费价格涨幅不超过3%,城镇登记失业率控制在4.5%以内,单位生产总值能耗下降3%,社会消费品零售总额增长8%。
三、2022年重点工作
(一)推进项目建设。开工建设平庆铁路。
"""
REPORT_N1 = f"""平凉市政府工作报告
——2022年12月10日在平凉市第五届人民代表大会第二次会议上
平凉市市长 王旭
各位代表:
{_FILL}
一、2022年工作回顾
全市地区生产总值增长7%,居民消费价格上涨3%,城镇登记失业率4.6%,单位生产总值能耗下降3%,社会消费品零售总额增长7.2%。平庆铁路开工建设。
二、2023年主要目标
地区生产总值增长6%左右。
"""


def load_pair(folder: Path, old_text: str, new_text: str, names: tuple[str, str]) -> tuple[Extraction, Extraction]:
    """Two hand-written reports as `policykg track` reads them: written as files, then loaded."""
    from policykg.track import load

    old, new = folder / names[0], folder / names[1]
    old.write_text(old_text, encoding="utf-8")
    new.write_text(new_text, encoding="utf-8")
    return load(old), load(new)
