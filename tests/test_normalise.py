"""The normaliser folds forms but every output character still points at its original."""

from __future__ import annotations

import itertools

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


def test_full_width_forms_fold_to_ascii() -> None:
    nt = normalise("　　２０２２年，全市地区生产总值增长８％（预计）；\r\n\r\n下一段")
    assert nt.text == "2022年,全市地区生产总值增长8%(预计);\n下一段"
    assert nt.original_span(0, 4) == (2, 6)


def test_crlf_and_lone_cr_are_line_breaks() -> None:
    assert normalise("一\r\n二\r三\n\n\n四").text == "一\n二\n三\n四"
