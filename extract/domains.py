"""Policy domains of a passage, decided from weighted keyword cues (data/domains.toml).

The cue matcher here is shared with the department lexicon: cues are matched leftmost-longest
without overlap, so a longer cue ("农村公路") silences the shorter ones inside it ("农村").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from policykg.extract.wordregex import alternation

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser as a package
    import tomli as tomllib  # type: ignore[no-redef]

# A cue in a title says more about a task than the same cue in its body.
TITLE_WEIGHT = 4.0
# Repeating a cue in a long paragraph adds little after a few times.
BODY_CAP = 3


@dataclass(frozen=True)
class CueTable:
    """Weighted cue words for a set of keys (domains or department functions), in file order."""

    keys: tuple[str, ...]
    cues: Mapping[str, tuple[tuple[str, float], ...]]  # cue -> ((key, weight), ...)
    pattern: re.Pattern[str]

    @classmethod
    def build(cls, entries: Iterable[tuple[str, Mapping[str, float]]]) -> CueTable:
        keys: list[str] = []
        cues: dict[str, list[tuple[str, float]]] = {}
        for key, table in entries:
            keys.append(key)
            for cue, weight in table.items():
                cues.setdefault(cue, []).append((key, float(weight)))
        pattern = re.compile(alternation(cues))  # longest cue first, as a trie (fast on long text)
        return cls(tuple(keys), {c: tuple(v) for c, v in cues.items()}, pattern)

    def hits(self, text: str) -> list[str]:
        """Cue words found in `text`, leftmost-longest, in text order."""
        return [m.group(0) for m in self.pattern.finditer(text)]

    def score(self, text: str, title: str = "") -> dict[str, tuple[float, tuple[str, ...]]]:
        """Per key: summed weight (title cues count TITLE_WEIGHT times) and the cues behind it."""
        counts: dict[str, int] = {}
        for cue in self.hits(text):
            counts[cue] = counts.get(cue, 0) + 1
        title_cues = self.hits(title)
        out: dict[str, tuple[float, list[str]]] = {}
        for cue, n in counts.items():
            for key, weight in self.cues[cue]:
                total, seen = out.get(key, (0.0, []))
                out[key] = (total + weight * min(n, BODY_CAP), [*seen, cue])
        for cue in title_cues:
            for key, weight in self.cues[cue]:
                total, seen = out.get(key, (0.0, []))
                out[key] = (total + weight * TITLE_WEIGHT, seen if cue in seen else [cue, *seen])
        return {k: (v, tuple(dict.fromkeys(c))) for k, (v, c) in out.items()}

    def ranked(self, text: str, title: str = "") -> list[tuple[str, float, tuple[str, ...]]]:
        """Keys with any cue, best first; ties go to the key listed first in the data file."""
        scores = self.score(text, title)
        order = {k: i for i, k in enumerate(self.keys)}
        return sorted(
            ((k, s, c) for k, (s, c) in scores.items() if s > 0),
            key=lambda t: (-t[1], order[t[0]]),
        )


def read_toml(name: str) -> dict:
    """A data file shipped beside the extractors."""
    return tomllib.loads((files("policykg.extract") / "data" / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def domain_table() -> CueTable:
    data = read_toml("domains.toml")
    return CueTable.build((d["name"], d.get("cues", {})) for d in data["domain"])


def domain_names() -> tuple[str, ...]:
    """The 26 policy domains, in the guidelines' order."""
    return domain_table().keys


def classify_domain(text: str, title: str = "") -> tuple[str, tuple[str, ...]]:
    """The policy domain of a passage and the cues that decided it.

    `title` (a task's sub-heading) weighs TITLE_WEIGHT times its body.  Returns ("", ()) when
    no cue matches, so that a caller can fall back on the enclosing section's domain.
    """
    ranked = domain_table().ranked(text, title)
    if not ranked:
        return "", ()
    name, _, cues = ranked[0]
    return name, cues
