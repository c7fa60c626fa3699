"""Where a clause names a project: candidate mentions with their head word, type and clause.

Rules 1–5 of extract/projects.py: a clause is cut at verbs into chunks, a chunk at 等 into lists
and the category after them, a list at 、和及 into items; an item with a head word (铁路, 水库,
产业园 …) or a G/S road number is a candidate when its modifier still names something; quoted
works (“某某”工程) are read on their own.  Word lists: data/project_heads.toml (project_rules).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from policykg.extract.gazetteer import Division, Gazetteer
from policykg.extract.jieba_words import segmenter
from policykg.extract.project_identity import PHASE_END, ROAD
from policykg.extract.project_rules import ProjectRules, alt, project_rules
from policykg.extract.records import Extraction

_CLAUSE = re.compile(r"[^,;。:!?！？\n]+")
ENUM = re.compile(
    r"(?:\s|——|—|-)*(?:\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}\.(?!\d)|[一二三四五六七八九十]{1,3}[、是]"
    r"|\d(?=[\u4e00-\u9fff])(?![\d.万亿千百十个项条所座家处户人名台吨亩米元倍年月日期届次]))?"
)
_ETC = re.compile(r"(?<![高平中初对相上次均优超])等(?![级同待于到次])")
_LIST_SEP = re.compile(rf"以及|、|和(?!{alt(project_rules().he_words)})|及(?!其|时|配套)")
_PHASE = re.compile(r"(?:[一二三四五六七八九十]{1,3}期(?:工程|项目)?|新馆|新校区|(?:[东西南北](?:延|段)){1,2})")
_COUNT_BEFORE_HEAD = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)[条个座所家处项](省级|市级|县级|国家级|重点)?")
_COUNT_AFTER = re.compile(r"\d|[一二三四五六七八九十两几]+[个项所座条家处批]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SHORT = re.compile(r"[\u4e00-\u9fff]{2,6}|[\u4e00-\u9fff]{2,6}至[\u4e00-\u9fff]{2,6}")
_LITERAL = re.compile(r"[\u4e00-\u9fff]{2,16}")
_QUOTE = re.compile(r'“[^“”\n。;]{1,20}”|"[^"\n。;]{1,20}"')
_QUOTE_RUN = re.compile(rf"(?:{_QUOTE.pattern}){{1,6}}")
_QUOTE_COUNT = re.compile(r"(?:\d+|[一二三四五六七八九十两百千])[大项个条类]")
# quoted numbers, accords, funds and named trains are not works (“334”, “昆明宣言”, “郑和号”)
_NOT_WORK_QUOTE = re.compile(r'^["“][\d.]+["”]$|(?:宣言|框架|基金|共识|倡议|\D号)["”]$')
_NOT_WORKS = re.compile(r"品牌|活动|精神|理念|模式|经验|做法|现象|问题")  # “青绣”“互助家政”等劳务品牌
QUOTE_TAIL_MAX = 10  # “领跑者”企业培育行动: words between the quote and its head
_QUOTED_HEAD = re.compile(
    rf"([\u4e00-\u9fff·+＋]{{0,{QUOTE_TAIL_MAX}}}?)(?:工程|平台|攻坚战|旅游带|经济带|公路|大道|示范区)"
)
# 路 names a street (复兴路, 经四路) unless it ends a common word (道路, 思路, 铁路) or starts one (路径)
_NOT_ROAD_BEFORE = re.compile(
    r"[道思铁公线出网马一丝新水电陆进门套之半来去近远生活退销岔化跑堵口让开引带指考在征村干其通街程级]"
)
_NOT_ROAD_AFTER = re.compile(r"[径线网灯面况口由费基桥权演子数]")
_WORK_AFTER_SUBJECT = re.compile(
    r"(?:基本|全面|已经?)?(?:启动|开工|完工|建成|竣工|投入|主体|选址|进展顺利|正在|顺利|全部完成|全面完工)"
)
_BUILD_BEFORE = re.compile(r"(?:加快|抓好|推进|启动|加紧|确保)$")
_BUILD_AFTER = re.compile(r"(?:建设|前期|开工)")
_NOT_NAMES = re.compile(r"地|方面|领域|行业|部门|单位|企业|国家|城市|地区")  # 海东、海西等地零碳园区
_DIVERSION = re.compile(r"引[\u4e00-\u9fff]{1,2}[济入补][\u4e00-\u9fff]")
_SHORT4 = re.compile(r"[\u4e00-\u9fff]{2,4}")
_LEADING_NAME = re.compile(
    r"[\u4e00-\u9fff]{1,3}?[河江湖山]|[\u4e00-\u9fff]{2,6}?至[\u4e00-\u9fff]{2,6}?(?=[\u4e00-\u9fff]{2})"
)
_BAD_CHARS = re.compile(r"[“”\"'、《》]|以上|以下|类")
_HEAD_TAIL = re.compile(
    r"[院师群队局部会费款量率化性界者长员]|口(?!岸)|增长|发展|经济|运输|城市|遗产|时代|新城|车站|动车|班车|提单|里程"
)
_SIZED = re.compile(r"\d+(?:\.\d+)?万?(?:公里|千米|平方公里|平方米|米|亩|块|处|户)")
_PROGRAMME_VERB = re.compile(r"(?:实施|开展|启动实施|深入实施|组织实施)$")
_RIVER = re.compile(r"[\u4e00-\u9fff]{1,2}[河江]")
_YEAR = re.compile(r"\d{4}年")
_COUNTED = re.compile(r"(?:\d+|[一二三四五六七八九十两])[个项所座条家处户人]")
_LEVEL_START = re.compile(r"(?:省|市|县|区)")
_MASKED = re.compile(r"\([^()]*\)|“[^“”]*”")

# the level words that name the issuer's own government (市 of a city report, 县/区/旗 of a county's)
_OWN_LEVEL = {"province": "省", "prefecture": "市", "county": "县旗", "district": "区", "county-city": "市"}

COORDINATED_MIN = 8  # a headless item listed with projects must be this long to be one itself
NESTED_GAP = 4
CATEGORY_HEAD_MAX = 10  # a category's head within this many characters after 等 (等4条国省干线公路)  # a later head within this many characters extends the name (东城工业园区中小企业创业园)


@dataclass
class Candidate:
    """One mention of a would-be project."""

    start: int
    end: int
    name: str
    head: str
    type: str
    clause: tuple[int, int]
    rule: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class _Item:
    start: int
    end: int
    sep: str  # separator before the item ("" for the first)
    generic: bool = False  # behind a quantifier (一批 …)
    head: str = ""
    cand: Candidate | None = None
    shared_head: str = ""  # "4条高速": the head all earlier items share
    shared_tail: str = ""  # "4个抽水蓄能电站": what earlier items take after their own name
    counted: bool = False  # a count follows the head ("幼儿园325所"): a category
    adjectival: bool = False  # "可参观的城市公园": earlier items describe, they do not name


def _typed(name: str, head_type: str, r: ProjectRules) -> str:
    """The head's type; for 项目/工程 the last typed head inside the name (自来水厂二期工程),
    else the first type cue found."""
    if head_type:
        return head_type
    return _cue_type(name) if r is project_rules() else _cue_type.__wrapped__(name, r)


@lru_cache(maxsize=8192)
def _cue_type(name: str, r: ProjectRules | None = None) -> str:
    r = r or project_rules()
    inner = [r.heads[m.group(0)] for m in r.head_re.finditer(name) if r.heads[m.group(0)]]
    if inner:
        return inner[-1]
    if _DIVERSION.search(name):
        return "water"  # 引清济白, 引江入湖: a water transfer
    for typ, cues in r.type_cues:
        if any(c in name for c in cues):
            return typ
    last = [m.group(0) for m in r.head_re.finditer(name)]
    return r.fallback_types.get(last[-1], "industry") if last else "industry"


def _cue_only(name: str, r: ProjectRules) -> str:
    """The type a cue word in the name gives (清水河、白杨河堤防工程: 堤防), or ""."""
    return next((typ for typ, cues in r.type_cues if any(c in name for c in cues)), "")


def _tail(text: str, head: str, r: ProjectRules) -> str:
    """The part of a shared category that each listed name takes: generic words before the
    head dropped (东岭、西沟等11条国省干线公路 -> 东岭公路), capacities and proper words kept
    (北坡、南沟4个抽水蓄能电站 -> 北坡抽水蓄能电站)."""
    pos = 0
    while pos < len(text) - len(head):
        m = r.generic_re.match(text, pos)
        if not m or m.end() > len(text) - len(head):
            break
        pos = m.end()
    return text[pos:]


def _rest(modifier: str, r: ProjectRules) -> str:
    """What is left of a modifier without generic words, figures and level prefixes."""
    rest = r.generic_re.sub("", modifier)
    m = r.generic_prefix_re.match(rest)
    rest = rest[m.end() :] if m else rest
    return "".join(_CJK.findall(rest))


def _named(modifier: str, typ: str, r: ProjectRules, own_level: str = "市") -> bool:
    """Does a head's modifier name one thing (not a category)?

    A bare level word names the issuer's own facility (市第一中学 in a city's report); another
    level (县级文化馆 in a city's report) is the class of all such facilities."""
    if _BAD_CHARS.search(modifier) or _YEAR.match(modifier) or _SIZED.match(modifier):
        return False
    if r.capacity_re.search(modifier):
        return True
    rest = _rest(modifier, r)
    if len(rest) >= 2:
        return True
    return not rest and typ in r.level_ok and bool(modifier) and modifier[0] in own_level


def division_in(part: str, gaz: Gazetteer, home: Division | None) -> Division | None:
    """The division a name means: full names anywhere, short names only near home (the city's own counties)
    or at province/prefecture level (兰州), so that words like 振兴 or 市中 are not places."""
    if part in gaz.by_name:
        return gaz.resolve(part, home)
    if part not in gaz.by_short:
        return None
    d = gaz.resolve(part, home)
    if d is None:
        return None
    near = home is not None and gaz.province_of(d).code == gaz.province_of(home).code
    return d if near or d.type in ("province", "prefecture") else None


def _has_place(text: str, gaz: Gazetteer, home: Division | None, r: ProjectRules) -> bool:
    for i in range(len(text) - 1):
        for j in range(min(len(text), i + 8), i + 1, -1):
            part = text[i:j]
            if not r.generic_re.fullmatch(part) and division_in(part, gaz, home):
                return True
    return False


def _proper(modifier: str, gaz: Gazetteer, home: Division | None, r: ProjectRules, programme: bool = False) -> bool:
    """Evidence that a modifier holds a proper name, not only dictionary words.

    Generic heads (项目, 工程, 平台) need it: 战略性新兴产业集群发展工程 is a programme, 禾创垃圾焚烧
    发电项目 a plant.  Evidence: a figure with a capacity unit or a road number, a division
    name, a river, or two single characters in a row where jieba finds no word (禾创, 甬电入皖).
    """
    if r.capacity_re.search(modifier) or PHASE_END.search(modifier) or _RIVER.search(modifier):
        return True
    if _DIVERSION.search(modifier):
        return True  # 引通济柴: a water transfer named by its source and destination
    if _has_place(modifier, gaz, home, r):
        return True
    if programme:
        return False
    singles = 0
    for token in segmenter().lcut(modifier, HMM=False):
        if len(token) != 1 or not _CJK.match(token):
            break
        singles += 1
    return singles >= 2  # a name jieba does not know leads the modifier (禾创, 甬电入皖)


def _named_free(text: str, r: ProjectRules) -> bool:
    """Does a headless item name one undertaking (not a generic activity)?"""
    if (
        text in r.generic_items
        or len(text) > 25
        or _BAD_CHARS.search(text)
        or _COUNTED.search(text)
        or _SIZED.match(text)
    ):
        return False
    return len(_rest(text, r)) >= 3 or bool(r.capacity_re.search(text))


@lru_cache(maxsize=4096)
def _unknown_word(literal: str) -> bool:
    """Does jieba leave single characters in it (a name it does not know: 加西, 可可盖)?"""
    return any(len(t) == 1 and _CJK.match(t) for t in segmenter().lcut(literal, HMM=False))


def _inside_word(text: str, i: int) -> bool:
    """Does jieba put the character at ``i`` inside a word that starts before it?"""
    a = max(0, i - 3)
    return _inside_window(text[a : i + 4], i - a)


@lru_cache(maxsize=4096)
def _inside_window(window: str, i: int) -> bool:
    pos = 0
    for token in segmenter().lcut(window, HMM=False):
        if pos < i < pos + len(token):
            return True
        pos += len(token)
    return False


def _split(text: str, start: int, end: int, sep_re: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """Spans between separators, ignoring separators inside brackets and quotes."""
    masked = _MASKED.sub(lambda m: "#" * len(m.group(0)), text[start:end])
    out, pos, sep = [], 0, ""
    for m in sep_re.finditer(masked):
        if m.group(0) == "和" and _inside_word(text, start + m.start()):
            continue  # 太和路, 永和庄: 和 ends or sits inside a word
        out.append((start + pos, start + m.start(), sep))
        pos, sep = m.end(), m.group(0)
    out.append((start + pos, end, sep))
    return out


class _ClauseReader:
    """Turns one clause into candidate mentions."""

    def __init__(
        self, text: str, clause: tuple[int, int], r: ProjectRules, gaz: Gazetteer, home: Division | None
    ) -> None:
        self.text, self.clause, self.r, self.gaz, self.home = text, clause, r, gaz, home
        self.own_level = _OWN_LEVEL.get(home.type if home else "", "市")
        self.cat_tail = ""  # the named part of the current list's category (等4个抽水蓄能电站)

    def candidates(self) -> list[Candidate]:
        text, (cs, ce) = self.text, self.clause
        cs = ENUM.match(text, cs, ce).end()  # type: ignore[union-attr]
        out: list[Candidate] = []
        pos = cs
        kept = [(p.start(), p.end()) for p in self.r.cut_protect_re.finditer(text, cs, ce)]
        for m in self.r.cut_re.finditer(text, cs, ce):
            if any(a <= m.start() < b for a, b in kept):
                continue  # 可持续, 自由贸易: a cut word inside a longer word
            out.extend(self._chunk(pos, m.start()))
            pos = m.end()
        out.extend(self._chunk(pos, ce))
        return out

    def _chunk(self, a: int, b: int) -> list[Candidate]:
        if b - a < 2:
            return []
        out: list[Candidate] = []
        pos = a
        for m in _ETC.finditer(self.text, a, b):
            if m.start() < pos:
                continue
            cat_end = b
            sep = _LIST_SEP.search(self.text, m.end(), b)
            if sep:
                cat_end = sep.start()
            out.extend(self._list(pos, m.start(), self.text[m.end() : cat_end]))
            pos = sep.end() if sep else b
        if pos < b:
            out.extend(self._list(pos, b, None))
        return out

    def _item(self, s: int, e: int, sep: str) -> _Item:
        text, r = self.text, self.r
        item = _Item(s, e, sep)
        while s < e:
            m = r.lead_re.match(text, s, e)
            if m and m.end() > s:
                s = m.end()
                continue
            m = r.quantifier_re.match(text, s, e)
            if m and m.end() > s:
                item.generic = True
                s = m.end()
                continue
            break
        heads = [(m.start(), m.end(), "") for m in ROAD.finditer(text, s, e)]
        heads += [
            (m.start(), m.end(), m.group(0))
            for m in r.head_re.finditer(text, s, e)
            if not any(h0 <= m.start() < h1 for h0, h1, _ in heads)
            and not _HEAD_TAIL.match(text, m.end(), e)
            and not (
                m.group(0) == "路"
                and (_NOT_ROAD_BEFORE.match(text, m.start() - 1) or _NOT_ROAD_AFTER.match(text, m.end()))
            )
        ]
        heads.sort()
        de = text.rfind("的", s, heads[0][0] if heads else e)
        if de >= 0:
            s, item.adjectival = de + 1, True
        item.start = s
        if not heads:
            return item
        end, last = heads[0][1], heads[0]
        for h in heads[1:]:
            if h[0] - end > NESTED_GAP or re.search(r"[与和及同]", text[end : h[0]]):
                break
            if h[0] > end and (not r.heads.get(last[2], "highway") or h[2] == last[2]):
                s = end  # 重点工程隆泸叙铁路, 货运机场花湖国际机场: the later head starts a new name
            end, last = h[1], h
        m = _PHASE.match(text, end, e)
        if m:
            end = m.end()
        word = last[2]
        head_type = "highway" if not word else r.heads[word]
        item.head = word
        modifier = text[s : last[0]]
        if word in r.needs_place and not _has_place(modifier, self.gaz, self.home, r):
            return item
        count = _COUNT_BEFORE_HEAD.search(modifier)
        if count and word:
            item.shared_head = word
            if count.group(1):
                item.generic = True
            item.shared_tail = _tail(text[s + count.end() : end], word, r)
            literal_end = s + count.start()
            literal = text[s:literal_end]
            if _LITERAL.fullmatch(literal) and not _BAD_CHARS.search(literal) and _rest(literal, r) == literal:
                cand = Candidate(s, literal_end, literal + item.shared_tail, word, head_type, self.clause, "head+count")
                cand.aliases.append(literal)
                item.cand = cand
            return item
        item.counted = bool(_COUNT_AFTER.match(text, end, self.clause[1]))
        if item.generic or item.counted or r.quantifier_re.search(modifier):
            item.generic = True
            return item
        typ = _typed(text[s:end], head_type, r)
        strict = bool(word) and not r.heads[word]
        if word == "" or (
            _named(modifier, typ, r, self.own_level)
            and text[s:end] not in r.generic_items
            and (
                not strict or _proper(modifier, self.gaz, self.home, r, self._programme(item)) or self._one_work(s, end)
            )
        ):
            item.cand = Candidate(s, end, text[s:end], word, typ, self.clause, "head")
        return item

    def _one_work(self, s: int, e: int) -> bool:
        """A 项目/工程 without a proper name that the clause treats as one work under way: its
        subject (污水管网改造工程开工建设) or the object of a build verb (加快餐厨垃圾处理厂项目建设)."""
        cs, ce = self.clause
        cs = ENUM.match(self.text, cs, ce).end()  # type: ignore[union-attr]
        after = self.text[e:ce]
        if s - cs <= 2 and _WORK_AFTER_SUBJECT.match(after):
            return True
        return bool(_BUILD_BEFORE.search(self.text, max(cs, s - 4), s)) and (not after or _BUILD_AFTER.match(after))

    def _programme(self, item: _Item) -> bool:
        """Is the item the object of 实施/开展 (a programme unless a place or figure names it)?"""
        before = self.text[max(self.clause[0], item.start - 6) : item.start]
        return bool(_PROGRAMME_VERB.search(before))

    def _list(self, a: int, b: int, category: str | None) -> list[Candidate]:
        r, text = self.r, self.text
        items = [self._item(s, e, sep) for s, e, sep in _split(text, a, b, _LIST_SEP) if e > s]
        if not items:
            return []
        last = items[-1]
        if items[0].generic or any(i.generic and i.shared_head for i in items) or last.counted:
            return []
        project_cat = category is not None and bool(r.category_re.match(category))
        cat_head, self.cat_tail = "", ""
        if category is not None and not project_cat and not _NOT_NAMES.match(category):
            q = r.quantifier_re.match(category)
            cat = category[q.end() :] if q else category
            m = r.head_re.search(cat)
            if (
                m
                and m.start() <= CATEGORY_HEAD_MAX
                and r.heads[m.group(0)]
                and "的" not in cat[: m.start()]
                and not _SIZED.search(cat)
                and not _rest(r.lead_re.sub("", cat[m.end() :]), r)  # the head ends it (not 枢纽承载城市)
            ):
                cat_head = m.group(0)
                self.cat_tail = _tail(cat[: m.end()], cat_head, r)
        any_named = (
            any(i.cand and r.heads.get(i.head, "highway") for i in items)
            and not any(i.adjectival for i in items)
            and bool(r.work_cue_re.search(text, *self.clause))
        )
        out: list[Candidate] = []
        for n, item in enumerate(items):
            literal = text[item.start : item.end]
            if item.generic or not literal:
                continue
            if project_cat and not item.shared_head:
                if item.cand and item.cand.end == item.end:
                    out.append(item.cand)
                    continue
                if _SHORT4.fullmatch(literal) and not item.head:
                    shared = self._shared(items, n, cat_head)
                    if shared:
                        out.append(shared)
                    elif _proper(literal, self.gaz, self.home, r) and literal not in r.generic_items:
                        typ = _typed(literal, "", r)
                        out.append(Candidate(item.start, item.end, literal, "", typ, self.clause, "short-listed"))
                    continue
                if item.sep == "及" and out:
                    out[-1].aliases.append(literal)
                    continue
                typ = _typed(literal, r.heads.get(item.head, "") if item.head else "", r)
                if (item.head and item.cand) or _named_free(literal, r):
                    out.append(
                        Candidate(item.start, item.end, literal, item.head, typ, self.clause, "listed-as-project")
                    )
                continue
            if item.cand:
                out.append(item.cand)
                continue
            if item.head or item.shared_head:
                continue
            if _SHORT.fullmatch(literal):
                shared = self._shared(items, n, cat_head)
                if shared:
                    out.append(shared)
                continue
            if category is not None and not project_cat:
                continue
            if PHASE_END.search(literal) and _named_free(PHASE_END.sub("", literal), r):
                out.append(Candidate(item.start, item.end, literal, "", _typed(literal, "", r), self.clause, "phase"))
            elif any_named and len(literal) >= COORDINATED_MIN and _named_free(literal, r) and item.sep != "及":
                out.append(
                    Candidate(item.start, item.end, literal, "", _typed(literal, "", r), self.clause, "coordinated")
                )
        return out

    def _name_like(self, literal: str) -> bool:
        """A place, a span 甲至乙, or a name jieba does not know (加西, 可可盖), not a plain word."""
        if "至" in literal or division_in(literal, self.gaz, self.home):
            return True
        return _unknown_word(literal)

    def _leading_name(self, name: str, parallel: str) -> int:
        """Length of the proper name that opens a listed name: a division (北岭国家物流枢纽),
        a river or mountain (清水河堤防工程), else as long as the item it is listed with."""
        div = next((j for j in range(min(len(name) - 1, 8), 1, -1) if division_in(name[:j], self.gaz, self.home)), 0)
        m = _LEADING_NAME.match(name)
        return max(div, m.end() if m else 0) or len(parallel)

    def _shared(self, items: list[_Item], n: int, cat_head: str) -> Candidate | None:
        """A short headless item takes the head of the next item that has one (北岭、南岭煤矿)."""
        item = items[n]
        literal = self.text[item.start : item.end]
        if literal in self.r.generic_items or _rest(literal, self.r) != literal:
            return None
        head = ""
        later: _Item | None = None
        for later in items[n + 1 :]:
            if later.generic:
                return None
            if later.adjectival:
                return None
            if later.shared_head or (later.head and later.cand):
                head = later.shared_head or later.head
                break
            if later.head or not _SHORT.fullmatch(self.text[later.start : later.end]):
                return None
        if not head and (not cat_head or not self._name_like(literal)):
            return None  # 果冻、益生菌等精深加工生产线: words, not names
        tail = self.cat_tail if not head else later.shared_tail if later is not None else ""
        head = head or cat_head
        if not head:
            return None
        if not tail and later is not None and later.cand is not None:
            rest = later.cand.name[self._leading_name(later.cand.name, literal) :]
            tail = rest if rest.endswith(head) else head  # 陇川、陇湘绿电外送通道 -> 陇川绿电外送通道
        if not self.r.heads[head] and not (tail != head and _cue_only(tail, self.r)) and not _DIVERSION.search(literal):
            return None  # 东岭区、西岭新区、南湾…示范区: places listed with one zone
        tail = tail or head
        typ = _typed(literal + tail, self.r.heads[head], self.r)
        cand = Candidate(item.start, item.end, literal + tail, head, typ, self.clause, "shared-head")
        cand.aliases.append(literal)
        return cand


def well_formed(name: str) -> bool:
    """A name has balanced brackets and quotes and more than a phase (not "(含某水库", "二期")."""
    if name.count("(") != name.count(")") or name.count("“") != name.count("”") or name.count('"') % 2:
        return False
    return bool(PHASE_END.sub("", name)) and not name.startswith(("好", "指"))


def _quoted(text: str, r: ProjectRules) -> Iterator[Candidate]:
    """Programmes and works named in quotes: “两江”工程, 清水河“碧波长流”行动, “万家安居工程”,
    and runs of quoted names before 等 or a head (“企易通”“信融通”等, “东岭1号”“西岭1号”…大道)."""
    for m in _QUOTE_RUN.finditer(text):
        quotes = list(_QUOTE.finditer(m.group(0)))
        after = text[m.end() : m.end() + QUOTE_TAIL_MAX + 6]
        head = _QUOTED_HEAD.match(after)
        if head and (r.cut_re.search(head.group(1)) or re.search(r"[等的和与及]", head.group(1))):
            head = None
        if any(_QUOTE_COUNT.search(q.group(0)) or (not head and _NOT_WORK_QUOTE.search(q.group(0))) for q in quotes):
            continue  # “十大行动”, “六项重点工程”: a set of programmes, not one
        if len(quotes) > 1:
            if head or (after.startswith("等") and not _NOT_WORKS.search(after[:8])):
                for q in quotes:
                    s, e = m.start() + q.start(), m.start() + q.end()
                    typ = _quote_type(text[s:e] + (head.group(0) if head else ""), r)
                    yield Candidate(s, e, text[s:e], "", typ, _clause_of(text, s, e), "quoted")
            continue
        inner = quotes[0].group(0)[1:-1]
        if head:
            e = m.end() + head.end()
        elif _QUOTED_HEAD.fullmatch(inner) and len(inner) >= 4:
            e = m.end()
        else:
            continue
        yield Candidate(
            m.start(),
            e,
            text[m.start() : e],
            "",
            _quote_type(text[m.start() : e], r),
            _clause_of(text, m.start(), e),
            "quoted",
        )


def _clause_of(text: str, s: int, e: int) -> tuple[int, int]:
    a = max(text.rfind(p, 0, s) for p in ",;。:!?！？\n") + 1
    b = min((i for i in (text.find(p, e) for p in ",;。:!?！？\n") if i >= 0), default=len(text))
    return a, b


def _quote_type(name: str, r: ProjectRules) -> str:
    typ = _typed(name, "", r)
    return "other" if typ == "industry" else typ


def find_candidates(ex: Extraction, r: ProjectRules, gaz: Gazetteer, home: Division | None) -> Iterator[Candidate]:
    yield from _quoted(ex.text, r)
    for m in _CLAUSE.finditer(ex.text):
        clause = m.group(0)
        if _CJK.search(clause) and (
            r.head_re.search(clause) or _ETC.search(clause) or ROAD.search(clause) or "期" in clause
        ):
            yield from _ClauseReader(ex.text, (m.start(), m.end()), r, gaz, home).candidates()
