"""Goals and tasks of the forward-looking parts, on the example and two dev reports."""

from __future__ import annotations

import pytest
from conftest import DEV_CORPUS

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
    assert len(main) == 1 and main[0].domain == "宏观经济" and main[0].period == "2022"
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
        "2022",
        "平凉市",
        None,
    )
    far = Quantity("Q2", 10, 12, TextSpan(10, 12), "x", "x", 1, "个", "=", "other", "", "", None)
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
