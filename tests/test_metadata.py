"""Report metadata from the opening lines, when the header is complete and when it is not."""

from __future__ import annotations

import pytest

from policykg.extract.metadata import plan_year, read_metadata

BODY = (
    "各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n"
    "一、2022年工作回顾\n过去一年，全省生产总值增长3.8%。全省粮食总产量稳定。全省森林覆盖率提高。\n"
    "二、2023年目标任务和主要工作\n今年全省经济社会发展的主要预期目标是：生产总值增长6%左右。"
    "河北要在京津冀协同发展中走在前列，河北制造业提质，河北农业稳产。\n"
)


def test_full_header_gives_every_field() -> None:
    m = read_metadata("——2023年1月11日在河北省第十四届人民代表大会第一次会议上\n河北省人民政府省长 王正谱\n" + BODY)
    assert (m.issuer, m.place, m.province, m.level) == ("河北省人民政府", "河北省", "河北省", "province")
    assert (m.date, m.plan_year, m.speaker, m.speaker_title) == ("2023-01-11", 2023, "王正谱", "省长")
    assert m.meeting == "河北省第十四届人民代表大会第一次会议"
    assert m.title == "河北省2023年政府工作报告"  # no title line: issuer's place + year + 政府工作报告


@pytest.mark.parametrize(
    "head",
    [
        "河北省人民政府省长 王正谱\n",  # only the speaker
        "河北省第十四届人民代表大会第一次会议\n",  # only the meeting, without 在…上
        "政府工作报告\n",  # only a bare title: the place comes from the body
    ],
)
def test_partial_header_still_names_issuer_title_and_year(head: str) -> None:
    m = read_metadata(head + BODY)
    assert m.issuer == "河北省人民政府"
    assert m.title == "河北省2023年政府工作报告"
    assert m.plan_year == 2023  # from the headings: 2022年工作回顾 + 1, 2023年目标任务


def test_december_meeting_plans_for_next_year() -> None:
    m = read_metadata("——2021年12月11日在平凉市第五届人民代表大会第一次会议上\n平凉市人民政府市长 王旭\n各位代表：\n")
    assert (m.date, m.plan_year, m.issuer) == ("2021-12-11", 2022, "平凉市人民政府")


def test_title_line_naming_place_wins_over_bare_title_and_loses_its_date() -> None:
    m = read_metadata("政府工作报告\n陕西省2026年政府工作报告\n2026年1月27日在陕西省第十四届人民代表大会第四次会议上\n")
    assert m.title == "陕西省2026年政府工作报告"
    m = read_metadata("平凉市政府工作报告（2021年12月11日王旭）\n各位代表：\n")
    assert m.title == "平凉市政府工作报告"


def test_plan_year_headings_override_an_off_by_one_date() -> None:
    text = "一、2023年工作回顾\n…\n二、2024年工作安排\n…"
    assert plan_year(text, "2023-02-03") == 2024  # a date from the text, not the meeting's
    assert plan_year(text, "") == 2024
    assert plan_year("各位代表：\n今年是“十五五”开局之年。", "") == 2026
    assert plan_year("各位代表：", "2019-01-17") == 2019
    assert plan_year("各位代表：", "", "2026年政府工作报告") == 2026
