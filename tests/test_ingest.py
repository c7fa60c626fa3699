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
