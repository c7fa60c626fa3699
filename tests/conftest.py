"""Shared fixtures: the bundled example and the dev corpus in ../shared (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXAMPLE = REPO / "policykg" / "examples" / "pingliang-2021-12.txt"
DEV_CORPUS = SHARED / "corpus" / "dev"
GOLD = SHARED / "gold" / "pingliang-2021-12.gold.json"
SCORER = SHARED / "score" / "score.py"


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


def dev_reports() -> list[Path]:
    return sorted(DEV_CORPUS.glob("*.txt")) if DEV_CORPUS.exists() else []


# One headless chromium for the whole session: two sync Playwright instances cannot share a thread.
from browser import chromium  # noqa: E402, F401
