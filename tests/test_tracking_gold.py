"""Tracking bars of issue 15 over every tracking gold file found in ../shared/gold, from the CLI.

Each gold pair is tracked by the real command (`policykg track OLD NEW --out DIR`) and its
tracking.csv scored by the shared scorer (score_tracking.py), so a gold pair added later is scored
without touching this test.  Every pair must reach issue 15's bars (link recall, precision and status
accuracy 0.90, result evidence 0.85); the mean over the pairs is held a little below what is reached.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest
from cli_helpers import run_cli
from conftest import SHARED

pytestmark = pytest.mark.shared

# issue 15's bars, for every pair (hebei 2022→2023 reaches 0.94 / 0.93 / 0.93 / 0.97; hailar 2014→2015,
# a district report of named projects, 0.94 / 0.92 / 0.90 / 0.94)
BARS = {"link_recall": 0.90, "link_precision": 0.90, "status_acc": 0.90, "result_evidence_acc": 0.85}
# the mean over the pairs
MEAN_BARS = {"link_recall": 0.92, "link_precision": 0.90, "status_acc": 0.89, "result_evidence_acc": 0.93}


def _scorer():
    path = SHARED / "score" / "score_tracking.py"
    spec = importlib.util.spec_from_file_location("score_tracking", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _report(name: str) -> Path:
    found = sorted(p for p in (SHARED / "corpus").rglob(name) if p.is_file())
    assert found, f"report {name} named by a tracking gold is not in ../shared/corpus"
    return found[0]


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, dict[str, float]]:
    golds = sorted((SHARED / "gold").rglob("tracking-*.gold.json"))
    assert golds, "no tracking gold files found"
    score = _scorer().score
    root = tmp_path_factory.mktemp("tracking")
    out: dict[str, dict[str, float]] = {}
    for gold in golds:
        meta = json.loads(gold.read_text(encoding="utf-8"))
        old, new = _report(meta["target_report"]), _report(meta["result_report"])
        pred = root / gold.stem
        done = run_cli("track", old, new, "--out", pred)
        assert done.returncode == 0, done.stderr
        out[gold.stem] = score(old, new, gold, pred)
    return out


@pytest.mark.parametrize("figure", sorted(BARS))
def test_every_gold_pair_reaches_the_bar(scores: dict[str, dict[str, float]], figure: str) -> None:
    low = {name: round(s[figure], 3) for name, s in scores.items() if s[figure] < BARS[figure]}
    assert not low, f"{figure} below {BARS[figure]}: {low}"


@pytest.mark.parametrize("figure", sorted(MEAN_BARS))
def test_the_mean_reaches_the_bar(scores: dict[str, dict[str, float]], figure: str) -> None:
    mean = sum(s[figure] for s in scores.values()) / len(scores)
    assert mean >= MEAN_BARS[figure], f"mean {figure} {mean:.3f} < {MEAN_BARS[figure]}"


def test_every_link_gives_its_reason_and_evidence(tmp_path: Path) -> None:
    """A reader can check each status: a reason always, the result sentence whenever one is claimed."""
    gold = sorted((SHARED / "gold").rglob("tracking-*.gold.json"))[0]
    meta = json.loads(gold.read_text(encoding="utf-8"))
    done = run_cli("track", _report(meta["target_report"]), _report(meta["result_report"]), "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader((tmp_path / "tracking.csv").open(encoding="utf-8-sig")))
    assert rows
    for row in rows:
        assert row["reason"], row
        assert row["target_evidence"], row
        assert bool(row["result_evidence"]) == (row["status"] != "no_statement"), row
