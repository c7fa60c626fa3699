"""Inputs that once crashed the reader (found by scripts/fuzz.py) now give a record set or a PolicyKGError."""

from __future__ import annotations

import sys

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import fuzz

CRASHES = sorted(fuzz.REGRESSIONS.glob("crash-*.bin"))


@pytest.mark.parametrize("path", CRASHES, ids=[p.name for p in CRASHES])
def test_former_crash_is_handled(path) -> None:
    fuzz.run_one(path.read_bytes(), full=False)
