"""The indicator a figure measures, in the report's own words (shortest form that names it).

The words before the figure in its clause, without scope/time words in front and verbs behind
(``data/quantities.toml``); a figure before its noun (建成2个示范县) takes verb + noun; a bare
comparison (较去年增长8%) or a generic head (实现产值) borrows the subject of the figure before it;
a list after 分别 or a 城乡 pair gives one subject per figure; 各 gives one entry per subject.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from policykg.extract.numbers import Figure, find_figures
from policykg.extract.quantity_figures import Item, is_record
from policykg.extract.quantity_kinds import is_plant_size, is_threshold
from policykg.extract.quantity_lexicon import COUNT_UNITS, LIST_GAP, Bounds, Rules, rules

_VERBS = "新建改扩建|新建改造|改造提升|改造升级|改扩建|新增|新建|改造|建成|建设|实施|培育|创建|打造|引进|开工|完成|办理|提升|启动|推进|支持|抓建|举办|新创建|创成"
_VERB_START = re.compile(rf"^(?:{_VERBS})")
_VERB_END = re.compile(rf"(?:{_VERBS})$")
_GROWTH_TAIL = re.compile(r"(?:增速|增幅|增长率|增长)$")
_SCOPE = re.compile(
    r"(?:全国|全省|全市|全区|全州|全盟|全自治区|全球|世界|(?:中国)?(?:西部|中部|东部|东北|西北|西南)(?:地区)?|省内|同类城市)"
)
_RANK_VERB = re.compile(r"(?:均|分别)?(?:居|位居|位列|名列|列|排名|排在|排|稳居|跃居|升至|上升至|蝉联|保持)$")
_FUND = re.compile(r"[\u4e00-\u9fff“”]{2,20}?(?:基金|专项资金|资金池|专项债券|债券)")
_FOR_WHOM = re.compile(r"^为[^,;。]*?((?:发放|提供|落实|兑现|减免|办理|实施|开展|培训|救助)[\u4e00-\u9fff]+)$")
_MEASURE_END = re.compile(r"(?:营业收入|销售收入|年收入|收入|经济总量|产值|总产值|投资|营收|规模)$")
_BARE_WORD = re.compile(r"新增|净增|新建|累计|减少|每次|每年|每个|人均|其中|共计|合计")  # no subject of its own
_SHORT_RATIO = re.compile(r"[\u4e00-\u9fff]{1,2}率|占比|比重")  # 交办率100%: a rate of the subject before
_AMOUNT_UNITS = {"%", "百分点", "倍", "元", "美元"}


_FROM_TO = re.compile(
    r"[从由][^从由]*?(?:提高|提升|增加|增长|下降|降低|扩大|减少|缩小|缩短|压缩|减|降|增|升)(?:到|至)(?:\d{4}年(?:底|末)?的)?$"
)


def _clean_metric(s: str, r: Rules) -> str:
    s = _FROM_TO.sub("", s.strip(" 、,"))
    while True:
        t = r.lead_noise.sub("", s).lstrip("、,")
        t = r.trail_noise.sub("", t).rstrip("、,")
        if t == s:
            return s
        s = t


def _strip_figures(s: str) -> str:
    """Remove figure surfaces from metric text (改造城镇老旧小区28个3600户 -> 改造城镇老旧小区)."""
    out, last = [], 0
    for f in find_figures(s):
        out.append(s[last : f.start])
        last = f.end
    out.append(s[last:])
    return "".join(out)


def _after_text(text: str, fig: Figure, clause_end: int, figs_after: list[Figure]) -> str:
    """The noun a figure counts when it precedes it: 500个贫困村全部退出 -> 贫困村全部退出."""
    pos = fig.end
    rest = list(figs_after)
    while rest and rest[0].start == pos:  # adjacent figures (0.75万户2.6万…): the noun follows the last
        pos = rest.pop(0).end
    while rest and rest[0].unit == fig.unit and text[pos : rest[0].start] in ("、", "和", "及"):
        pos = rest.pop(0).end  # 35千伏、110千伏变电站: the noun follows the last of the list
    seg = text[pos:clause_end]
    if rest:  # a list of counted nouns (6个集体、7名个人): stop at the separator before the next figure
        nxt = rest[0].start - pos
        cut = seg.rfind("、", 0, nxt)
        seg = seg[: cut if cut >= 0 else nxt]
    seg = _strip_figures(seg)
    return seg.lstrip("的").rstrip("和及与、")


def _strip_adjacent_figure(s: str) -> str:
    """改造城镇老旧小区20个 (before 3100户) -> 改造城镇老旧小区; other figures stay (500万元以上项目)."""
    figs = list(find_figures(s))
    if figs and figs[-1].end == len(s):
        return s[: figs[-1].start]
    return s


def _list_element(element: str, first: str, r: Rules) -> str:
    """The second item of a list shares the first one's subject or verb (入园13户、入规5户)."""
    if not element:
        return ""
    subj = _subject(first, r)
    if subj and not element.startswith(subj) and len(element) <= 4:
        return subj + element
    verb = _VERB_START.match(first)
    if verb and not element.startswith(verb.group()):
        return verb.group() + element
    if element and len(element) <= 4 and len(first) > len(element) and not element.startswith(first[:2]):
        return first[: -len(element)] + element
    return element


