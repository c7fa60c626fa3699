"""Fold full-width forms and white space while keeping a map back to the original offsets.

Extractors match on one canonical spelling (ASCII , ; : ( ) and digits), but evidence must
point into the text the user gave us; so every output character remembers where it came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

_SPACES = {"\t", "\u3000", "\u00a0", "\u2002", "\u2003", "\u2009", "\u200b", "\ufeff", " "}
_KEEP = {"、", "。", "“", "”", "‘", "’", "《", "》", "【", "】", "—", "…", "·", "〇"}


def fold_char(ch: str) -> str:
    """One character in, one character out (so offsets stay one-to-one)."""
    if ch in _KEEP:
        return ch
    if "\uff01" <= ch <= "\uff5e":  # full-width ASCII block
        return chr(ord(ch) - 0xFEE0)
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


@dataclass(frozen=True)
class NormalisedText:
    text: str
    offsets: list[int]  # offsets[i] = original offset of text[i]; one extra entry for the end

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


class _FoldTable(dict):
    """Ordinal -> folded character for ``str.translate``, filled on first sight of a character.

    Characters that the line loop treats specially (spaces, control and format characters) map
    to NUL, itself a control character, so one ``in`` test tells whether a line needs the slow path.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        special = ch in _SPACES or ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")
        folded = "\x00" if special else fold_char(ch)
        self[code] = folded
        return folded


_FOLD = _FoldTable()
_LINE_BREAKS = re.compile("[\r\n\u2028\u2029]")


def normalise(original: str, drop_line: Callable[[str], bool] | None = None) -> NormalisedText:
    """Fold characters, collapse runs of spaces, strip lines and drop empty (or unwanted) lines.

    Lines are split on \\n, \\r\\n and lone \\r. `drop_line` sees a line's folded text and
    may remove it (web-page furniture); the rest are joined by single newlines.  A line with no
    space, control or format character inside it (most lines of a report, once their indent is
    cut) is folded in one ``translate``; the others go character by character.
    """
    out_lines: list[str] = []
    out_offsets: list[int] = []
    start = 0
    for brk in (*_LINE_BREAKS.finditer(original), None):
        end = brk.start() if brk else len(original)
        if end > start:
            line = original[start:end].translate(_FOLD)
            lead = len(line) - len(line.lstrip("\x00"))  # spaces and invisibles at either end go
            line = line.strip("\x00")
            if "\x00" in line:
                line, offsets = _fold_slowly(original, start + lead, end)
            else:
                offsets = range(start + lead, start + lead + len(line))
            if line and (drop_line is None or not drop_line(line)):
                if out_lines:
                    out_offsets.append(out_offsets[-1] + 1)  # the newline joining two kept lines
                out_lines.append(line)
                out_offsets.extend(offsets)
        start = end + 1
    out_offsets.append(out_offsets[-1] + 1 if out_offsets else 0)
    return NormalisedText("\n".join(out_lines), out_offsets)


def _fold_slowly(original: str, start: int, end: int) -> tuple[str, list[int]]:
    """One line with spaces or invisible characters: runs of spaces become one, none at either end."""
    chars: list[str] = []
    offsets: list[int] = []
    for i in range(start, end):
        folded = _FOLD[ord(original[i])]
        if folded != "\x00":
            chars.append(folded)
            offsets.append(i)
        elif (original[i] in _SPACES or original[i].isspace()) and chars and chars[-1] != " ":
            chars.append(" ")
            offsets.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return "".join(chars), offsets
