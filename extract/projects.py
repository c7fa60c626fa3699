"""Named projects of a work report: railways, roads, reservoirs, mines, parks, schools …

Rules (word lists in ``data/project_heads.toml``, see ``project_rules``), clause by clause:

1. A clause is cut into chunks at verbs (加快, 建成, 开工建设 …): a name never holds one.
2. A chunk is cut at 等 into lists and the category that follows (…等重点项目, …等水电站).
3. A list is cut into items at 、 和 及; leading verbs and quantifiers (一批, 各类) are dropped.
4. An item with a head word (铁路, 水库, 产业园 …) or a G/S road number is a project when its
   modifier still names something once generic words are removed (一批光伏发电项目 is not).
5. Items without a head become projects when they share the head of a later item (北岭、南岭
   煤矿 -> 北岭煤矿), when the list's category is 项目/工程, or when they are long and listed
   with named projects; generic activities (淤地坝建设) are not.
6. Mentions of one project merge on a key without phases, sections, capacities and 项目/工程
   (东西高速一期 / 东西高速二期 / 东西高速; 北城机场 / 北城军民合用机场).
"""

from __future__ import annotations

from collections.abc import Iterator

from policykg.extract.gazetteer import Division, Gazetteer
from policykg.extract.project_identity import MentionGroups, mention_key
from policykg.extract.project_investments import attach_investments
from policykg.extract.project_names import ENUM, Candidate, find_candidates, well_formed
from policykg.extract.project_rules import ProjectRules, project_rules
from policykg.extract.record_domains import project_domain
from policykg.extract.records import Extraction, Mention, Project


def _status(clause: str, r: ProjectRules) -> str:
    for status, pattern in r.status_cues:
        if pattern.search(clause):
            return status
    return ""


# the divisions a project can lie in, down to villages (not rivers, parks or regions it may be named after)
_DIVISION_TYPES = frozenset(
    {"province", "prefecture", "county", "district", "county-city", "town", "township", "village"}
)


def _forms(ex: Extraction) -> list[tuple[str, frozenset[str]]]:
    """Each division the places step found, with its name and every form the report writes it in."""
    return [
        (p.name, frozenset(f for f in (p.name, *(m.text for m in p.mentions)) if len(f) >= 2))
        for p in ex.places
        if p.type in _DIVISION_TYPES
    ]


def _places(names: list[str], forms: list[tuple[str, frozenset[str]]], home: Division | None) -> list[str]:
    """The report's divisions that a project's names hold, in order of appearance (default: the issuer).

    Places are resolved once, by the places step; a project refers to those it names, so a project's
    place is always one of the report's places (reading its names again in the gazetteer found
    districts the places step had rightly refused, such as a district's name inside a river's).
    """
    found: list[tuple[tuple[int, int], str]] = []
    for place, written in forms:
        at = [(i, name.find(f)) for i, name in enumerate(names) for f in written if f in name]
        if at:
            found.append((min(at), place))
    if not found:
        return [home.name] if home is not None else []
    return list(dict.fromkeys(place for _, place in sorted(found)))


def _heading(text: str, members: list[Candidate]) -> bool:
    """Is a mention a whole sentence of its own (一是某省东岭科技城。): the report names it as an undertaking."""
    for c in members:
        cs, ce = c.clause
        cs = ENUM.match(text, cs, ce).end()  # type: ignore[union-attr]
        if c.start == cs and c.end == ce and text[ce : ce + 1] in ("。", ":", "\n"):
            return True
    return False


def extract_projects(ex: Extraction) -> Iterator[Project]:
    """Every named project of the report, ids P1, P2 … in order of first mention, with the
    investment amounts their sentences state (extract.project_investments)."""
    yield from attach_investments(ex.text, list(_projects(ex)))


def _projects(ex: Extraction) -> Iterator[Project]:
    r = project_rules()
    gaz = Gazetteer.load()
    home = gaz.by_code.get(ex.meta.place_code) if ex.meta.place_code else None  # the issuer metadata decided
    groups = MentionGroups(r)
    forms = _forms(ex)
    for cand in sorted(find_candidates(ex, r, gaz, home), key=lambda c: c.start):
        groups.add(mention_key(cand), cand)
    n = 0
    for members in groups.members:
        members = [c for c in members if well_formed(c.name)]
        if not members:
            continue
        statuses = [_status(ex.text[c.clause[0] : c.clause[1]], r) for c in members]
        typ = members[0].type
        needs_cue = typ in r.needs_work_cue or members[0].head in r.needs_work_cue_heads
        if needs_cue and not any(statuses) and members[0].rule != "quoted" and not _heading(ex.text, members):
            continue
        names = [c.name for c in members]
        name = min(names, key=len)
        aliases = [a for c in members for a in [c.name, *c.aliases] if a != name]
        n += 1
        yield Project(
            id=f"P{n}",
            name=name,
            type=typ,
            mentions=tuple(
                Mention(c.start, c.end, ex.text[c.start : c.end], s) for c, s in zip(members, statuses, strict=True)
            ),
            aliases=tuple(dict.fromkeys(aliases)),
            places=tuple(_places([name, *aliases], forms, home)),
            domain=project_domain(name, typ, r),
            status=next((s for s in reversed(statuses) if s), ""),
            rule=members[0].rule,
        )
