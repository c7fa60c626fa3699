"""One report file in, every record out: the document model run through the spaCy pipeline."""

from __future__ import annotations

from pathlib import Path

from policykg.extract.document import read_document
from policykg.extract.ingest import read_text
from policykg.extract.nlp import build_pipeline
from policykg.extract.records import Extraction


def extract_text(original: str, source: str, segmenter: str = "char") -> Extraction:
    ex = read_document(original, source)
    nlp = build_pipeline(segmenter)
    doc = nlp.make_doc(ex.text)
    doc._.extraction = ex
    for _, component in nlp.pipeline:
        doc = component(doc)
    return ex


def extract_file(path: str | Path, segmenter: str = "char") -> Extraction:
    """Read and extract one report; raises PolicyKGError subclasses for input a user must fix."""
    path = Path(path)
    raw = read_text(path)
    return extract_text(raw.text, path.name, segmenter)


def bundled_example() -> Path:
    from importlib.resources import files

    return Path(str(files("policykg") / "examples" / "pingliang-2021-12.txt"))
