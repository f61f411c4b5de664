"""Full-text search on Thai text: what the FTS5 index holds and how a question is
put to it.

Thai is written without spaces between words, so the index is given the text as the
pipeline's own words separated by spaces, with every character that is no part of a
word (punctuation, symbols, white space: what FTS5's ``unicode61`` tokenizer splits at)
made a space too, and it splits at spaces (FTS5's ``ascii`` tokenizer, which also folds
ASCII case).  A question is segmented by the same segmenter
(:class:`pipeline.segment.Segmenter`) into a phrase of words, split the same way.

The words of a release come, in order of preference, from the sidecar a batch run
with ``--words`` writes beside each output (``<name>.words``: the lengths of the
words of the output's text, which the worker had in hand), or from segmenting the
text at load time (about 1 ms a release: the load then runs at some 300 releases/s
instead of about 1,000; see the README's archive figures).  The lengths are stored with
the release (2 bytes a word), so that its index entries can be deleted exactly
when the release changes, whatever segmenter is installed by then.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache

import numpy as np

WORDS_SUFFIX = ".words"
WORDS_FORMAT = b"thaipress-words/1"
_MAX = 0xFFFF
_LENGTHS = np.dtype("<u2")  # a word's length in characters, little-endian uint16


@lru_cache(maxsize=1)
def segmenter():
    from ..segment import Segmenter

    return Segmenter()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pack(lengths) -> bytes:
    """Word lengths as little-endian uint16 (a word longer than 65,535 characters is cut
    in pieces; the index is built from the packed form, so deleting it later gives the
    same words)."""
    lengths = list(lengths)
    if lengths and max(lengths) > _MAX:
        cut = []
        for n in lengths:
            while n > _MAX:
                cut.append(_MAX)
                n -= _MAX
            cut.append(n)
        lengths = cut
    return np.asarray(lengths, dtype=_LENGTHS).tobytes()


def unpack(blob: bytes | None) -> np.ndarray:
    return np.frombuffer(blob or b"", dtype=_LENGTHS)


def sidecar(text: str, words: list[str]) -> bytes:
    """The ``.words`` sidecar of an output whose text is ``text`` and whose words are
    ``words`` (they join back to ``text``): a header line (format, SHA-256 of the
    text) and the packed word lengths."""
    return WORDS_FORMAT + b" " + text_sha256(text).encode() + b"\n" + pack(len(w) for w in words)


def lengths_from_sidecar(data: bytes, text: str) -> bytes | None:
    """The packed word lengths a sidecar gives for ``text``, or None when it is not
    for this text (an output rewritten since) or not readable."""
    head, sep, blob = data.partition(b"\n")
    if not sep or head != WORDS_FORMAT + b" " + text_sha256(text).encode() or len(blob) % 2:
        return None
    if int(unpack(blob).sum(dtype=np.int64)) != len(text):
        return None
    return blob


def segment_lengths(text: str) -> bytes:
    """The packed lengths of the pipeline's words of ``text`` (segmenting it now)."""
    return pack(len(w) for w in segmenter().words(text)) if text else b""


def words_text(text: str, blob: bytes, start: int = 0, end: int | None = None) -> str:
    """The words of ``text[start:end]`` separated by single spaces (white space words
    left out; a word cut by the span's edge is cut there too)."""
    ends = np.cumsum(unpack(blob), dtype=np.int64).tolist()
    end = len(text) if end is None else end
    i = bisect_right(ends, start)
    j = bisect_left(ends, end)
    out = []
    prev = start
    for k in range(i, min(j + 1, len(ends))):
        e = min(ends[k], end)
        out.extend(index_words(text[prev:e]))
        prev = e
    return " ".join(out)


def all_words_text(text: str, blob: bytes) -> str:
    """The whole text with a space between every two words, every character that is no
    part of a word a space too (white space words stay: to the tokenizer they are
    separators like the spaces added).  On the text's code points with numpy: a Python
    loop over the words cost 0.4 ms a release."""
    lengths = unpack(blob)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if len(codes) and codes.max() > 0xFFFF:  # beyond the BMP (emoji, symbols): no part of a word
        codes = np.where(codes > 0xFFFF, np.uint32(32), codes)
    codes = _separator_map()[codes]
    if len(lengths) < 2:
        return codes.tobytes().decode("utf-32-le")
    return np.insert(codes, np.cumsum(lengths[:-1], dtype=np.int64), np.uint32(32)).tobytes().decode("utf-32-le")


@lru_cache(maxsize=1)
def _separator_map() -> np.ndarray:
    """Each code point of the Basic Multilingual Plane -> itself, or a space when it is
    no part of a word (not a letter, mark, number or private-use character): what FTS5's
    unicode61 tokenizer splits at, done here so that the index can use the ``ascii``
    tokenizer, which splits only at ASCII (0.13 ms a release against 0.27)."""
    cps = np.arange(0x10000, dtype=np.uint32)
    for cp in range(0x10000):
        cat = unicodedata.category(chr(cp))
        if cat[0] not in "LNM" and cat != "Co":
            cps[cp] = 32
    return cps


def index_words(text: str) -> list[str]:
    """The index's words of a piece of text already split into the pipeline's words
    (separators as spaces, as :func:`all_words_text` writes them)."""
    table = _separator_map()
    return "".join(" " if ord(c) > 0xFFFF or table[ord(c)] == 32 else c for c in text).split()


_SPLIT = re.compile(r"\s+")
_QUOTE = re.compile(r'"')


def match_query(question: str) -> str:
    """An FTS5 MATCH expression for a question: each part between spaces is segmented
    into the pipeline's words and must appear as that phrase (words in a row); all
    parts must appear.  ``ราคาข้าว`` -> ``"ราคา ข้าว"``.  A part ending in ``*`` matches
    words that begin with its last word: ``ข้าว*`` finds ข้าวเปลือก, which the segmenter
    keeps as one word."""
    from ..normalize import Normalizer

    text = Normalizer(segmenter())(question).text
    phrases = []
    for part in _SPLIT.split(text.strip()):
        prefix = part.endswith("*")
        part = part.rstrip("*")
        words = [x for w in (segmenter().words(part) if part else ()) for x in index_words(w)]
        if not words:
            continue
        # an FTS5 string: a double quote inside is doubled
        phrases.append('"' + _QUOTE.sub('""', " ".join(words)) + '"' + (" *" if prefix else ""))
    return " AND ".join(phrases)
