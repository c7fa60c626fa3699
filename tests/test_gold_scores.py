"""The extraction bars of issue 9 over every gold report found in ../shared/gold: the mean and the worst.

Each report is built by the real command and its CSV export scored by the shared scorer, exactly as
`../shared/score/score_all.py --build` does; a gold file added later is scored without touching this test.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from cli_helpers import run_cli
from conftest import SHARED

pytestmark = pytest.mark.shared

MEAN_BARS = {
    "sections F1": 0.95,
    "quantities F1": 0.95,
    "kind acc": 0.95,
    "metric acc": 0.90,
    "period acc": 0.95,
    "projects F1": 0.85,
    "places F1": 0.90,
    "lead acc": 0.75,
}
WORST_BARS = {"sections F1": 0.90, "projects F1": 0.75, "places F1": 0.80, "lead acc": 0.60}


def _score_all():
    """The shared score_all module (its gold discovery, report lookup and figure readers)."""
    path = SHARED / "score" / "score_all.py"
    spec = importlib.util.spec_from_file_location("score_all", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> dict[str, dict[str, float]]:
    score_all = _score_all()
    golds = score_all.gold_files([SHARED / "gold", SHARED / "gold" / "dev"])
    assert golds, "no gold files found"
    root = tmp_path_factory.mktemp("gold")
    rows: dict[str, dict[str, float]] = {}
    for gold in golds:
        report = score_all.find_report(json.loads(gold.read_text(encoding="utf-8"))["report"]["file"])
        out = root / report.stem
        built = run_cli("build", report, "--out", out, "--no-store")
        assert built.returncode == 0, built.stderr
        result = score_all.score(report, gold, out, 0)
        rows[report.stem] = {name: read(result) for name, read in score_all.FIGURES}
        if "stated_lead_acc" in result["tasks"]:
            rows[report.stem]["stated lead acc"] = result["tasks"]["stated_lead_acc"]
    return rows


@pytest.mark.parametrize("figure", list(MEAN_BARS))
def test_mean_over_every_gold_report(figures: dict[str, dict[str, float]], figure: str) -> None:
    mean = sum(row[figure] for row in figures.values()) / len(figures)
    assert mean >= MEAN_BARS[figure], f"mean {figure} = {mean:.3f} < {MEAN_BARS[figure]}"


@pytest.mark.parametrize("figure", list(WORST_BARS))
def test_no_gold_report_below_the_floor(figures: dict[str, dict[str, float]], figure: str) -> None:
    low = {stem: row[figure] for stem, row in figures.items() if row[figure] < WORST_BARS[figure]}
    assert not low, f"{figure} below {WORST_BARS[figure]}: {low}"


def test_stated_leads_are_taken_exactly(figures: dict[str, dict[str, float]]) -> None:
    stated = {stem: row["stated lead acc"] for stem, row in figures.items() if "stated lead acc" in row}
    assert all(value == 1.0 for value in stated.values()), stated  # golds whose report prints 牵头单位


def test_every_gold_report_is_scored(figures: dict[str, dict[str, float]]) -> None:
    expected = {Path(g).name.removesuffix(".gold.json") for g in (SHARED / "gold").rglob("*.gold.json")}
    assert set(figures) == {e for e in expected if not e.startswith("tracking-")}
