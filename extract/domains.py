"""Policy domains of a passage, decided from weighted keyword cues (data/domains.toml).

The cue matcher here is shared with the department lexicon: cues are matched leftmost-longest
without overlap, so a longer cue ("农村公路") silences the shorter ones inside it ("农村").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from policykg.extract.reference import load_toml
from policykg.extract.wordregex import alternation

# A cue in a title says more about a task than the same cue in its body: the title names the task.
TITLE_WEIGHT = 4.0
# The body counts each distinct cue once, and a key's body total stops at BODY_CAP, so that a long
# paragraph touching many topics cannot outvote the words of its own heading.
BODY_CAP = 8.0
# The heading of the item a task sits under (its context) counts half its own heading: a terse
# sub-heading ("建基地" under "努力让工业强起来") is read in the light of its item.
CONTEXT_WEIGHT = 2.0


@dataclass(frozen=True)
class CueTable:
    """Weighted cue words for a set of keys (domains or department functions), in file order."""

    keys: tuple[str, ...]
    cues: Mapping[str, tuple[tuple[str, float], ...]]  # cue -> ((key, weight), ...)
    pattern: re.Pattern[str]
    # the same task, item and section texts are scored for domains and departments again and again
    _seen: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _order: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, entries: Iterable[tuple[str, Mapping[str, float]]], neutral: Iterable[str] = ()) -> CueTable:
        """`neutral` words match like cues but count for no key: they keep a shorter cue inside
        them from counting ("健康" inside "健康发展", "质量" inside "高质量")."""
        keys: list[str] = []
        cues: dict[str, list[tuple[str, float]]] = {w: [] for w in neutral}
        for key, table in entries:
            keys.append(key)
            for cue, weight in table.items():
                cues.setdefault(cue, []).append((key, float(weight)))
        pattern = re.compile(alternation(cues))  # longest cue first, as a trie (fast on long text)
        return cls(tuple(keys), {c: tuple(v) for c, v in cues.items()}, pattern)

    def hits(self, text: str) -> list[str]:
        """Cue words found in `text`, leftmost-longest, in text order."""
        found = self._seen.get(text)
        if found is None:
            if len(self._seen) > 4096:
                self._seen.clear()
            found = self._seen[text] = tuple(m.group(0) for m in self.pattern.finditer(text))
        return list(found)

    def score(self, text: str, title: str = "", context: str = "") -> dict[str, tuple[float, tuple[str, ...]]]:
        """Per key: capped body weight plus TITLE_WEIGHT times the title's (CONTEXT_WEIGHT times
        the context's), and the cues behind it."""
        return {k: (v, c) for k, (v, _, c) in self._scores(text, title, context).items()}

    def _weights(self, text: str, weight: float = 1.0) -> dict[str, tuple[float, list[str]]]:
        """Per key: the weight of the distinct cues in `text` (times `weight`), and those cues."""
        totals: dict[str, list[float]] = {}
        cues: dict[str, list[str]] = {}
        for cue in dict.fromkeys(self.hits(text)):  # each distinct cue once
            for key, w in self.cues[cue]:
                if key in totals:
                    totals[key][0] += w * weight
                    cues[key].append(cue)
                else:
                    totals[key] = [w * weight]
                    cues[key] = [cue]
        return {key: (total[0], cues[key]) for key, total in totals.items()}

    def _scores(self, text: str, title: str, context: str = "") -> dict[str, tuple[float, float, tuple[str, ...]]]:
        """Per key: (score, uncapped body weight, cues), title cues first among the cues."""
        body = self._weights(text)
        titled = self._weights(title, TITLE_WEIGHT)
        # only a heading that names nothing itself is read in the light of its item
        around = self._weights(context, CONTEXT_WEIGHT) if context and not any(titled.values()) else {}
        out: dict[str, tuple[float, float, tuple[str, ...]]] = {}
        for key in dict.fromkeys([*titled, *body, *around]):
            t, tc = titled.get(key, (0.0, []))
            b, bc = body.get(key, (0.0, []))
            a, ac = around.get(key, (0.0, []))
            out[key] = (t + min(b, BODY_CAP) + a, b, tuple(dict.fromkeys([*tc, *bc, *(f"context:{c}" for c in ac)])))
        return out

    def ranked(self, text: str, title: str = "", context: str = "") -> list[tuple[str, float, tuple[str, ...]]]:
        """Keys with any cue, best first.

        Ties go to the key with more body weight before the cap, then to the key listed first
        in the data file.
        """
        scores = self._scores(text, title, context)
        if not self._order:
            self._order.update((k, i) for i, k in enumerate(self.keys))
        order = self._order
        ranked = sorted(
            ((k, s, raw, c) for k, (s, raw, c) in scores.items() if s > 0),
            key=lambda t: (-t[1], -t[2], order[t[0]]),
        )
        return [(k, s, c) for k, s, _, c in ranked]


@lru_cache(maxsize=1)
def domain_table() -> CueTable:
    data = load_toml("domains.toml")
    return CueTable.build(((d["name"], d.get("cues", {})) for d in data["domain"]), data.get("neutral", ()))


def domain_names() -> tuple[str, ...]:
    """The 26 policy domains, in the guidelines' order."""
    return domain_table().keys


def classify_domain(text: str, title: str = "", context: str = "") -> tuple[str, tuple[str, ...]]:
    """The policy domain of a passage and the cues that decided it.

    `title` (a task's sub-heading) weighs TITLE_WEIGHT times its body.  Returns ("", ()) when
    no cue matches, so that a caller can fall back on the enclosing section's domain.
    """
    ranked = domain_table().ranked(text, title, context)
    if not ranked:
        return "", ()
    name, _, cues = ranked[0]
    return name, cues
