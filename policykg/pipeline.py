"""One report file in, every record out: the document model run through the extraction steps."""

from __future__ import annotations

from pathlib import Path

from policykg.extract.document import read_document
from policykg.extract.ingest import read_text
from policykg.extract.records import Extraction
from policykg.extract.steps import run_steps


def extract_text(original: str, source: str) -> Extraction:
    """Every record of one report's text (extract.nlp.extract_doc gives the same records on a spaCy Doc)."""
    return run_steps(read_document(original, source))


def extract_file(path: str | Path) -> Extraction:
    """Read and extract one report; raises PolicyKGError subclasses for input a user must fix."""
    path = Path(path)
    raw = read_text(path)
    return extract_text(raw.text, path.name)


def bundled_example() -> Path:
    from importlib.resources import files

    return Path(str(files("policykg") / "examples" / "pingliang-2021-12.txt"))
