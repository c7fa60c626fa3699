"""Read a report file as text: detect the encoding, turn a saved web page into lines of text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from policykg.extract.errors import InputMissing, NotAReport

_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "table", "ul", "ol", "blockquote", "pre", "hr", "dd", "dt", "title", "center", "font",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "iframe", "select", "button", "form",
              "svg", "object", "template", "head"}  # fmt: skip
_SKIP_CLASS = re.compile(r"nav|menu|footer|header|breadcrumb|share|sidebar|related|comment", re.I)


@dataclass(frozen=True)
class RawText:
    text: str  # decoded text; for a web page, its visible text with one block per line
    encoding: str
    from_html: bool


class _TextOfPage(HTMLParser):
    """Visible text of a page, one block element per line, menus and scripts left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._stack: list[tuple[str, bool]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        attr = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        skip = tag in _SKIP_TAGS or bool(attr and _SKIP_CLASS.search(attr))
        if tag not in ("br", "hr", "img", "meta", "link", "input"):
            self._stack.append((tag, skip))
            if skip:
                self._skip_depth += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        while self._stack:
            open_tag, skip = self._stack.pop()
            if skip:
                self._skip_depth -= 1
            if open_tag == tag:
                break
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif self._skip_depth == 0:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return bool(re.search(r"<(!doctype html|html|body|p|div|meta)[\s>]", head))


def html_to_text(page: str) -> str:
    parser = _TextOfPage()
    parser.feed(page)
    parser.close()
    text = "".join(parser.parts)
    text = html.unescape(text)
    return re.sub(r"\n\s*\n+", "\n\n", text)


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK/GB2312)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise NotAReport("cannot decode the file as UTF-8 or GB18030 text")


def _check_bytes(data: bytes) -> None:
    if not data.strip():
        raise NotAReport("the file is empty")
    if data.startswith(b"%PDF"):
        raise NotAReport("the file is a PDF; save the report as text or HTML first")
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise NotAReport("the file is an office document (docx/xls); save the report as text first")
    sample = data[:65536]
    if b"\x00" in sample and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotAReport("the file is binary, not text")


def read_text(path: Path) -> RawText:
    """Bytes on disk to text, with one-line errors a user can act on."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputMissing(f"no such file: {path}") from None
    except IsADirectoryError:
        raise InputMissing(f"is a directory, not a report file: {path}") from None
    except OSError as err:
        raise InputMissing(f"cannot read {path}: {err.strerror}") from None
    _check_bytes(data)
    text, encoding = decode(data)
    if looks_like_html(text):
        return RawText(html_to_text(text), encoding, True)
    return RawText(text, encoding, False)
