"""A word list as a trie pattern matches exactly what the longest-first alternation matches."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from policykg.extract.domains import domain_table
from policykg.extract.wordregex import alternation

_CHARS = "农村公路业河山镇"
_words = st.lists(st.text(alphabet=_CHARS, min_size=1, max_size=4), min_size=1, max_size=12)
_texts = st.text(alphabet=_CHARS + ",", max_size=40)


def _plain(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@given(_words, _texts)
def test_trie_finds_what_the_alternation_finds(words: list[str], text: str) -> None:
    trie, plain = re.compile(alternation(words)), re.compile(_plain(words))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(_words, _texts)
def test_trie_backtracks_like_the_alternation_inside_a_larger_pattern(words: list[str], text: str) -> None:
    # a word followed by 河: the engine must fall back to a shorter word when the longest fails
    trie = re.compile(rf"(?:{alternation(words)})+河")
    plain = re.compile(rf"(?:{_plain(words)})+河")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_longer_cue_silences_the_shorter_one_inside_it() -> None:
    pattern = re.compile(alternation(["农村", "农村公路", "公路"]))
    assert pattern.findall("加快农村公路建设,改造公路") == ["农村公路", "公路"]
    assert re.compile(alternation([])).search("农村") is None


def test_domain_cues_on_a_report_sentence() -> None:
    hits = domain_table().hits("新建改建农村公路1000公里,实施乡村振兴战略。")
    assert "农村公路" in hits and "农村" not in hits
