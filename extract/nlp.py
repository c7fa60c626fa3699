"""The spaCy pipeline: a blank Chinese tokenizer plus policykg's components.

Each extractor is a pure function over an ``Extraction``; the components below only carry
that object on ``doc._.extraction`` and store what the extractor yields, so a spaCy user can
reorder, disable or replace a step from the config (``nlp.disable_pipe("policykg_projects")``).
Nothing is registered at import time: ``build_pipeline()`` registers on first use.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

_REGISTERED = False

COMPONENTS = (
    ("policykg_sentences", "policykg_sentences_v1"),
    ("policykg_places", "policykg_places_v1"),
    ("policykg_quantities", "policykg_quantities_v1"),
    ("policykg_projects", "policykg_projects_v1"),
    ("policykg_tasks", "policykg_tasks_v1"),
    ("policykg_domains", "policykg_domains_v1"),
)


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

    @Language.factory("policykg_places_v1")
    def make_places(nlp: Language, name: str) -> Any:
        from policykg.extract.places import extract_places

        return _storing("places", lambda ex: list(extract_places(ex)))

    @Language.factory("policykg_quantities_v1")
    def make_quantities(nlp: Language, name: str) -> Any:
        from policykg.extract.quantities import extract_quantities

        return _storing("quantities", lambda ex: list(extract_quantities(ex)))

    @Language.factory("policykg_projects_v1")
    def make_projects(nlp: Language, name: str) -> Any:
        from policykg.extract.projects import extract_projects

        return _storing("projects", lambda ex: list(extract_projects(ex)))

    @Language.factory("policykg_tasks_v1")
    def make_tasks(nlp: Language, name: str) -> Any:
        return _tasks

    @Language.factory("policykg_domains_v1")
    def make_domains(nlp: Language, name: str) -> Any:
        from policykg.extract.record_domains import quantity_domains

        return _storing("quantities", quantity_domains)  # a figure's domain is its task's: after the tasks

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
            import jieba

            words = [w for w in jieba.cut(text, HMM=True) if w]
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


def _storing(field: str, run: Any) -> Any:
    def component(doc: Any) -> Any:
        setattr(doc._.extraction, field, run(doc._.extraction))
        return doc

    return component


def _tasks(doc: Any) -> Any:
    """Goals and tasks, each task with its domain and departments (extract.tasks)."""
    from policykg.extract.tasks import extract_goals_tasks

    ex = doc._.extraction
    ex.goals, ex.tasks = extract_goals_tasks(ex, ex.quantities, ex.projects)
    return doc


@lru_cache(maxsize=2)
def build_pipeline(segmenter: str = "jieba") -> Any:
    """A blank Chinese pipeline with policykg's components (jieba words, or single characters)."""
    import spacy

    _register()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    import jieba

    jieba.setLogLevel(logging.WARNING)
    nlp = spacy.blank(
        "zh", config={"nlp": {"tokenizer": {"@tokenizers": "policykg_segmenter_v1", "segmenter": segmenter}}}
    )
    for name, factory in COMPONENTS:
        nlp.add_pipe(factory, name=name)
    return nlp
