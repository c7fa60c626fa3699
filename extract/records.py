"""Typed records the extractors yield and the graph layer consumes.

Every offset is a character offset into the *normalised* text (``Report.text``); the
``Report.to_original`` map turns it into an offset into the text as read, which is what the
graph records as evidence.  Records are frozen so that a record, once yielded, is a fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from policykg.extract.period import Period

# Kinds of a report part, decided from its heading (see extract.structure).
PART_REVIEW = "review"  # 过去一年/五年工作回顾
PART_PLAN = "plan"  # 今后五年 / 十五五 goals
PART_ANNUAL = "annual"  # 2028年重点工作 / 工作安排
PART_SELF = "self"  # 政府自身建设
PART_OTHER = "other"

FORWARD_PARTS = (PART_PLAN, PART_ANNUAL)

# The closed vocabularies of the records (GUIDELINES.md): tests/test_records.py holds every record
# an extraction yields to them, and the ontology's SHACL shapes hold the graph to the same lists.
Part = Literal["review", "plan", "annual", "self", "other"]
QuantityKind = Literal["target", "achievement", "other"]
Comparator = Literal["=", ">=", "<=", "~"]
Stage = Literal["", "planned", "start", "under_way", "completed"]  # "": the sentence names no step
InvestmentKind = Literal["total", "planned", "completed"]
Role = Literal["lead", "support"]


@dataclass(frozen=True)
class TextSpan:
    start: int
    end: int


@dataclass(frozen=True)
class ReportMeta:
    """What the report says about itself (all optional: a web page may lose any of it)."""

    title: str = ""
    issuer: str = ""  # 酒泉市人民政府
    place: str = ""  # 酒泉市 (full official name)
    place_code: str = ""  # GB/T 2260 code of `place`
    province: str = ""  # 甘肃省
    level: str = ""  # province | prefecture | county
    date: str = ""  # ISO date of the meeting
    speaker: str = ""
    speaker_title: str = ""
    meeting: str = ""
    year: int | None = None  # year of the meeting date
    plan_year: int | None = None  # the year the annual part plans for


@dataclass(frozen=True)
class Section:
    id: str  # S1, S1.2, S1.2.3
    title: str  # heading without numbering or trailing punctuation
    level: int  # 1 part, 2 numbered item, 3 paragraph lead-in
    parent: str | None
    start: int  # heading span
    end: int
    body_end: int  # end of the text the section governs
    part: Part  # PART_* of the level-1 ancestor
    period: Period | None  # default period of figures in it: 2022, 2022-2026, 2017-2021
    rule: str = ""  # which outline rule made it a heading (and, for a part, what decided its kind)


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    section: str | None  # innermost section id holding it


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Quantity:
    id: str
    start: int  # span of `surface`
    end: int
    evidence: TextSpan  # the smallest clause that holds the figure
    surface: str
    metric: str
    value: float
    unit: str
    comparator: Comparator
    kind: QuantityKind
    period: Period | None
    place: str
    section: str | None
    domain: str = ""
    value_max: float | None = None
    rule: str = ""  # which rule produced it, for `policykg explain`


@dataclass(frozen=True)
class Investment:
    """An amount the sentence states for the project it names (extract.project_investments)."""

    kind: InvestmentKind  # total (总投资) | planned (计划投资) | completed (完成投资)
    value: float  # in yuan, 万/亿 folded in
    unit: str  # as written: 亿元, 万元, 万亿元, 元
    comparator: Comparator  # >= for 总投资超100亿元, ~ for 近900亿元
    surface: str  # the figure as written: 12.5亿元, 近900亿元
    start: int  # evidence: the cue and the figure (总投资12.5亿元)
    end: int


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    status: Stage = ""  # the step this sentence gives the project
    investments: tuple[Investment, ...] = ()  # amounts stated for this mention's project


@dataclass(frozen=True)
class Project:
    id: str
    name: str
    type: str
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # place names (full official names where known)
    domain: str = ""
    status: Stage = ""  # the latest step the report gives
    rule: str = ""


@dataclass(frozen=True)
class Place:
    name: str  # full official name at county level and above, as written below
    type: str  # GUIDELINES place types
    mentions: tuple[Mention, ...]
    adcode: str = ""  # GB/T 2260 code (6 digits) where known
    parent: str = ""
    parent_code: str = ""
    inside: bool = False
    in_name: bool = False  # seen only inside longer names
    rule: str = ""


@dataclass(frozen=True)
class DepartmentAssignment:
    name: str  # 市交通运输局 / 省交通运输厅 / 县交通运输局
    function: str  # level-free key, e.g. 交通运输
    role: Role
    stated: bool = False  # the report itself names it
    cues: tuple[str, ...] = ()  # matched words that led to it


@dataclass(frozen=True)
class Goal:
    id: str
    title: str
    section: str
    period: Period | None
    start: int
    end: int


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    section: str
    start: int  # span of the task's text (its paragraph, or the list item)
    end: int
    period: Period | None
    goal: str | None
    domain: str = ""
    domain_cues: tuple[str, ...] = ()
    departments: tuple[DepartmentAssignment, ...] = ()
    quantities: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    @property
    def lead(self) -> list[str]:
        return [d.name for d in self.departments if d.role == "lead"]

    @property
    def support(self) -> list[str]:
        return [d.name for d in self.departments if d.role == "support"]


@dataclass
class Extraction:
    """Everything extracted from one report; the one object the graph layer reads."""

    source: str  # file name of the report
    text: str  # normalised text all offsets point into
    original: str  # the decoded text as read
    offsets: list[int]  # offsets[i] = original offset of text[i]; len(text)+1 entries
    meta: ReportMeta
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings for the user (e.g. the text looks truncated)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets[start], self.offsets[end - 1] + 1 if end > start else self.offsets[start]

    def evidence(self, start: int, end: int) -> str:
        """The original text behind a normalised span (what a reader sees in the report)."""
        o_start, o_end = self.original_span(start, end)
        return self.original[o_start:o_end]
