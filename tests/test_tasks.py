"""Goals and tasks of the forward-looking parts, on the example and two dev reports."""

from __future__ import annotations

import re

import pytest
from conftest import DEV_CORPUS

from policykg.extract.period import Period
from policykg.extract.records import Mention, Project, Quantity, TextSpan
from policykg.extract.tasks import _list_items, extract_goals_tasks


@pytest.fixture(scope="module")
def example_tasks(example_doc):
    return extract_goals_tasks(example_doc)


def test_one_task_per_subheading_and_industry_chain(example_tasks):
    _, tasks = example_tasks
    titles = [t.title for t in tasks]
    assert "煤炭分质转化利用产业链" in titles and "生态环保产业链" in titles
    assert "持续巩固拓展脱贫攻坚成果" in titles
    assert len(titles) == len(set(titles))


def test_list_of_practical_things_gives_one_task_per_item(example_doc, example_tasks):
    _, tasks = example_tasks
    items = [t for t in tasks if t.title.startswith(("新增城镇就业2.6万人", "举办1000场文化惠民演出"))]
    assert [t.title for t in items] == [
        "新增城镇就业2.6万人以上,发放创业担保贷款3亿元,输转城乡富余劳动力46万人以上",
        "举办1000场文化惠民演出,丰富群众文化生活",
    ]
    assert all(example_doc.text[t.start : t.end] == t.title for t in items)
    assert "竭力办好十件实事" not in [t.title for t in tasks]  # the list heading itself is no task


def test_main_targets_paragraph_is_a_task(example_tasks):
    _, tasks = example_tasks
    main = [t for t in tasks if t.title == "全市经济社会发展的主要预期目标"]
    assert len(main) == 1 and main[0].domain == "宏观经济" and main[0].period == Period(2022, 2022)
    assert main[0].lead == ["市发展改革委"]


def test_tasks_lie_in_forward_parts_with_a_goal(example_doc, example_tasks):
    goals, tasks = example_tasks
    parts = {s.id: s.part for s in example_doc.sections}
    level = {s.id: s.level for s in example_doc.sections}
    goal_ids = {g.id for g in goals}
    for t in tasks:
        assert parts[t.section] in ("plan", "annual", "self")
        # only a part's main-targets paragraph stands outside the numbered items
        assert t.goal in goal_ids or level[t.section] == 1
        assert t.lead and t.departments[0].role == "lead"
    assert not any(parts[g.section] == "review" for g in goals)


def test_task_links_records_inside_its_span(example_doc):
    text = example_doc.text
    i = text.index("改造城镇老旧小区35个4400户")
    q = Quantity(
        "Q1",
        i + 8,
        i + 11,
        TextSpan(i, i + 15),
        "35个",
        "城镇老旧小区",
        35,
        "个",
        "=",
        "target",
        Period.parse("2022"),
        "平凉市",
        None,
    )
    far = Quantity("Q2", 10, 12, TextSpan(10, 12), "x", "x", 1, "个", "=", "other", None, "", None)
    p = Project("P1", "老旧小区", "urban", (Mention(i + 2, i + 8, "城镇老旧小区"),))
    _, tasks = extract_goals_tasks(example_doc, quantities=[q, far], projects=[p])
    task = next(t for t in tasks if t.title == "改造城镇老旧小区35个4400户")
    assert task.quantities == ("Q1",) and task.projects == ("P1",)
    assert task.lead == ["市住建局"]


def test_numbered_and_semicolon_lists_are_split():
    numbered = "我们将竭力办好十件实事:1.新增城镇就业2.6万人。2.改造老旧小区35个。3.举办演出1000场。"
    assert [t for t, _, _ in _list_items(numbered, 0)] == ["新增城镇就业2.6万人", "改造老旧小区35个", "举办演出1000场"]
    plain = (
        "接续办好15件民生实事,包括:完成老旧小区改造600个;实施农村供水工程500处;建成反诈工作站100个。我们将用心办好。"
    )
    items = _list_items(plain, 5)
    assert [t for t, _, _ in items] == ["完成老旧小区改造600个", "实施农村供水工程500处", "建成反诈工作站100个"]
    assert all(plain[s - 5 : e - 5] == t for t, s, e in items)
    assert _list_items("办好民生实事:加快建设。", 0) == []


