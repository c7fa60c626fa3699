"""Reading files: encodings, web pages, furniture, and one-line errors for what is not a report."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE

from policykg.extract.document import drop_furniture, read_report
from policykg.extract.errors import InputMissing, NotAReport
from policykg.extract.ingest import read_text
from policykg.extract.normalise import normalise


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_encodings_give_the_same_text(tmp_path: Path, encoding: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("\xa0", " ")  # GBK has no no-break space
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(text.encode(encoding, errors="strict"))
    assert read_text(path).text == text


def test_saved_web_page_keeps_the_text_and_drops_scripts(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>\n" for line in EXAMPLE.read_text(encoding="utf-8").splitlines() if line.strip())
    page = f"<html><head><title>t</title><script>var x = '过去五年工作回顾';</script></head><body>" \
           f"<div class='nav'>首页 | 新闻</div>{body}</body></html>"  # fmt: skip
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    ex = read_report(path)
    assert "var x" not in ex.text and "首页" not in ex.text
    assert [s.title for s in ex.sections if s.level == 1] == [
        s.title for s in read_report(EXAMPLE).sections if s.level == 1
    ]


def test_furniture_lines_are_dropped_but_offsets_survive() -> None:
    original = "某市政府工作报告\n正文第一段。\n(责任编辑:张三)\n精彩图片\n某市政府工作报告\n2022-03-16 16:38 来源:某市政府网\n查看余下全文"
    nt = drop_furniture(normalise(original))
    assert nt.text == "某市政府工作报告\n正文第一段。"
    start = nt.text.index("正文")
    assert original[nt.offsets[start]] == "正"


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", NotAReport),
        (b"   \n\t  \n", NotAReport),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", NotAReport),
        (bytes(range(256)) * 10, NotAReport),
        ("这是一条新闻。".encode() * 5, NotAReport),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path: Path, content: bytes, error: type) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(error) as info:
        read_report(path)
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputMissing):
        read_report(tmp_path / "nope.txt")


_SNIPPET = "过去五年,全市地区生产总值年均增长6.5%,城乡居民收入稳步提高,脱贫攻坚取得全面胜利。" * 20


def test_big5_is_not_taken_for_gb18030() -> None:
    """Big5 bytes decode as GB18030 without error, into nonsense; the scorer must pick Big5."""
    import opencc

    from policykg.extract.ingest import decode

    traditional = opencc.OpenCC("s2t").convert(_SNIPPET)
    data = traditional.encode("big5")
    data.decode("gb18030")  # no error: this is the trap
    assert decode(data) == (traditional, "big5")
    assert decode(_SNIPPET.encode("gb18030")) == (_SNIPPET, "gb18030")


def test_gbk_mojibake_is_undone_when_nothing_was_lost() -> None:
    from policykg.extract.ingest import decode

    clean = "\n".join(["城乡居民收入稳步提高", "脱贫攻坚取得全面胜利", "全市经济持续健康发展"] * 20)
    garbled = clean.encode("utf-8").decode("gb18030")  # lines of even byte counts decode without loss
    text, encoding = decode(garbled.encode("utf-8"))
    assert text == clean and "repaired" in encoding


def test_lossy_mojibake_is_refused() -> None:
    from policykg.extract.ingest import decode

    garbled = _SNIPPET.encode("utf-8").decode("gbk", errors="replace")
    with pytest.raises(NotAReport, match="replacement characters"):
        decode(garbled.encode("utf-8"))


def test_utf8_cut_inside_a_character_still_decodes() -> None:
    from policykg.extract.ingest import decode

    data = _SNIPPET.encode("utf-8")[:-2]
    assert decode(data)[0] == _SNIPPET[:-1]


def test_pager_lines() -> None:
    from policykg.extract.ingest import is_pager_line, pager_says_more

    assert pager_says_more("共3页 上一页 1 2 3 下一页 尾页")
    assert pager_says_more("[1] [2] [3] 下一页")
    assert is_pager_line("共1页") and not pager_says_more("共1页")
    assert not is_pager_line("全年新建住房3000套,完成投资12亿元")
    assert not is_pager_line("第一页内容是工作回顾")


def test_paginated_page_names_from_links_and_trs_script() -> None:
    from policykg.extract.ingest import _page_names

    links = [("./t2022_99_1.html", "2"), ("./t2022_99_2.html", "3"), ("./t2022_99_1.html", "下一页"), ("/", "首页")]
    assert _page_names("", links) == ("t2022_99", ["t2022_99.html", "t2022_99_1.html", "t2022_99_2.html"])
    script = 'createPageHTML(3, 0, "t2022_99", "shtml");'
    assert _page_names(script, []) == ("t2022_99", ["t2022_99.shtml", "t2022_99_1.shtml", "t2022_99_2.shtml"])
    assert _page_names("", [("../next-article.html", "下一篇")]) is None


def test_txt_report_quoting_markup_is_not_taken_for_a_web_page() -> None:
    from policykg.extract.ingest import looks_like_html

    assert not looks_like_html('政府工作报告\n各位代表:\n据统计<script>alert(1)</script>项目"]]>共12个<p>。')
    assert looks_like_html("<!DOCTYPE html><html><body><p>政府工作报告</p>")


def test_size_limit_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYKG_MAX_BYTES", "1000")
    path = tmp_path / "big.txt"
    path.write_bytes(EXAMPLE.read_bytes())
    with pytest.raises(NotAReport, match="limit"):
        read_text(path)


def test_traditional_report_reads_like_the_simplified_one(tmp_path: Path) -> None:
    import opencc

    original = opencc.OpenCC("s2t").convert(EXAMPLE.read_text(encoding="utf-8"))
    path = tmp_path / "trad.txt"
    path.write_text(original, encoding="utf-8")
    ex, simple = read_report(path), read_report(EXAMPLE)
    assert ex.text.count("\n") == simple.text.count("\n")
    assert [s.title for s in ex.sections if s.level == 1] == [s.title for s in simple.sections if s.level == 1]
    start = ex.text.index("工作回顾")
    assert ex.evidence(start, start + 4) == "工作回顧"
