"""Project extraction: real clauses from the example and the dev corpus, and the example's score."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest
from conftest import EXAMPLE, GOLD, SCORER

from policykg.extract.gazetteer import Gazetteer
from policykg.extract.project_rules import project_rules
from policykg.extract.projects import extract_projects
from policykg.extract.records import Extraction, ReportMeta


def _doc(text: str, place: str = "平凉市") -> Extraction:
    division = Gazetteer.load().resolve(place)  # as read_metadata decides it: a name with its code
    meta = ReportMeta(place=place, place_code=division.code if division else "")
    return Extraction(source="t", text=text, original=text, offsets=list(range(len(text) + 1)), meta=meta)


def _names(text: str, place: str = "平凉市") -> list[str]:
    return [p.name for p in extract_projects(_doc(text, place))]


def test_shared_head_is_restored_with_the_literal_as_alias():
    projects = list(extract_projects(_doc("赤城、邵寨煤矿建成投产。")))
    assert [p.name for p in projects] == ["赤城煤矿", "邵寨煤矿"]
    assert projects[0].aliases == ("赤城",)
    assert {p.type for p in projects} == {"energy"}
    assert projects[0].status == "completed"


def test_counted_list_of_highways_shares_the_head():
    names = _names("平天、静庄、华泾、彭大四十里铺至大桥村段4条高速和平华一级公路通车运营。")
    assert names[:3] == ["平天高速", "静庄高速", "华泾高速"]
    assert "平华一级公路" in names


def test_generic_categories_are_not_projects():
    assert _names("一批光伏发电项目开建。实施500万元以上项目412项。加快光伏发电项目建设。") == []
    assert _names("建设一批体育场馆、健身广场和运动公园。创建省级现代农业产业园6个。") == []
    assert _names("实施固沟保塬、淤地坝建设、坡耕地综合整治等项目14项。") == []


def test_programmes_without_a_proper_name_are_not_projects():
    # hebei-province-2022: 实施 + a programme of dictionary words
    assert _names("实施战略性新兴产业集群发展工程,打造30个省级示范基地。", "河北省") == []
    assert _names("实施种业振兴工程,开展16项新品种培育攻关。", "河北省") == []


def test_items_of_a_project_list_are_projects():
    names = _names("加快二氧化碳捕集利用、灵台电厂、陇电入鲁配套工程、华亭工业园区中小企业创业园等项目建设。")
    assert names == ["二氧化碳捕集利用", "灵台电厂", "陇电入鲁配套工程", "华亭工业园区中小企业创业园"]


def test_mentions_of_one_project_merge():
    text = "平凉军民合用机场进入国家审批层面。推进平凉机场批复立项。加快彭大高速三期建设。开工建设灵华高速二期。建成灵华高速。"
    projects = list(extract_projects(_doc(text)))
    airport = projects[0]
    assert airport.name == "平凉机场" and "平凉军民合用机场" in airport.aliases
    assert [m.status for m in airport.mentions] == ["planned", "planned"]
    assert [p.name for p in projects[1:]] == ["彭大高速三期", "灵华高速"]
    assert projects[0].id == "P1" and projects[2].id == "P3"


def test_road_numbers_and_sections():
    text = "G312改造崇信至崆峒段加快推进。加快G312改造三四期等项目建设。力争完成G22西峰至平凉段等项目前期。"
    projects = list(extract_projects(_doc(text)))
    assert [p.type for p in projects] == ["highway", "highway"]
    assert projects[0].name == "G312改造三四期" and "G312改造崇信至崆峒段" in projects[0].aliases
    assert projects[1].name == "G22西峰至平凉段"


def test_head_words_used_as_adjectives_are_skipped():
    # chongqing-province-2026 / hailar-2015-county
    assert _names("渝东北、渝东南迈入高铁时代。增长速度由高速增长转为中高速增长。", "重庆市") == []


def _placed(text: str, place: str = "平凉市") -> Extraction:
    """The document with the places step run: a project refers to the places it found."""
    from policykg.extract.steps import find_places

    ex = _doc(text, place)
    find_places(ex)
    return ex


def test_places_and_domain_from_the_name():
    (school,) = extract_projects(_placed("庄浪县职教中心建成投用。"))
    assert school.places == ("庄浪县",) and school.domain == "教育"
    (mine,) = extract_projects(_placed("加快五举煤矿建设。"))
    assert mine.places == ("平凉市",) and mine.domain == "能源" and mine.status == "under_way"


def test_a_projects_places_are_places_the_report_found():
    """A district's short name inside a river's name is the river, not the district: the places step
    says so once, and the project reads its answer (reading the name again in the gazetteer gave the
    project a district of the province)."""
    ex = _placed("推进大运河湿地公园建设。", "河北省")
    (park,) = extract_projects(ex)
    assert ("大运河", "river") in [(p.name, p.type) for p in ex.places]
    assert not any(p.type == "district" for p in ex.places)
    assert park.places == ("河北省",)  # the issuer: no division is named


@pytest.mark.parametrize(
    ("head", "kind"), [("水库", "water"), ("铁路", "railway"), ("高速公路", "highway"), ("机场", "airport")]
)
def test_head_nouns_give_the_project_type(head, kind):
    assert project_rules().heads[head] == kind


@pytest.mark.shared
def test_example_projects_f1(tmp_path):
    from policykg.extract.document import read_report

    ex = read_report(EXAMPLE)
    with (tmp_path / "projects.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "type"])
        for p in extract_projects(ex):
            w.writerow([p.name, p.type])
    out = subprocess.run(
        [sys.executable, str(SCORER), "--report", str(EXAMPLE), "--gold", str(GOLD), "--pred", str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    import json

    assert json.loads(out.stdout)["projects"]["f1"] >= 0.85


def test_counted_list_shares_the_words_between_count_and_head():
    projects = list(extract_projects(_doc("加快建设南山口、哇让、同德、德令哈4个抽水蓄能电站。", "青海省")))
    assert [p.name for p in projects] == [
        "南山口抽水蓄能电站",
        "哇让抽水蓄能电站",
        "同德抽水蓄能电站",
        "德令哈抽水蓄能电站",
    ]
    assert projects[0].aliases == ("南山口",) and projects[0].type == "energy"


def test_category_after_deng_is_shared_without_its_generic_words():
    assert _names("推进卡阳、松如沟等14个750千伏电网工程、青疆联网通道建设。", "青海省") == [
        "卡阳750千伏电网工程",
        "松如沟750千伏电网工程",
        "青疆联网通道",
    ]
    assert _names("建成尖扎至贵德、小柴旦湖至老茫崖等公路。", "青海省") == ["尖扎至贵德公路", "小柴旦湖至老茫崖公路"]
    assert _names("可可盖等11处煤矿建成试运转。", "陕西省") == ["可可盖煤矿"]


def test_earlier_item_takes_the_later_names_tail_after_its_proper_name():
    assert _names("推动青桂、青粤绿电外送通道尽早核准开工。", "青海省") == ["青桂绿电外送通道", "青粤绿电外送通道"]


def test_common_words_and_measures_do_not_share_a_category():
    assert _names("引进果冻、益生菌、生化制品等精深加工生产线。") == []
    assert not any("公里" in n for n in _names("完成了边庞路、蒲口连村道路等70公里农村公路新改建。", "高阳县"))
    assert _names("切实抓好2026年十大类46项民生实事工程。", "青海省") == []


def test_ports_and_labs_need_a_place_name():
    assert _names("推动唐山港、黄骅港、秦皇岛港错位发展。", "河北省") == ["唐山港", "黄骅港", "秦皇岛港"]
    assert _names("依托平凉机场发展临港经济。") == []
    assert _names("获批建设哲学社会科学实验室。", "青海省") == []


def test_quoted_programmes_and_works():
    assert _names('推进"气化保定"工程建设。', "保定市") == ['"气化保定"工程']
    assert _names("加快推进“百姓安居工程”。", "海拉尔区") == ["“百姓安居工程”"]
    assert _names("“雪如意”“冰玉环”等标志性工程赢得国际赞誉。", "河北省") == ["“雪如意”", "“冰玉环”"]


def test_quoted_slogans_sets_and_brands_are_not_projects():
    assert _names("深化“放管服”改革。", "河北省") == []
    assert _names("扎实开展“十大行动”。") == []
    assert _names("打响“青绣”“互助家政”等劳务品牌。", "青海省") == []


def test_streets_and_their_extensions():
    names = _names("启动实施复兴路西延、东风路西延、乐凯大街南延、白洋淀大道等骨干道路建设。", "保定市")
    assert names == ["复兴路西延", "东风路西延", "乐凯大街南延", "白洋淀大道"]
    assert _names("实施了高保路、高安路等连接雄安新区道路整治提升工程。", "高阳县") == ["高保路", "高安路"]


def test_road_as_a_common_word_is_not_a_street():
    assert _names("理清发展思路，走出一条新路，坚持走好赶考路。") == []
    assert _names("综合考虑了国内外环境变化。", "陕西省") == []


def test_one_unnamed_work_that_the_clause_builds():
    assert _names("污泥处置工程开工建设。", "海拉尔区") == ["污泥处置工程"]
    assert _names("加快建筑垃圾处理场项目建设。", "高阳县") == ["建筑垃圾处理场项目"]
    assert _names("深入推进人防工程建设。", "青海省") == []


def test_deng_di_lists_places_not_names():
    assert _names("同步推动海东、海西等地零碳园区、零碳工厂建设。", "青海省") == []


def test_he_inside_a_word_does_not_split_a_list():
    assert _names("全面投运共和机场。", "青海省") == ["共和机场"]


def test_cut_words_inside_longer_words_do_not_cut():
    assert _names("推进承德国家可持续发展议程创新示范区建设。", "河北省") == ["承德国家可持续发展议程创新示范区"]
    assert _names("中国（河北）自由贸易试验区获批建设。", "河北省") == ["中国（河北）自由贸易试验区"]


def test_quoted_name_takes_the_status_of_its_clause():
    (platform,) = extract_projects(_doc("建成全省“一张网”公共资源交易平台。", "陕西省"))
    assert platform.name == "“一张网”公共资源交易平台" and platform.status == "completed"


def test_types_from_cues_and_generic_heads():
    (transfer,) = extract_projects(_doc("加快引黄济宁工程前期。", "青海省"))
    assert transfer.type == "water"
    (shelterbelt,) = extract_projects(_doc("“三北”工程造林种草103.3万亩。", "陕西省"))
    assert shelterbelt.type == "ecology"
    (zone,) = extract_projects(_doc("加快推进雄县循环经济示范区建设。", "高阳县"))
    assert zone.type == "park"


def test_company_names_that_look_like_verbs_stay_whole():
    names = _names("推进实施了京阳新型线缆、建强新型软管材料、宏润20万吨印染等一批重点项目。", "高阳县")
    assert "建强新型软管材料" in names and "京阳新型线缆" in names


def test_generic_designations_are_not_projects():
    assert _names("新增国家卓越级智能工厂5家，全球灯塔工厂建成投产。", "广东省") == []


def test_partner_institutions_are_not_projects():
    assert _names("聘请清华大学城乡规划设计研究院、保定市城乡规划设计研究院编制规划。", "高阳县") == []


def test_an_institution_the_report_builds_is_a_project():
    assert _names("青海师范大学藏语智能实验室跻身全国重点实验室。", "青海省") == ["青海师范大学藏语智能实验室"]


def test_generic_head_is_shared_when_its_words_give_the_type():
    assert _names("启动投资1.3亿元的海拉尔河、伊敏河堤防工程。", "海拉尔区") == ["海拉尔河堤防工程", "伊敏河堤防工程"]


def test_headquarters_share_their_head():
    assert _names("中国星网、中国中化、中国华能总部开工建设。", "河北省") == [
        "中国星网总部",
        "中国中化总部",
        "中国华能总部",
    ]
    assert _names("吸引跨国公司区域总部落户。", "河北省") == []


def test_water_transfers_are_named_by_source_and_destination():
    projects = list(extract_projects(_doc("加快引黄济宁、引通济柴工程前期。", "青海省")))
    assert [(p.name, p.type) for p in projects] == [("引黄济宁工程", "water"), ("引通济柴工程", "water")]


def test_a_sentence_that_only_names_a_zone_is_a_project():
    text = '突出抓好"一城、一基地、一区、一体系":一是河北白洋淀科技城。依托驻保高校资源。二是京南现代产业基地。'
    assert _names(text, "保定市") == ["河北白洋淀科技城", "京南现代产业基地"]


def test_quoted_accords_numbers_and_trains_are_not_works():
    assert _names("形成“昆明宣言”“昆蒙框架”“昆明基金”等成果。", "云南省") == []
    assert _names("推进“334”“622”等行动。", "云南省") == []
    assert _names("打造“00”号低碳旅游公路。", "青海省") == ["“00”号低碳旅游公路"]
