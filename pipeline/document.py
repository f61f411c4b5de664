"""The document model: a spaCy ``Doc`` built on the Thai tokens of the normalized text.

One ``Doc`` flows through every stage.  ``doc.text`` is the normalized text that all
spans point into.  What stages need besides tokens lives in ``doc._.tp`` (a plain
dict, so ``DocBin`` keeps it):

``text``          ``doc.text`` (spaCy rebuilds ``doc.text`` from tokens at every call;
                  stages read this copy: :func:`text`)
``words``         the tokens' texts, and ``token_starts`` where each starts
``raw_text``      the decoded text before normalization
``offsets``       the normalized -> raw offset map (rows of OffsetMap.to_list())
``repairs``       what normalization repaired
``folded``        ``doc.text`` with Thai digits as ASCII digits (same offsets)
``sentences``     ``[start, end)`` of each sentence (also set as ``doc.sents``)
``source``        where the text came from (path, sha256, encoding, ...)
``layout``        lines and zones (site title, dateline, headline, duplicate, source line)
``items``         what extractors found, by kind (``people``, ``dates``, ...)
``flags``         problems found in the document

Extractors read the ``Doc`` and add to ``items`` and ``flags``; none re-reads the file,
re-normalizes or re-tokenizes.  The final stage writes the output dict to
``doc._.thaipress``.
"""

from __future__ import annotations

from itertools import accumulate

import numpy as np
from spacy.attrs import SENT_START
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .normalize import Normalizer, fold_digits
from .offsets import OffsetMap
from .segment import Segmenter

if not Doc.has_extension("tp"):
    Doc.set_extension("tp", default=None)
if not Doc.has_extension("thaipress"):
    Doc.set_extension("thaipress", default=None)


class ThaiPressTokenizer:
    """spaCy tokenizer: normalizes the raw text, then splits it into Thai words.

    The ``Doc`` it returns holds the normalized text; the raw text and the offset map
    back to it are kept in ``doc._.tp``.
    """

    def __init__(self, vocab: Vocab, segmenter: Segmenter | None = None):
        self.vocab = vocab
        self.segmenter = segmenter or Segmenter()
        self.normalizer = Normalizer(self.segmenter)

    def __call__(self, raw_text: str) -> Doc:
        norm = self.normalizer(raw_text)
        text = norm.text
        words = self.segmenter.words(text)
        if "".join(words) != text:
            raise AssertionError("tokenizer lost characters")  # a bug, never a user error
        sentences = self.segmenter.sentence_spans(text)
        # White space stays as tokens of its own (no trailing-space flags): Thai
        # spaces separate phrases and the tokens join back to the text as they are.
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        if words:
            # the same as Doc(sent_starts=...), which sets them in a Python loop at twice the cost
            doc.from_array([SENT_START], _sentence_starts(sentences, words))
        doc._.tp = {
            "text": text,
            "words": words,
            "token_starts": list(accumulate(map(len, words[:-1]), initial=0)) if words else [],
            "raw_text": raw_text,
            "offsets": norm.offsets.to_list(),
            "repairs": norm.repairs,
            "folded": fold_digits(text),
            "sentences": [list(sp) for sp in sentences],
            "source": {},
            "layout": {},
            "items": {},
            "flags": [],
        }
        return doc

    # spaCy calls these when an nlp object is saved; the tokenizer has no state to save
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "ThaiPressTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "ThaiPressTokenizer":
        return self


def _sentence_starts(sentences: list[tuple[int, int]], words: list[str]) -> np.ndarray:
    """Token-level sentence starts (for ``doc.sents``) from character spans, as spaCy's
    SENT_START column: 1 for a start, -1 for a token known not to start one."""
    starts = {s for s, _ in sentences}
    starts.add(0)
    offsets = accumulate(map(len, words), initial=0)
    flags = np.fromiter((o in starts for o, _ in zip(offsets, words)), dtype=np.int64, count=len(words))
    return (flags * 2 - 1).astype(np.uint64).reshape(-1, 1)


# -- helpers for stages ----------------------------------------------------------------
_TP_KEY = ("._.", "tp", None, None)  # where spaCy keeps the value of doc._.tp


def state(doc: Doc) -> dict:
    """``doc._.tp``, read straight from ``doc.user_data`` (stages read it thousands of
    times per document; the extension attribute costs a few microseconds each time)."""
    st = doc.user_data.get(_TP_KEY)
    if st is None:
        raise ValueError("this Doc was not made by the thaipress tokenizer (doc._.tp is empty)")
    return st


def text(doc: Doc) -> str:
    """The normalized text (same as ``doc.text``, without rebuilding it)."""
    return state(doc)["text"]


def offset_map(doc: Doc) -> OffsetMap:
    st = state(doc)
    return OffsetMap.from_list(st["offsets"], len(st["text"]), len(st["raw_text"]))


#: id prefix of each kind of item (ids look like ``person-1``)
ID_PREFIX = {
    "people": "person", "organizations": "org", "places": "place", "dates": "date", "times": "time",
    "venues": "venue", "resolutions": "resolution", "events": "event", "fiscal_years": "fiscal-year",
}


def add_item(doc: Doc, kind: str, item: dict) -> dict:
    """Record one extracted item (a dict with at least ``span``); gives it its ``id``
    and, unless set, its ``text``; returns it."""
    s, e = item["span"]
    found = state(doc)["items"].setdefault(kind, [])
    item["id"] = f"{ID_PREFIX[kind]}-{len(found) + 1}"
    item.setdefault("text", text(doc)[s:e])
    found.append(item)
    return item


def items(doc: Doc, kind: str) -> list[dict]:
    return state(doc)["items"].setdefault(kind, [])


def add_flag(doc: Doc, code: str, message: str, *, severity: str = "warning", span=None, **extra) -> dict:
    flag = {"code": code, "severity": severity, "message": message, "span": list(span) if span else None, **extra}
    state(doc)["flags"].append(flag)
    return flag
