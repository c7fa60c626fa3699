"""Sub-headings run into paragraphs, part kinds from cues and years, parts named by bare lines.

The sentences are quoted from real work reports (regression inputs); the rules they exercise
recognise shapes (ordinals, parallel short sentences, shared openings), not these words.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.extract.inline_headings import find_inline_headings
from policykg.extract.metadata import read_metadata
from policykg.extract.normalise import normalise
from policykg.extract.part_kinds import five_year_span, part_kind
from policykg.extract.records import PART_ANNUAL, PART_OTHER, PART_PLAN, PART_REVIEW, PART_SELF, ReportMeta
from policykg.extract.structure import find_sections


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _inline(text: str, container: str, level: int = 2) -> list[tuple[int, str]]:
    """Run-in headings found under one container heading (the first line's first sentence)."""
    text = normalise(text).text
    start = text.index(container)
    found = find_inline_headings(text, _lines(text), [(level, start, start + len(container))])
    return [(h.level, h.title) for h in found]


def test_ordinal_clauses_after_a_colon_are_sub_headings() -> None:
    text = (
        "三、2023年目标任务和主要工作\n"
        "实际工作中,着力把握以下几点:一是夯实“稳”的基础。把稳字当头、稳中求进贯穿始终,着力改善社会预期。"
        "二是把握“高”的要求。把质量第一、效益优先贯穿始终,紧扣高质量发展主题。"
        "三是保持“快”的节奏。把马上就办、真抓实干贯穿始终,态度更坚决一点。"
    )
    assert _inline(text, "三、2023年目标任务和主要工作", level=1) == [
        (2, "夯实“稳”的基础"),
        (2, "把握“高”的要求"),
        (2, "保持“快”的节奏"),
    ]


def test_a_semicolon_list_of_problems_is_no_heading_set() -> None:
    text = (
        "(三)存在的问题\n在肯定成绩的同时,我们也清醒地看到,全县经济社会发展中依然存在一些深层次矛盾和问题。"
        "一是经济发展的质量和效益还不够高,传统产业转型升级步伐需要全面加快;二是高科技、高精尖、高质量发展项目少;"
        "三是城乡基础设施欠账较多。"
    )
    assert _inline(text, "(三)存在的问题") == []


def test_circled_numbers_run_into_a_paragraph_are_sub_headings() -> None:
    text = (
        "(一)保障雄安\n一年来,我们认真落实市委、市政府要求,为对接服务雄安新区规划建设提供了有力保障。"
        "①加强房地产管控。坚持房子是用来住的定位,召开县政府常务会议研究确定商品房销售最高限价。"
        "②加强规划管控。全面对标对表雄安新区,聘请设计研究院对城乡总体规划进行修编。"
        "③加强土地管控。健全完善县乡村三级土地网格化监管机制,强力开展违法建设专项整治。"
    )
    assert _inline(text, "(一)保障雄安") == [(3, "加强房地产管控"), (3, "加强规划管控"), (3, "加强土地管控")]


def test_parallel_short_sentences_inside_an_item_are_sub_headings() -> None:
    text = (
        "(五)抓生态治污染,绿色低碳发展成效明显。推进减污降碳协同增效,加快发展方式绿色转型。强化污染防治。"
        "实施工业企业全面达标排放等专项行动,空气质量持续改善。加强生态修复。"
        "统筹山水林田湖草沙系统治理,完成营造林面积持续扩大。推进低碳发展。"
        "严格控制高耗能高排放项目,可再生能源装机规模不断扩大。"
    )
    found = _inline(text, "(五)抓生态治污染,绿色低碳发展成效明显。")
    assert found == [(3, "强化污染防治"), (3, "加强生态修复"), (3, "推进低碳发展")]


def test_short_statements_deep_in_a_paragraph_are_not_headings() -> None:
    text = (
        "(六)倾心倾力保障民生,社会事业全面进步。52项惠民实事基本完成。城乡居民社会养老保险参保率达到96.8%。"
        "义务教育标准化学校建设扎实推进,校安工程改造成效显著。基层医疗卫生机构全部实施基本药物制度。"
        "开展文化润古城活动,举办大中型文艺演出60余场次,文化生活日渐丰富。低生育水平保持稳定。"
        "安全生产和食品药品安全工作得到加强。统计、审计、档案、史志等工作取得新成绩。"
    )
    assert _inline(text, "(六)倾心倾力保障民生,社会事业全面进步。") == []


def test_two_short_sentences_side_by_side_are_a_list_not_headings() -> None:
    text = (
        "(七)增进民生福祉\n加强老龄工作,建成一批医养中心和养老服务中心。落实退役军人工作政策制度改革措施。"
        "全面提升残疾人康复托养服务能力。落实三孩生育政策及配套措施,支持发展普惠性高质量托育机构。"
    )
    assert _inline(text, "(七)增进民生福祉") == []


def test_paragraphs_opening_with_the_same_words_head_the_review() -> None:
    text = (
        "一、过去五年工作回顾\n"
        "这五年,是综合经济实力稳步提升的五年。我们始终坚持发展第一要务,着力打基础利长远、提质量增效益。\n"
        "这五年,是重大国家战略深入实施的五年。我们紧紧扭住承接北京非首都功能疏解牛鼻子,加快发展。\n"
        "这五年,是生态环境显著改善的五年。我们全面贯彻生态文明思想,在治理污染、修复生态中营造人居环境。"
    )
    titles = [t for _, t in _inline(text, "一、过去五年工作回顾", level=1)]
    assert titles == [
        "这五年,是综合经济实力稳步提升的五年",
        "这五年,是重大国家战略深入实施的五年",
        "这五年,是生态环境显著改善的五年",
    ]


_REPORT = """各位代表:
现在,我代表市人民政府向大会报告工作,请予审议。
{review}
过去一年,我们坚持稳中求进工作总基调,全力以赴稳增长、促改革、调结构、惠民生、防风险。
{item1}
{item2}
{plan}
今年经济社会发展的主要预期目标是:地区生产总值增长6%左右。
{item3}
{item4}
"""


def _report(**parts: str) -> str:
    defaults = {
        "review": "一、2021年工作回顾",
        "item1": "(一)聚焦扩大内需,确保经济平稳运行。全年固定资产投资增长8%,社会消费品零售总额增长6%。",
        "item2": "(二)强化科技创新,建设现代化产业体系。高新技术企业达到200家,研发投入持续增加。",
        "plan": "二、2022年重点工作",
        "item3": "(一)着力扩大有效需求,推动经济稳中向好。扩大有效投资。新开工重大项目100个以上。",
        "item4": "(二)加快发展新质生产力,推动产业提质增效。培育新兴产业。壮大数字经济核心产业规模。",
    }
    return _REPORT.format(**{**defaults, **parts})


def test_an_address_to_the_deputies_closes_the_item_before_it() -> None:
    text = _report(
        item2="(二)强化科技创新,建设现代化产业体系。高新技术企业达到200家,研发投入持续增加。\n"
        "各位代表!五年来,我们经受住世纪疫情严重冲击。一是综合实力再上台阶。经济总量跨越新的台阶。"
        "二是创新引领成势见效。科技创新综合实力进入全国前列。三是民生福祉持续改善。城乡居民收入稳步增长。"
    )
    sections = find_sections(text, read_metadata(text))
    by_title = {s.title: s for s in sections}
    assert by_title["综合实力再上台阶"].level == 2 and by_title["综合实力再上台阶"].parent == "S1"
    item = by_title["强化科技创新,建设现代化产业体系"]
    assert item.body_end == text.index("各位代表!五年来")


def test_bare_part_lines_over_numbered_items() -> None:
    text = _report(
        review="2021年工作回顾",
        item1="一、聚焦扩大内需,确保经济平稳运行。全年固定资产投资增长8%,社会消费品零售总额增长6%。",
        item2="二、强化科技创新,建设现代化产业体系。高新技术企业达到200家,研发投入持续增加。",
        plan="2022年重点工作",
        item3="一、着力扩大有效需求,推动经济稳中向好。新开工重大项目100个以上。",
        item4="二、加快发展新质生产力,推动产业提质增效。壮大数字经济核心产业规模。",
    )
    sections = find_sections(text, read_metadata(text))
    outline = [(s.level, s.title, s.part) for s in sections if s.level <= 2]
    assert outline == [
        (1, "2021年工作回顾", PART_REVIEW),
        (2, "聚焦扩大内需,确保经济平稳运行", PART_REVIEW),
        (2, "强化科技创新,建设现代化产业体系", PART_REVIEW),
        (1, "2022年重点工作", PART_ANNUAL),
        (2, "着力扩大有效需求,推动经济稳中向好", PART_ANNUAL),
        (2, "加快发展新质生产力,推动产业提质增效", PART_ANNUAL),
    ]


def test_numbered_parts_stay_parts() -> None:
    text = _report()
    sections = find_sections(text, read_metadata(text))
    assert [(s.title, s.part) for s in sections if s.level == 1] == [
        ("2021年工作回顾", PART_REVIEW),
        ("2022年重点工作", PART_ANNUAL),
    ]


def test_part_kinds_of_real_headings() -> None:
    cases = {
        ("2025年和“十四五”时期工作回顾", 2026): PART_REVIEW,
        ("2020年工作回顾和“十三五”时期发展成就", 2021): PART_REVIEW,
        ("“十三五”时期经济社会发展成就", 2021): PART_REVIEW,
        ("“十五五”时期主要目标和重大举措", 2026): PART_PLAN,
        ("今后五年政府工作总体安排", 2023): PART_PLAN,
        ("2023年目标任务和主要工作", 2023): PART_ANNUAL,
        ("2014年工作总体要求", 2014): PART_ANNUAL,
        ("主要预期目标和重点工作", 2020): PART_ANNUAL,
        ("全面加强政府自身建设", 2022): PART_SELF,
        ("努力建设让人民满意的法治型服务型政府", 2026): PART_SELF,
        ("聚力打造环京津增长极,做强跨越发展的支撑", 2014): PART_OTHER,
    }
    assert {key: part_kind(*key) for key in cases} == cases


@given(st.integers(min_value=2001, max_value=2040), st.integers(min_value=1, max_value=6))
def test_years_against_the_planned_year_decide_the_kind(plan_year: int, back: int) -> None:
    assert part_kind(f"{plan_year - back}年工作回顾", plan_year) == PART_REVIEW
    assert part_kind(f"{plan_year - back}年主要工作", plan_year) == PART_REVIEW
    assert part_kind(f"{plan_year}年主要工作", plan_year) == PART_ANNUAL


@given(st.sampled_from("一二三四五六七八九"))
def test_five_year_plans_span_five_years_from_2006(n: str) -> None:
    start, end = five_year_span(f"“十{n}五”时期") or (0, 0)
    assert end - start == 4 and (start - 2006) % 5 == 0
    assert part_kind(f"“十{n}五”时期主要目标任务", end + 1) == PART_REVIEW
    assert part_kind(f"“十{n}五”时期主要目标任务", start) == PART_PLAN


_SENTENCES = st.sampled_from(
    [
        "一是夯实“稳”的基础。",
        "二是把握“高”的要求。",
        "①加强房地产管控。",
        "②加强规划管控。",
        "强化污染防治。",
        "加强生态修复。",
        "这五年,是生态环境显著改善的五年。",
        "我们要旗帜鲜明讲政治,",
        "实施工业企业全面达标排放等专项行动,空气质量持续改善。",
        "各位代表!",
        "(一)聚焦扩大内需。",
        ":",
        ";",
        "\n",
    ]
)


@settings(max_examples=200)
@given(st.lists(_SENTENCES, max_size=30).map("".join), st.integers(min_value=1, max_value=3))
def test_inline_headings_lie_inside_the_text_in_order(body: str, level: int) -> None:
    text = "(一)总体要求\n" + body
    found = find_inline_headings(text, _lines(text), [(level, 0, 6)])
    for h in found:
        assert 0 < h.start < h.end <= len(text) and h.level == level + 1 <= 3
        assert h.title and h.title in text[h.start : h.end]
    assert [h.start for h in found] == sorted(h.start for h in found)


def test_no_forward_part_is_reported_as_a_note() -> None:
    from policykg.extract.document import read_document

    review_only = _report(plan="二、2021年主要成绩", item3="", item4="") + "全市上下团结一心,各项事业取得新进展。" * 20
    ex = read_document(review_only, "review-only.txt")
    assert any("no forward-looking part" in note for note in ex.notes)
    assert not any("no forward-looking part" in note for note in read_document(_report(), "r.txt").notes)


def test_meta_without_year_still_decides_kinds() -> None:
    assert part_kind("过去五年工作回顾", ReportMeta().plan_year) == PART_REVIEW
    assert part_kind("2022年重点工作", None) == PART_ANNUAL


def test_arabic_numbered_clauses_after_the_item_heading_are_sub_headings() -> None:
    text = (
        "(二)以物流园区建设为重点,做强现代服务业\n全年计划投资12.7亿元,实施重点商贸流通项目17个。"
        "1.加快物流园区建设,完善园区基础设施。推进仓储、冷链和配送中心建设。"
        "2.繁荣城市商贸,培育新的消费热点。改造提升传统商圈和专业市场。"
        "3.发展金融服务业,引进股份制银行。支持地方金融机构做大做强。"
    )
    assert [t for _, t in _inline(text, "(二)以物流园区建设为重点,做强现代服务业")] == [
        "加快物流园区建设,完善园区基础设施",
        "繁荣城市商贸,培育新的消费热点",
        "发展金融服务业,引进股份制银行",
    ]


def test_a_part_whose_heading_names_no_kind_is_judged_by_its_wording() -> None:
    from policykg.extract.part_kinds import kind_from_body

    plans = (
        "要坚持把发展经济着力点放在实体经济上,加快推进新型工业化。力争规模以上工业增加值增长7%。"
        "确保粮食播种面积稳定在1000万亩以上。将推动数字经济和实体经济深度融合,加快培育新兴产业。"
    ) * 3
    past = (
        "一年来,我们坚持稳中求进,全市经济运行总体平稳。规模以上工业增加值增长了6.5%,"
        "新建改造高标准农田30万亩,城镇新增就业3.2万人。去年完成固定资产投资850亿元。"
    ) * 3
    assert kind_from_body(plans) == PART_ANNUAL
    assert kind_from_body(past) == PART_REVIEW
    assert kind_from_body("加快发展。") == PART_OTHER
    text = _report(plan="二、坚持创新驱动,加快产业转型", item3=plans, item4="")
    kinds = [s.part for s in find_sections(text, read_metadata(text)) if s.level == 1]
    assert kinds == [PART_REVIEW, PART_ANNUAL]


_SEMICOLON_ITEM = (
    "(三)加强生态环境保护。坚持生态优先、绿色发展,持续改善环境质量。"
    "一是加强污染治理,深入实施大气污染防治行动,确保空气质量优良天数比例稳定提升;"
    "二是推进生态修复,实施重点区域生态保护和修复工程,完成营造林面积持续扩大;"
    "三是倡导绿色低碳,推动能源结构调整,加快发展可再生能源。"
)


def test_semicolon_joined_ordinal_clauses_head_a_forward_item() -> None:
    text = "二、2024年重点工作\n" + _SEMICOLON_ITEM
    start = text.index("(三)")
    head = "(三)加强生态环境保护。"
    found = find_inline_headings(text, _lines(text), [(1, 0, start - 1), (2, start, start + len(head))])
    assert [(h.level, h.title) for h in found] == [(3, "加强污染治理"), (3, "推进生态修复"), (3, "倡导绿色低碳")]
    assert all(";" not in text[h.start : h.end - 1] for h in found)


def test_semicolon_joined_ordinal_clauses_in_a_review_are_not_headings() -> None:
    text = "一、2023年工作回顾\n" + _SEMICOLON_ITEM
    start = text.index("(三)")
    head = "(三)加强生态环境保护。"
    found = find_inline_headings(
        text, _lines(text), [(1, 0, start - 1), (2, start, start + len(head))], review_parts={0}
    )
    assert found == []


def test_each_heading_says_which_rule_made_it() -> None:
    text = _report(
        item2="(二)强化科技创新,建设现代化产业体系。高新技术企业达到200家,研发投入持续增加。\n"
        "各位代表!五年来,我们经受住世纪疫情严重冲击。一是综合实力再上台阶。经济总量跨越新的台阶。"
        "二是创新引领成势见效。科技创新综合实力进入全国前列。"
    )
    rules = {s.title: s.rule for s in find_sections(text, read_metadata(text))}
    assert rules["2021年工作回顾"] == "numbered-part; kind by heading"
    assert rules["强化科技创新,建设现代化产业体系"] == "item"
    assert rules["综合实力再上台阶"] == "inline-ordinal"