@pytest.mark.shared
@pytest.mark.parametrize(
    ("stem", "prefix"), [("hebei-province-2023", "省"), ("hailar-2018-county", "区"), ("gaoyang-2017-county", "县")]
)
def test_names_follow_the_report_level(stem, prefix):
    path = DEV_CORPUS / f"{stem}.txt"
    from policykg.extract.document import read_report

    _, tasks = extract_goals_tasks(read_report(path))
    assert len(tasks) >= 15
    names = [d.name for t in tasks for d in t.departments]
    assert all(n.startswith((prefix, "各", "团")) or n.endswith("管委会") for n in names), names


# --- lists whose responsibility the report states itself ----------------------------------------
# Realistic reports of three levels and three layouts (none of the dev reports prints them).

_CITY = """2025年政府工作报告
——2025年1月10日在岳阳市第八届人民代表大会第四次会议上
岳阳市市长 张明

各位代表:
现在,我代表市人民政府,向大会报告工作,请予审议。

一、2024年工作回顾
过去一年,全市地区生产总值增长6.2%,一般公共预算收入增长5.1%。

二、2025年重点工作
今年经济社会发展的主要预期目标是:地区生产总值增长6%左右,城镇新增就业2.5万人以上。
(一)加快建设现代化产业体系。
壮大先进制造业。实施制造业重点产业链高质量发展行动,新增规上工业企业50家。
(二)用心用情办好民生实事。
今年,我们将集中力量办好十件民生实事:
1.新建改扩建幼儿园12所,新增学位3600个。(牵头单位:市教育局;配合单位:市财政局、市自然资源局)
2.改造城镇老旧小区40个、惠及居民1.2万户。(牵头单位:市住建局、各县(市、区)政府)
3.为2万名农村和城镇低收入妇女开展“两癌”免费筛查。(牵头单位:市卫健委、市妇联)
4.新建和改造农村公路300公里。(责任单位:市交通运输局)
5.建设社区嵌入式养老服务中心20个。(牵头部门:市民政局;责任部门:各县(市、区)政府)

三、全面加强政府自身建设
我们要坚持依法行政,自觉接受人大监督。
"""

_PROVINCE = """2024年政府工作报告
——2024年1月20日在江西省第十四届人民代表大会第二次会议上
江西省省长 李华

一、2023年工作回顾
过去一年,全省生产总值增长5.5%。

二、2024年工作安排
(一)着力扩大有效需求。
积极扩大有效投资。全年完成重点项目投资5000亿元。

三、加强政府自身建设
我们要坚持依法行政。

附件
2024年省政府民生实事
一、提高城乡居民基础养老金最低标准。
城乡居民基础养老金最低标准每人每月提高20元。(牵头单位:人力资源社会保障厅、财政厅)
二、实施困难群众救助提标工程。
城乡低保标准提高5%以上。
牵头单位:省民政厅;配合单位:省财政厅
三、新增公办中小学学位10万个。
新建改扩建中小学200所(责任单位:省教育厅,省发展改革委)。
四、推进农村供水保障工程。
建设农村供水工程300处,提升农村自来水普及率。(牵头单位:省水利厅 配合单位:省财政厅、省卫生健康委)
"""

