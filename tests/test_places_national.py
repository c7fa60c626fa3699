"""Places from national data: towns of the issuer's territory, the world, regions, head words.

Sentences are quoted from the dev reports (regression inputs); the data they rely on are
national lists, not these reports' places.
"""

from __future__ import annotations

from policykg.extract.gazetteer import Gazetteer, town_short
from policykg.extract.places import extract_places
from policykg.extract.records import Extraction, ReportMeta

BAODING = ReportMeta(place="保定市", place_code="130600", province="河北省", level="prefecture")
GAOYANG = ReportMeta(place="高阳县", place_code="130628", province="河北省", level="county")
HAILAR = ReportMeta(place="海拉尔区", place_code="150702", province="内蒙古自治区", level="county")
QINGHAI = ReportMeta(place="青海省", place_code="630000", province="青海省", level="province")
SHAANXI = ReportMeta(place="陕西省", place_code="610000", province="陕西省", level="province")


def places(text: str, meta: ReportMeta) -> dict[str, object]:
    ex = Extraction(source="t", text=text, original=text, offsets=list(range(len(text) + 1)), meta=meta)
    return {p.name: p for p in extract_places(ex) if not p.in_name}


def test_town_short_names_drop_the_head_and_ethnic_words():
    assert [town_short(n) for n in ("白沟镇", "东坝乡", "锦华街道", "化隆回族乡", "乡")] == [
        "白沟",
        "东坝",
        "锦华",
        "化隆",
        "",
    ]


def test_towns_are_listed_for_every_level_of_the_issuer():
    gaz = Gazetteer.load()
    county = {name for name, _ in gaz.towns(gaz.by_code["130628"])}
    assert {"庞口镇", "西演镇", "蒲口乡"} <= county
    prefecture = {name for name, _ in gaz.towns(gaz.by_code["130600"])}
    assert county < prefecture and "白沟镇" in prefecture


def test_towns_of_the_territory_by_short_name_with_their_county():
    found = places("积极推进白沟、涿州松林店、蠡县留史、高阳庞口、定兴固城等特色小镇建设。", BAODING)
    assert {"白沟", "松林店", "留史", "庞口", "高阳县", "定兴县"} <= set(found)
    assert found["庞口"].type == "town" and found["庞口"].inside


def test_a_town_name_inside_a_facility_name_is_no_town():
    found = places("实施了庞口大道整治提升工程。完成柳湖路改造。", GAOYANG)
    assert "庞口" not in found


def test_full_and_short_town_name_are_one_place():
    found = places("推进庞口镇汽配市场升级。庞口汽配城年交易额增长。", GAOYANG)
    assert "庞口镇" in found and "庞口" not in found


def test_countries_blocs_and_world_regions():
    found = places("积极开拓香港、台湾、新加坡、美国、德国等有合作基础的国(境)外地区。", BAODING)
    assert {"新加坡", "美国", "德国"} <= set(found)
    assert found["美国"].type == "country" and not found["美国"].inside
    found = places("加强同中亚、东南亚、中东国家合作交流。对中亚五国、东盟进出口分别增长37.2%。", QINGHAI)
    assert {"中亚", "东南亚", "中东", "东盟"} <= set(found)
    assert found["东盟"].type == "region" and not found["东盟"].inside


def test_sub_regions_of_a_province():
    found = places("关中、陕北、陕南产业协同态势加快形成。", SHAANXI)
    assert {"关中", "陕北", "陕南"} <= set(found)


def test_autonomous_county_by_short_name_and_plain_suffix():
    found = places("因转移及时,化隆县谢家滩乡拉扎村山体滑坡未造成人员伤亡。", QINGHAI)
    assert {"化隆回族自治县", "谢家滩乡", "拉扎村"} <= set(found)


def test_heritage_sites_wetlands_and_water_sources_by_head_word():
    found = places("保护好海拉尔河湿地、西山湿地和黑羊站水源地。做好谢尔塔拉墓地、哈克遗址等文物保护区规划。", HAILAR)
    assert {"西山湿地", "黑羊站水源地", "谢尔塔拉墓地", "哈克遗址"} <= set(found)
    assert "革命遗址" not in places("加强革命遗址保护利用。", HAILAR)


def test_regions_named_after_places():
    found = places("加快推进西安都市圈同城化。推进关中平原城市群建设。", SHAANXI)
    assert "西安都市圈" in found and found["西安都市圈"].type == "region"
    assert "西安市" in found  # the place the region is named after still counts


def test_features_in_a_list_with_a_known_one():
    found = places("开展渭河、无定河等环境治理提升。", SHAANXI)
    assert {"渭河", "无定河"} <= set(found)
    found = places("黑独山、同宝山、拉脊山出圈走红。", QINGHAI)
    assert {"黑独山", "同宝山", "拉脊山"} <= set(found)


def test_last_item_of_a_list_of_divisions_stands_alone():
    found = places("安康、石泉分别入选全国第一批美丽城市。", SHAANXI)
    assert {"安康市", "石泉县"} <= set(found)


def test_far_short_form_inside_a_word_is_no_place():
    found = places("加快引黄济宁、引通济柴工程前期工作。", QINGHAI)
    assert "济宁市" not in found


def test_a_class_of_towns_is_no_town_even_where_one_bears_that_name():
    yunnan = ReportMeta(place="云南省", place_code="530000", province="云南省", level="province")
    found = places("聚焦县城周边、中心镇和中心村,推动产业集聚。", yunnan)
    assert "中心镇" not in found


def test_a_direction_inside_a_division_is_no_region():
    found = places("在保定市东部区域,规划建设河北白洋淀科技城。积极承接东部产业转移。", BAODING)
    assert "东部" not in found


def test_a_town_short_name_at_the_head_of_another_name_is_no_town():
    sichuan = ReportMeta(place="四川省", place_code="510000", province="四川省", level="province")
    found = places("打造大熊猫、都江堰、三苏祠、翠云廊等国际文旅品牌。包括武都引水、升钟灌区等。", sichuan)
    assert not {"三苏", "升钟"} & set(found)
