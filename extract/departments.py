"""Responsible departments (牵头 / 配合) of a task, named as the report's level names them.

An office breaking a work report down names the department whose core business the task is
(lead) and those whose business it touches (supports).  We score each department function by
its cue words in the task (title weighs more) plus a prior from the task's policy domain, then
name the functions by level: 省交通运输厅 / 市交通运输局 / 县交通运输局.  Where the report states
responsibility itself ((牵头单位:住建厅), 由…牵头), that is taken as written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from policykg.extract.domains import CueTable
from policykg.extract.records import DepartmentAssignment, ReportMeta
from policykg.extract.reference import load_toml

LEVELS = ("province", "prefecture", "county")
PARKS = "园区管委会"
# Prior the task's domain gives its default lead and supports, in cue-weight units.
LEAD_PRIOR = 6.0
SUPPORT_PRIOR = 2.0
# Where the title itself names a department's business, the domain (decided from the same
# words) only tips a near tie: it must not outvote the title a second time.
TITLED_LEAD_PRIOR = 2.0
# A department joins as a support when its score reaches this (a core cue, or two weak ones).
SUPPORT_MIN = 4.0
MAX_SUPPORTS = 4
MIN_SUPPORTS = 2

_PARK_SUFFIX = r"(?:经济技术开发区|高新技术产业开发区|经济开发区|高新区|工业园区|产业园区|开发区|工业集中区)"


@dataclass(frozen=True)
class Era:
    """Names a department went by in the reports of years [since, until), before a reform."""

    since: int
    until: int
    names: tuple[str, str, str]


@dataclass(frozen=True)
class Department:
    function: str
    names: tuple[str, str, str]  # name templates at province / prefecture / county level
    aliases: tuple[str, ...]
    fallback: dict[str, str]  # level -> function doing the job where `names` has ""
    municipality: str = ""  # name in a province-level city, where it differs
    eras: tuple[Era, ...] = ()

    def names_in(self, year: int | None) -> tuple[str, str, str]:
        """The name templates in use in `year` (today's where no era covers it)."""
        for era in self.eras:
            if year is not None and era.since <= year < era.until:
                return era.names
        return self.names


@dataclass(frozen=True)
class Lexicon:
    departments: dict[str, Department]
    cues: CueTable
    defaults: dict[str, tuple[str, ...]]  # domain -> (lead, supports...)
    self_functions: tuple[str, ...]  # who answers for the government's own conduct
    aliases: tuple[tuple[str, str], ...]  # (alias, function), longest alias first


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_toml("departments.toml")
    deps = {
        d["function"]: Department(
            function=d["function"],
            names=tuple(d["names"]),
            aliases=tuple(d.get("aliases", ())),
            fallback=dict(d.get("fallback", {})),
            municipality=d.get("municipality", ""),
            eras=tuple(
                Era(e.get("since", 0), e.get("until", 9999), tuple(e["names"]))
                for e in data.get("era", ())
                if e["function"] == d["function"]
            ),
        )
        for d in data["department"]
    }
    cues = CueTable.build(((d["function"], d.get("cues", {})) for d in data["department"]), data.get("neutral", ()))
    aliases = sorted(
        ((a, f) for f, dep in deps.items() for a in (*dep.aliases, f)),
        key=lambda t: (-len(t[0]), t[0]),
    )
    defaults = {k: tuple(v) for k, v in data["domain_defaults"].items()}
    return Lexicon(
        deps,
        cues,
        defaults,
        self_functions=tuple(data.get("self_functions", ())),
        aliases=tuple(dict.fromkeys(aliases)),
    )


# --- naming by level ---------------------------------------------------------------------------


def level_prefix(meta: ReportMeta) -> tuple[str, str]:
    """(level key of the name templates, prefix such as 省 / 市 / 县 / 区 / 旗)."""
    place, level = meta.place, meta.level
    if level == "province":
        if place.endswith("自治区"):
            return "province", "自治区"
        if place.endswith("市"):  # 北京市, 重庆市 …: departments are named like a city's
            return "municipality", "市"
        return "province", "省"
    if level == "county":
        for suffix, prefix in (("自治县", "县"), ("自治旗", "旗"), ("县", "县"), ("旗", "旗"), ("区", "区")):
            if place.endswith(suffix):
                return "county", prefix
        if place.endswith("市"):
            return "county", "市"
        return "county", "县"
    for suffix, prefix in (("自治州", "州"), ("地区", "地区"), ("盟", "盟")):
        if place.endswith(suffix):
            return "prefecture", prefix
    return "prefecture", "市"


def find_park(text: str, meta: ReportMeta) -> str:
    """The development zone / industrial park the report names most, led by its place name."""
    short = re.sub(r"(?:自治区|自治州|自治县|自治旗|地区|省|市|县|区|旗|盟)$", "", meta.place)
    if len(short) < 2:
        return ""
    found = Counter(re.findall(re.escape(short) + r"[\u4e00-\u9fff]{0,4}?" + _PARK_SUFFIX, text))
    return found.most_common(1)[0][0] if found else ""


def resolve(function: str, meta: ReportMeta, park: str = "") -> tuple[str, str]:
    """(standard name, function) of a function's department at the report's level.

    Where the level has no such department, the one doing the job (its `fallback`) is named;
    ("", "") when there is none.
    """
    dep = lexicon().departments.get(function)
    if dep is None:
        return "", ""
    key, prefix = level_prefix(meta)
    year = meta.year or meta.plan_year
    names = dep.names_in(year)
    if key == "municipality":
        if dep.municipality and names is dep.names:
            return dep.municipality, function
        key = "prefecture"
    template = names[LEVELS.index(key)]
    if not template:
        other = dep.fallback.get(key)
        return resolve(other, meta, park) if other else ("", "")
    if "{park}" in template:
        template = template.replace("{park}", park or "{p}开发区")
    return template.replace("{p}", prefix), function


def department_name(function: str, meta: ReportMeta, park: str = "") -> str:
    """The standard name of a function's department at the report's level ('' if none)."""
    return resolve(function, meta, park)[0]


def function_of(name: str) -> str:
    """The function of a department name as a report writes it (住建厅 -> 住建); '' if unknown."""
    n = re.sub(r"\s+", "", name)
    if n.startswith("各") and n.endswith(("政府", "政府办")):
        return "下级政府"
    if re.search(_PARK_SUFFIX + r"?(?:管委会|管理委员会)$", n) and "政府" not in n:
        return "园区管委会"
    if re.fullmatch(r"团.{1,6}委|.*共青团.*", n):
        return "团委"
    for alias, function in lexicon().aliases:
        if alias and alias in n:
            return function
    return ""


# --- responsibility the report states ---------------------------------------------------------

# A bracketed statement of responsibility: (牵头单位:…;配合单位:…), 【责任单位:…】.  The body may
# hold one level of parentheses of its own (各县(市、区)政府).
_OPEN, _CLOSE = "(【〔[", ")】〕]"
_BODY = r"((?:[^()【】〔〕\[\]]|\([^()]*\))+)"
_LEAD_LABEL = r"(?:牵头责任单位|牵头单位|牵头部门|责任单位|责任部门|主责单位|主责部门|主办单位|负责单位|承办单位|牵头)"
# A label for a person (牵头市领导:…) may come first: the department label can follow a ";".
_STATED = re.compile(
    rf"[{re.escape(_OPEN)}](?:[^()【】〔〕\[\]]*?[;,])??\s*{_LEAD_LABEL}\s*:\s*{_BODY}[{re.escape(_CLOSE)}]"
)
# (市住建局牵头,市财政局、市自然资源局配合)
_LEAD_VERB = re.compile(rf"\(\s*由?([^()牵由]{{2,40}}?)牵头(?:[,;、]\s*{_BODY}?配合)?\s*\)")
_LED_BY = re.compile(r"由([^,。;:()由]{2,40}?)(?:牵头|负责)")
# Within a statement, the label that starts the supports; a 责任单位 after a 牵头单位 is one too.
_SUPPORT = re.compile(
    r"[;,]?\s*(?:配合单位|配合部门|协办单位|协作单位|参与单位|参加单位|协同单位|责任单位|责任部门)\s*:\s*"
)
_SPLIT = re.compile(r"[、,;/]")
_AND = re.compile(r"和|及|与")
_UNIT_END = re.compile(r"(?:局|委|厅|办|中心|政府|管委会|公司|集团)$")


def _split_top(s: str) -> list[str]:
    """`s` split at separators outside parentheses (各县(市、区)政府 stays whole)."""
    out, depth, cur = [], 0, ""
    for ch in s:
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and _SPLIT.match(ch):
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return [x.strip() for x in [*out, cur] if x.strip()]


def _names(s: str) -> list[str]:
    """Department names of a list; 和/及 split a piece only where each part is a department of
    its own (市财政局和市审计局) and not one name (住房和城乡建设局, 文化和旅游局)."""
    out = []
    for piece in _split_top(s):
        spaced = piece.split()  # "省教育厅 省财政厅": names set apart by spaces only
        if len(spaced) > 1 and all(function_of(x) for x in spaced):
            out.extend(spaced)
            continue
        parts = [x.strip() for x in _AND.split(piece) if x.strip()]
        functions = [function_of(x) or (x if _UNIT_END.search(x) else "") for x in parts]
        if len(parts) > 1 and all(functions) and len(set(functions)) == len(functions):
            out.extend(parts)
        else:
            out.append(piece)
    return out


# The same statement unbracketed, on a line of its own, after a sentence of the item, or run on
# to the item where a line break was lost: "牵头单位:省民政厅;配合单位:省财政厅".  It runs to the
# end of its line.  A bare "牵头:" counts only at the start of a line or sentence.
_LABEL_LINE = re.compile(
    rf"(?:(?:^|(?<=[。;]))[ \t]*{_LEAD_LABEL}|{_LEAD_LABEL.replace('|牵头)', ')')})\s*:\s*([^\n。]+)", re.M
)


def stated_marks(text: str) -> list[tuple[int, int]]:
    """Spans of the statements of responsibility in `text` that name a department, in order.

    Only labelled statements ((牵头单位:…), 牵头单位:… on its own line, (A牵头,B配合)) count:
    they close an item of a list the report makes itself.  "由A牵头" inside a sentence does not.
    """
    found = []
    for pattern in (_STATED, _LABEL_LINE, _LEAD_VERB):
        for m in pattern.finditer(text):
            if _parse(m, pattern)[0]:
                found.append((m.start(), m.end()))
    found.sort()
    out: list[tuple[int, int]] = []
    for s, e in found:  # a bracketed statement is also matched by the line form: keep one
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def _in_brackets(text: str, pos: int) -> bool:
    """Whether `pos` lies inside an open bracket of its line (a label there is a bracketed one's)."""
    before = text[text.rfind("\n", 0, pos) + 1 : pos]
    return sum(before.count(c) for c in _OPEN) > sum(before.count(c) for c in _CLOSE)


def _parse(m: re.Match[str], pattern: re.Pattern[str]) -> tuple[list[str], list[str]]:
    """(leads, supports) of one matched statement; ([], []) where it names no department."""
    if pattern is _LABEL_LINE and _in_brackets(m.string, m.start()):
        return [], []
    if pattern is _LEAD_VERB:
        leads = [n for n in _names(m.group(1)) if function_of(n)]
        return (leads, _names(m.group(2) or "")) if leads else ([], [])
    parts = [_unclosed(p) for p in _SUPPORT.split(m.group(1), maxsplit=1)]
    leads = _names(parts[0])
    if not any(function_of(n) for n in leads):
        return [], []
    return leads, _names(parts[1]) if len(parts) > 1 else []


def _unclosed(s: str) -> str:
    """`s` without the closing bracket of an enclosing statement it ran into (各乡镇(街道) stays)."""
    s = s.strip().rstrip(";,")
    while s and s[-1] in ")】〕]" and s.count(")") > s.count("("):
        s = s[:-1].rstrip(" \t;,")
    return s


def stated_departments(text: str) -> tuple[list[str], list[str]]:
    """(leads, supports) the text names itself, as written; ([], []) where it names none."""
    first: tuple[int, list[str], list[str]] | None = None
    for pattern in (_STATED, _LABEL_LINE, _LEAD_VERB):
        for m in pattern.finditer(text):
            leads, supports = _parse(m, pattern)
            if leads:
                if first is None or m.start() < first[0]:
                    first = (m.start(), leads, supports)
                break
    if first:
        return first[1], first[2]
    m = _LED_BY.search(text)
    if m:
        leads = [n for n in _names(m.group(1)) if function_of(n)]
        if leads:
            sup = _SUPPORT.search(text, m.end())
            supports = _names(re.split(r"[。()]", text[sup.end() :])[0]) if sup else []
            return leads, supports
    return [], []


def at_level(name: str, meta: ReportMeta) -> str:
    """A stated name with the report's level prefix where the report left it out (住建厅 ->
    省住建厅); a name with its own prefix (市教育局, 团市委, 各县(市、区)政府) stays as written."""
    function = function_of(name)
    if not function or name.startswith(("各", "团")):
        return name
    own = [a for a, f in lexicon().aliases if f == function]
    if name.startswith(tuple(own)):
        return level_prefix(meta)[1] + name
    return name


# --- inference -------------------------------------------------------------------------------


def rank_functions(
    text: str, domain: str, title: str = "", context: str = ""
) -> list[tuple[str, float, tuple[str, ...]]]:
    """Department functions with their score and cues, best first (domain prior included)."""
    lex = lexicon()
    scores = {f: (s, c) for f, s, c in lex.cues.ranked(text, title, context)}
    titled = any(lex.cues.cues[c] for c in lex.cues.hits(title))  # neutral words name nothing
    lead_prior = TITLED_LEAD_PRIOR if titled else LEAD_PRIOR
    for i, f in enumerate(lex.defaults.get(domain, ())):
        s, c = scores.get(f, (0.0, ()))
        scores[f] = (s + (lead_prior if i == 0 else SUPPORT_PRIOR), (*c, f"domain:{domain}"))
    order = {f: i for i, f in enumerate(lex.departments)}
    return sorted(((f, s, c) for f, (s, c) in scores.items()), key=lambda t: (-t[1], order.get(t[0], 99)))


def assign_departments(
    text: str,
    domain: str,
    meta: ReportMeta,
    *,
    title: str = "",
    park: str = "",
    zone: str = "",
    context: str = "",
    own_conduct: bool = False,
) -> tuple[DepartmentAssignment, ...]:
    """Lead department first, then supports, named at the report's level.

    `title` is the task's sub-heading (weighs more than `text`); `park` names the report's
    development zone for the 园区管委会 function; `zone` is a new area or development zone the
    title itself is about (推进雄安新区建设): its 管委会 leads; `context` is the heading of the
    item the task sits under.  A task of the government's own conduct (`own_conduct`: the
    政府自身建设 part) goes to the offices that answer for it, whatever field its words touch.
    """
    leads, supports = stated_departments(title + "。" + text)
    if leads:
        out = [DepartmentAssignment(at_level(n, meta), function_of(n) or n, "lead", True) for n in leads]
        out += [DepartmentAssignment(at_level(n, meta), function_of(n) or n, "support", True) for n in supports]
        return tuple(out)

    ranked = rank_functions(text, domain, title, context)
    scope = set(lexicon().self_functions) if own_conduct else set()
    if scope:
        ranked = [r for r in ranked if r[0] in scope] or [(lexicon().self_functions[0], 0.0, ("own conduct",))]
    if not ranked:
        return ()
    chosen: list[tuple[str, str, tuple[str, ...]]] = []
    names: set[str] = set()

    def add(function: str, cues: tuple[str, ...]) -> None:
        if scope and function not in scope:
            return
        name, resolved = resolve(function, meta, park)
        if name and name not in names:
            names.add(name)
            chosen.append((name, resolved, cues))

    if zone:
        names.add(zone + "管委会")
        chosen.append((zone + "管委会", "园区管委会", (f"title:{zone}",)))
    else:
        function, cues = ranked[0][0], ranked[0][2]
        if function == PARKS and not park and level_prefix(meta)[0] != "province":
            # parks the report does not name have no one 管委会 to lead: the office over them does
            function = lexicon().departments[PARKS].fallback.get("unnamed", function)
        add(function, cues)
    for f, s, c in ranked if zone else ranked[1:]:
        if len(chosen) > MAX_SUPPORTS:
            break
        if s >= SUPPORT_MIN:
            add(f, c)
    for f in lexicon().defaults.get(domain, ()):
        if len(chosen) > MIN_SUPPORTS:
            break
        add(f, (f"domain:{domain}",))
    return tuple(
        DepartmentAssignment(name, f, "lead" if i == 0 else "support", False, cues)
        for i, (name, f, cues) in enumerate(chosen)
    )
