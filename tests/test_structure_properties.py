"""The outline never fails on report-shaped text, and paragraphs tile the text in order."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.extract.metadata import read_metadata
from policykg.extract.structure import find_paragraphs, find_sections, find_sentences

_LINES = [
    "各位代表:",
    "现在,我代表市人民政府向大会报告工作,请予审议。",
    "一、过去五年工作回顾",
    "二、今后五年的奋斗目标",
    "三、2022年重点工作",
    "四、加强政府自身建设",
    "十一、其他",
    "(一)坚持创新驱动,加快产业转型。",
    "(二)推进乡村振兴。全面落实各项政策。",
    "——着力扩大有效投资。新开工项目120个。",
    "加快交通建设。",
    "推进生态保护,完成造林10万亩。",
    "推进城市更新,改造老旧小区50个。",
    "推进产业发展,新增规上企业20户。",
    "附件",
    "2022年十件民生实事",
    "1.新建幼儿园5所;2.改造农村公路100公里。",
    "我们要办好十件民生实事:",
    "2021年工作回顾",
    "一、聚焦扩大内需,确保经济平稳运行。全年投资增长8%。",
    "实际工作中,着力把握以下几点:一是夯实“稳”的基础。把稳字当头。二是把握“高”的要求。把质量第一。",
    "①加强房地产管控。坚持房子是用来住的定位。②加强规划管控。全面对标对表。",
    "各位代表!五年来,我们奋力拼搏。一是综合实力再上台阶。经济总量跨越新台阶。",
    "这五年,是生态环境显著改善的五年。我们全面贯彻生态文明思想。",
    "强化污染防治。实施专项行动,空气质量持续改善。加强生态修复。统筹系统治理,营造林面积扩大。",
    "",
    "。",
    "(",
    "一、",
]
_line = st.sampled_from(_LINES) | st.text(
    alphabet=st.sampled_from(list("一二三、()。,:;—年工作重点推进12 ")), max_size=30
)
_report = st.lists(_line, max_size=40).map("\n".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_report)
def test_outline_of_report_like_text_never_raises_and_tiles(text: str) -> None:
    sections = find_sections(text, read_metadata(text))
    for sec in sections:
        assert 0 <= sec.start <= sec.end <= len(text)
        assert sec.start <= sec.body_end <= len(text)
        assert sec.parent is None or any(p.id == sec.parent for p in sections)
    paragraphs = find_paragraphs(text, sections)
    assert all(a.end < b.start for a, b in itertools.pairwise(paragraphs)), "paragraphs overlap or are out of order"
    assert all(0 <= p.start <= p.end <= len(text) and "\n" not in text[p.start : p.end] for p in paragraphs)
    ids = {s.id for s in sections}
    assert all(p.section is None or p.section in ids for p in paragraphs)
    sentences = find_sentences(text, paragraphs)
    assert all(a.end <= b.start for a, b in itertools.pairwise(sentences))


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_outline_of_any_text_never_raises(text: str) -> None:
    sections = find_sections(text, read_metadata(text))
    find_sentences(text, find_paragraphs(text, sections))
