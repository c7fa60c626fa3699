"""Bad bytes give a record set or a PolicyKGError, never another exception (scripts/fuzz.py).

Two parts: every input saved in tests/bad_inputs/regressions/ (crashes the fuzzer found, and
hand-made edge cases), and a fixed replay of the fuzzer's own mutations of its seeds, so the test
runs the same inputs on every machine even when the folder holds no crash.
"""

from __future__ import annotations

import random
import sys

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import fuzz

SAVED = sorted(p for p in fuzz.REGRESSIONS.glob("*.bin"))
REPLAYS = 24  # mutants of the seeds, document model only (each ~0.1 s)


def test_regression_inputs_are_shipped() -> None:
    assert SAVED, f"no regression inputs in {fuzz.REGRESSIONS}"


@pytest.mark.parametrize("path", SAVED, ids=[p.name for p in SAVED])
def test_saved_input_is_handled(path) -> None:
    fuzz.run_one(path.read_bytes(), full=True)


def test_seed_mutants_are_handled() -> None:
    rng, pool = random.Random(20261206), fuzz.seeds()
    for i in range(REPLAYS):
        data = fuzz.mutate(rng, pool)
        try:
            fuzz.run_one(data, full=False)
        except Exception as err:  # pragma: no cover - the failure message is the point
            path = fuzz.save_crash(data, err)
            pytest.fail(f"mutant {i} crashed with {type(err).__name__}: {err} (saved to {path})")
