"""Orchestration: source -> spaCy Doc -> stages -> validated JSON dict."""

from __future__ import annotations

import threading
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .document import ThaiPressTokenizer, state
from .loading import DEFAULT_MAX_BYTES, Source, load_file, load_text
from .registry import ordered_stages
from .output.schema import validate
from .output.serialize import to_json
from .output.spans import item_spans, set_spans

_nlp: Language | None = None
_lock = threading.Lock()


@Language.component("thaipress_output")
def _output(doc: Doc) -> Doc:
    """Last stage: the output dict into doc._.thaipress, the items as doc.ents and
    doc.spans["thaipress"]."""
    result = to_json(doc)
    doc._.thaipress = result
    set_spans(doc, list(item_spans(result)))
    return doc


def load() -> Language:
    """A new spaCy pipeline: thaipress tokenizer and every registered stage, in order."""
    from . import layout  # noqa: F401  (registers the layout stage)
    import extractors  # noqa: F401  (registers the extractor stages)

    nlp = spacy.blank("th")
    # no stage reads like_num, shape, ... : computing them for every new word costs
    # more than tokenizing it
    nlp.vocab.lex_attr_getters = {}
    nlp.tokenizer = ThaiPressTokenizer(nlp.vocab)
    # spaCy's length guard protects parser and NER memory, which thaipress does not use;
    # the size limit that applies is the loader's (bytes, --max-bytes)
    nlp.max_length = 10**9
    for st in ordered_stages():
        nlp.add_pipe(st.component)
    nlp.add_pipe("thaipress_output")
    return nlp


def get_nlp() -> Language:
    """The shared pipeline of this process (loaded on first use)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = load()
    return _nlp


def analyze_source(source: Source, *, nlp: Language | None = None) -> dict:
    """The validated JSON dict of one loaded document."""
    return analyze_doc(source, nlp=nlp)._.thaipress


def analyze_doc(source: Source, *, nlp: Language | None = None) -> Doc:
    """The thaipress ``Doc`` of one loaded document (normalized text, ``doc.ents``,
    ``doc.spans``, the working state in ``doc._.tp``), its output validated."""
    nlp = nlp or get_nlp()
    doc = nlp.make_doc(source.text)
    state(doc)["source"] = source.to_json()
    doc = nlp(doc)
    validate(doc._.thaipress)
    return doc


def analyze(text: str, *, path: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> dict:
    """Analyse one press release given as a string; returns the validated JSON dict."""
    return analyze_source(load_text(text, path=path, max_bytes=max_bytes))


def analyze_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display_path: str | None = None) -> dict:
    """Read (any supported encoding, .txt or .html) and analyse one file."""
    return analyze_source(load_file(path, max_bytes=max_bytes, display_path=display_path))
