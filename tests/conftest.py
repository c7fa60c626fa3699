"""Shared fixtures: the bundled example (from the installed package) and the dev corpus in ../shared.

Tests that need ../shared carry the ``shared`` mark; tests that need chromium or the oxigraph server
skip with the reason. Locally such a skip is fine; with ``CI`` set every skip fails instead, so a
CI run can never pass by skipping what it was meant to test.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXAMPLE = Path(str(files("policykg").joinpath("examples", "pingliang-2021-12.txt")))
DEV_CORPUS = SHARED / "corpus" / "dev"
GOLD = SHARED / "gold" / "pingliang-2021-12.gold.json"
SCORER = SHARED / "score" / "score.py"
IN_CI = bool(os.environ.get("CI"))
NO_SHARED = f"../shared (corpus, gold, scorers) is not at {SHARED}"


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_doc():
    """The example's document model (no extractors), parsed once per session."""
    from policykg.extract.document import read_report

    return read_report(EXAMPLE)


@pytest.fixture(scope="session")
def example_extraction():
    """The example run through the whole extraction pipeline, once per session."""
    from policykg.pipeline import extract_file

    return extract_file(EXAMPLE)


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """`policykg build EXAMPLE --out OUT --store STORE`, once per session: (OUT, STORE).

    Read-only for the tests; a test that changes the store works on a copy (copy_store).
    """
    from cli_helpers import run_cli

    root = tmp_path_factory.mktemp("example-build")
    out, store = root / "out", root / "store"
    result = run_cli("build", EXAMPLE, "--out", out, "--store", store)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return out, store


def copy_store(store: Path, dest: Path) -> Path:
    """A private copy of a store no process has open (Oxigraph's files copied as they are)."""
    shutil.copytree(store, dest)
    return dest


def dev_reports() -> list[Path]:
    """The dev reports; a placeholder path when ../shared is absent, so the test is collected and
    skipped (locally) or failed (CI) by its ``shared`` mark instead of vanishing as an empty set."""
    return sorted(DEV_CORPUS.glob("*.txt")) if DEV_CORPUS.exists() else [DEV_CORPUS / "missing.txt"]


@cache
def load_dev(stem: str):
    """A dev report through `policykg.track.load` (the full pipeline), once per session for all modules."""
    from policykg.track import load

    return load(DEV_CORPUS / f"{stem}.txt")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "shared: needs ../shared (dev corpus, gold, scorers)")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("shared") and not (DEV_CORPUS.exists() and SCORER.exists()):
        pytest.skip(NO_SHARED)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """With CI set, a skip is a failure: CI installs chromium and oxigraph and has ../shared."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"CI is set, so this skip is a failure: {reason}"


def pytest_report_header(config: pytest.Config) -> str:
    shared = "present" if DEV_CORPUS.exists() else "MISSING"
    mode = "CI: every skip fails" if IN_CI else "local: tests needing ../shared or chromium skip"
    return f"policykg: example {EXAMPLE}; ../shared {shared}; {mode}"


# One headless chromium for the whole session: two sync Playwright instances cannot share a thread.
from browser import chromium  # noqa: E402, F401
