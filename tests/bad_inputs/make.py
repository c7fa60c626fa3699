"""Generate the bad-input corpus: every kind of file a user may hand `policykg build`.

Most cases are derived from the bundled example report at generation time (re-encoded, cut,
wrapped in a web page …), so nothing large or binary is committed.  Run

    python tests/bad_inputs/make.py DEST          # write the cases into DEST
    python tests/bad_inputs/make.py --table       # print the README table

tests/test_bad_inputs.py calls `build(dest)` into a temporary folder.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from policykg.extract.errors import ExitCode

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent.parent / "policykg" / "examples" / "pingliang-2021-12.txt"
BIG_BYTES = 50_000_000
OK, MISSING, NOT_REPORT = ExitCode.OK, ExitCode.INPUT_MISSING, ExitCode.NOT_A_REPORT  # extract/errors.py decides them


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    exit_code: ExitCode  # what `policykg build FILE --no-store` must return
    message: str  # a fragment the one stderr line must hold on failure ("" on success)
    make: Callable[[Path], Path]  # writes the input into a folder, returns the file to pass
    slow: bool = False


def _example() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def _page(body_lines: list[str], title: str, extra: str = "") -> str:
    body = "\n".join(f"<p>{line}</p>" for line in body_lines if line.strip())
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + title + "</title>"
        "<script>var menu = ['首页', '政务公开']; document.write('一、过去五年工作回顾');</script>"
        "<style>p { margin: 0 }</style></head><body>"
        "<div class='nav-menu'><a href='/'>首页</a> | <a href='/zwgk/'>政务公开</a> | <a href='/xwzx/'>新闻中心</a></div>"
        "<div class='breadcrumb'>当前位置: 首页 &gt; 政务公开 &gt; 政府工作报告</div>"
        f"<div class='article'><h1>{title}</h1><div class='info'>发布时间: 2022-03-16 16:38 来源: 市政府办公室</div>"
        f"{body}{extra}</div>"
        "<div class='footer'>主办: 市人民政府办公室 | 网站标识码 0000000000</div>"
        "<script>window.onload = function () { console.log('</p>'); };</script></body></html>"
    )


def _lines() -> list[str]:
    return [line for line in _example().splitlines() if line.strip()]


def _web_page(folder: Path) -> Path:
    return _write(folder, "report.html", _page(_lines(), "政府工作报告"))


def _pager(n: int, current: int, base: str) -> str:
    links = [f"<a href='{base}{'' if i == 0 else f'_{i}'}.html'>{i + 1}</a>" for i in range(n) if i != current]
    nxt = f"<a href='{base}_{current + 1}.html'>下一页</a>" if current + 1 < n else ""
    return f"<div class='page'>共{n}页 {' '.join(links)} {nxt}</div>"


def _split_pages(folder: Path, keep: tuple[int, ...] = (0, 1, 2)) -> Path:
    """A report split over three saved pages, named the way government CMSs name them."""
    lines, base = _lines(), "t20220316_1234567"
    third = len(lines) // 3
    chunks = [lines[:third], lines[third : 2 * third], lines[2 * third :]]
    for i in keep:
        name = f"{base}{'' if i == 0 else f'_{i}'}.html"
        _write(folder, name, _page(chunks[i], "政府工作报告", _pager(3, i, base)))
    return folder / f"{base}.html"


def _page_one_only(folder: Path) -> Path:
    return _split_pages(folder, keep=(0,))


def _pasted_first_page(folder: Path) -> Path:
    lines = _lines()
    return _write(folder, "page1.txt", "\n".join([*lines[: len(lines) // 3], "共3页 上一页 1 2 3 下一页 尾页"]))


def _mojibake_gbk(folder: Path) -> Path:
    return _write(folder, "mojibake-gbk.txt", _example().encode("utf-8").decode("gb18030", errors="replace"))


def _mojibake_latin1(folder: Path) -> Path:
    return _write(folder, "mojibake-latin1.txt", _example().encode("utf-8").decode("latin-1"))


def _truncated(folder: Path) -> Path:
    text = _example()
    cut = text.index("。", len(text) // 2) - 10
    return _write(folder, "truncated.txt", text[:cut])


def _truncated_bytes(folder: Path) -> Path:
    data = _example().encode("utf-8")
    cut = data.index("。".encode(), len(data) // 2) - 4  # inside a three-byte character
    return _write(folder, "truncated-bytes.txt", data[:cut])


def _huge(folder: Path) -> Path:
    path = folder / "huge.txt"
    block = _example().encode("utf-8")
    with path.open("wb") as out:
        for _ in range(BIG_BYTES // len(block) + 1):
            out.write(block)
    return path


def _opening() -> str:
    """The example's title, meeting line and opening paragraph: a report start with no outline yet."""
    text = _example()
    return text[: text.index("\n", text.index("我代表"))]


