"""A corpus build holds each report's extraction on disk, not in memory, and never ships the file."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import run_cli
from conftest import EXAMPLE

from policykg.build import SpilledExtraction, _build_or_error
from policykg.pipeline import extract_file


def test_a_spilled_extraction_loads_back_whole(tmp_path: Path) -> None:
    built = _build_or_error(EXAMPLE, tmp_path, spill=True)
    assert isinstance(built.extraction, SpilledExtraction)  # the build result holds no Extraction
    assert built.extraction.meta.plan_year == 2022 and built.extraction.source == EXAMPLE.name
    assert built.extraction.load() == extract_file(EXAMPLE)


def test_a_corpus_build_moves_no_spilled_file_into_out(tmp_path: Path) -> None:
    second = tmp_path / "copy.txt"
    second.write_text(EXAMPLE.read_text(encoding="utf-8").replace("2021年12月11日", "2022年12月11日", 1), "utf-8")
    out = tmp_path / "out"
    result = run_cli("build", EXAMPLE, second, "--out", out, "--no-store", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["copy", "pingliang-2021-12"]
    assert not list(out.rglob("*.pickle")) and not list(out.rglob(".*"))
    assert (out / "copy" / "view.html").stat().st_size > 0