_BANNER = """政府工作报告
——2023年2月8日在阿荣旗第十七届人民代表大会第三次会议上
阿荣旗人民政府旗长 王强

一、2022年工作回顾
过去一年,全旗地区生产总值增长5.2%。

二、2023年主要工作
(一)全力推进乡村振兴。
巩固拓展脱贫攻坚成果。落实防止返贫动态监测和帮扶机制,守住不发生规模性返贫底线。
(二)扎实办好民生实事。今年重点办好以下民生实事:1.新建农村公路120公里(责任单位:交通运输局);2.改造农村危房300户(牵头单位:住建局;配合单位:乡村振兴局、各苏木乡镇人民政府);3.新增城镇就业1200人(牵头单位:人社局);4.实施农村供水工程15处(由水利局牵头,财政局配合)。5.养老服务提升工程:建设嘎查村互助养老点20个(牵头单位:民政局)。

三、加强政府自身建设
我们要坚持依法行政。
"""


def _stated(text: str, source: str) -> dict[str, tuple[list[str], list[str]]]:
    from policykg.pipeline import extract_text

    ex = extract_text(text, source)
    return {
        t.title: (
            [d.name for d in t.departments if d.role == "lead"],
            [d.name for d in t.departments if d.role == "support"],
        )
        for t in ex.tasks
        if any(d.stated for d in t.departments)
    }


def test_numbered_lines_with_stated_leads_become_tasks():
    got = _stated(_CITY, "city.txt")
    assert got == {
        "新建改扩建幼儿园12所,新增学位3600个": (["市教育局"], ["市财政局", "市自然资源局"]),
        "改造城镇老旧小区40个、惠及居民1.2万户": (["市住建局", "各县(市、区)政府"], []),
        "为2万名农村和城镇低收入妇女开展“两癌”免费筛查": (["市卫健委", "市妇联"], []),
        "新建和改造农村公路300公里": (["市交通运输局"], []),
        "建设社区嵌入式养老服务中心20个": (["市民政局"], ["各县(市、区)政府"]),
    }


def test_list_heading_before_stated_items_is_no_task():
    from policykg.pipeline import extract_text

    titles = [t.title for t in extract_text(_CITY, "city.txt").tasks]
    assert not any("办好十件民生实事" in t for t in titles)
    assert "壮大先进制造业" in titles  # the rest of the report is untouched


def test_annex_items_take_their_stated_leads_at_the_province_level():
    got = _stated(_PROVINCE, "province.txt")
    assert got == {
        "提高城乡居民基础养老金最低标准": (["省人力资源社会保障厅", "省财政厅"], []),
        "实施困难群众救助提标工程": (["省民政厅"], ["省财政厅"]),
        "新增公办中小学学位10万个": (["省教育厅", "省发展改革委"], []),
        "推进农村供水保障工程": (["省水利厅"], ["省财政厅", "省卫生健康委"]),
    }


def test_inline_list_names_banner_departments():
    got = _stated(_BANNER, "banner.txt")
    assert got == {
        "新建农村公路120公里": (["旗交通运输局"], []),
        "改造农村危房300户": (["旗住建局"], ["旗乡村振兴局", "各苏木乡镇人民政府"]),
        "新增城镇就业1200人": (["旗人社局"], []),
        "实施农村供水工程15处": (["旗水利局"], ["旗财政局"]),
        "养老服务提升工程": (["旗民政局"], []),  # an item named by its label
    }


def test_stated_paragraph_keeps_its_subheading():
    # a sub-heading paragraph that names its own lead: the task keeps the sub-heading's title,
    # and the numbered item above it does not swallow it
    text = _CITY.replace(
        "新增规上工业企业50家。", "新增规上工业企业50家(牵头单位:市工信局;配合单位:市科技局)。"
    ).replace("4.新建和改造农村公路300公里。(责任单位:市交通运输局)", "4.新建和改造农村公路300公里。")
    got = _stated(text, "city.txt")
    assert got["壮大先进制造业"] == (["市工信局"], ["市科技局"])
    assert "加快建设现代化产业体系" not in got


def test_unnumbered_items_in_one_sentence_each_take_their_own_leads():
    text = re.sub(r"(?<=[:;])\d\.", "", _BANNER).replace("。5.", ";")
    got = _stated(text, "banner.txt")
    assert got["改造农村危房300户"][0] == ["旗住建局"]
    assert got["新建农村公路120公里"][0] == ["旗交通运输局"]
