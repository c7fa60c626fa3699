"""Read a report file as text: detect the encoding, turn a saved web page into lines of text.

Anything a user may hand us either becomes text or raises one ``PolicyKGError`` with a line
they can act on: too big, binary, PDF/office, an encoding we cannot tell, mojibake we cannot
undo, or one page of a paginated web report whose other pages are not saved beside it.
"""

from __future__ import annotations

import email
import os
import re
import stat
from dataclasses import dataclass
from email.message import Message
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from policykg.extract.errors import InputMissing, NotAReport

DEFAULT_MAX_BYTES = 20_000_000  # a report is ~100 KB; a saved page with scripts rarely passes 2 MB
MIN_PLAUSIBLE = 0.85  # share of common characters: real text >= 0.99, wrong decodings <= 0.65

_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "table", "ul", "ol", "blockquote", "pre", "hr", "dd", "dt", "title", "center", "font",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "iframe", "select", "button", "form",
              "svg", "object", "template", "head"}  # fmt: skip
_SKIP_CLASS = re.compile(r"nav|menu|footer|header|breadcrumb|share|sidebar|related|comment", re.I)
_HTML_SUFFIXES = {".htm", ".html", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"}
_PAGER_WORDS = {"下一页", "上一页", "尾页", "末页", "首页", "下页", "上页"}
_PAGE_NAME = re.compile(r"^(?P<base>.+?)(?:_(?P<n>\d{1,3}))?(?P<ext>\.s?html?)$", re.I)
_CREATE_PAGE = re.compile(r"createPageHTML\(\s*(\d{1,3})\s*,\s*\d+\s*,\s*[\"']([^\"']+)[\"']\s*,\s*[\"'](\w+)[\"']")


def max_bytes() -> int:
    """The size limit for one input file (env POLICYKG_MAX_BYTES, in bytes)."""
    try:
        return int(os.environ.get("POLICYKG_MAX_BYTES", DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class RawText:
    text: str  # decoded text; for a web page, its visible text with one block per line
    encoding: str
    from_html: bool
    note: str = ""  # what was repaired or joined on the way, for a log line


class _TextOfPage(HTMLParser):
    """Visible text of a page, one block element per line, menus and scripts left out; links kept aside."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._stack: list[tuple[str, bool]] = []
        self.title = ""
        self._in_title = False
        self.links: list[tuple[str, str]] = []  # (href, anchor text)
        self._href: str | None = None
        self._anchor: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag == "a":
            self._href = next((v or "" for k, v in attrs if k == "href"), "")
            self._anchor = []
        attr = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        skip = tag in _SKIP_TAGS or bool(attr and _SKIP_CLASS.search(attr))
        if tag not in ("br", "hr", "img", "meta", "link", "input", "wbr", "area", "base", "col", "source"):
            self._stack.append((tag, skip))
            if skip:
                self._skip_depth += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._anchor).strip()))
            self._href = None
        if any(open_tag == tag for open_tag, _ in self._stack):
            while self._stack:
                open_tag, skip = self._stack.pop()
                if skip:
                    self._skip_depth -= 1
                if open_tag == tag:
                    break
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._anchor.append(data)
        if self._in_title:
            self.title += data
        elif self._skip_depth == 0:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """A page starts with markup; a .txt report that quotes "<p>" or "<script>" in its prose does not."""
    head = text[:2000].lower()
    if re.match(r"\s*<(?:!doctype html|html|\?xml|head|body|meta|!--)", head):
        return True
    return len(re.findall(r"<(?:p|div|br|span|td|table|body)[\s>/]", head)) >= 5


def _parse_page(page: str) -> _TextOfPage:
    parser = _TextOfPage()
    parser.feed(page)
    parser.close()
    return parser


def _visible(parser: _TextOfPage) -> str:
    return re.sub(r"\n\s*\n+", "\n\n", "".join(parser.parts))


def html_to_text(page: str) -> str:
    return _visible(_parse_page(page))


_PAGER_LINE = re.compile(
    r"(?:[\s\[\]【】<>«»|·:]|共\s*\d+\s*页|第\s*\d+\s*页|\d{1,3}|下一页|上一页|首页|尾页|末页|下页|上页|页码|跳转|GO)+",
    re.I,
)


def is_pager_line(line: str) -> bool:
    """A line of page links: 共3页 上一页 1 2 3 下一页 尾页."""
    line = line.strip()
    return "页" in line and _PAGER_LINE.fullmatch(line) is not None


def pager_says_more(line: str) -> bool:
    """A pager line that points to pages beyond this one."""
    pages = re.search(r"共\s*(\d+)\s*页", line)
    return is_pager_line(line) and ("下一页" in line or "下页" in line or bool(pages and int(pages[1]) > 1))


def strip_pager_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not is_pager_line(line))


def _plausibility(text: str, sample: int = 30000) -> float:
    """Share of letters (beyond ASCII) that are common Chinese characters in GB2312 or Big5 level 1.

    A right decoding scores >= 0.99 on every dev report (simplified or traditional); Big5 read
    as GB18030, GBK read as Big5, or UTF-8 read as GBK or Latin-1 score 0-0.65.
    """
    letters = [ch for ch in text[:sample] if ord(ch) > 0x7F and (ch.isalpha() or 0xE000 <= ord(ch) <= 0xF8FF)]
    if not letters:
        return 1.0
    return sum(map(_common, letters)) / len(letters)


@lru_cache(maxsize=16384)  # a report's letters are a few thousand distinct characters, each read many times
def _common(ch: str) -> bool:
    if ord(ch) < 0x2E80 or 0x3040 <= ord(ch) <= 0x30FF:  # Latin, Greek, Cyrillic, kana: a wrong decoding's
        return False
    try:
        b = ch.encode("gb2312")
        if len(b) == 2 and 0xB0 <= b[0] <= 0xF7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        return len(b) == 2 and 0xA440 <= (b[0] << 8 | b[1]) <= 0xC67E
    except UnicodeEncodeError:
        return False


def _utf8_allowing_cut(data: bytes) -> str | None:
    """UTF-8, forgiving only a multi-byte character cut off at the very end (a truncated download)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.start >= len(data) - 3 and err.reason == "unexpected end of data":
            return data[: err.start].decode("utf-8", errors="strict")
        return None


def _repair_mojibake(text: str) -> tuple[str, str] | None:
    """UTF-8 bytes once read as GBK/GB18030 (or Latin-1/cp1252) and saved: undo it if nothing was lost."""
    for wrong in ("gb18030", "cp1252", "latin-1"):
        try:
            repaired = text.encode(wrong).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != text and _plausibility(repaired) >= MIN_PLAUSIBLE:
            return repaired, wrong
    return None


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (BOM or not), UTF-16 with BOM, GB18030 (superset of GBK/GB2312) or Big5; else refuse.

    GB18030 decodes any Big5 file without error, into nonsense: each candidate is scored by the
    share of common characters and the best plausible one wins; UTF-8 text that is itself a
    wrong decoding (mojibake) is undone when that loses nothing, refused otherwise.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise NotAReport("the file starts like UTF-16 text but is not valid UTF-16") from None
    text = _utf8_allowing_cut(data)
    if text is not None:
        if _plausibility(text) >= MIN_PLAUSIBLE:
            return text, "utf-8"
        repaired = _repair_mojibake(text)
        if repaired is not None:
            return repaired[0], f"utf-8 (repaired: it had been read as {repaired[1]})"
        if text.count("\ufffd") > max(3, len(text) // 1000):
            raise NotAReport(
                f"the text holds {text.count(chr(0xFFFD))} replacement characters (�): it was read with the wrong "
                "encoding and saved, which cannot be undone; get the original file"
            )
        raise NotAReport(
            "the text looks garbled (mojibake: UTF-8 read as another encoding and saved); get the original"
        )
    scored: list[tuple[float, str, str]] = []
    for encoding in ("gb18030", "big5", "big5hkscs", "cp950"):
        try:
            candidate = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        scored.append((_plausibility(candidate), encoding, candidate))
    if not scored:
        raise NotAReport("cannot decode the file as text (not UTF-8, GB18030 or Big5)")
    score, encoding, text = max(scored, key=lambda x: x[0])
    if score < MIN_PLAUSIBLE:
        raise NotAReport(
            f"cannot tell the file's encoding (best guess {encoding} gives garbled text); save it as UTF-8"
        )
    return text, encoding


_MAGIC = (
    (b"%PDF", "the file is a PDF; save the report as text or HTML first"),
    (b"PK\x03\x04", "the file is a zip or office document (docx/xlsx); save the report as text first"),
    (b"\xd0\xcf\x11\xe0", "the file is an old office document (doc/xls); save the report as text first"),
    (b"{\\rtf", "the file is RTF; save the report as plain text first"),
    (b"\x1f\x8b", "the file is gzip-compressed; unpack it first"),
    (b"\x89PNG", "the file is an image, not text"),
    (b"\xff\xd8\xff", "the file is an image, not text"),
    (b"GIF8", "the file is an image, not text"),
    (b"\x7fELF", "the file is a program, not text"),
)


def _check_bytes(data: bytes) -> None:
    if not data.strip():
        raise NotAReport("the file is empty")
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise NotAReport(message)
    sample = data[:65536]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16: NUL bytes are its high halves
    if b"\x00" in sample:
        raise NotAReport("the file is binary, not text")
    controls = sum(sample.count(bytes([b])) for b in range(32) if b not in (9, 10, 12, 13, 27))
    if controls > len(sample) // 100:
        raise NotAReport("the file is binary, not text")


def _too_large(size: float, limit: int) -> NotAReport:
    return NotAReport(
        f"the file is {size / 1e6:.1f} MB, above the {limit / 1e6:.0f} MB limit for one report "
        "(set POLICYKG_MAX_BYTES to raise it)"
    )


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, at most max_bytes() of them.

    Only regular files: a FIFO, a device (/dev/zero) or a terminal has no size to check and may
    never end.  Opened without blocking (a FIFO would wait for a writer), checked on the open
    descriptor, then read with a bound, so a file that grows meanwhile cannot pass the limit.
    """
    try:
        if path.is_dir():
            raise InputMissing(f"is a directory, not a report file: {path}")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise InputMissing(f"is a directory, not a report file: {path}")
            if not stat.S_ISREG(info.st_mode):
                raise InputMissing(f"not a regular file (a pipe, device or terminal): {path}")
            limit = max_bytes()
            if info.st_size > limit:
                raise _too_large(info.st_size, limit)
            os.set_blocking(fd, True)
            data = handle.read(limit + 1)
            if len(data) > limit:
                raise _too_large(len(data), limit)
            return data
    except FileNotFoundError:
        raise InputMissing(f"no such file: {path}") from None
    except IsADirectoryError:
        raise InputMissing(f"is a directory, not a report file: {path}") from None
    except PermissionError:
        raise InputMissing(f"cannot read {path}: permission denied") from None
    except OSError as err:
        raise InputMissing(f"cannot read {path}: {err.strerror or err}") from None


def _mhtml_page(text: str) -> str | None:
    """The HTML part of a page saved as MHTML (.mht), decoded with its declared charset."""
    if not re.match(r"(?:From:[^\n]*\n)?(?:[\w-]+:[^\n]*\n)*MIME-Version:", text[:2000], re.I):
        return None
    message = email.message_from_string(text)
    for part in message.walk() if message.is_multipart() else [message]:
        if isinstance(part, Message) and part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset() or "utf-8"
                try:
                    return payload.decode(charset)
                except (LookupError, UnicodeDecodeError):
                    return decode(payload)[0]
    return None


def _page_names(page: str, links: list[tuple[str, str]]) -> tuple[str, list[str]] | None:
    """The file names of all pages of a paginated article (TRS-style name.html, name_1.html …)."""
    made = _CREATE_PAGE.search(page)
    if made and int(made[1]) >= 2:
        base, ext = made[2], "." + made[3]
        return base, [base + ext] + [f"{base}_{i}{ext}" for i in range(1, int(made[1]))]
    numbered: dict[str, dict[int, str]] = {}
    for href, label in links:
        if label not in _PAGER_WORDS and not re.fullmatch(r"\[?\d{1,3}\]?", label):
            continue
        name = href.split("?")[0].split("#")[0].rsplit("/", 1)[-1]
        match = _PAGE_NAME.match(name)
        if match and "://" not in href:
            numbered.setdefault(match["base"] + match["ext"].lower(), {})[int(match["n"] or 0)] = name
    if not numbered:
        return None
    key, pages = max(numbered.items(), key=lambda kv: len(kv[1]))
    if max(pages) < 1:
        return None
    base, ext = key.rsplit(".", 1)
    return base, [f"{base}.{ext}"] + [f"{base}_{i}.{ext}" for i in range(1, max(pages) + 1)]


def _join_pages(path: Path, page: str, parser: _TextOfPage) -> tuple[str, str] | None:
    """All pages' text when the page is one of several saved side by side; refuse when some are missing."""
    found = _page_names(page, parser.links)
    if found is None:
        return None
    _, names = found
    folder = path.parent
    missing = [n for n in names if not (folder / n).is_file() and n != path.name]
    if path.name not in names and len(missing) == 1:
        missing = []  # the page the user saved under another name is the one not found by its own name
    if missing:
        raise NotAReport(
            f"{path.name} is one page of a {len(names)}-page web article; save the other pages "
            f"({', '.join(missing[:4])}{' …' if len(missing) > 4 else ''}) in the same folder, or the report as text"
        )
    texts = []
    for name in names:
        file = folder / name
        if not file.is_file() or file.resolve() == path.resolve():
            texts.append(_visible(parser))
            continue
        data = _read_bytes(file)
        _check_bytes(data)
        texts.append(html_to_text(decode(data)[0]))
    return _drop_repeated_header(texts), f"joined {len(names)} saved pages"


def _drop_repeated_header(texts: list[str]) -> str:
    """Later pages repeat the first page's title and date lines: keep them once."""
    first_lines = {ln.strip() for ln in texts[0].split("\n")[:60] if ln.strip()}
    out = [texts[0]]
    for text in texts[1:]:
        lines = text.split("\n")
        k = 0
        while k < len(lines) and (not lines[k].strip() or lines[k].strip() in first_lines):
            k += 1
        out.append("\n".join(lines[k:]))
    return "\n".join(out)


def read_text(path: Path) -> RawText:
    """Bytes on disk to text, with one-line errors a user can act on."""
    path = Path(path)
    data = _read_bytes(path)
    _check_bytes(data)
    text, encoding = decode(data)
    page = _mhtml_page(text)
    if page is None and not (path.suffix.lower() in _HTML_SUFFIXES or looks_like_html(text)):
        return RawText(text, encoding, False, encoding if encoding.startswith("utf-8 (") else "")
    page = page if page is not None else text
    parser = _parse_page(page)
    joined = _join_pages(path, page, parser)
    if joined is not None:
        return RawText(strip_pager_lines(joined[0]), encoding, True, joined[1])
    return RawText(_visible(parser), encoding, True)