def _subject(metric: str, r: Rules) -> str:
    for tail in r.generic_tails:
        if metric.endswith(tail) and len(metric) > len(tail):
            return metric[: -len(tail)]
    return ""


def _split_parallel(subject: str, n: int) -> list[str] | None:
    """城乡居民人均可支配收入 / 居民和企业用气价格 / A、B (分别 …) -> one subject per figure (n=0: any)."""
    if n in (0, 2) and "城乡" in subject:
        return [subject.replace("城乡", "城镇", 1), subject.replace("城乡", "农村", 1)]
    parts = [p for p in re.split(r"、|和|及|与", subject) if p]
    if len(parts) != n and not (n == 0 and len(parts) > 1):
        return None
    last = parts[-1]
    out = []
    for p in parts[:-1]:
        if 2 * len(p) <= len(last):  # 居民和企业用气价格: a short item borrows the last one's head
            tail = last[len(p) :]
            k = min(len(p), len(tail))
            while k and not tail.startswith(p[-k:]):
                k -= 1
            out.append(p + tail[k:])
        else:
            out.append(p)
    first = out[0] if out else ""
    if len(parts) == 2 and len(last) <= 4 and len(first) >= len(last) + 3 and not last.startswith(first[:2]):
        last = first[:-2] + last  # 国内游客人次、总花费 -> 国内游客总花费; 事故起数、死亡人数 -> 事故死亡人数
    return [*out, last]