def _one_long_line(folder: Path) -> Path:
    head = _opening()
    return _write(
        folder, "long-line.txt", head + "\n一、过去一年工作回顾\n" + "推进经济社会高质量发展," * 200_000 + "。"
    )


def _many_headings(folder: Path) -> Path:
    head = _opening()
    items = "".join(f"(一)推进第{i}项重点工作。\n" for i in range(10_000))
    return _write(folder, "many-headings.txt", head + "\n一、过去一年工作回顾\n二、今年重点工作\n" + items)


def _many_numbers(folder: Path) -> Path:
    prose = next(line for line in _lines() if len(line) > 150)  # one real paragraph, so it reads as a report
    body = "".join(f"{i % 97}.{i % 9}%," for i in range(100_000))
    text = _opening() + "\n一、过去一年工作回顾\n" + prose + "\n二、今年重点工作\n主要指标增长" + body + "。"
    return _write(folder, "many-numbers.txt", text)


def _script_in_text(folder: Path) -> Path:
    text = _example()
    marker = text.index("。", text.index("各位代表") + 200) + 1
    evil = '据统计<script>alert("x")</script>项目"]]>共&nbsp;12个<b>已建成</b>。'
    return _write(folder, "script-in-text.txt", text[:marker] + evil + text[marker:])


def _mhtml(folder: Path) -> Path:
    import base64

    page = _page(_lines(), "政府工作报告").encode("gb18030")
    body = base64.encodebytes(page).decode("ascii")
    mime = (
        "From: <Saved by Blink>\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
        "------B\r\nContent-Type: text/html; charset=gb18030\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        f"{body}\r\n------B--\r\n"
    )
    return _write(folder, "report.mht", mime)


def _binary(folder: Path) -> Path:
    return _write(folder, "binary.txt", random.Random(7).randbytes(40_000))


def _binary_no_nul(folder: Path) -> Path:
    rng = random.Random(8)
    return _write(folder, "noise.txt", bytes(rng.randrange(0x80, 0x100) for _ in range(40_000)))


def _zip(folder: Path) -> Path:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return _write(folder, "report.docx", buf.getvalue())


def _directory(folder: Path) -> Path:
    (folder / "a-folder").mkdir(exist_ok=True)
    return folder / "a-folder"


