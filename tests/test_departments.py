"""Department lexicon: names by level, functions, stated responsibility, inference."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.extract.departments import (
    assign_departments,
    department_name,
    find_park,
    function_of,
    lexicon,
    stated_departments,
)
from policykg.extract.records import ReportMeta

CITY = ReportMeta(place="平凉市", level="prefecture")
PROVINCE = ReportMeta(place="河北省", level="province")
REGION = ReportMeta(place="宁夏回族自治区", level="province")
MUNICIPALITY = ReportMeta(place="重庆市", level="province")
COUNTY = ReportMeta(place="高阳县", level="county")
DISTRICT = ReportMeta(place="海拉尔区", level="county")
METAS = (CITY, PROVINCE, REGION, MUNICIPALITY, COUNTY, DISTRICT)


@pytest.mark.parametrize(
    ("function", "meta", "name"),
    [
        ("发展改革", PROVINCE, "省发展改革委"),
        ("工信", PROVINCE, "省工业和信息化厅"),
        ("交通运输", PROVINCE, "省交通运输厅"),
        ("交通运输", REGION, "自治区交通运输厅"),
        ("发展改革", CITY, "市发展改革委"),
        ("工信", CITY, "市工信局"),
        ("水务", CITY, "市水务局"),
        ("发展改革", COUNTY, "县发展改革局"),
        ("工信", COUNTY, "县工信局"),
        ("农业农村", DISTRICT, "区农业农村局"),
        ("卫健", MUNICIPALITY, "市卫健委"),
        ("下级政府", CITY, "各县(市、区)政府"),
        ("团委", COUNTY, "团县委"),
        ("城管", PROVINCE, "省住房城乡建设厅"),  # no provincial 城管: 住建 does the job
        ("能源", COUNTY, "县发展改革局"),
    ],
)
def test_standard_names_follow_the_level(function, meta, name):
    assert department_name(function, meta) == name


@pytest.mark.parametrize("meta", METAS, ids=lambda m: m.place)
def test_every_standard_name_reads_back_as_its_function(meta):
    lex = lexicon()
    for function, dep in lex.departments.items():
        key = ("province", "prefecture", "county").index(meta.level)
        name = department_name(function, meta, park="平凉工业园区")
        if dep.names[key] or meta is MUNICIPALITY:
            assert function_of(name) == function, name


def test_park_name_is_taken_from_the_report():
    text = "推行工业园区统一垂直管理。启动平凉工业园区创建国家级高新区,平凉工业园区扩区调位。"
    assert find_park(text, CITY) == "平凉工业园区"
    assert department_name("园区管委会", CITY, park="平凉工业园区") == "平凉工业园区管委会"


def test_stated_responsibility_wins():
    text = "推进老旧小区改造。(牵头单位:住建厅;配合单位:财政厅、自然资源厅)"
    out = assign_departments(text, "住房", PROVINCE)
    assert [(d.name, d.role, d.stated) for d in out] == [
        ("省住建厅", "lead", True),  # named at the report's level
        ("省财政厅", "support", True),
        ("省自然资源厅", "support", True),
    ]
    assert out[0].function == "住建"


def test_led_by_phrase_is_read():
    assert stated_departments("由市发展改革委牵头,建立重大项目调度机制") == (["市发展改革委"], [])
    # "龙头企业牵头组建创新联合体" names no department
    assert stated_departments("支持科技领军企业牵头组建创新联合体") == ([], [])


names = st.sampled_from(["省住建厅", "市财政局", "县交通运输局", "市发展改革委", "区民政局", "市卫健委"])


@given(st.lists(names, min_size=1, max_size=3, unique=True), st.lists(names, max_size=3, unique=True))
def test_stated_lists_round_trip(leads, supports):
    text = "(牵头单位:" + "、".join(leads) + (";配合单位:" + "、".join(supports) if supports else "") + ")"
    assert stated_departments("加快推进。" + text) == (leads, supports)


def test_inferred_lead_comes_first_with_its_cues():
    # the example's "聚焦产业链精准招商" paragraph, opening
    text = "按照产业链图谱,充分利用资源优势,健全激励奖励机制,市县联动组团式招商、市场化招商"
    out = assign_departments(text, "开放合作", CITY, title="聚焦产业链精准招商")
    assert out[0].role == "lead" and out[0].name == "市投资促进局"
    assert "精准招商" in out[0].cues and not out[0].stated
    assert all(d.role == "support" for d in out[1:]) and len(out) >= 3


def test_same_task_is_named_by_level():
    text = "深化全民参保行动,落实养老金正常调整机制,做好高校毕业生、农民工、退役军人等重点群体就业"
    title = "加强就业和社会保障"
    assert assign_departments(text, "就业社保", PROVINCE, title=title)[0].name == "省人力资源社会保障厅"
    assert assign_departments(text, "就业社保", COUNTY, title=title)[0].name == "县人社局"
    assert assign_departments(text, "就业社保", DISTRICT, title=title)[0].name == "区人社局"


# --- names of the report's year ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "meta", "year", "name"),
    [
        ("生态环境", CITY, 2015, "市环保局"),
        ("生态环境", PROVINCE, 2018, "省环境保护厅"),
        ("生态环境", CITY, 2019, "市生态环境局"),
        ("自然资源", COUNTY, 2017, "县国土资源局"),
        ("农业农村", DISTRICT, 2012, "区农业局"),
        ("林草", PROVINCE, 2016, "省林业厅"),
        ("卫健", CITY, 2016, "市卫计委"),
        ("卫健", CITY, 2012, "市卫健委"),  # 卫生局 shares no stem with 卫健委: today's name
        ("乡村振兴", CITY, 2014, "市乡村振兴局"),  # 扶贫办 is not folded by a reader either
        ("乡村振兴", PROVINCE, 2026, "省农业农村厅"),  # merged into 农业农村 in 2023
        ("乡村振兴", COUNTY, 2024, "县农业农村局"),
        ("应急", COUNTY, 2015, "县应急局"),
        ("交通运输", CITY, 2012, "市交通运输局"),
    ],
)
def test_departments_are_named_as_in_the_reports_year(function, meta, year, name):
    from dataclasses import replace

    assert department_name(function, replace(meta, year=year)) == name


@pytest.mark.parametrize("year", [2012, 2015, 2018])
@pytest.mark.parametrize("meta", METAS, ids=lambda m: m.place)
def test_era_names_read_back_as_their_function(meta, year):
    from dataclasses import replace

    dated = replace(meta, year=year)
    for function, dep in lexicon().departments.items():
        name = department_name(function, dated, park="平凉工业园区")
        if name and function_of(name) != "下级政府":
            assert function_of(name) in (function, dep.fallback.get("county", ""), "住建"), name


# --- stated responsibility, in the forms offices write it ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(牵头单位:市住房和城乡建设局;责任单位:各县(市、区)政府)", (["市住房和城乡建设局"], ["各县(市、区)政府"])),
        ("【牵头单位:市发展改革委,配合单位:市财政局和市审计局】", (["市发展改革委"], ["市财政局", "市审计局"])),
        ("(市住建局牵头,市财政局、市自然资源局配合)", (["市住建局"], ["市财政局", "市自然资源局"])),
        ("(牵头市领导:张三;牵头单位:市教育局)", (["市教育局"], [])),
        ("(责任单位:市文化和旅游局)", (["市文化和旅游局"], [])),
        ("(牵头:市商务局、市投资促进局)", (["市商务局", "市投资促进局"], [])),
        ("\n牵头单位:省民政厅;配合单位:省财政厅\n", (["省民政厅"], ["省财政厅"])),
        ("(牵头单位:省水利厅 配合单位:省财政厅、省卫生健康委)", (["省水利厅"], ["省财政厅", "省卫生健康委"])),
        ("(由县水利局牵头,县财政局配合)", (["县水利局"], ["县财政局"])),
        ("(责任单位:省教育厅,省发展改革委)", (["省教育厅", "省发展改革委"], [])),
        (
            "(牵头责任单位:省教育厅 省财政厅;协作单位:省人力资源社会保障厅)",
            (["省教育厅", "省财政厅"], ["省人力资源社会保障厅"]),
        ),
        ("(负责单位:县卫健局)", (["县卫健局"], [])),
        # a label run on to the item where the line break was lost
        ("城乡低保标准提高5%以上牵头单位:省民政厅;配合单位:省财政厅", (["省民政厅"], ["省财政厅"])),
        ("支持龙头企业牵头:组建创新联合体", ([], [])),
        # a label without a colon is a word of the sentence
        ("压实责任单位主体责任", ([], [])),
        # "由一个部门牵头、多个部门协同" (sichuan 2026) names no department
        ("由一个部门牵头、多个部门协同", ([], [])),
    ],
)
def test_stated_forms(text, expected):
    assert stated_departments("推进重点工作。" + text) == expected


def test_stated_lead_wins_over_inference():
    text = "深入打好污染防治攻坚战。(牵头单位:市住建局;配合单位:市生态环境局)"
    out = assign_departments(text, "生态环境", CITY, title="深入打好污染防治攻坚战")
    assert out[0].name == "市住建局" and out[0].stated


counties = st.sampled_from(["各县(市、区)政府", "各县(区)政府", "各乡镇(街道)"])


@given(st.lists(names, min_size=1, max_size=2, unique=True), counties)
def test_nested_parentheses_stay_inside_one_name(leads, county):
    text = "(牵头单位:" + "、".join(leads) + ";责任单位:" + county + ")"
    assert stated_departments(text) == (leads, [county])


def test_terse_heading_is_read_in_the_light_of_its_item():
    from policykg.extract.domains import classify_domain

    # "强龙头" names nothing itself; the item it sits under is about farming
    text = "培育壮大龙头企业,加强农超对接和直营店建设,延伸产业链条,提高工业化水平。"

    def lead(title: str, context: str = ""):
        domain = classify_domain(text, title, context)[0]
        return assign_departments(text, domain, CITY, title=title, context=context)[0]

    assert lead("强龙头").function == "工信"
    framed = lead("强龙头", "努力让农业强起来")
    assert framed.function == "农业农村" and "context:农业" in framed.cues
    # a heading with words of its own is not overruled by its item
    assert lead("推进工业提质", "努力让农业强起来").function == "工信"


def test_unnamed_parks_are_led_by_the_office_over_them():
    text = "加快推进34个园区建设,大力提升园区承载能力,鼓励社会力量参与园区(开发区)建设管理。"
    assert assign_departments(text, "工业", CITY, title="推进园区上档升级")[0].name == "市发展改革委"
    named = assign_departments(text, "工业", CITY, title="推进园区上档升级", park="平凉工业园区")
    assert named[0].name == "平凉工业园区管委会"
    zone = assign_departments(text, "宏观经济", PROVINCE, title="推进雄安新区建设", zone="雄安新区")
    assert zone[0].name == "雄安新区管委会" and zone[0].function == "园区管委会"


def test_government_conduct_stays_with_the_offices_that_answer_for_it():
    # a 政府自身建设 paragraph whose examples touch money and schools is still about conduct
    text = "坚持过紧日子,严控一般性支出,压减预算,把更多财力用于学校和医院建设,提升为民服务效能。"
    free = assign_departments(text, "财政金融", PROVINCE, title="进一步提升为民服务效能")
    own = assign_departments(text, "财政金融", PROVINCE, title="进一步提升为民服务效能", own_conduct=True)
    assert free[0].function == "财政"
    assert own[0].function in lexicon().self_functions
    assert all(d.function in lexicon().self_functions for d in own)
