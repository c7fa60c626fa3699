"""What a report states about itself in its opening lines: title, meeting, date, speaker, place."""

from __future__ import annotations

import re

from policykg.extract.gazetteer import Division, Gazetteer
from policykg.extract.records import ReportMeta

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_DATE = re.compile(r"(\d{4}|[〇零○一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月"
                   r"(\d{1,2}|[一二三四五六七八九十]{1,3})日")  # fmt: skip
_MEETING = re.compile(r"在(.{2,40}?人民代表大会.{0,20}?会议)上")
# a meeting named without 在…上 (a heading line of its own, or in the opening sentence)
_MEETING_BARE = re.compile(
    r"([\u4e00-\u9fff]{2,24}?第[一二三四五六七八九十]+届人民代表大会第[一二三四五六七八九十]+次(?:全体)?会议)"
)
# the government the speaker stands for: 我代表酒泉市人民政府 / 某某省人民政府省长
_GOVERNMENT = re.compile(r"([\u4e00-\u9fff]{2,16}?)人民政府")
_YEAR = r"((?:19|20)\d{2})年"
# headings that name the year planned for (2024年工作安排, 二、2028年重点工作) or the year reviewed
_ANNUAL_HEADING = re.compile(
    rf"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])?\s*{_YEAR}"
    r"(?:政府|全市|全省|全县|全区|全州)?(?:工作安排|重点工作|主要工作|工作任务|主要任务|目标任务|发展目标|"
    r"工作总体要求|总体要求|工作的总体要求|政府工作|经济社会发展)",
    re.M,
)
_REVIEW_HEADING = re.compile(
    rf"^\s*(?:[一二三四五六七八九十]+、)?\s*{_YEAR}(?:和“十[一二三四五六七]五”时期)?(?:政府)?(?:工作回顾|工作总结|主要工作回顾)",
    re.M,
)
_THIS_YEAR = re.compile(rf"(?:今年是|{_YEAR}是)[^。]{{0,30}}?“十([一二三四五六七])五”(开局|收官|起步|谋篇)")
_CN_ORD = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_MEETING_PLACE = re.compile(r"^(.{2,20}?)第[一二三四五六七八九十]+届")
_TITLES = "代省长|代市长|代区长|代县长|代州长|代旗长|代盟长|省长|市长|区长|县长|州长|旗长|盟长|主席|代主席"
_SPEAKER = re.compile(
    rf"(?P<org>[\u4e00-\u9fff]{{0,24}}?)(?P<title>{_TITLES})\s*(?P<name>[\u4e00-\u9fff]{{1,4}}(?:·[\u4e00-\u9fff]{{1,8}})?)$"
)
_TITLE_SPEAKER = re.compile(
    r"政府工作报告\s*[(（]\s*\d{4}年\d{1,2}月\d{1,2}日\s*(?P<name>[\u4e00-\u9fff·]{2,4})\s*[)）]"
)


def _cn_number(token: str) -> int:
    if token.isdigit():
        return int(token)
    if all(ch in _CN_DIGITS for ch in token):  # 二〇二一
        return int("".join(str(_CN_DIGITS[ch]) for ch in token))
    # 十二, 二十一, 十
    if "十" in token:
        tens, _, ones = token.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(token, 0)


def parse_date(text: str) -> str:
    match = _DATE.search(text)
    if not match:
        return ""
    year, month, day = (_cn_number(g) for g in match.groups())
    if not (1949 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def _place_from(text: str, gazetteer: Gazetteer) -> Division | None:
    """The division a heading names: longest known full name at the start, else a short form."""
    text = re.sub(r"\s+", "", text)
    for length in range(min(len(text), 20), 1, -1):
        found = gazetteer.by_name.get(text[:length])
        if found:
            outer = min(found, key=lambda d: d.code)
            inner = _place_from(text[length:], gazetteer) if len(text) > length + 1 else None
            # 某某市某某区…: the government is the inner division
            return inner if inner is not None and gazetteer.contains(outer, inner) else outer
    for length in range(min(len(text), 8), 1, -1):
        found = gazetteer.by_short.get(text[:length])
        if found and len(found) == 1:
            return found[0]
    return None


def _from_meeting(date: str) -> int | None:
    """A report read in October or later plans for the next year, else for its own year."""
    if not date:
        return None
    year, month = int(date[:4]), int(date[5:7])
    return year + 1 if month >= 10 else year


def _year_votes(text: str) -> dict[int, int]:
    """Years the body says it plans for: annual-part headings, review headings + 1, 今年是“十五五”开局之年."""
    votes: dict[int, int] = {}
    for m in _ANNUAL_HEADING.finditer(text):
        votes[int(m.group(1))] = votes.get(int(m.group(1)), 0) + 2
    for m in _REVIEW_HEADING.finditer(text):
        votes[int(m.group(1)) + 1] = votes.get(int(m.group(1)) + 1, 0) + 2
    for m in _THIS_YEAR.finditer(text[:20000]):
        start = 1955 + 5 * (_CN_ORD[m.group(2)] + 10) - 4  # 十五五 -> 2026..2030
        year = start if m.group(3) in ("开局", "起步", "谋篇") else start + 4
        if m.group(1) and int(m.group(1)) != year:
            continue
        votes[year] = votes.get(year, 0) + 1
    return votes


def plan_year(text: str, date: str, title: str = "") -> int | None:
    """The year the report's annual part plans for.

    The meeting date decides when the body agrees or says nothing; the body's own headings
    (2024年工作安排, 2023年工作回顾) decide when there is no date or the date's year is off by
    one either way (a report read in December for the next year, or a date that is not the
    meeting's); a year in the title is the last resort.
    """
    by_date = _from_meeting(date)
    votes = _year_votes(text)
    if votes:
        best = max(sorted(votes), key=lambda y: votes[y])
        if by_date is None or (best != by_date and abs(best - by_date) <= 1 and votes[best] >= 2):
            return best
    if by_date is not None:
        return by_date
    title_year = re.search(_YEAR, title)
    return int(title_year.group(1)) if title_year else None


def _clean_title(title: str) -> str:
    title = re.sub(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])", "", title.strip())  # 政 府 工 作 报 告
    return re.sub(r"\s*[(（][^()（）]*\d{4}年[^()（）]*[)）]\s*$", "", title).strip()  # (2021年12月11日王旭)


