"""jieba's dictionary read once (extract/jieba_words.py): the same answers as jieba's own tagger."""

from __future__ import annotations

import jieba.posseg
from conftest import EXAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.extract.ingest import read_text
from policykg.extract.jieba_words import PROPER_TAGS, names_proper_noun, word_lists

_TEXT = read_text(EXAMPLE).text


def _posseg_reads_proper_noun(text: str) -> bool:
    return any(len(w) >= 2 and tag in PROPER_TAGS for w, tag in jieba.posseg.lcut(text, HMM=False))


def test_proper_nouns_agree_with_the_tagger_on_every_window_of_the_example() -> None:
    windows = [_TEXT[i : i + n] for n in (4, 7, 11) for i in range(0, len(_TEXT) - n, 5)]
    found = [names_proper_noun(w) for w in windows]
    assert found == [_posseg_reads_proper_noun(w) for w in windows]
    assert 0.05 < sum(found) / len(found) < 0.95  # both answers occur: the comparison can fail


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(sorted(set(_TEXT))), min_size=1, max_size=12))
def test_proper_nouns_agree_with_the_tagger_on_any_string_of_the_reports_characters(text: str) -> None:
    assert names_proper_noun(text) == _posseg_reads_proper_noun(text)


def test_the_word_lists_are_what_the_place_rules_expect() -> None:
    lists = word_lists()
    assert lists.verbs <= lists.common  # a frequent verb is an everyday word
    assert all(2 <= len(w) <= 4 for w in lists.common | lists.frequent)
    assert not lists.common & {w for w in lists.proper if jieba.posseg.dt.word_tag_tab.get(w) == "ns"}
