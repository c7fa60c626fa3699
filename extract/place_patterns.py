"""Small places named by the shape of a phrase: road segments (A至B段) and area lists (A、B等区域)."""

from __future__ import annotations

from policykg.extract.place_features import _generic_prefix
from policykg.extract.place_lexicon import _ADMIN_HEADS, _AREA_LIST, _FACILITY_END, _SEGMENT
from policykg.extract.place_match import _boundary, _Context, _Hit, _left_start, _surfaces


def _pattern_hits(ctx: _Context, known: set[str]) -> list[_Hit]:
    """Small places named in road segments (G107甲镇至乙村段) and area lists (A、B等区域)."""
    text, lex = ctx.text, ctx.lex

    def usable(name: str) -> bool:
        return (
            len(name) >= 2
            and name not in known
            and name not in lex.generic
            and not _generic_prefix(ctx, name)
            and not name.endswith(_FACILITY_END)
            and not name.endswith(("出口", "入口", "站点", "空间", "路口", "公司", "担保", "巷道", "周边"))
            and not any(w in name for w in ("项目", "工程", "建设", "发展"))
        )

    def typed(name: str) -> str:
        for head in _ADMIN_HEADS:
            if name.endswith(head):
                return lex.heads[head][0]
        return "other"

    def strip_verb(s: int, name: str) -> tuple[int, str]:
        """Start the name at the last word boundary inside it (强力推进府河 -> 府河)."""
        for w in lex.road_words:
            if name.startswith(w):
                s, name = s + len(w), name[len(w) :]
                break
        start = _left_start(ctx, s + len(name), len(name), set())
        if start is None or start <= s:
            return s, name
        return start, text[start : s + len(name)]

    out: list[_Hit] = []
    for match in _SEGMENT.finditer(text):
        if match.group(1).endswith("桥") and match.group(2).endswith("桥"):
            continue  # 中央桥至…桥段: a stretch between two bridges names no place
        for group in (1, 2):
            s, e = match.span(group)
            if group == 1 and not _boundary(ctx, s, set()):
                continue
            s, name = strip_verb(s, text[s:e])
            if usable(name) and name not in _surfaces().forms:
                out.append(_Hit(s, s + len(name), name, typed(name), "segment", inside=True))
    for match in _AREA_LIST.finditer(text):
        pos = match.start(1)
        for item in match.group(1).split("、"):
            s, name = strip_verb(pos, item)
            pos += len(item) + 1
            if usable(name) and not name.endswith("桥") and name not in _surfaces().forms:
                out.append(_Hit(s, s + len(name), name, typed(name), "area-list", inside=True))
    return out
