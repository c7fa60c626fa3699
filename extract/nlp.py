"""The spaCy pipeline: a blank Chinese tokenizer plus policykg's extraction steps as components.

Each component runs one step of extract/steps.py on the Extraction carried on
``doc._.extraction``, so a spaCy user can reorder, disable or replace a step from the config
(``nlp.disable_pipe("policykg_projects")``) and read the records from the Doc.  The build runs the
same steps without a Doc (policykg/pipeline.py).  Nothing is registered at import time:
``build_pipeline()`` registers on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

_REGISTERED = False


def _component_names() -> tuple[tuple[str, str], ...]:
    from policykg.extract.steps import STEPS

    steps = [(f"policykg_{name}", f"policykg_{name}_v1") for name, _ in STEPS]
    return (("policykg_sentences", "policykg_sentences_v1"), *steps)


def _register() -> None:
    global _REGISTERED
    if _REGISTERED:
        return
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    Doc.set_extension("extraction", default=None, force=True)
    for field in ("sections", "paragraphs", "quantities", "projects", "places", "goals", "tasks"):
        Doc.set_extension(field, getter=lambda doc, f=field: getattr(doc._.extraction, f), force=True)
    Span.set_extension("section", getter=_span_section, force=True)

    @Language.factory("policykg_sentences_v1")
    def make_sentences(nlp: Language, name: str) -> Any:
        return _sentences

    from policykg.extract.steps import STEPS

    for name, step in STEPS:
        Language.factory(f"policykg_{name}_v1", func=_factory(step))

    from spacy.util import registry

    @registry.tokenizers("policykg_segmenter_v1")
    def make_segmenter(segmenter: str = "jieba") -> Any:
        return lambda nlp: Segmenter(nlp.vocab, segmenter)

    _REGISTERED = True


class Segmenter:
    """A linear-time tokenizer for blank Chinese pipelines: jieba words or single characters.

    spaCy's own ChineseTokenizer aligns words by slicing the text once per word, which is
    quadratic on a long report (a 350k-character corpus file takes seconds); jieba's words
    concatenate back to the text exactly, so a Doc can be built from them directly.
    """

    def __init__(self, vocab: Any, segmenter: str = "jieba") -> None:
        if segmenter not in ("jieba", "char"):
            raise ValueError(f"segmenter must be 'jieba' or 'char', not {segmenter!r}")
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Any:
        from spacy.tokens import Doc

        if self.segmenter == "jieba":
            from policykg.extract.jieba_words import segmenter

            words = [w for w in segmenter().cut(text, HMM=True) if w]
        else:
            words = list(text)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


def _span_section(span: Any) -> str | None:
    from policykg.extract.structure import section_at

    ex = span.doc._.extraction
    sec = section_at(ex.sections, span.start_char) if ex else None
    return sec.id if sec else None


def _sentences(doc: Any) -> Any:
    """Mark sentence starts from the document model, so doc.sents follows the report's sentences."""
    import numpy
    from spacy.attrs import IDX, SENT_START

    if not len(doc):
        return doc
    starts = numpy.fromiter((s.start for s in doc._.extraction.sentences), dtype=numpy.int64)
    # token offsets as an array: no Token object per character (that cost more than the extractors)
    flags = numpy.where(numpy.isin(doc.to_array(IDX).astype(numpy.int64), starts), 1, -1)
    flags[0] = 1
    return doc.from_array([SENT_START], flags.astype(numpy.uint64).reshape(-1, 1))


def _factory(step: Callable[[Any], None]) -> Callable[..., Any]:
    def make(nlp: Any, name: str) -> Any:
        def component(doc: Any) -> Any:
            step(doc._.extraction)
            return doc

        return component

    return make


@lru_cache(maxsize=2)
def build_pipeline(segmenter: str = "jieba") -> Any:
    """A blank Chinese pipeline with policykg's components (jieba words, or single characters)."""
    import spacy

    _register()
    nlp = spacy.blank(
        "zh", config={"nlp": {"tokenizer": {"@tokenizers": "policykg_segmenter_v1", "segmenter": segmenter}}}
    )
    for name, factory in _component_names():
        nlp.add_pipe(factory, name=name)
    return nlp


def extract_doc(original: str, source: str, segmenter: str = "jieba", disable: tuple[str, ...] = ()) -> Any:
    """A report as a spaCy Doc: its words (or characters), sentences, and every record on ``doc._``."""
    from policykg.extract.document import read_document

    nlp = build_pipeline(segmenter)
    ex = read_document(original, source)
    doc = nlp.make_doc(ex.text)
    doc._.extraction = ex
    for name, component in nlp.pipeline:
        if name not in disable:
            doc = component(doc)
    return doc