class _Namer:
    """Names the metric of each item; later items may borrow from earlier ones of the sentence."""

    def __init__(self, text: str, items: list[Item], bounds: Bounds) -> None:
        self.text = text
        self.items = items
        self.bounds = bounds
        self.r = rules()
        self._by_clause: dict[tuple[int, int], list[Item]] = {}
        self._by_sentence: dict[tuple[int, int], list[int]] = {}
        self._rank: dict[int, int] = {}  # id(item) -> its place among the figures of its clause
        self._order: dict[int, int] = {}  # item position -> its place among the figures of its sentence

    def _index(self) -> None:
        """Figures per clause and per sentence, so that a figure finds its peers without a scan."""
        self._by_clause, self._by_sentence, self._rank, self._order = {}, {}, {}, {}
        for idx, it in enumerate(self.items):
            peers = self._by_clause.setdefault(it.clause, [])
            self._rank[id(it)] = len(peers)
            peers.append(it)
            row = self._by_sentence.setdefault(it.sentence, [])
            self._order[idx] = len(row)
            row.append(idx)

    def name(self) -> list[Item]:
        """Fill metric, base and evidence start of every item; split 各 lists; return the items."""
        text, r = self.text, self.r
        self._index()
        for idx, it in enumerate(self.items):
            fig = it.fig
            it.ev_start = it.clause[0]
            peers = self._by_clause[it.clause]
            k = self._rank[id(it)]
            prev_fig_end = peers[k - 1].fig.end if k else it.clause[0]
            raw_before = text[prev_fig_end : fig.start]
            if k:  # 完成2650.6亿元(不含定州,下同)、增长9%: a note between list items is not a subject
                raw_before = re.sub(r"^\([^()]*\)", "", raw_before)
            in_list = bool(k) and (raw_before.startswith(("、", "和", "及", "与")) or not raw_before.strip("、和及与"))
            whole_before = _strip_adjacent_figure(text[it.clause[0] : fig.start])
            before = raw_before.lstrip("、和及与") if in_list else whole_before
            if k and not in_list and "、" in raw_before and _clean_metric(raw_before.rsplit("、", 1)[1], r):
                before = raw_before.rsplit("、", 1)[1]  # A建成试运转、新增产能1200万吨/年: the last item
            metric = _clean_metric(before, r)
            after = _after_text(text, fig, it.clause[1], [p.fig for p in peers[k + 1 :]])
            rule = "before"
            of = text[fig.end : fig.end + 1] == "的"
            if (
                after
                and not re.fullmatch(r"\([^()]{1,3}\)", after)  # 90863件(条): an alternative unit, not a noun
                and (of or fig.unit not in _AMOUNT_UNITS)
                and not re.match(
                    r"[^\u4e00-\u9fff(“]|增长|增加|下降|提高|提升|降低|减少|扩大|缩小|缩短|压缩|以上|到|至|减|降|增至",
                    after,
                )
                and not whole_before.endswith(("从", "由"))  # 由76微克/立方米降至…: the subject is before
            ):
                metric = self._counted(metric, after, fig, r)
                rule = "counted-noun"
            elif in_list:
                metric = _list_element(metric, peers[0].base, r)
                rule = "list"
            elif fig.unit in COUNT_UNITS and "等" in metric:
                tail = _clean_metric(metric.rsplit("等", 1)[1], r)
                if tail and tail not in r.generic_heads:
                    verb = _VERB_START.match(metric)
                    metric = (verb.group() if verb else "") + tail
                    rule = "etc-head"
            if not metric and after and not in_list:  # 12亿元以旧换新补贴: the figure opens its clause
                metric, rule = after, "after"
            fund = _FUND.match(after) if fig.unit == "元" else None
            if fund and rule == "before":  # 设立10亿元产业发展引导基金: the size of the fund
                metric, rule = fund.group() + "规模", "fund"
            beneficiary = _FOR_WHOM.match(metric)
            if beneficiary:  # 为1200户低收入户发放取暖补贴80万元 -> 发放取暖补贴
                metric = beneficiary.group(1)
            it.metric, it.base = metric, _GROWTH_TAIL.sub("", metric) or metric
            it.rule.append(rule)
            self._inherit(
                idx,
                it,
                raw_before if in_list else text[it.clause[0] : fig.num_start],
                text[it.clause[0] : fig.num_start],
            )
        self._parallel()
        return self._each()

    @staticmethod
    def _counted(lead: str, after: str, fig: Figure, r: Rules) -> str:
        """A figure before its noun (建成3个省级示范县): verb before + noun after."""
        paren = ""
        if after.startswith("("):  # 7县(市、区)脱贫摘帽
            close = after.find(")")
            if close > 0:
                paren, after = fig.unit + after[: close + 1], after[close + 1 :]
        head = r.project_heads.search(after)
        if head and not r.action_verbs.search(after[: head.start()]):
            after = after[: head.end()]  # 大唐5万千瓦风电项目按期完工 -> 风电项目
        suffix = next((h for h in sorted(r.generic_heads, key=len, reverse=True) if lead.endswith(h)), "")
        if len(lead) > 6 or "、" in lead or "等" in lead or suffix:
            verb = _VERB_END.search(lead)
            lead = verb.group() if verb else ""
        return lead + after + paren + suffix + r.class_units.get(fig.unit, "")

    def _each(self) -> list[Item]:
        """新增甲类企业和乙类企业各8家以上: one entry per subject."""
        out: list[Item] = []
        for it in self.items:
            before = self.text[it.clause[0] : it.fig.start]
            if before.endswith("各") and "各" not in it.rule:
                parts = _split_parallel(_clean_metric(before, self.r), 0)
                if parts and len(parts) > 1:
                    for part in parts:
                        out.append(replace(it, metric=part, base=part, rule=[*it.rule, "each"]))
                    continue
            out.append(it)
        return out

    def _previous_in_sentence(self, idx: int) -> list[Item]:
        """The figures before item `idx` in its sentence, nearest first."""
        row = self._by_sentence[self.items[idx].sentence]
        return [self.items[i] for i in reversed(row[: self._order[idx]])]

    def _inherit(self, idx: int, it: Item, before_raw: str, clause_before: str) -> None:
        """Bare comparisons and generic heads take the subject of the figure before them."""
        r, fig = self.r, it.fig
        prev = self._previous_in_sentence(idx)
        base_year = re.search(r"(?:是|为|相当于)(\d{4})年的", clause_before) if fig.unit == "倍" else None
        own = before_raw.replace("增长率", "")  # 人口自然增长率控制在7‰ is a rate, not a growth
        growth = fig.unit == "%" and any(v in own for v in r.growth_verbs)
        if not it.metric or base_year:
            if prev:
                src = self._list_source(idx, prev)
                suffix = ""
                if growth:
                    suffix = "增速"
                elif base_year:
                    suffix = f"是{base_year.group(1)}年的倍数" if fig.unit == "倍" else f"{base_year.group(1)}年"
                it.base = src.base
                it.metric = src.base + suffix
                it.ev_start = min(it.ev_start, src.clause[0])
                it.rule.append("inherit")
            return
        bare = re.sub(r"\([^()]{1,3}\)$", "", it.metric)  # 新增1000多台(套)
        if _BARE_WORD.fullmatch(bare) and prev and not growth:
            src = self._list_source(idx, prev)
            if src.base and not src.base.startswith(bare):  # 某类设备增至5000余台,去年新增600多台 -> 新增某类设备
                it.metric = it.base = bare + src.base
                it.rule.append("inherit-flow")
                return
        if growth and not it.metric.endswith("增速"):
            it.metric = it.metric + "增速"
        # generic heads: 实现产值 / 完成增加值 / 全产业链产值
        head = re.sub(r"^(?:全产业链|产业链)?(?:实现|完成|达到)?", "", it.base)
        if it.base.startswith(("全产业链", "产业链")) and it.section and it.section.title.endswith("产业链"):
            it.metric = it.base = it.section.title + re.sub(r"^(?:全产业链|产业链)(?:实现|完成|达到)?", "", it.base)
            it.rule.append("chain-title")
            return
        if head not in r.generic_heads and not _SHORT_RATIO.fullmatch(head):
            return
        segment_start = max(self.text.rfind(";", 0, it.clause[0]), it.sentence[0] - 1)
        prev = [p for p in prev if p.clause[0] > segment_start]  # 投资2100万元,…;投资1900万元: no borrowing across ;
        opens = self.text[segment_start + 1 : it.fig.start] == self.text[it.clause[0] : it.fig.start]
        rest = self.text[it.fig.end : it.clause[1]]
        if opens and fig.unit in ("元", "美元") and (rest or self.text[it.clause[1] : it.clause[1] + 1] == ","):
            nxt = (it.fig.end, it.clause[1]) if rest else self.bounds.clause_of(it.clause[1] + 1)
            subject = _clean_metric(_strip_figures(self.text[nxt[0] : nxt[1]]), r)
            subject = re.sub(rf"^(?:{_VERBS}|集中|全部|对|将|把|了|重点|加快|全面|用于|新建|总长度|、)+", "", subject)
            subject = subject.split("、")[0] if subject.count("、") > 2 else subject
            subject = re.sub(r"(?:全部完工|全部建成|建成投用|投入使用|完工|竣工|进行[\u4e00-\u9fff]*)$", "", subject)
            if subject and not prev:  # 投资2100万元,集中改造的8条背街巷道全部完工
                it.metric = it.base = subject.replace("的", "") + head
                it.rule.append("subject-next-clause")
                return
        pc = self.bounds.previous_clause(it.clause[0])
        if pc and (prev == [] or prev[0].clause != pc) and not any(p.clause == pc for p in prev):
            subject = _clean_metric(self.text[pc[0] : pc[1]], r)
            if subject and ";" not in self.text[pc[1] : it.clause[0]]:
                it.metric = it.base = subject + head
                it.ev_start = pc[0]
                it.rule.append("subject-clause")
                return
        pc_items = [p for p in prev if pc and p.clause == pc]
        if pc_items and pc_items[0].fig.unit in COUNT_UNITS:  # 实施…项目300项,总投资900亿元
            it.metric = it.base = pc_items[0].base + head
            it.ev_start = pc_items[0].clause[0]
            it.rule.append("subject-count")
            return
        counted = next((p for p in prev if p.fig.unit in COUNT_UNITS and p.base), None)
        if counted is not None:  # 安排重点项目150项左右,总投资2000亿元以上,年投资400亿元以上
            verb = _VERB_START.match(counted.base)
            it.metric = it.base = counted.base[verb.end() if verb else 0 :] + head
            it.rule.append("subject-count")
            return
        for p in prev:
            subj = _subject(p.base, r)
            if subj:
                it.metric = it.base = subj + head
                it.ev_start = (
                    min(it.ev_start, p.clause[0])
                    if p.clause[0] == self.bounds.previous_clause(it.clause[0]) or p.clause == it.clause
                    else it.ev_start
                )
                it.rule.append("subject-figure")
                return

    def _list_source(self, idx: int, prev: list[Item]) -> Item:
        """The figure a bare one inherits from: same place in an equally long list, else the nearest."""
        it = self.items[idx]
        same = self._by_clause[it.clause]
        k = self._rank[id(it)]
        own = [p for p in same[:k] if p.metric and "inherit" not in p.rule]
        if own:  # 新设外资企业2.1万家、增长15%
            return own[-1]
        earlier = [p for p in prev if p.clause != it.clause]
        if earlier:
            group = self._by_clause[earlier[0].clause]
            if len(group) == len(same) and len(same) > 1:
                return group[k]
            if len(same) > 1 and k < len(same):
                # the bare list follows a list of the same length two clauses back
                before = [p for p in prev if p.clause != it.clause]
                clauses: list[tuple[int, int]] = []
                for p in before:
                    if p.clause not in clauses:
                        clauses.append(p.clause)
                for c in clauses:
                    g = self._by_clause[c]
                    if len(g) == len(same):
                        return g[k]
        return prev[0]

    def _parallel(self) -> None:
        """城乡居民人均可支配收入分别达到31000元、12000元: one subject per figure."""
        by_clause: dict[tuple[int, int], list[Item]] = {}
        for it in self.items:
            by_clause.setdefault(it.clause, []).append(it)
        for clause, group in by_clause.items():
            if len(group) < 2:
                continue
            head = self.text[clause[0] : group[0].fig.start]
            listed = "、" in head and all(
                LIST_GAP.fullmatch(self.text[a.fig.end : b.fig.start] or "x") for a, b in itertools.pairwise(group)
            )  # 新发展家庭农场、农民合作社6000家、3000家: one figure per item, as with 分别
            if "分别" not in head and not (len(group) == 2 and "城乡" in head) and not listed:
                continue
            subject = _clean_metric(head.split("分别")[0], self.r)
            parts = _split_parallel(subject, len(group))
            if not parts:
                continue
            for it, part in zip(group, parts, strict=True):
                suffix = it.metric[len(it.base) :] if it.metric.startswith(it.base) else ""
                it.base, it.metric = part, part + suffix
                it.rule.append("parallel")
        # figures that inherited from a list before the parallel split: re-inherit
        for idx, it in enumerate(self.items):
            if "inherit" in it.rule and "parallel" not in it.rule:
                prev = self._previous_in_sentence(idx)
                if prev:
                    src = self._list_source(idx, prev)
                    suffix = it.metric[len(it.base) :] if it.metric.startswith(it.base) else ""
                    it.base, it.metric = src.base, src.base + suffix


