"""Regular expressions for word lists, written as a trie so that matching stays fast.

A plain alternation of hundreds of words (longest first) makes the regex engine try every word
at every position; the same words as nested groups by shared prefix (``农(?:村(?:公路)?|业)``)
let it follow one branch per character.  Each node prefers the longer continuation and falls
back to the shorter word on backtracking, so the pattern matches exactly what the longest-first
alternation matches, in the same order of preference, also inside a larger pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Trie = dict[str, "_Trie"]
_END = ""  # key marking that a word ends at a node


def _trie(words: Iterable[str]) -> _Trie:
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return root


def _emit(node: _Trie) -> str:
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 else body + "?"


def alternation(words: Iterable[str]) -> str:
    """A pattern matching any of `words`, longest first (empty words are ignored).

    Equivalent to ``"|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))``;
    wrap it in ``(?:…)`` before adding quantifiers.  No words: a pattern that never matches.
    """
    words = {w for w in words if w}
    if not words:
        return "(?!)"
    return _emit(_trie(words))
