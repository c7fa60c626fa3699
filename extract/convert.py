"""Traditional characters to simplified, keeping every character's offset into the original.

The extractors' lexicons and rules are written in simplified characters, so a report in
traditional characters (a Big5 file, or a Hong Kong/Taiwan re-publication) is converted
before extraction.  OpenCC's ``t2s`` converts phrase by phrase; where a phrase changes
length, that line is converted character by character instead, so the output keeps one
character per input character and the offset map of ``NormalisedText`` carries over as is.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from policykg.extract.errors import NotAReport
from policykg.extract.normalise import NormalisedText

MIN_SHARE = 0.05  # simplified text: <0.1% of its ideographs change under t2s; traditional: ~35%
MIN_CHANGED = 20


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@lru_cache(maxsize=1)
def _t2s() -> _Converter | None:
    try:
        import opencc
    except ImportError:
        return None
    return opencc.OpenCC("t2s")


def _ideographs(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


def traditional_share(text: str, sample: int = 20000) -> tuple[float, int]:
    """Share (and count) of a text's ideographs that t2s changes; (0, 0) without OpenCC."""
    converter = _t2s()
    han = _ideographs(text[: sample * 3])[:sample]
    if converter is None or not han:
        return 0.0, 0
    changed = sum(a != b for a, b in zip(han, converter.convert(han), strict=False))
    return changed / len(han), changed


def is_traditional(text: str) -> bool:
    share, changed = traditional_share(text)
    return share >= MIN_SHARE and changed >= MIN_CHANGED


def looks_traditional_without_converter(text: str) -> bool:
    """Without OpenCC: many ideographs outside GB2312 but inside Big5 mean traditional text."""
    han = _ideographs(text[:60000])
    if len(han) < 200:
        return False
    outside = 0
    for ch in han:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            outside += 1
    return outside / len(han) >= 0.1


def to_simplified_text(text: str) -> str:
    """Convert line by line; a line whose length would change is converted char by char."""
    converter = _t2s()
    if converter is None:
        raise NotAReport("the report is in traditional characters; install the `opencc` package to convert it")
    out = []
    for line in text.split("\n"):
        converted = converter.convert(line)
        if len(converted) != len(line):
            converted = "".join(c2 if len(c2 := converter.convert(ch)) == 1 else ch for ch in line)
        out.append(converted)
    return "\n".join(out)


def to_simplified(nt: NormalisedText) -> NormalisedText:
    """The same text in simplified characters, one character for one, offsets unchanged."""
    return NormalisedText(to_simplified_text(nt.text), nt.offsets)


def simplify_if_traditional(nt: NormalisedText) -> NormalisedText:
    """Convert a report in traditional characters; refuse clearly when OpenCC is not installed."""
    if _t2s() is None:
        if looks_traditional_without_converter(nt.text):
            to_simplified_text(nt.text)  # raises the one-line "install opencc" error
        return nt
    return to_simplified(nt) if is_traditional(nt.text) else nt