def _rank_metric(text: str, it: Item, first: Item | None, prev: Item | None) -> tuple[str, str]:
    """(subject, scope) of a rank: 人均生产总值居全国第12位 -> (人均生产总值, 全国); 、全省第7 -> the first's subject."""
    r = rules()
    start = first.fig.end if first is not None else it.clause[0]
    before = text[start : it.fig.start]
    scopes = list(_SCOPE.finditer(before))
    scope = scopes[-1] if scopes else None
    where = scope.group() if scope else ""
    if first is not None:
        return first.base, where
    head = before[: scope.start()] if scope else before
    subject = _clean_metric(_RANK_VERB.sub("", _clean_metric(head, r)), r)
    if prev is not None and (not subject or subject in ("增速", "增幅") or re.search(r"\d", subject)):
        subject = prev.base + ("增速" if subject in ("增速", "增幅") else "")
    return subject, where


def _record_metric(text: str, it: Item) -> str:
    """粮食总产量连续18年保持在100万吨以上 -> 粮食总产量保持100万吨以上连续年数."""
    r = rules()
    subject = _clean_metric(text[it.clause[0] : it.fig.start - 2], r)
    what = text[it.fig.end : it.clause[1]].split("、")[0]
    what = re.sub(r"^(?:保持在|稳定在)", lambda m: m.group()[:2], what)
    return subject + what + "连续年数"


