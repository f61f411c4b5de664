"""Full-text search on Thai text: what the FTS5 index holds and how a question is
put to it.

Thai is written without spaces between words, so the index (FTS5's ``unicode61``
tokenizer, Thai marks counted as letters) is given the text as the pipeline's own
words separated by spaces, and a question is segmented by the same segmenter
(:class:`pipeline.segment.Segmenter`) into a phrase of words.

The words of a release come, in order of preference, from the sidecar a batch run
with ``--words`` writes beside each output (``<name>.words``: the lengths of the
words of the output's text, which the worker had in hand), or from segmenting the
text at load time (about 1 ms a release: the load then runs at some 400 releases/s
instead of 1,000+; see the README's archive figures).  The lengths are stored with
the release (2 bytes a word), so that its index entries can be deleted exactly
when the release changes, whatever segmenter is installed by then.
"""

from __future__ import annotations

import hashlib
import json
import re
from array import array
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate

import numpy as np

WORDS_SUFFIX = ".words"
WORDS_FORMAT = "thaipress-words/1"
_MAX = 0xFFFF


@lru_cache(maxsize=1)
def segmenter():
    from ..segment import Segmenter

    return Segmenter()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sidecar(text: str, words: list[str]) -> str:
    """The ``.words`` sidecar of an output whose text is ``text`` and whose words are
    ``words`` (they join back to ``text``)."""
    return json.dumps({"format": WORDS_FORMAT, "text_sha256": text_sha256(text), "lengths": [len(w) for w in words]},
                      separators=(",", ":")) + "\n"


def lengths_from_sidecar(data: str | bytes, text: str) -> list[int] | None:
    """The word lengths a sidecar gives for ``text``, or None when it is not for this
    text (an output rewritten since) or not readable."""
    try:
        side = json.loads(data)
        if side.get("format") != WORDS_FORMAT or side.get("text_sha256") != text_sha256(text):
            return None
        lengths = side["lengths"]
    except (ValueError, AttributeError, KeyError, TypeError):
        return None
    if sum(lengths) != len(text):
        return None
    return lengths


def segment_lengths(text: str) -> list[int]:
    """The lengths of the pipeline's words of ``text`` (segmenting it now)."""
    return [len(w) for w in segmenter().words(text)] if text else []


def pack(lengths: list[int]) -> bytes:
    """Word lengths as uint16 (a word longer than 65,535 characters is cut in pieces;
    the index is built from the packed form, so deleting it later gives the same words)."""
    if lengths and max(lengths) > _MAX:
        cut = []
        for n in lengths:
            while n > _MAX:
                cut.append(_MAX)
                n -= _MAX
            cut.append(n)
        lengths = cut
    return array("H", lengths).tobytes()


def unpack(blob: bytes | None) -> list[int]:
    a = array("H")
    if blob:
        a.frombytes(blob)
    return a.tolist()


def words_text(text: str, lengths: list[int], start: int = 0, end: int | None = None) -> str:
    """The words of ``text[start:end]`` separated by single spaces (white space words
    left out; a word cut by the span's edge is cut there too)."""
    ends = list(accumulate(lengths))
    end = len(text) if end is None else end
    i = bisect_right(ends, start)
    j = bisect_left(ends, end)
    out = []
    prev = start
    for k in range(i, min(j + 1, len(ends))):
        e = min(ends[k], end)
        w = text[prev:e]
        prev = e
        if w and not w.isspace():
            out.append(w.strip())
    return " ".join(out)


def all_words_text(text: str, lengths: list[int]) -> str:
    """The words of the whole text separated by spaces (white space words stay: to the
    tokenizer they are separators like the spaces added between words)."""
    if len(lengths) < 2:
        return text
    # a space inserted at every boundary, on the text's code points (numpy: a Python
    # loop over the words cost 0.4 ms a release)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    cuts = np.cumsum(np.asarray(lengths[:-1], dtype=np.int64))
    return np.insert(codes, cuts, 32).tobytes().decode("utf-32-le")


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
        words = [w for w in segmenter().words(part) if w.strip()] if part else []
        if not words:
            continue
        # an FTS5 string: a double quote inside is doubled
        phrases.append('"' + _QUOTE.sub('""', " ".join(words)) + '"' + (" *" if prefix else ""))
    return " AND ".join(phrases)
