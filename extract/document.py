"""Text in, document model out: decoded, normalised, furniture dropped, outline found."""

from __future__ import annotations

import os
import re
from pathlib import Path

from policykg.extract.convert import simplify_if_traditional
from policykg.extract.errors import NotAReport
from policykg.extract.ingest import is_pager_line, pager_says_more, read_text
from policykg.extract.metadata import read_metadata
from policykg.extract.normalise import NormalisedText, normalise
from policykg.extract.records import FORWARD_PARTS, Extraction
from policykg.extract.structure import find_paragraphs, find_sections, find_sentences

_FURNITURE = re.compile(
    r"^\(?(?:责任编辑|编辑|校对|审核|来源|稿源|作者|点击数|浏览次数|发布时间)[:：]"
    r"|^精彩图片$|查看余下全文|^(?:打印|关闭|返回顶部|分享到|字号|相关链接|相关报道|上一篇|下一篇|扫一扫|【[^】]{1,6}】)"
    r"|^\d{4}[-年/]\d{1,2}[-月/]\d{1,2}日?\s*\d{1,2}:\d{2}(?::\d{2})?"
    r"|^[【\[]?(?:大|中|小)[】\]]?\s*[【\[]?(?:大|中|小)[】\]]?$"
)


DEFAULT_MAX_CHARS = 300_000  # the longest dev report has ~33,000; bounds the extractors' time and memory
DEFAULT_MAX_LINE = 20_000  # the longest paragraph in the dev corpus has 1,760 characters
DEFAULT_MAX_SECTIONS = 2_000  # the dev reports have 5-106 headings; each heading becomes ~100 triples
_OPENING = re.compile(r"各位代表|我代表[^。\n]{0,30}(?:向大会|作|报告)")
# a numbered part heading naming a part of a work report (一、过去一年工作回顾 / 二、2024年重点工作)
_NUMBERED_PART = re.compile(
    r"^[一二三四五六七八九十]{1,2}、[^\n。]{0,30}(?:回顾|目标|任务|安排|重点工作|自身建设)[^\n。]{0,20}$", re.M
)
_SENTENCE_CLOSE = "。!?…”’」』)】>》;\"'"


