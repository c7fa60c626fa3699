"""jieba's dictionary, loaded once per process: its segmenter, and the word lists read from its dict.txt.

The place, project and tracking rules ask the dictionary three kinds of question: how it cuts a
phrase (a name it does not know falls apart into single characters), whether a word is everyday
language, and whether it tags a word as a proper noun.  The tags come from the same dict.txt that
``jieba.posseg`` reads, so asking for them here costs no second read and no tagger (importing the
tagger loads its HMM tables in every worker of a corpus build: ~0.3 s each).
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from typing import Any, NamedTuple

_VERB_TAGS = frozenset({"v", "vd", "vn", "a", "ad", "d", "p", "c"})
# a place (ns), an organisation (nt), a transliterated name (nrt) or another proper noun (nz)
PROPER_TAGS = frozenset({"ns", "nrt", "nt", "nz"})


class WordLists(NamedTuple):
    common: frozenset[str]  # everyday words and idioms of 2–4 characters, not tagged ns
    verbs: frozenset[str]  # frequent two-character verbs, adjectives and adverbs
    frequent: frozenset[str]  # words of 2–4 characters seen often under any tag
    proper: frozenset[str]  # words of 2 characters or more tagged as proper nouns


@lru_cache(maxsize=1)
def segmenter() -> Any:
    """jieba's default tokenizer, its prefix dictionary built on first use (about a second)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    import jieba

    common, verbs, frequent, proper = set(), set(), set(), set()
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3:
                continue
            word, tag = parts[0], parts[2]
            if tag in PROPER_TAGS and len(word) >= 2:
                proper.add(word)
            else:
                proper.discard(word)  # a word listed twice keeps its last tag, as jieba's tagger does
            if not 2 <= len(word) <= 4:
                continue
            freq = int(parts[1])
            if freq >= 300:
                frequent.add(word)
            if tag == "ns" or freq < (50 if len(word) == 2 else 3):
                continue
            common.add(word)
            if tag in _VERB_TAGS and len(word) == 2 and freq >= 500:
                verbs.add(word)
    return WordLists(frozenset(common), frozenset(verbs), frozenset(frequent), frozenset(proper))


@lru_cache(maxsize=4096)
def names_proper_noun(text: str) -> bool:
    """Does the dictionary read a proper noun of two characters or more in `text` (as jieba.posseg
    does without its HMM: the dictionary's words, each with its dictionary tag)?"""
    proper = word_lists().proper
    return any(len(w) >= 2 and w in proper for w in segmenter().lcut(text, HMM=False))
