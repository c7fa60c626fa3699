"""Text in, document model out: decoded, normalised, furniture dropped, outline found."""

from __future__ import annotations

import re
from pathlib import Path

from policykg.extract.errors import NotAReport
from policykg.extract.ingest import read_text
from policykg.extract.metadata import read_metadata
from policykg.extract.normalise import NormalisedText, normalise
from policykg.extract.records import Extraction
from policykg.extract.structure import find_paragraphs, find_sections, find_sentences

_FURNITURE = re.compile(
    r"^\(?(?:责任编辑|编辑|校对|审核|来源|稿源|作者|点击数|浏览次数|发布时间)[:：]"
    r"|^精彩图片$|查看余下全文|^(?:打印|关闭|返回顶部|分享到|字号|相关链接|相关报道|上一篇|下一篇|扫一扫|【[^】]{1,6}】)"
    r"|^\d{4}[-年/]\d{1,2}[-月/]\d{1,2}日?\s*\d{1,2}:\d{2}(?::\d{2})?"
    r"|^[【\[]?(?:大|中|小)[】\]]?\s*[【\[]?(?:大|中|小)[】\]]?$"
)


def is_furniture(line: str) -> bool:
    """Web page furniture around a report: sources, editors, buttons, timestamps."""
    return bool(_FURNITURE.search(line)) or (len(line) <= 60 and "来源:" in line)


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


def read_document(original: str, source: str) -> Extraction:
    """Build the document model of a report's text (no extractors run yet)."""
    nt = drop_furniture(normalise(original))
    if len(re.findall(r"[\u4e00-\u9fff]", nt.text)) < 200:
        raise NotAReport(f"{source}: too little Chinese text to be a work report")
    meta = read_metadata(nt.text)
    sections = find_sections(nt.text, meta)
    if not any(s.level == 1 for s in sections):
        raise NotAReport(f"{source}: no report structure found (no parts such as 工作回顾 / 重点工作)")
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
    )


def read_report(path: str | Path) -> Extraction:
    """Read a report file (UTF-8/GB18030 text or saved HTML) into the document model."""
    path = Path(path)
    raw = read_text(path)
    return read_document(raw.text, path.name)
