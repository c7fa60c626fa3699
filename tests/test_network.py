"""The networkx view of an extraction: typed nodes, stable ids, the right edges, original evidence."""

from __future__ import annotations

import networkx as nx
from network_fixtures import hostile_extraction, small_extraction

from policykg.graph.network import KINDS, build_network, node_id


def _relations(g: nx.DiGraph, source: str) -> dict[str, str]:
    return {target: rel for _, target, rel in g.out_edges(source, data="relation")}


def test_every_record_becomes_a_typed_node_with_a_stable_id() -> None:
    g = build_network(small_extraction())
    kinds = dict(g.nodes(data="kind"))
    assert kinds["report:small.txt"] == "report"
    assert kinds["goal:G1"] == kinds["goal:G2"] == "goal"
    assert kinds["task:T1"] == kinds["task:T2"] == "task"
    assert kinds["target:Q2"] == kinds["target:Q4"] == "target"
    assert kinds["result:Q1"] == "result"
    assert kinds["project:P1"] == kinds["project:P2"] == "project"
    assert kinds["department:市发展改革委"] == "department"
    assert kinds["domain:农业农村"] == "domain"
    assert kinds["place:静宁县"] == "place"
    assert set(kinds.values()) == set(KINDS)
    for _, attrs in g.nodes(data=True):
        assert {"label", "evidence", "section", "period", "start"} <= attrs.keys()


def test_context_figures_are_not_nodes() -> None:
    """A figure of kind "other" (500万元以上 qualifying a project class) is neither target nor result."""
    g = build_network(small_extraction())
    assert not any(n.endswith(":Q3") for n in g)


def test_nodes_and_edges_in_a_fixed_order() -> None:
    """Written out by hand from network_fixtures: report, goals, then each task with what it holds."""
    g = build_network(small_extraction())
    assert list(g.nodes) == [
        "report:small.txt", "goal:G1", "goal:G2",
        "task:T1", "target:Q2", "project:P1", "place:平凉市", "project:P2", "place:庆阳市",
        "department:市发展改革委", "department:市交通运输局", "domain:交通",
        "task:T2", "target:Q4", "department:市乡村振兴局", "department:市农业农村局", "domain:农业农村",
        "place:静宁县", "result:Q1",
    ]  # fmt: skip
    assert list(g.edges(data="relation")) == [
        ("report:small.txt", "goal:G1", "hasGoal"),
        ("report:small.txt", "goal:G2", "hasGoal"),
        ("report:small.txt", "result:Q1", "mentions"),
        ("goal:G1", "task:T1", "hasTask"),
        ("goal:G2", "task:T2", "hasTask"),
        ("task:T1", "target:Q2", "hasTarget"),
        ("task:T1", "project:P1", "hasProject"),
        ("task:T1", "project:P2", "hasProject"),
        ("task:T1", "department:市发展改革委", "lead"),
        ("task:T1", "department:市交通运输局", "support"),
        ("task:T1", "domain:交通", "inDomain"),
        ("task:T1", "place:平凉市", "concernsPlace"),
        ("project:P1", "place:平凉市", "locatedIn"),
        ("project:P2", "place:平凉市", "locatedIn"),
        ("project:P2", "place:庆阳市", "locatedIn"),
        ("task:T2", "target:Q4", "hasTarget"),
        ("task:T2", "department:市乡村振兴局", "lead"),
        ("task:T2", "department:市农业农村局", "support"),
        ("task:T2", "domain:农业农村", "inDomain"),
        ("task:T2", "place:静宁县", "concernsPlace"),
        ("place:静宁县", "place:平凉市", "within"),
    ]


def test_edges_follow_the_records() -> None:
    g = build_network(small_extraction())
    assert _relations(g, "report:small.txt")["goal:G1"] == "hasGoal"
    assert _relations(g, "goal:G1") == {"task:T1": "hasTask"}
    t1 = _relations(g, "task:T1")
    assert t1["target:Q2"] == "hasTarget"
    assert t1["project:P1"] == t1["project:P2"] == "hasProject"
    assert t1["department:市发展改革委"] == "lead"
    assert t1["department:市交通运输局"] == "support"
    assert t1["domain:交通"] == "inDomain"
    assert t1["place:平凉市"] == "concernsPlace"
    assert _relations(g, "task:T2")["place:静宁县"] == "concernsPlace"
    # a project's place the place extractor did not list still gets a node
    assert _relations(g, "project:P2") == {"place:平凉市": "locatedIn", "place:庆阳市": "locatedIn"}
    assert _relations(g, "place:静宁县") == {"place:平凉市": "within"}


def test_a_result_no_task_holds_hangs_off_the_report() -> None:
    g = build_network(small_extraction())
    assert _relations(g, "report:small.txt")["result:Q1"] == "mentions"
    assert g.in_degree("target:Q2") == 1  # held by its task only, not also by the report


def test_evidence_is_the_original_text() -> None:
    """Full-width punctuation is folded in ex.text; evidence must show the report as written."""
    ex = small_extraction()
    g = build_network(ex)
    task = g.nodes["task:T1"]
    assert task["evidence"] == "加快重大项目建设。推进平凉机场批复立项，开工建设平庆铁路。实施500万元以上项目490项。"
    assert task["section"] == "S2.1" and task["period"] == "2022"
    assert g.nodes["goal:G1"]["evidence"] == "（一）千方百计抓项目扩投资"
    assert g.nodes["target:Q4"]["evidence"] == "静宁县新建高标准农田16万亩"
    # a project's evidence is the sentence around its name, not the bare name
    assert g.nodes["project:P2"]["evidence"] == "推进平凉机场批复立项，开工建设平庆铁路。"
    assert g.nodes["project:P2"]["section"] == "S2.1"
    assert g.nodes["department:市交通运输局"]["evidence"] == "铁路、机场"


def test_labels_keep_untrusted_text_verbatim() -> None:
    """Escaping is the view's job: the graph keeps what the report says, markup included."""
    g = build_network(hostile_extraction())
    assert g.nodes["task:T1"]["label"] == "<script>alert(1)</script>"
    assert g.nodes["project:P1"]["label"] == "<img src=x onerror=alert(2)>"


def test_node_id_is_kind_and_key() -> None:
    assert node_id("place", "华亭市") == "place:华亭市"


def test_example_network_links_every_task(example_extraction) -> None:
    """On the bundled report every task hangs off a goal (or the report) and has a domain."""
    g = build_network(example_extraction)
    tasks = [n for n, k in g.nodes(data="kind") if k == "task"]
    assert len(tasks) == len(example_extraction.tasks) > 20
    for t in tasks:
        assert g.in_degree(t) == 1
        assert "inDomain" in _relations(g, t).values()
    assert all(g.nodes[t]["evidence"] for t in tasks)


def test_promises_carry_the_status_the_next_report_gives() -> None:
    from tracking_fixtures import tiny_pair

    from policykg.graph.network import build_network

    old, new, links = tiny_pair()
    g = build_network(old, links)
    assert g.nodes["target:Q3"]["tracking"] == "met"
    assert g.nodes["target:Q3"]["tracking_result"] == "全市GDP增长7.5%"
    assert g.nodes["target:Q5"]["tracking"] == "no_statement"
    assert g.nodes["project:P1"]["tracking"] == "met"
    assert "tracking" not in g.nodes["target:Q4"]  # not due, no progress stated: no check
    assert all("tracking" not in attrs for _, attrs in build_network(new, links).nodes(data=True))