def _limit(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def max_chars() -> int:
    """The limit on a report's text after normalising (env POLICYKG_MAX_CHARS)."""
    return _limit("POLICYKG_MAX_CHARS", DEFAULT_MAX_CHARS)


def max_line() -> int:
    """The limit on one paragraph's length (env POLICYKG_MAX_LINE)."""
    return _limit("POLICYKG_MAX_LINE", DEFAULT_MAX_LINE)


def max_sections() -> int:
    """The limit on headings in one report (env POLICYKG_MAX_SECTIONS)."""
    return _limit("POLICYKG_MAX_SECTIONS", DEFAULT_MAX_SECTIONS)


def check_size(text: str, source: str) -> None:
    """Refuse text whose size would make the extractors run for minutes (they are not all linear)."""
    if len(text) > max_chars():
        raise NotAReport(
            f"{source}: {len(text)} characters of text, above the limit of {max_chars()} for one report "
            "(set POLICYKG_MAX_CHARS to raise it)"
        )
    longest = max(map(len, text.split("\n")), default=0)
    if longest > max_line():
        raise NotAReport(
            f"{source}: a paragraph of {longest} characters, above the limit of {max_line()} "
            "(a report saved without line breaks? set POLICYKG_MAX_LINE to raise it)"
        )


def is_furniture(line: str) -> bool:
    """Web page furniture around a report: sources, editors, buttons, timestamps, page links."""
    return bool(_FURNITURE.search(line)) or (len(line) <= 60 and "来源:" in line) or is_pager_line(line)


def check_not_one_page(text: str, source: str) -> None:
    """Refuse the text of one page of a paginated article: its graph would look complete and not be."""
    if "页" in text and any(pager_says_more(line) for line in text.split("\n")):
        raise NotAReport(
            f"{source}: this is one page of a paginated web article (下一页); save all its pages "
            "side by side as .html, or the whole report as text"
        )


def check_complete(text: str, source: str) -> list[str]:
    """A note when the report breaks off mid-sentence: its graph holds only what is there.

    Not a refusal: a report whose last line merely lacks a full stop (an appendix list, a
    caption) must still build, and a truncated one still yields correct facts for its part.
    """
    lines = text.split("\n")
    last = lines[-1] if lines else ""
    if len(last) >= 30 and last[-1] not in _SENTENCE_CLOSE:
        return [f"{source}: the report breaks off mid-sentence (…{last[-12:]}); the file may be truncated"]
    return []


def drop_furniture(nt: NormalisedText) -> NormalisedText:
    """Remove furniture lines and a repeated title (plus what follows it) near the end."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in nt.text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    keep = [not is_furniture(nt.text[s:e]) for s, e in lines]
    if lines:
        first = nt.text[lines[0][0] : lines[0][1]]
        tail_from = max(1, len(lines) - 6)
        for i in range(tail_from, len(lines)):
            if nt.text[lines[i][0] : lines[i][1]] == first and len(first) >= 6:
                for j in range(i, len(lines)):
                    keep[j] = False
                break
    chars: list[str] = []
    offsets: list[int] = []
    for (s, e), kept in zip(lines, keep, strict=False):
        if not kept:
            continue
        if chars:
            chars.append("\n")
            offsets.append(offsets[-1] + 1)
        chars.append(nt.text[s:e])
        offsets.extend(nt.offsets[s:e])
    offsets.append(offsets[-1] + 1 if offsets else 0)
    return NormalisedText("".join(chars), offsets)


_OPENS = "“‘(《【[「"
_CONTINUES = "”’)》】]」,.。、;:!?"
_STOPS = re.compile(r"[。;:!?]")
_HEADING_START = re.compile(
    r"[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[.、](?!\d)|第[一二三四五六七八九十]"
)
_PROSE_MIN = 30  # a line this long with a comma is prose, not a heading
_FRAGMENT_MAX = 30  # a line this short without stops is a fragment cut out of prose (a bold word)


def _broken_after(line: str, nxt: str) -> str:
    """How the line break between `line` and `nxt` cuts a sentence (a web page's bold or quoted word):
    "mark" (an opening quote before it, a closing mark after it), "fragment" (prose stops
    mid-sentence before a short piece of text), or "" (a real break)."""
    if not line or not nxt:
        return ""
    if line[-1] in _OPENS or nxt[0] in _CONTINUES:
        return "mark"
    prose = len(line) >= _PROSE_MIN and ("。" in line or ("," in line and not _HEADING_START.match(line)))
    fragment = len(nxt) <= _FRAGMENT_MAX and not _STOPS.search(nxt) and not _HEADING_START.match(nxt)
    return "fragment" if prose and line[-1] not in _SENTENCE_CLOSE and fragment else ""


def rejoin_broken_lines(nt: NormalisedText) -> NormalisedText:
    """Join lines a web page broke around emphasised words ("“\\n十四五\\n”时期"), keeping the offset map.

    A break is undone where a line ends with an opening quote or bracket, where the next line
    starts with closing or continuing punctuation, or where prose stops mid-sentence before a
    short fragment; after such a fragment the sentence goes on on the following line.
    """
    lines = nt.text.split("\n")
    if len(lines) < 2:
        return nt
    joins = [False] * len(lines)  # joins[i]: line i is glued to line i-1
    current = lines[0]
    after_fragment = False
    for i in range(1, len(lines)):
        nxt = lines[i]
        how = _broken_after(current, nxt)
        glue = bool(how) or (
            after_fragment and bool(nxt) and not _HEADING_START.match(nxt) and current[-1:] not in _SENTENCE_CLOSE
        )
        after_fragment = how == "fragment"
        joins[i] = glue
        current = current + nxt if glue else nxt
    if not any(joins):
        return nt
    chars: list[str] = []
    offsets: list[int] = []
    pos = 0
    for i, line in enumerate(lines):
        if i and not joins[i]:
            chars.append("\n")
            offsets.append(nt.offsets[pos - 1])
        chars.append(line)
        offsets.extend(nt.offsets[pos : pos + len(line)])
        pos += len(line) + 1
    offsets.append(nt.offsets[len(nt.text)])
    return NormalisedText("".join(chars), offsets)


def read_document(original: str, source: str) -> Extraction:
    """Build the document model of a report's text (no extractors run yet)."""
    if len(original) > 3 * max_chars():  # normalising drops white space only; no need to walk it all
        raise NotAReport(
            f"{source}: {len(original)} characters, far above the limit of {max_chars()} for one report "
            "(set POLICYKG_MAX_CHARS to raise it)"
        )
    nt = normalise(original)
    check_size(nt.text, source)
    if not nt.text.strip():
        raise NotAReport(f"{source}: the file is empty (white space only)")
    nt = simplify_if_traditional(nt)
    check_not_one_page(nt.text, source)
    nt = drop_furniture(nt)
    nt = rejoin_broken_lines(nt)
    if len(re.findall(r"[\u4e00-\u9fff]", nt.text)) < 200:
        raise NotAReport(f"{source}: too little Chinese text to be a work report")
    if not _OPENING.search(nt.text[:5000]) and len(_NUMBERED_PART.findall(nt.text)) < 2:
        raise NotAReport(
            f"{source}: no report opening (各位代表 / 我代表…向大会报告工作): not a government work report"
        )
    notes = check_complete(nt.text, source)
    meta = read_metadata(nt.text)
    sections = find_sections(nt.text, meta)
    if not any(s.level == 1 for s in sections):
        raise NotAReport(f"{source}: no report structure found (no parts such as 工作回顾 / 重点工作)")
    if len(sections) > max_sections():
        raise NotAReport(
            f"{source}: {len(sections)} headings, above the limit of {max_sections()} for one report "
            "(set POLICYKG_MAX_SECTIONS to raise it)"
        )
    if not any(s.part in FORWARD_PARTS for s in sections):
        notes.append(
            f"{source}: no forward-looking part found (今后五年 / 年度重点工作): the report yields no tasks or targets"
        )
    paragraphs = find_paragraphs(nt.text, sections)
    return Extraction(
        source=source,
        text=nt.text,
        original=original,
        offsets=nt.offsets,
        meta=meta,
        sections=sections,
        paragraphs=paragraphs,
        sentences=find_sentences(nt.text, paragraphs),
        notes=notes,
    )


def read_report(path: str | Path) -> Extraction:
    """Read a report file (UTF-8/GB18030 text or saved HTML) into the document model."""
    path = Path(path)
    raw = read_text(path)
    return read_document(raw.text, path.name)