CASES: list[Case] = [
    Case("empty", "empty file", NOT_REPORT, "empty", lambda d: _write(d, "empty.txt", b"")),
    Case("whitespace", "spaces, tabs, newlines only", NOT_REPORT, "empty", lambda d: _write(d, "blank.txt", " \t\r\n\u3000\n")),
    Case("binary", "random bytes with NULs, named .txt", NOT_REPORT, "binary", _binary),
    Case("noise", "random high bytes, no NULs", NOT_REPORT, "cannot decode", _binary_no_nul),
    Case("pdf", "a PDF saved with a .txt name", NOT_REPORT, "PDF", lambda d: _write(d, "report.txt", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj")),
    Case("docx", "an office document", NOT_REPORT, "office", _zip),
    Case("directory", "a folder instead of a file", MISSING, "directory", _directory),
    Case("missing", "a file that does not exist", MISSING, "no such file", lambda d: d / "nope.txt"),
    Case("huge", "a 50 MB file", NOT_REPORT, "limit", _huge, slow=True),
    Case("gb18030", "the report in GB18030", OK, "", lambda d: _write(d, "gb.txt", _example().encode("gb18030"))),
    Case(
        "big5",
        "the report in traditional characters, Big5",
        OK,
        "",
        lambda d: _write(d, "big5.txt", _traditional(_example()).encode("big5", errors="replace")),
    ),
    Case("traditional-utf8", "traditional characters, UTF-8", OK, "", lambda d: _write(d, "trad.txt", _traditional(_example()))),
    Case("utf16", "UTF-16 with BOM", OK, "", lambda d: _write(d, "u16.txt", _example().encode("utf-16"))),
    Case("crlf", "CRLF line ends", OK, "", lambda d: _write(d, "crlf.txt", _example().replace("\n", "\r\n"))),
    Case(
        "mixed-eol",
        "\\n, \\r\\n and lone \\r mixed",
        OK,
        "",
        lambda d: _write(d, "mixed.txt", "".join(ln + ("\r\n", "\n", "\r")[i % 3] for i, ln in enumerate(_example().split("\n")))),
    ),
    Case("web-page", "a saved web page with scripts and menus", OK, "", _web_page),
    Case("mhtml", "a page saved as MHTML (GB18030 inside base64)", OK, "", _mhtml),
    Case("pages-joined", "a report over 3 saved pages (下一页), all saved side by side", OK, "", _split_pages),
    Case("page-one-only", "page 1 of 3 saved alone", NOT_REPORT, "3-page web article", _page_one_only),
    Case("pasted-page-one", "text of page 1 with its 下一页 line", NOT_REPORT, "paginated", _pasted_first_page),
    Case("mojibake-gbk", "UTF-8 read as GB18030 (lossy) and saved", NOT_REPORT, "replacement characters", _mojibake_gbk),
    Case("mojibake-latin1", "UTF-8 read as Latin-1 and saved", OK, "", _mojibake_latin1),
    Case("truncated", "cut mid-sentence", OK, "mid-sentence", _truncated),
    Case("truncated-bytes", "cut inside a UTF-8 character", OK, "mid-sentence", _truncated_bytes),
    Case("news", "a news article, no report structure", NOT_REPORT, "not a government work report", lambda d: _write(d, "news.txt", (HERE / "news-article.txt").read_bytes())),
    Case("script-in-text", '<script> and "]]> inside the report text', OK, "", _script_in_text),
    Case("long-line", "a 7 MB single line", NOT_REPORT, "limit", _one_long_line),
    Case("many-headings", "10,000 numbered items", NOT_REPORT, "limit", _many_headings),
    Case("many-numbers", "100,000 numbers in one paragraph", NOT_REPORT, "limit", _many_numbers),
]  # fmt: skip


def build(dest: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Write the cases (all, or those named) into dest; return case name -> file to pass."""
    dest.mkdir(parents=True, exist_ok=True)
    out = {}
    for case in CASES:
        if names is None or case.name in names:
            folder = dest / case.name
            folder.mkdir(exist_ok=True)
            out[case.name] = case.make(folder)
    return out


def table() -> str:
    rows = ["| case | input | exit | what the user sees |", "|---|---|---|---|"]
    for c in CASES:
        if c.exit_code != OK:
            seen = f"one stderr line with “{c.message}”"
        elif c.message:
            seen = f"the graph of what is there, and a `policykg: warning:` line with “{c.message}”"
        else:
            seen = "builds the graph"
        rows.append(f"| `{c.name}` | {c.what} | {int(c.exit_code)} | {seen} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dest", nargs="?", type=Path)
    ap.add_argument("--table", action="store_true", help="print the README table")
    args = ap.parse_args(argv)
    if args.table:
        print(table())
        return 0
    if args.dest is None:
        ap.error("give a folder to write the cases into")
    for name, path in build(args.dest).items():
        print(f"{name}\t{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
