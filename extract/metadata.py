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
            # 呼伦贝尔市海拉尔区…: the government is the inner division
            return inner if inner is not None and gazetteer.contains(outer, inner) else outer
    for length in range(min(len(text), 8), 1, -1):
        found = gazetteer.by_short.get(text[:length])
        if found and len(found) == 1:
            return found[0]
    return None


def _plan_year(date: str) -> int | None:
    if not date:
        return None
    year, month = int(date[:4]), int(date[5:7])
    return year + 1 if month >= 10 else year


def read_metadata(text: str, gazetteer: Gazetteer | None = None) -> ReportMeta:
    """Parse the opening lines (title, date-and-meeting line, speaker line); anything may be missing."""
    gazetteer = gazetteer or Gazetteer.load()
    lines = text.split("\n")[:15]
    head = "".join(line.replace(" ", "") for line in lines)

    title = next(
        (line for line in lines if "工作报告" in line.replace(" ", "") and len(line) <= 40 and "代表" not in line), ""
    )
    meeting_match = _MEETING.search(head)
    meeting = meeting_match.group(1) if meeting_match else ""
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

    place = province = place_code = level = ""
    if division is not None:
        place, place_code = division.name, division.code
        province = gazetteer.province_of(division).name
        level = {"province": "province", "prefecture": "prefecture"}.get(division.type, "county")
    year = int(date[:4]) if date else None
    return ReportMeta(
        title=re.sub(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])", "", title.strip()),  # 政 府 工 作 报 告
        issuer=f"{place}人民政府" if place else "",
        place=place,
        place_code=place_code,
        province=province,
        level=level,
        date=date,
        speaker=speaker,
        speaker_title=speaker_title,
        meeting=meeting,
        year=year,
        plan_year=_plan_year(date),
    )
