"""The normaliser folds forms but every output character still points at its original."""

from __future__ import annotations

import itertools
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from policykg.extract.normalise import fold_char, normalise

_text = st.text(
    alphabet=st.sampled_from(list("平凉市２０２２年，（一）：；。 \u3000\t\r\n、“”ＡＢabc12%％—!！\u200b"))
    | st.characters(),
    max_size=200,
)


@given(_text)
def test_every_character_maps_back_to_its_original(original: str) -> None:
    nt = normalise(original)
    assert len(nt.offsets) == len(nt.text) + 1
    for i, ch in enumerate(nt.text):
        source = original[nt.offsets[i]]
        if ch == "\n":
            assert source in "\r\n\u2028\u2029" or source.isspace() or i > 0
        elif ch == " ":
            assert source.isspace()
        else:
            assert fold_char(source) == ch


@given(_text)
def test_offsets_increase(original: str) -> None:
    offsets = normalise(original).offsets
    assert all(a < b for a, b in itertools.pairwise(offsets))


def _by_definition(original: str) -> tuple[str, list[int]]:
    """The normaliser's contract spelt out character by character (its fast path must agree)."""
    lines: list[list[tuple[str, int]]] = [[]]
    for i, ch in enumerate(original):
        if ch in "\r\n\u2028\u2029":
            lines.append([])
        elif ch.isspace() or ch in "\u200b\ufeff":
            if lines[-1] and lines[-1][-1][0] != " ":
                lines[-1].append((" ", i))
        elif unicodedata.category(ch) not in ("Cc", "Cf"):
            lines[-1].append((fold_char(ch), i))
    text, offsets = "", []
    for line in lines:
        while line and line[-1][0] == " ":
            line.pop()
        if line:
            if offsets:
                text, offsets = text + "\n", [*offsets, offsets[-1] + 1]
            text += "".join(c for c, _ in line)
            offsets += [i for _, i in line]
    return text, [*offsets, offsets[-1] + 1 if offsets else 0]


@given(_text)
def test_lines_fold_as_the_character_by_character_definition_says(original: str) -> None:
    nt = normalise(original)
    assert (nt.text, list(nt.offsets)) == _by_definition(original)


def test_an_indented_line_keeps_the_offsets_of_its_text() -> None:
    original = "\u3000\u3000第一行\u200b\u3000\n  第二 \u3000 行  "
    nt = normalise(original)
    assert nt.text == "第一行\n第二 行"
    kept = [(ch, original[i]) for ch, i in zip(nt.text, nt.offsets, strict=False) if ch != "\n"]
    assert kept == [(ch, ch) for ch in "第一行第二 行"]  # a run of spaces maps to its first


def test_full_width_forms_fold_to_ascii() -> None:
    nt = normalise("　　２０２２年，全市地区生产总值增长８％（预计）；\r\n\r\n下一段")
    assert nt.text == "2022年,全市地区生产总值增长8%(预计);\n下一段"
    assert nt.original_span(0, 4) == (2, 6)


def test_crlf_and_lone_cr_are_line_breaks() -> None:
    assert normalise("一\r\n二\r三\n\n\n四").text == "一\n二\n三\n四"


_traditional_text = st.text(
    alphabet=st.sampled_from(
        list("政府工作報告過去五年發展經濟著乾燥幹部臺灣頭髮後來裡面計畫瞭解隻，。　\r\n（一）２０２２")
    ),
    max_size=200,
)


@given(_traditional_text)
def test_simplified_text_keeps_one_character_per_original(original: str) -> None:
    """Converting traditional to simplified never moves an offset: evidence stays in the original."""
    from policykg.extract.convert import to_simplified

    nt = normalise(original)
    simple = to_simplified(nt)
    assert len(simple.text) == len(nt.text)
    assert simple.offsets == nt.offsets
    for i, ch in enumerate(simple.text):
        if ch not in " \n":
            assert original[simple.offsets[i]] not in " \n\r\t\u3000"


def test_traditional_report_converts_and_evidence_points_at_the_traditional_original() -> None:
    from policykg.extract.convert import is_traditional, to_simplified

    original = "　　過去五年，全市地區生產總值年均增長６．５％，發展質量穩步提升。"
    nt = to_simplified(normalise(original))
    assert nt.text == "过去五年,全市地区生产总值年均增长6.5%,发展质量稳步提升。"
    start = nt.text.index("发展")
    s, e = nt.original_span(start, start + 4)
    assert original[s:e] == "發展質量"
    assert is_traditional(original * 3)
    assert not is_traditional("过去五年,全市地区生产总值年均增长6.5%,发展质量稳步提升。" * 3)
