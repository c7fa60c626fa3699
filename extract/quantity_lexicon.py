"""Word lists of the quantity extractor (``data/quantities.toml``), compiled once, and the text
geometry (clause and sentence spans) that the figure, metric, kind and period steps share."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from policykg.extract.reference import load_toml

CLAUSE_BREAK = re.compile(r"[,;。:!?\n]")
SENTENCE_BREAK = re.compile(r"[。!?\n]")
LIST_GAP = re.compile(r"[、和及与]|、和")
# units of counted things: a Chinese numeral before them may be a list count or part of a name
CHINESE_COUNT_UNITS = frozenset({"个", "条", "项", "家", "所", "座", "处", "人", "户"})
COUNT_UNITS = frozenset(
    {"个", "条", "项", "家", "所", "座", "处", "户", "套", "台", "件", "部", "场", "批次", "种", "类"}
)


@dataclass(frozen=True)
class Rules:
    lead_noise: re.Pattern[str]
    trail_noise: re.Pattern[str]
    generic_heads: frozenset[str]
    generic_tails: tuple[str, ...]
    growth_verbs: tuple[str, ...]
    future: re.Pattern[str]
    project_heads: re.Pattern[str]
    action_verbs: re.Pattern[str]
    class_units: dict[str, str]
    rank_cues: re.Pattern[str]
    record_after: re.Pattern[str]
    capacity_units: frozenset[str]
    capacity_verbs: re.Pattern[str]
    level_verbs: re.Pattern[str]
    review_year: re.Pattern[str]
    review_term: re.Pattern[str]
    term_words: re.Pattern[str]
    year_words: re.Pattern[str]


def alt(words: list[str]) -> str:
    """One regex alternation, longest first."""
    return "|".join(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The word lists, compiled once."""
    raw = load_toml("quantities.toml")
    f, m, k, p = raw["figure"], raw["metric"], raw["kind"], raw["period"]
    return Rules(
        lead_noise=re.compile(rf"^(?:(?:{alt(m['lead_noise'])})[,]?)+"),
        trail_noise=re.compile(rf"(?:{alt(m['trail_noise'])})$"),
        generic_heads=frozenset(m["generic_heads"]),
        generic_tails=tuple(sorted(m["generic_tails"], key=len, reverse=True)),
        growth_verbs=tuple(m["growth_verbs"]),
        future=re.compile(alt(k["future_words"])),
        project_heads=re.compile(alt(k["project_heads"])),
        action_verbs=re.compile(alt(k["action_verbs"])),
        class_units=dict(k["class_units"]),
        rank_cues=re.compile(rf"(?:{alt(f['rank_cues'])})$"),
        record_after=re.compile(alt(f["record_after"])),
        capacity_units=frozenset(k["capacity_units"]),
        capacity_verbs=re.compile(alt(k["capacity_verbs"])),
        level_verbs=re.compile(alt(p["level_verbs"])),
        review_year=re.compile(alt(p["review_year"])),
        review_term=re.compile(alt(p["review_term"])),
        term_words=re.compile(alt(p["term_words"])),
        year_words=re.compile(alt(p["year_words"])),
    )


def _outside_brackets(text: str, breaks: list[int]) -> list[int]:
    """Drop clause breaks inside a short parenthesis: 完成1800.5亿元(不含某市,下同)、增长9% is one clause."""
    out = []
    for pos in breaks:
        if text[pos] in ",;:":
            opened = text.rfind("(", max(0, pos - 20), pos)
            if opened >= 0 and text.rfind(")", opened, pos) < 0 and text.find(")", pos, pos + 20) >= 0:
                continue
        out.append(pos)
    return out


class Bounds:
    """Clause and sentence spans around an offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.clause = _outside_brackets(text, [m.start() for m in CLAUSE_BREAK.finditer(text)])
        self.sentence = [m.start() for m in SENTENCE_BREAK.finditer(text)]

    @staticmethod
    def _around(breaks: list[int], pos: int, size: int) -> tuple[int, int]:
        i = bisect.bisect_right(breaks, pos)
        start = breaks[i - 1] + 1 if i else 0
        end = breaks[i] if i < len(breaks) else size
        return start, end

    def clause_of(self, pos: int) -> tuple[int, int]:
        return self._around(self.clause, pos, len(self.text))

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return self._around(self.sentence, pos, len(self.text))

    def previous_clause(self, start: int) -> tuple[int, int] | None:
        if start <= 1 or self.text[start - 1] not in ",;:":
            return None
        return self.clause_of(start - 2)

    def clause_starts(self, para_start: int, pos: int) -> list[int]:
        """Starts of the clauses of a paragraph up to `pos`, in order."""
        starts = [para_start]
        i = bisect.bisect_left(self.clause, para_start)
        while i < len(self.clause) and self.clause[i] < pos:
            starts.append(self.clause[i] + 1)
            i += 1
        return [s for s in starts if s <= pos]
