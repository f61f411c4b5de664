"""Segmentation: words with PyThaiNLP's nlpo3 engine and a project dictionary,
sentences by rule.

Engine choice (measured on the shared corpus, 41 releases, 360k characters, one core):
``word_tokenize(engine="newmm")`` 0.41 M chars/s, ``engine="nlpo3"`` 3.5 M chars/s
with the same dictionary-based maximal matching (nlpo3 is newmm in Rust).  Both
work offline from the PyPI wheels; nlpo3 is ~9x faster, so it is the engine.
Its dictionary is PyThaiNLP's word list plus the project's lexicon (honorifics,
positions, agency and place names) so that those stay whole tokens.

Sentences: PyThaiNLP's ``crfcut`` runs at ~0.1 M chars/s and would cap the whole
pipeline, so sentences are split by rule: at line breaks, after ``!`` and ``?``
(Thai has no full stop; its dots end abbreviations), and at a space before a
sentence-opening connective (ทั้งนี้, นอกจากนี้, ...) from ``data/sentence_openers.txt``.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pythainlp.corpus import thai_words
from pythainlp.tokenize import nlpo3 as pythainlp_nlpo3

from .lexicon import joinable_names, segmentation_splits, segmentation_words, trie_pattern

_lock = threading.Lock()


class Segmenter:
    """Word tokenizer (nlpo3 + project dictionary) and rule-based sentence splitter."""

    def __init__(
        self,
        project_words: frozenset[str] | None = None,
        splits: frozenset[str] | None = None,
        joinable: frozenset[str] | None = None,
    ):
        if project_words is None:
            project_words, splits, joinable = segmentation_words(), segmentation_splits(), joinable_names()
        self.joinable = frozenset(joinable or ())
        base = thai_words()
        self.project_words = frozenset(w for w in project_words if w and " " not in w)
        # words kept whole: PyThaiNLP's and the project's; minus compounds the project
        # splits (a post glued to its body: ปลัดกระทรวง -> ปลัด|กระทรวง)
        self.dictionary = (frozenset(base) - (splits or frozenset())) | self.project_words
        self.dict_name = _load_nlpo3_dictionary(self.dictionary)
        self._across: dict[str, list[tuple[str, int]]] | None = None
        openers = sentence_openers()
        self._sentence_break = re.compile(
            r"(?<=[!?]) +(?=\S)|(?<=\S) +(?=(?:" + trie_pattern(openers) + r")[ \u0e00-\u0e7f])"
        )

    def words(self, text: str) -> list[str]:
        """Tokens of ``text``, white space included, joining back to ``text``."""
        return pythainlp_nlpo3.segment(text, custom_dict=self.dict_name)

    def entries_across(self, left: str, right: str) -> str | None:
        """A known name (``joinable``) spelt by the end of ``left`` and the start of
        ``right`` together (each side at least two characters), or None."""
        for entry, k in self._across_index().get(left[-2:] + right[:2], ()):
            if left.endswith(entry[:k]) and right.startswith(entry[k:]):
                return entry
        return None

    def _across_index(self) -> dict[str, list[tuple[str, int]]]:
        if self._across is None:
            index: dict[str, list[tuple[str, int]]] = {}
            for entry in self.joinable:
                for k in range(2, len(entry) - 1):
                    index.setdefault(entry[k - 2 : k + 2], []).append((entry, k))
            self._across = index
        return self._across

    def is_word(self, word: str) -> bool:
        return word in self.dictionary

    def is_project_entry(self, word: str) -> bool:
        return word in self.project_words

    def sentence_spans(self, text: str) -> list[tuple[int, int]]:
        """``[start, end)`` of each sentence: lines, split further by rule."""
        spans = []
        pos = 0
        for line in text.split("\n"):
            end_of_line = pos + len(line)
            start = pos
            for m in self._sentence_break.finditer(line):
                cut = pos + m.start()
                if cut > start:
                    spans.append((start, cut))
                start = pos + m.end()
            if end_of_line > start and line.strip():
                spans.append((start, end_of_line))
            pos = end_of_line + 1
        return spans


@lru_cache(maxsize=1)
def sentence_openers() -> list[str]:
    """Words that open a sentence after a space (data/sentence_openers.txt), longest first."""
    text = resources.files("pipeline").joinpath("data/sentence_openers.txt").read_text(encoding="utf-8")
    return sorted((w for w in (line.strip() for line in text.splitlines()) if w and not w.startswith("#")), key=len, reverse=True)


def _load_nlpo3_dictionary(words: frozenset[str]) -> str:
    """Write the merged dictionary once (cached by content hash) and load it into nlpo3."""
    body = "\n".join(sorted(words)) + "\n"
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    name = f"thaipress-{digest}"
    with _lock:
        if name in _loaded:
            return name
        path = Path(tempfile.gettempdir()) / f"{name}.txt"
        if not path.exists() or path.stat().st_size != len(body.encode("utf-8")):
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(body, encoding="utf-8")
            os.replace(tmp, path)
        if not pythainlp_nlpo3.load_dict(str(path), name):
            raise RuntimeError(f"nlpo3 could not load the dictionary {path}")
        _loaded.add(name)
    return name


_loaded: set[str] = set()
