"""Policy-domain cues: the 26 domains of the guidelines, leftmost-longest matching, tie-break."""

from __future__ import annotations

import pytest

from policykg.extract.domains import CueTable, classify_domain, domain_names

GUIDELINE_DOMAINS = [
    "宏观经济",
    "农业农村",
    "工业",
    "能源",
    "交通",
    "水利",
    "城乡建设",
    "生态环境",
    "自然资源",
    "商贸物流",
    "文化旅游",
    "科技创新",
    "数字政府",
    "营商环境",
    "财政金融",
    "国资国企",
    "开放合作",
    "教育",
    "卫生健康",
    "就业社保",
    "民政养老",
    "住房",
    "社会治理",
    "安全应急",
    "体育",
    "政府建设",
]


def test_domains_are_the_guidelines_list_in_order():
    assert domain_names() == tuple(GUIDELINE_DOMAINS)


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        # sentences from the example and dev reports
        ("深入打好污染防治攻坚战。抓好工业、燃煤、扬尘、机动车污染防治,开展冬季小煤炉治理", "生态环境"),
        ("硬化自然村组道路550公里,解决520个自然村组不通硬化路问题", "交通"),
        ("建设农村供水保障工程9处,更换老旧管网500公里,改造提升入户设施8000户", "水利"),
        ("改造城镇老旧小区35个4400户", "住房"),
        ("新建改扩建幼儿园11所、义务教育中小学7所", "教育"),
        ("全面完成国企改革三年行动目标任务", "国资国企"),
        ("实施35千伏、110千伏变电站主变扩建工程7个,新建配变650台", "能源"),
        ("坚定不移把党的政治建设摆在首位,营造风清气正的政治生态", "政府建设"),
    ],
)
def test_classify_domain_on_report_sentences(text, domain):
    assert classify_domain(text)[0] == domain


def test_cues_that_decided_are_returned():
    domain, cues = classify_domain("抓好常态化疫情防控,完成新冠疫苗接种任务")
    assert domain == "卫生健康"
    assert "疫情防控" in cues and "疫苗" in cues


def test_longest_cue_silences_the_shorter_inside_it():
    # "四好农村路" is a transport cue; the "农村" inside it must not count for 农业农村
    table = CueTable.build([("农业农村", {"农村": 3}), ("交通", {"四好农村路": 1})])
    assert table.hits("建设四好农村路") == ["四好农村路"]
    assert table.ranked("建设四好农村路")[0][0] == "交通"


def test_title_weighs_more_than_body():
    body = "加快旅游景区建设,推进文旅融合。"  # a culture/tourism body
    assert classify_domain(body)[0] == "文化旅游"
    assert classify_domain(body, title="提升能源保障能力")[0] == "能源"


def test_ties_go_to_the_domain_listed_first():
    table = CueTable.build([("甲", {"同": 2}), ("乙", {"同": 2})])
    assert [k for k, _, _ in table.ranked("同")] == ["甲", "乙"]
    assert classify_domain("") == ("", ())


def test_body_counts_each_cue_once_and_is_capped():
    from policykg.extract.domains import BODY_CAP

    table = CueTable.build([("甲", {"一": 3, "二": 3, "三": 3, "四": 3}), ("乙", {"题": 3})])
    once = table.score("一一一一")["甲"][0]
    assert once == 3  # repeats of one cue add nothing
    assert table.score("一二三四")["甲"][0] == BODY_CAP
    # a title cue (x TITLE_WEIGHT) beats a body full of another key's cues
    assert table.ranked("一二三四", title="题")[0][0] == "乙"


def test_neutral_words_silence_the_cue_inside_them():
    table = CueTable.build([("卫生健康", {"健康": 2})], neutral=["健康发展"])
    assert table.ranked("促进民营经济健康发展") == []
    # hebei 2023: "高标准高质量推进雄安新区建设" is no quality-supervision task
    assert classify_domain("高标准高质量推进雄安新区建设")[0] != "安全应急"
    assert classify_domain("促进各种所有制经济共同健康发展")[0] != "卫生健康"
