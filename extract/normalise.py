"""Fold full-width forms and white space while keeping a map back to the original offsets.

Extractors match on one canonical spelling (ASCII , ; : ( ) and digits), but evidence must
point into the text the user gave us; so every output character remembers where it came from.
"""

from __future__ import annotations

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


def normalise(original: str, drop_line: Callable[[str], bool] | None = None) -> NormalisedText:
    """Fold characters, collapse runs of spaces, strip lines and drop empty (or unwanted) lines.

    Lines are split on \\n, \\r\\n and lone \\r. `drop_line` sees a line's folded text and
    may remove it (web-page furniture); the rest are joined by single newlines.
    """
    out_chars: list[str] = []
    out_offsets: list[int] = []
    line_chars: list[str] = []
    line_offsets: list[int] = []

    def flush() -> None:
        while line_chars and line_chars[-1] == " ":
            line_chars.pop()
            line_offsets.pop()
        if not line_chars:
            return
        line = "".join(line_chars)
        if drop_line is None or not drop_line(line):
            if out_chars:
                out_chars.append("\n")
                out_offsets.append(out_offsets[-1] + 1)
            out_chars.extend(line_chars)
            out_offsets.extend(line_offsets)
        line_chars.clear()
        line_offsets.clear()

    i, n = 0, len(original)
    while i < n:
        ch = original[i]
        if ch == "\r" or ch == "\n" or ch == "\u2028" or ch == "\u2029":
            flush()
            if ch == "\r" and i + 1 < n and original[i + 1] == "\n":
                i += 1
        elif ch in _SPACES or (ch.isspace()):
            if line_chars and line_chars[-1] != " ":
                line_chars.append(" ")
                line_offsets.append(i)
        elif unicodedata.category(ch) in ("Cc", "Cf"):
            pass  # control and format characters carry no text
        else:
            line_chars.append(fold_char(ch))
            line_offsets.append(i)
        i += 1
    flush()
    out_offsets.append(out_offsets[-1] + 1 if out_offsets else 0)
    return NormalisedText("".join(out_chars), out_offsets)
