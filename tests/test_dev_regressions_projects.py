"""Regressions of projects and the outline, found by reading the output on dev reports.

Each test names the miss it covers and uses the report whose sentence failed. Skipped when
the dev corpus (../shared/corpus/dev) is absent.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from conftest import DEV_CORPUS, EXAMPLE

from policykg.extract.document import read_report, rejoin_broken_lines
from policykg.extract.normalise import NormalisedText
from policykg.extract.projects import extract_projects
from policykg.extract.records import Extraction, Project

needs_corpus = pytest.mark.shared


@cache
def _run(path: Path) -> tuple[Extraction, dict[str, Project]]:
    ex = read_report(path)
    return ex, {p.name: p for p in extract_projects(ex)}


def projects(stem: str) -> dict[str, Project]:
    return _run(DEV_CORPUS / f"{stem}.txt")[1]


def titles(stem: str) -> dict[str, int]:
    ex = _run(DEV_CORPUS / f"{stem}.txt")[0]
    return {s.title: s.level for s in ex.sections}


def test_rejoin_keeps_the_offset_map() -> None:
    text = "做到“\n两个维护\n”,坚决拥护核心\n二、今后工作"
    nt = rejoin_broken_lines(NormalisedText(text, list(range(len(text) + 1))))
    assert nt.text == "做到“两个维护”,坚决拥护核心\n二、今后工作"
    assert len(nt.offsets) == len(nt.text) + 1
    assert all(text[o] == c for c, o in zip(nt.text, nt.offsets, strict=False))


def test_rejoin_leaves_headings_and_sentences_apart() -> None:
    text = "各位代表,过去一年我们完成了全年目标任务,成绩来之不易。\n一、过去一年工作回顾\n(一)经济运行稳中向好。全年增长6%。"
    nt = rejoin_broken_lines(NormalisedText(text, list(range(len(text) + 1))))
    assert nt.text == text


@needs_corpus
def test_quoted_words_on_lines_of_their_own_do_not_break_the_outline() -> None:
    # hebei-province-2021: 二、“\n十四五\n”时期发展的总体思路和重点任务 (and 李\n克强总理\n批示)
    found = titles("hebei-province-2021")
    assert found.get("“十四五”时期发展的总体思路和重点任务") == 1
    assert found.get("2021年主要工作") == 1
    assert not {"克强总理", "全国第一", "两个维护", "“"} & set(found)


@needs_corpus
def test_a_level_word_cut_from_its_sentence_is_no_heading() -> None:
    # hebei-province-2023: 创建省\n级及以上绿色工厂100家 / 退减\n缓税费超\n1430亿元
    found = titles("hebei-province-2023")
    assert not {"级及以上绿色工厂100家", "缓税费超", "保障改善"} & set(found)
    assert found.get("实施数字赋能行动") == 3


@needs_corpus
def test_he_inside_a_name_is_no_list_separator() -> None:
    # hailar-2012: 大力推进哈克镇现代化养殖基地、和牛养殖基地等项目
    found = projects("hailar-2012-county")
    assert "和牛养殖基地" in found
    assert "牛养殖基地" not in found


def test_he_before_a_place_still_separates() -> None:
    # the example: 4条高速和平华一级公路通车运营 (和平 is no word here)
    assert "平华一级公路" in _run(EXAMPLE)[1]


@needs_corpus
def test_verbs_with_hao_and_broken_brackets_are_not_names() -> None:
    # guangdong-2026: 建好、管好、护好、运营好农村公路 / 环北部湾…一期、二期和… (含龙颈水库)
    names = set(projects("guangdong-province-2026"))
    assert not [n for n in names if n.startswith(("好", "指", "管好", "护好", "用好"))]
    assert not [n for n in names if n.count("(") != n.count(")")]
    assert "二期" not in names


@needs_corpus
def test_class_words_are_not_projects() -> None:
    # guangdong-2026: 普通公路, 高水平医院, 病险水库, 郊野公园 are kinds of facility
    names = set(projects("guangdong-province-2026"))
    assert not {"普通公路", "高水平医院", "病险水库", "郊野公园", "自然公园", "高校图书馆"} & names
    assert "港珠澳大桥" in names


@needs_corpus
def test_another_levels_facility_is_a_class() -> None:
    # baoding-2014 (a city): 推进县级文化馆、图书馆、数字影院 … (every county's)
    assert "县级文化馆" not in projects("baoding-2014")


@needs_corpus
def test_leading_verbs_are_cut() -> None:
    # hebei-2021: 设立黄骅港综合保税区; hailar-2018: 严把新上项目
    hebei = projects("hebei-province-2021")
    assert "黄骅港综合保税区" in hebei
    assert "设立黄骅港综合保税区" not in hebei
    assert not [n for n in hebei if "”" in n and "“" not in n]
    assert "严把新上项目" not in projects("hailar-2018-county")


@needs_corpus
def test_project_type_from_inner_head_and_cues() -> None:
    # guangdong-2026: 深中通道 is a road crossing; 藏粤直流 a power line
    found = projects("guangdong-province-2026")
    assert found["深中通道"].type == "road"
    assert found["藏粤直流"].type == "energy"
