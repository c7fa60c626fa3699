"""Place extraction on real sentences of the example and dev reports (GUIDELINES.md "places")."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.extract.places import PlaceIndex, extract_places, places_in
from policykg.extract.records import Extraction, ReportMeta

PINGLIANG = ReportMeta(place="平凉市", place_code="620800", province="甘肃省", level="prefecture")
HAILAR = ReportMeta(place="海拉尔区", place_code="150702", province="内蒙古自治区", level="county")
GUANGDONG = ReportMeta(place="广东省", place_code="440000", province="广东省", level="province")


def extraction(text: str, meta: ReportMeta = PINGLIANG) -> Extraction:
    return Extraction(source="t", text=text, original=text, offsets=list(range(len(text) + 1)), meta=meta)


def places(text: str, meta: ReportMeta = PINGLIANG) -> dict[str, object]:
    return {p.name: p for p in extract_places(extraction(text, meta))}


def test_short_forms_of_the_issuers_counties_resolve_to_full_names():
    found = places("支持泾川、崇信创建国家全域旅游示范县,华亭、灵台、庄浪、静宁力争通过省级全域旅游示范区创建评估。")
    assert {"泾川县", "崇信县", "华亭市", "灵台县", "庄浪县", "静宁县"} <= set(found)
    huating = found["华亭市"]
    assert (huating.type, huating.adcode, huating.parent, huating.inside) == ("county-city", "620881", "平凉市", True)


def test_a_town_hangs_under_the_issuer_metadata_decided_even_when_its_name_is_ambiguous():
    """两个朝阳区 (北京 110105, 长春 220104): a 长春 report's 永春镇 sits in 长春's, by the code, not by the name."""
    changchun_chaoyang = ReportMeta(place="朝阳区", place_code="220104", province="吉林省", level="county")
    town = places("永春镇新建一所中心小学。", changchun_chaoyang)["永春镇"]
    assert (town.parent, town.parent_code, town.inside) == ("朝阳区", "220104", True)


def test_far_divisions_keep_their_parent_and_are_outside():
    found = places("向真情帮扶的天津市河西区、武清区、津南区和中投公司、南开大学表示感谢")
    assert found["河西区"].parent == "天津市" and found["河西区"].adcode.startswith("12")
    assert not found["武清区"].inside and found["天津市"].type == "province"


def test_false_friends_are_not_places():
    text = (
        "打造各具千秋、优势凸显的工业富县、农业强县、文旅名县。奋力建设绿色平凉、开放平凉、兴业平凉、安宁平凉。"
        "拓展深化东西部协作。全年新增城区绿地面积14公顷。加快天门塬综合开发。"
    )
    names = set(places(text))
    assert not names & {"富县", "兴业县", "安宁区", "安宁市", "西部", "增城区", "天门市"}
    assert "天门塬" in names


def test_a_place_only_inside_a_name_is_in_name():
    found = places("静宁苹果品牌价值达到158.9亿元,习近平新时代中国特色社会主义思想。")
    assert found["静宁县"].in_name and found["中国"].in_name
    assert not places("静宁苹果产业链。支持华亭、静宁、泾川3个省级工业园区")["静宁县"].in_name


def test_rivers_ditches_and_plateaus_by_head_word():
    found = places(
        "泾河葫芦河流域水环境综合整治成效明显。实施甘沟、纸坊沟、水桥沟等八条沟道综合治理。在白庙塬建设小镇。"
    )
    assert {"泾河", "葫芦河", "甘沟", "纸坊沟", "水桥沟"} <= set(found)
    assert found["泾河"].type == "river"


def test_facility_names_are_not_places():
    names = set(
        places("加快陈家沟煤矿专用线、神峪河铁路装车站建设,新集、梁河水库等调蓄水源工程。改造提升柳湖公园、南山公园。")
    )
    assert not names & {"陈家沟", "神峪河", "梁河", "南山区", "柳湖"}


def test_generic_words_are_not_places():
    text = "重点小城镇建设成效明显。完成乡改镇10个。建成美丽乡村178个、清洁村庄1254个。所有乡镇垃圾收运处理设施全覆盖。"
    assert places(text) == {}


def test_road_segments_and_area_lists_name_small_places():
    found = places(
        "力争完成G244长庆桥至罗汉洞段、G344大桥村至北阳洼段等项目前期。推动百里、周寨南等区域煤炭资源转让开发。"
    )
    assert {"长庆桥", "罗汉洞", "大桥村", "北阳洼", "百里", "周寨南"} <= set(found)
    assert found["大桥村"].type == "village"


def test_parks_scenic_areas_and_regions():
    found = places(
        "平凉工业园区跻身全省高新技术产业开发区。申报认定华亭煤化工产业园。构建以崆峒山大景区为龙头。"
        "省上在陇东地区布局建设能源化工基地。加强与关中平原城市合作交流。推行工业园区(集中区)统一管理。"
    )
    assert found["平凉工业园区"].type == "park-area" and found["华亭煤化工产业园"].type == "park-area"
    assert found["崆峒山大景区"].type == "scenic-area" and found["陇东"].type == "region"
    assert not found["关中平原"].in_name
    assert "全省高新技术产业开发区" not in found and "工业园区" not in found


def test_a_county_short_form_before_a_river_head_is_the_river():
    found = places("全力推进海拉尔河流域、西山自然保护区生态修复", HAILAR)
    assert found["海拉尔河"].type == "river"
    assert "海拉尔区" not in found


def test_list_evidence_needs_a_word_boundary():
    names = set(places("建设跨海通道、黄茅海通道、广州白云站。新创建潮州古城、肇庆古城墙。", GUANGDONG))
    assert "通道侗族自治县" not in names and "古城区" not in names


def test_the_example_lists_the_gold_places(example_doc):
    names = {p.name for p in extract_places(example_doc) if not p.in_name}
    assert {"甘肃省", "平凉市", "崆峒区", "兰州市", "延安市", "北京市", "西峰区", "黄土高原", "西北"} <= names
    assert not names & {"城区", "中心城区", "农村", "城乡", "新建区", "安宁区"}


def test_place_index_finds_places_inside_a_span():
    text = "赤城煤矿建成投产。驰援兰州、天水等地。"
    found = list(extract_places(extraction(text)))
    start = text.index("驰援")
    assert [p.name for p in PlaceIndex(found).within(start, len(text))] == ["兰州市", "天水市"]
    assert places_in(found, 0, start) == []


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="平凉静宁华亭河沟塬镇村山、,。至段等区域工业园区甘肃天津市西部中国", max_size=60))
def test_mentions_point_at_their_text(text):
    found = list(extract_places(extraction(text)))
    for place in found:
        for m in place.mentions:
            assert text[m.start : m.end] == m.text
    firsts = [p.mentions[0].start for p in found]
    assert firsts == sorted(firsts)


@pytest.mark.shared
@pytest.mark.parametrize("name", ["hailar-2017-county.txt", "hebei-province-2022.txt"])
def test_dev_reports_have_no_generic_places(name):
    from conftest import DEV_CORPUS

    path = DEV_CORPUS / name
    from policykg.extract.document import read_report

    names = {p.name for p in extract_places(read_report(path))}
    assert not names & {"城区", "农村", "城乡", "社区", "乡村", "城镇", "健全社区", "提高社区"}


def test_a_slogan_of_mountains_is_no_place():
    assert places("牢固树立绿水青山就是金山银山理念,坚持山水林田湖草塬系统治理") == {}
