"""Reference data (lexicons, gazetteers) is read by one loader, extract/reference.py.

Each module keeps only its own step from the raw table to its typed lexicon; reading and parsing
the file is decided once, so a second TOML reader (or a second importlib.resources path to
extract/data) showing up anywhere in the package fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO

from policykg.extract import reference
from policykg.extract.reference import load_json, load_toml

PACKAGE_DIRS = ("extract", "graph", "queries", "policykg", "ontology")
DATA_FILES = sorted((REPO / "extract" / "data").glob("*.toml"))


def _sources() -> list[Path]:
    return [p for d in PACKAGE_DIRS for p in sorted((REPO / d).rglob("*.py")) if ".venv" not in p.parts]


def test_no_module_but_the_loader_parses_toml_or_opens_extract_data() -> None:
    own = (REPO / "extract" / "reference.py").resolve()  # the sources, whether installed editable or not
    assert own.read_text("utf-8") == Path(reference.__file__).read_text("utf-8")
    second = re.compile(r"\btoml(?:lib|i)\b|files\(\"policykg\.extract\"\)|\.toml\"\)\.read_text")
    offenders = [
        str(p.relative_to(REPO)) for p in _sources() if p.resolve() != own and second.search(p.read_text("utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.name for p in DATA_FILES])
def test_every_lexicon_file_loads_once_and_is_shared(path: Path) -> None:
    first = load_toml(path.name)
    assert first and first is load_toml(path.name)  # parsed once per process, the same table for every reader


def test_a_file_beside_a_graph_module_loads_by_package() -> None:
    works = load_toml("tracking_works.toml", "policykg.graph", folder="")
    assert {"heads", "lead", "tail"} <= set(works)


def test_json_reference_data_reads_through_the_same_paths() -> None:
    world = load_json("place_world.json")
    assert "countries" in world and "capitals" in world


def test_the_lexicons_read_their_tables_through_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A lexicon built while the loader is watched asks it for its own file, not the disk directly."""
    from policykg.extract import domains, metrics, numbers

    asked: list[str] = []
    real = reference.load_toml.__wrapped__

    def watched(name: str, package: str = reference.EXTRACT, folder: str = reference.DATA) -> dict:
        asked.append(name)
        return real(name, package, folder)

    for module in (domains, metrics, numbers):
        monkeypatch.setattr(module, "load_toml", watched)
    for cached in (domains.domain_table, metrics.lexicon, numbers.lexicon):
        cached.cache_clear()
    try:
        assert numbers.lexicon().units and metrics.lexicon().synonyms and domains.domain_table().keys
    finally:
        for cached in (domains.domain_table, metrics.lexicon, numbers.lexicon):
            cached.cache_clear()
    assert asked == ["units.toml", "metric_synonyms.toml", "domains.toml"]