_LEVEL_WORDS = {
    "province": ("全省", "我省", "全自治区", "全区各族"),
    "prefecture": ("全市", "我市", "全州", "我州", "全盟"),
    "county": ("全县", "我县", "全区", "我区", "全旗", "我旗"),
}


def _most_named(text: str, gazetteer: Gazetteer) -> Division | None:
    """Nothing in the head names the place: the division of the report's own level (全省/全市/全县
    words) that the body names most often, if it is named at least three times."""
    body = text[:20000]
    level = max(_LEVEL_WORDS, key=lambda k: sum(body.count(w) for w in _LEVEL_WORDS[k]))
    best, best_n = None, 2
    for d in gazetteer.divisions:
        if {"province": "province", "prefecture": "prefecture"}.get(d.type, "county") != level:
            continue
        n = body.count(d.short) if len(d.short) >= 2 else body.count(d.name)
        if n > best_n:
            best, best_n = d, n
    return best


def _government(text: str, gazetteer: Gazetteer) -> Division | None:
    """我代表酒泉市人民政府 …: the first government the opening names that the gazetteer knows."""
    for m in _GOVERNMENT.finditer(text[:3000]):
        name = m.group(1)
        for cut in range(len(name) - 1):
            division = _place_from(name[cut:], gazetteer)
            if division is not None and re.sub(r"\s+", "", name[cut:]).startswith(division.name[:2]):
                return division
    return None


def read_metadata(text: str, gazetteer: Gazetteer | None = None) -> ReportMeta:
    """Parse the opening lines (title, date-and-meeting line, speaker line); anything may be missing."""
    gazetteer = gazetteer or Gazetteer.load()
    lines = text.split("\n")[:15]
    head = "".join(line.replace(" ", "") for line in lines)

    titles = [
        line.strip() for line in lines if "工作报告" in line.replace(" ", "") and len(line) <= 40 and "代表" not in line
    ]
    # the most specific title line: one that names a place or a year beats a bare 政府工作报告
    title = max(titles, key=lambda t: len(_clean_title(t).replace("政府工作报告", "")), default="")
    meeting_match = _MEETING.search(head)
    meeting = meeting_match.group(1) if meeting_match else ""
    if not meeting:
        bare = _MEETING_BARE.search(head)
        meeting = bare.group(1) if bare else ""
    # the date that belongs to the meeting line, else the first date in the head
    date = parse_date(head[max(0, meeting_match.start() - 20) : meeting_match.end()]) if meeting_match else ""
    date = date or parse_date(head)

    speaker = speaker_title = ""
    speaker_org = ""
    for line in lines:
        match = _SPEAKER.search(line.replace(" ", "").replace("\u3000", ""))
        if match and len(line) <= 40:
            speaker, speaker_title, speaker_org = match["name"], match["title"], match["org"]
            break
    if not speaker:
        match = _TITLE_SPEAKER.search(head)
        if match:
            speaker = match["name"]
    if not speaker:  # a bare name on its own line under the meeting line
        speaker = next((x for x in lines[:6] if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", x) and "代表" not in x), "")

    division = None
    place_match = _MEETING_PLACE.match(meeting)
    if place_match:
        division = _place_from(place_match.group(1), gazetteer)
    if division is None and speaker_org:
        division = _place_from(speaker_org, gazetteer)
    if division is None and title:
        division = _place_from(title.replace(" ", ""), gazetteer)
    if division is None:  # only the speaker or only 政府工作报告: the government the opening speaks for
        division = _government(text, gazetteer) or _most_named(text, gazetteer)

    place = province = place_code = level = ""
    if division is not None:
        place, place_code = division.name, division.code
        province = gazetteer.province_of(division).name
        level = {"province": "province", "prefecture": "prefecture"}.get(division.type, "county")
    year = int(date[:4]) if date else None
    title = _clean_title(title)
    planned = plan_year(text, date, title)
    if place and not re.sub(rf"{_YEAR}|政府工作报告", "", title):
        # no title line, or 政府工作报告 alone: issuer + year + 政府工作报告
        stated = year if meeting_match and date else planned  # a date away from the meeting line may be any day
        when = f"{stated or year}年" if (stated or year) else ""
        title = f"{place}{when}政府工作报告"
    return ReportMeta(
        title=title,
        issuer=f"{place}人民政府" if place else "",
        place=place,
        place_code=place_code,
        province=province,
        level=level,
        date=date,
        speaker=speaker,
        speaker_title=speaker_title,
        meeting=meeting,
        year=year or planned,
        plan_year=planned,
    )