def _plant_metric(text: str, it: Item) -> str:
    """东岭化工60万吨钾肥复合造粒、… -> 东岭化工钾肥复合造粒产能: the plant named around the figure."""
    r = rules()
    head = re.split(r"[、和及与]", text[it.clause[0] : it.fig.start])[-1]
    if re.search(r"\d[\u4e00-\u9fff]?$", head):  # 2座20万千瓦光热电站: the plant is named after the figure
        head = ""
    head = _clean_metric(head, r)
    verb = re.search(rf"^.*(?:{_VERBS}|推动|促进|年产|日产|生产|利用|加快|的|\d)", head)
    head = head[verb.end() :] if verb else head
    tail = re.split(r"[、和及与]|等", text[it.fig.end : it.clause[1]])[0]
    head_noun = r.project_heads.search(tail)
    tail = tail[: head_noun.end()] if head_noun else tail  # 某化工项目年底前投料试产 -> 某化工项目
    return head + tail + "产能"


def _threshold_metric(text: str, it: Item) -> str:
    """实施300万元以上项目 -> 项目投资规模起点; 营业收入超五十亿元特色产业集群 -> 特色产业集群营业收入门槛."""
    noun = re.split(rf"[、,和及与]|达|\d|{_VERBS}|为|等|的", text[it.fig.end : it.clause[1]].lstrip("的"))[0]
    before = text[it.clause[0] : it.fig.start]
    measure = _MEASURE_END.search(before)
    if measure:
        return noun + measure.group() + "门槛"
    if not noun:
        return ""
    scale = ("投资规模" if noun.endswith("项目") else "规模") if it.fig.unit == "元" else ""
    return noun + scale + "起点"


