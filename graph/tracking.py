"""Commitment tracking: what report N promised, and what report N+1 says became of it.

For one government's consecutive reports (same ``meta.place_code``, later plan year):

- quantity targets of N whose period ends in a year the review part of N+1 covers are paired
  with the achievement N+1 states for the same indicator (``metric_key``; a fuzzy key match, then
  a looser reading of the wording, when no exact one exists), place and unit, and judged met /
  partly (at least 80% of the target) / not_met; a rate N+1 states only as a level (or a level
  only as a rate) is judged through the base-year figure N's review gives.  Targets with no such
  statement get ``no_statement``.  Targets that end later (2025, 十四五) get a row only when N+1
  reports progress on them.  Labels (七大专项行动), counts of a list just named and national
  figures quoted by a lower government are no targets.
- projects N promises a step for in its plan (graph/tracking_projects.py: the step a clause states,
  the names N+1 may use, the judgement; graph/tracking_works.py: works the plan names in lists that
  the extractor does not keep).

Every link carries both evidence sentences and a ``reason`` a reader can check.  Evidence strings
are cut from the ORIGINAL report texts (``Extraction.evidence``).  This module yields links and writes
nothing: tracking.csv is written by graph/export.py, the tracking graph by graph/rdf/checks.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import pairwise

from policykg.extract.metrics import MetricKey, parse_metric, similarity
from policykg.extract.period import Period, period_text
from policykg.extract.project_identity import match_key
from policykg.extract.records import PART_REVIEW, Extraction, Quantity, Section
from policykg.graph.export import plain_number

MET, NOT_MET, PARTLY, NO_STATEMENT = "met", "not_met", "partly", "no_statement"
STATUSES = (MET, NOT_MET, PARTLY, NO_STATEMENT)

MIN_SIMILARITY = 0.7  # fuzzy indicator match (bigram overlap of the keys' bases)
PARTLY_SHARE = 0.8  # a result reaching 80% of the target is "partly" (the golds' line)
TOLERANCE = {"~": 0.05, "=": 0.0, ">=": 0.0, "<=": 0.0}  # relative slack before "met" fails

_CLAUSE_BREAK = re.compile(r"[,;。:!?\n]")
_DOWN = re.compile(r"(?:下降|降低|减少|回落|下滑|负增长|减排|压减|降)$")
_CEILING = re.compile(r"控制在|控制|以内|不超过|不高于|低于")
_CUMULATIVE = re.compile(r"累计|五年|三年|年均|十[一二三四五]五")
_RATE_UNITS = {"%", "百分点"}
_PROJECT_RANK = {"planned": 1, "start": 2, "under_way": 3, "completed": 4}


@dataclass(frozen=True)
class TrackingLink:
    """One promise of report N and what report N+1 states about it (empty result = nothing)."""

    kind: str  # quantity | project
    metric: str  # indicator as N words it, or the project name
    place: str
    target_report: str
    target_period: str
    target_surface: str
    target_evidence: str
    result_report: str
    result_surface: str
    result_evidence: str
    status: str  # met | not_met | partly | no_statement
    metric_key: str = ""
    result_metric: str = ""  # the indicator or project name as N+1 words it
    similarity: float | None = None  # 1.0 = same metric key, less = fuzzy match
    target_id: str = ""
    result_id: str = ""
    target_value: float | None = None
    result_value: float | None = None
    unit: str = ""
    comparator: str = ""
    result_period: str = ""
    target_start: int = -1  # original-text offsets of the evidence strings
    target_end: int = -1
    result_start: int = -1
    result_end: int = -1
    reason: str = ""  # why this status, in a few words ("result 6.5% ≥ target 6%")
    promised_step: str = ""  # projects: the fine step promised / reported (graph/tracking_steps.py)
    reported_step: str = ""


# --- periods and parts ---------------------------------------------------------------------


def _end_year(period: Period | None, default: int | None) -> int | None:
    return period.last if period is not None else default


def _sections(ex: Extraction) -> dict[str, Section]:
    return {s.id: s for s in ex.sections}


def _part_at(ex: Extraction, pos: int) -> str:
    best: Section | None = None
    for s in ex.sections:
        if s.start <= pos < max(s.body_end, s.end) and (best is None or s.level > best.level):
            best = s
    return best.part if best else ""


def _reviewed_years(ex: Extraction) -> set[int]:
    """The years the review part of a report looks back on."""
    years: set[int] = set()
    for s in ex.sections:
        if s.part == PART_REVIEW and s.period is not None:
            years.update(range(s.period.first, s.period.last + 1))
    if not years and ex.meta.plan_year:
        years.add(ex.meta.plan_year - 1)
    return years


# --- quantities ------------------------------------------------------------------------------


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    a = start
    while a > 0 and not _CLAUSE_BREAK.match(text[a - 1]):
        a -= 1
    b = end
    while b < len(text) and not _CLAUSE_BREAK.match(text[b]):
        b += 1
    return a, b


def _before(ex: Extraction, q: Quantity) -> str:
    """The clause up to the number itself (a surface may start with 控制在 / 下降)."""
    a, _ = _clause(ex.text, q.start, q.end)
    lead = re.match(r"\D*", q.surface)
    return ex.text[a : q.start] + (lead.group(0) if lead else "")


def _signed(ex: Extraction, q: Quantity) -> float:
    """The figure with a minus for rates said to fall (下降3%): direction matters for rates."""
    if q.unit in _RATE_UNITS and _DOWN.search(_before(ex, q)[-6:].rstrip("了约为到至在")):
        return -abs(q.value)
    return q.value


def _is_ceiling(ex: Extraction, q: Quantity) -> bool:
    return q.comparator == "<=" or bool(_CEILING.search(_before(ex, q)[-8:]))


def judge(target: float, result: float, comparator: str, ceiling: bool) -> str:
    """met / partly / not_met for a (signed) target and result.

    A ceiling (控制在3%左右, 以内) is met at or below the target; a falling target (下降3%)
    is met when the result falls at least as much; anything else is met at or above it.
    """
    tol = TOLERANCE.get(comparator, 0.0)
    if ceiling:
        if result <= target * (1 + tol) + 1e-9:
            return MET
        return PARTLY if result <= target / PARTLY_SHARE + 1e-9 else NOT_MET
    if target < 0:  # a reduction: compare the sizes of the fall
        target, result = -target, -result
    if result >= target * (1 - tol) - 1e-9:
        return MET
    if target > 0 and result >= target * PARTLY_SHARE - 1e-9:
        return PARTLY
    return NOT_MET


def _place(q: Quantity, ex: Extraction) -> str:
    return q.place or ex.meta.place


def _value_plausible(t: Quantity, r: Quantity) -> bool:
    """Guard for fuzzy pairs: a stock is not a flow ten times smaller (or larger)."""
    if t.unit in _RATE_UNITS or not t.value or not r.value:
        return True
    ratio = abs(r.value / t.value)
    return 0.1 <= ratio <= 10


@dataclass(frozen=True)
class _Candidate:
    q: Quantity
    key: MetricKey
    end: int | None


def _results(new: Extraction) -> list[_Candidate]:
    """Achievements stated in the review part of the later report."""
    by_id = _sections(new)
    out = []
    for q in new.quantities:
        if q.kind != "achievement":
            continue
        sec = by_id.get(q.section or "")
        part = sec.part if sec else _part_at(new, q.start)
        if part != PART_REVIEW:
            continue
        out.append(_Candidate(q, parse_metric(q.metric), _end_year(q.period, None)))
    return out


_LOOSE_FRONT = re.compile(
    r"^(?:全[省市区县旗]|[省市县区]级|级|新增|新建|新开工|建成|完成|实现|培育|打造|达到|累计|城镇|年内|力争|确保"
    r"|新改扩建|改扩建|改造|改|建设|实施|开展|创建|筹集)+"
)
_LOOSE_DROP = re.compile(r"[“”\"'·]|实现|完成|建设|任务|工作|消费|水质|水体|国考|断面")
LOOSE_SIMILARITY = 0.6


_LOOSE_FOLD = re.compile(r"入园|入驻|进驻|入区|进园|落户")  # firms moving into a park, however it is said


def _loose_base(metric: str) -> str:
    return _LOOSE_FOLD.sub("入驻", _LOOSE_DROP.sub("", _LOOSE_FRONT.sub("", metric or "")))


def loose_similarity(a: MetricKey, b: MetricKey, ma: str, mb: str) -> float:
    """A second look when the keys differ in wording only (新建美丽乡村 / 美丽乡村, 网络零售额 /
    网络消费零售额): the names without level words, verbs and fillers, compared by bigrams, or
    one inside the other.  Rate against level, or 城镇 against 农村, still never pair."""
    if a.rate != b.rate or a.generic or b.generic:
        return 0.0
    if any(ga and gb and ga != gb for ga, gb in zip(a.markers(), b.markers(), strict=True)):
        return 0.0  # both name a member of one group, different ones (城镇 / 农村)
    x, y = _loose_base(ma), _loose_base(mb)
    if len(x) < 2 or len(y) < 2:
        return 0.0
    short, long_ = sorted((x, y), key=len)
    if short in long_:
        return 0.6 + 0.3 * len(short) / len(long_)
    bx = {x[i : i + 2] for i in range(len(x) - 1)}
    by = {y[i : i + 2] for i in range(len(y) - 1)}
    return 2 * len(bx & by) / (len(bx) + len(by))


def _same_unit(t: Quantity, r: Quantity) -> bool:
    if r.unit == t.unit:
        return True
    people = {"人", "名", "个"}
    return {t.unit, r.unit} <= people and "就业" in (t.metric + r.metric)


def _best_result(
    t: Quantity, tkey: MetricKey, year: int, annual: bool, old: Extraction, new: Extraction, cands: list[_Candidate]
) -> _Candidate | None:
    best: tuple[float, int, _Candidate] | None = None
    for loose in (False, True):
        for c in cands:
            r = c.q
            if not _same_unit(t, r) or c.end != year or _place(r, new) != _place(t, old):
                continue
            sim = similarity(tkey, c.key)
            if loose and sim < MIN_SIMILARITY:
                sim = loose_similarity(tkey, c.key, t.metric, r.metric)
                if sim < LOOSE_SIMILARITY:
                    continue
                sim = min(sim, MIN_SIMILARITY - 0.01)
            elif sim < MIN_SIMILARITY:
                continue
            if sim < 1.0 and not _value_plausible(t, r):
                continue
            ev = new.text[r.evidence.start : r.evidence.end]
            if annual and r.period is not None and r.period.is_span and (_CUMULATIVE.search(ev) or not r.period.annual):
                continue  # a five-year total is not this year's result
            score = sim + (0.2 if r.period == t.period else 0.0)
            if best is None or score > best[0] or (score == best[0] and r.start < best[1]):
                best = (score, r.start, c)
        if best is not None:
            return best[2]
    return None


def _figure(v: float, unit: str) -> str:
    return f"{plain_number(v)}{unit}"


def quantity_reason(
    old: Extraction, new: Extraction, t: Quantity, r: Quantity | None, status: str, progress: bool
) -> str:
    """Why a target got its status, in a few words a reader can check against the two figures as written."""
    if r is None:
        return "review states no figure for it"
    tv, rv = _signed(old, t), _signed(new, r)
    tf, rf = old.text[t.start : t.end], new.text[r.start : r.end]
    slack = TOLERANCE.get(t.comparator, 0.0)
    if _is_ceiling(old, t):
        what = "ceiling"
        beyond = rv > tv
    elif tv < 0:
        what = "promised fall"
        beyond = rv > tv  # a smaller fall (or a rise)
    else:
        what = "target"
        beyond = rv < tv
    met_as = "within the slack of" if beyond and slack else "meets"
    cmp = met_as if status == MET else "misses"
    head = f"result {rf} {cmp} {what} {tf}"
    if status == PARTLY and not progress:
        head += f" (at least {int(PARTLY_SHARE * 100)}% of it)"
    elif status == NOT_MET:
        head += f" (below {int(PARTLY_SHARE * 100)}% of it)"
    if progress:
        head += "; progress towards a later target"
    return head


def _quantity_link(
    old: Extraction,
    new: Extraction,
    t: Quantity,
    key: MetricKey,
    c: _Candidate | None,
    status: str,
    progress: bool = False,
) -> TrackingLink:
    r = c.q if c else None
    ts, te = old.original_span(t.evidence.start, t.evidence.end)
    link = TrackingLink(
        kind="quantity",
        metric=t.metric,
        place=_place(t, old),
        target_report=old.source,
        target_period=period_text(t.period),
        target_surface=old.evidence(t.start, t.end),
        target_evidence=old.evidence(t.evidence.start, t.evidence.end),
        result_report=new.source if r else "",
        result_surface=new.evidence(r.start, r.end) if r else "",
        result_evidence=new.evidence(r.evidence.start, r.evidence.end) if r else "",
        status=status,
        metric_key=key.key,
        result_metric=r.metric if r else "",
        similarity=round(similarity(key, c.key), 3) if c else None,
        target_id=t.id,
        result_id=r.id if r else "",
        target_value=t.value,
        result_value=r.value if r else None,
        unit=t.unit,
        comparator=t.comparator,
        result_period=period_text(r.period) if r else "",
        target_start=ts,
        target_end=te,
        reason=quantity_reason(old, new, t, r, status, progress),
    )
    if r:
        rs, re_ = new.original_span(r.evidence.start, r.evidence.end)
        link = _replace(link, result_start=rs, result_end=re_)
    return link


def _replace(link: TrackingLink, **kw: object) -> TrackingLink:
    d = asdict(link)
    d.update(kw)
    return TrackingLink(**d)  # type: ignore[arg-type]


_LABEL_COUNT = re.compile(r"^[一二三四五六七八九十两]+大")  # 七大专项行动, 三大攻坚战: a name, not a count
_DESCRIPTIVE_VERB = re.compile(r"(?:聚焦|围绕|突出|紧扣|抓细抓实|抓实|抓细|立足|依托)$")
_LIST_ITEMS = re.compile(r"(?:[\u4e00-\u9fff]{1,12}、)+[\u4e00-\u9fff]{1,12}$")
_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def not_a_promise(ex: Extraction, t: Quantity) -> bool:
    """A figure in a plan clause that is no target to hold the government to.

    七大专项行动 (a label; the next review's 7个专项行动 are other actions), 钢铁、装备制造两个产业
    (the count of the list just named), 聚焦12个主导产业 (a description), 15分钟就医圈 (a
    distance that names a concept), and a national figure quoted in a lower government's report.
    """
    surface = ex.text[t.start : t.end]
    if _LABEL_COUNT.match(surface) or (ex.text[t.end : t.end + 1] == "大" and not t.unit):
        return True
    before = _before(ex, t)
    lead = before[: len(before) - len(re.match(r"\D*", surface).group(0))] if surface else before
    if _DESCRIPTIVE_VERB.search(lead):
        return True
    listed = _LIST_ITEMS.search(lead)
    if listed and t.value == listed.group(0).count("、") + 1 and not lead.endswith("等"):
        return True
    if t.unit == "分钟" and re.match(r"[\u4e00-\u9fff]{0,4}圈", ex.text[t.end : t.end + 6]):
        return True
    # 全国GDP增长5%左右 in a province's report: the nation's target, not its own
    return bool(ex.meta.level) and "全国" in before and not re.search(r"全[省市区县旗州盟]", before)


def _level_key(k: MetricKey) -> MetricKey:
    return MetricKey(k.base, k.flow, False)


def _same_indicator(a: MetricKey, b: MetricKey) -> bool:
    """One indicator, read as a level or as its growth (PM2.5平均浓度 / PM2.5平均浓度下降); no loose
    or partial reading here, where 地区生产总值 inside 单位地区生产总值能耗 would pass."""
    return similarity(_level_key(a), _level_key(b)) == 1.0


def _derived_result(
    t: Quantity, tkey: MetricKey, year: int, old: Extraction, new: Extraction, cands: list[_Candidate]
) -> tuple[_Candidate, float, Quantity] | None:
    """The result for a target that N+1 states the other way round, through the level N's review gives
    for the year before: a rate target against two levels (浓度 38.8 -> 36.8 is a 5.2% fall), a level
    target against a growth rate (304亿元 grown 20%).  Returns (the N+1 figure, the derived value in the
    target's terms, N's base figure)."""
    bases = [
        q
        for q in old.quantities
        if q.kind == "achievement" and _end_year(q.period, None) == year - 1 and _part_at(old, q.start) == PART_REVIEW
    ]
    rate_target = t.unit in _RATE_UNITS
    for c in cands:
        r = c.q
        if c.end != year or _place(r, new) != _place(t, old) or (r.unit in _RATE_UNITS) == rate_target:
            continue
        if not _same_indicator(tkey, c.key):
            continue
        level_unit = r.unit if rate_target else t.unit
        for b in bases:
            if b.unit != level_unit or not b.value or _place(b, old) != _place(t, old):
                continue
            if not _same_indicator(parse_metric(b.metric), tkey if not rate_target else c.key):
                continue
            if rate_target:
                return c, (r.value / b.value - 1) * 100, b
            return c, b.value * (1 + _signed(new, r) / 100), b
    return None


def _derived_reason(
    old: Extraction, new: Extraction, t: Quantity, value: float, base: Quantity, r: Quantity, status: str
) -> str:
    tv, tf = _signed(old, t), old.text[t.start : t.end]
    bf, rf = old.text[base.start : base.end], new.text[r.start : r.end]
    if t.unit in _RATE_UNITS:
        got = f"{abs(round(value, 1))}% {'fall' if value < 0 else 'rise'}"
        return f"{bf} (N's review) → {rf} is a {got}; {status} against the promised {'fall' if tv < 0 else 'rise'} {tf}"
    return f"{bf} (N's review) grown {rf} ≈ {_figure(round(value, 2), t.unit)}; {status} against target {tf}"


_ALL_DONE = re.compile(r"全部(?:达标|完成|建成|完工|竣工|投入使用|投用|投运|建成投用)|全面(?:完成|建成|达标)")
_COUNT_TAIL = re.compile(r"(?:项目|工程|建设|任务)+$")


def all_done(old: Extraction, new: Extraction, t: Quantity) -> tuple[int, int, int, int] | None:
    """A count promised (实施5个某某站项目) that the review states without a figure but as done in full
    (某某站建设全部达标): the clause (start, end) and the words (start, end).  The review names the
    same kind of work (the target's words without verbs and 项目/建设), then says 全部/全面 of it."""
    what = _COUNT_TAIL.sub("", _loose_base(t.metric))
    if len(what) < 3:
        return None
    i = new.text.find(what)
    while i >= 0:
        a, b = _clause(new.text, i, i + len(what))
        done = _ALL_DONE.search(new.text, i + len(what), b)
        if done and _part_at(new, i) == PART_REVIEW:
            return a, b, done.start(), done.end()
        i = new.text.find(what, i + 1)
    return None


def _with_statement(new: Extraction, link: TrackingLink, done: tuple[int, int, int, int]) -> TrackingLink:
    a, b, s0, s1 = done
    rs, re_ = new.original_span(a, b)
    return _replace(
        link,
        result_report=new.source,
        result_surface=new.evidence(s0, s1),
        result_evidence=new.evidence(a, b),
        result_start=rs,
        result_end=re_,
        reason=f"review states it done in full ({new.text[s0:s1]}) without a figure",
    )


def track_quantities(old: Extraction, new: Extraction) -> Iterator[TrackingLink]:
    """One link per target of `old` due in a year `new` reviews, plus progress on later ones."""
    plan = old.meta.plan_year
    reviewed = _reviewed_years(new)
    latest = max(reviewed) if reviewed else None
    cands = _results(new)
    for t in old.quantities:
        if t.kind != "target" or not t.metric or not_a_promise(old, t):
            continue
        end = _end_year(t.period, plan)
        if end is None:
            continue
        key = parse_metric(t.metric)
        annual_rate = t.period is not None and t.period.annual
        if end in reviewed:
            single = t.period is None or not t.period.is_span or annual_rate
            c = _best_result(t, key, end, single, old, new, cands)
            if c is None:
                derived = _derived_result(t, key, end, old, new, cands)
                if derived is not None:
                    c, value, base = derived
                    status = judge(_signed(old, t), value, t.comparator, _is_ceiling(old, t))
                    link = _quantity_link(old, new, t, key, c, status)
                    yield _replace(link, reason=_derived_reason(old, new, t, value, base, c.q, status))
                    continue
                done = all_done(old, new, t) if t.unit not in _RATE_UNITS else None
                link = _quantity_link(old, new, t, key, None, MET if done else NO_STATEMENT)
                yield _with_statement(new, link, done) if done else link
                continue
            status = judge(_signed(old, t), _signed(new, c.q), t.comparator, _is_ceiling(old, t))
            yield _quantity_link(old, new, t, key, c, status)
        elif latest is not None and end > latest and (plan is None or end >= plan):
            c = _best_result(t, key, latest, annual_rate, old, new, cands)
            if c is None:
                continue  # not due yet and no progress reported
            status = judge(_signed(old, t), _signed(new, c.q), t.comparator, _is_ceiling(old, t))
            if not annual_rate and status != MET:
                status = PARTLY  # progress towards a later goal
            yield _quantity_link(old, new, t, key, c, status, progress=not annual_rate and status != MET)


# --- projects ---------------------------------------------------------------------------------


def _span_evidence(ex: Extraction, a: int, b: int) -> tuple[str, int, int]:
    os_, oe = ex.original_span(a, b)
    return ex.evidence(a, b), os_, oe


def track_projects(old: Extraction, new: Extraction) -> Iterator[TrackingLink]:
    """One link per project `old` promises a step for in its plan (graph/tracking_projects.py)."""
    from policykg.graph.tracking_projects import stage
    from policykg.graph.tracking_projects import track_projects as judged

    for rec in judged(old, new):
        p, tm, o, found = rec["project"], rec["promise"], rec["result"], rec["result_project"]
        t_ev, ts, te = _span_evidence(old, tm.clause_start, tm.clause_end)
        common = dict(
            kind="project",
            metric=p.name,
            place=p.places[0] if p.places else old.meta.place,
            target_report=old.source,
            target_period=period_text(Period.of(old.meta.plan_year)),
            target_surface=old.evidence(tm.predicate_start, tm.predicate_end),
            target_evidence=t_ev,
            metric_key=match_key(p.name),
            target_id=p.id,
            comparator=stage(tm.step),
            target_start=ts,
            target_end=te,
            status=rec["status"],
            reason=rec["reason"],
            promised_step=tm.step,
        )
        if o is None:
            yield TrackingLink(result_report="", result_surface="", result_evidence="", **common)  # type: ignore[arg-type]
            continue
        r_ev, rs, re_ = _span_evidence(new, o.clause_start, o.clause_end)
        reported = "planned_again" if o.part != PART_REVIEW else stage(o.step)
        yield TrackingLink(
            result_report=new.source,
            result_surface=new.evidence(o.step_start, o.step_end),
            result_evidence=r_ev,
            result_period=reported,
            result_metric=found.name if found else o.name,
            result_id=found.id if found else "",
            result_start=rs,
            result_end=re_,
            reported_step=o.step,
            **common,  # type: ignore[arg-type]
        )


# --- entry points -----------------------------------------------------------------------------


def track(old: Extraction, new: Extraction) -> list[TrackingLink]:
    """Links from report N's promises to report N+1's statements (same government, later year)."""
    if old.meta.place_code and new.meta.place_code and old.meta.place_code != new.meta.place_code:
        raise ValueError(
            f"different governments: {old.meta.place} ({old.meta.place_code}) vs {new.meta.place} ({new.meta.place_code})"
        )
    if old.meta.plan_year and new.meta.plan_year and new.meta.plan_year <= old.meta.plan_year:
        raise ValueError(
            f"{new.source} (plan year {new.meta.plan_year}) is not later than {old.source} ({old.meta.plan_year})"
        )
    return [*track_quantities(old, new), *track_projects(old, new)]


def status_counts(links: Iterable[TrackingLink]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for link in links:
        counts[link.status] = counts.get(link.status, 0) + 1
    return counts


def _government(ex: Extraction) -> str:
    return ex.meta.place_code or ex.meta.place or ex.source


def corpus_pairs(extractions: Iterable[Extraction]) -> list[tuple[Extraction, Extraction]]:
    """Each report with the next report of the same government (by plan year), in a fixed order.

    The pairing of ``policykg.track.track_corpus``; sorted by government, year and file name so
    that a corpus build writes the same tracking.csv and graphs whatever order it got the files in.
    """
    groups: dict[str, list[Extraction]] = {}
    for ex in sorted(extractions, key=lambda e: (_government(e), e.meta.plan_year or 0, e.source)):
        if ex.meta.plan_year:
            groups.setdefault(_government(ex), []).append(ex)
    pairs = []
    for reports in groups.values():
        for old, new in pairwise(reports):
            if new.meta.plan_year != old.meta.plan_year:
                pairs.append((old, new))
    return pairs