def _ranks_and_records(text: str, items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for it in items:
        if is_threshold(text, it) and it.fig.unit not in ("岁", "千伏"):
            metric = _threshold_metric(text, it)
            if metric:
                it = replace(it, metric=metric, base=metric, rule=[*it.rule, "threshold-metric"])
        elif is_plant_size(text, it):
            metric = _plant_metric(text, it)
            it = replace(it, metric=metric, base=metric, rule=[*it.rule, "plant"])
        elif it.fig.unit == "位" and text[it.fig.start] in "第首、":
            prev = next((p for p in reversed(out) if p.sentence == it.sentence and p.fig.unit != "位"), None)
            last = out[-1] if out and out[-1].fig.unit == "位" and out[-1].clause == it.clause else None
            first = last if last is not None and text[last.fig.end : it.fig.start].startswith("、") else None
            subject, where = _rank_metric(text, it, first, prev)
            if subject or where:
                it = replace(it, metric=subject + where + "排名", base=subject, rule=[*it.rule, "rank"])
        elif is_record(text, it.fig):
            metric = _record_metric(text, it)
            it = replace(it, metric=metric, base=metric, rule=[*it.rule, "record"])
        out.append(it)
    return out


def name_metrics(text: str, items: list[Item], bounds: Bounds) -> list[Item]:
    """Items with their metric; an item after 各 splits into one per subject."""
    named = _Namer(text, [replace(it, rule=list(it.rule)) for it in items], bounds).name()
    return _ranks_and_records(text, named)
