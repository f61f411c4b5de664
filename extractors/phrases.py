"""Shared tools for names and phrases: word lists that end a phrase, a gazetteer that
finds known names at token starts, and token positions of the document.

Thai writes names, posts and the verbs after them without spaces, so where a name
ends is decided word by word: at a verb, a function word, the next title or head
noun (``data/phrase_boundaries.json``).  The tokenizer's words (``doc._.tp``) give
the positions; names are matched on characters from a token start, because PyThaiNLP
splits dotted abbreviations (ศอ.บต., มทส.) differently in different contexts.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Any, Iterable

from spacy.tokens import Doc

from pipeline.document import state
from pipeline.lexicon import honorifics, not_dotted_words, position_words, trie_pattern

from .datafiles import data_json

THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
# a Thai dotted abbreviation: พม., ก.น.บ., ศอ.บต., สป.มท., รมว.คมนาคม is not one
ABBREVIATION = re.compile(r"(?<![\u0e01-\u0e4e.])(?:[\u0e01-\u0e2e][\u0e01-\u0e4e]{0,4}\.){1,4}")


_CONSONANT = re.compile(r"[\u0e01-\u0e2e]")


@lru_cache(maxsize=1)
def _not_initials() -> frozenset[str]:
    return (frozenset(t for t in honorifics() if "." in t) | frozenset(w for w in position_words() if w.endswith("."))
            | frozenset(not_dotted_words()))


def body_initials(form: str) -> bool:
    """Is a dotted form (found with ``ABBREVIATION``) a body's initials (คสช., ก.ล.ต.)?  Two
    consonants at least (not ณ.), and not a title (นพ.), a post (รมว.), nor a month, era,
    unit, place prefix or group of people (``lexicon/not_abbreviations.txt``)."""
    return len(_CONSONANT.findall(form)) >= 2 and form not in _not_initials()


@lru_cache(maxsize=1)
def boundaries() -> dict[str, Any]:
    data = data_json("phrase_boundaries.json")
    return {k: (frozenset(v) if isinstance(v, list) else v) for k, v in data.items()}


class Prefixes:
    """Which of a set of words starts at a position (the longest), and where in a text
    any of them starts."""

    def __init__(self, words: Iterable[str]):
        self.words = frozenset(w for w in words if w)
        pattern = trie_pattern(self.words)
        self._match = re.compile(pattern).match
        self._anywhere = re.compile(f"(?=({pattern}))").finditer

    def at(self, text: str, pos: int) -> str | None:
        m = self._match(text, pos)
        return m.group() if m and m.end() > pos else None

    def starts(self, text: str):
        """(position, longest word) wherever one of the words begins, overlaps included."""
        for m in self._anywhere(text):
            yield m.start(), m.group(1)

    def shorter(self, word: str):
        """The words that are prefixes of ``word``, longest first (``word`` included)."""
        for n in range(len(word), 0, -1):
            if word[:n] in self.words:
                yield word[:n]


class Lines:
    """Where each line of a text starts and ends, found by binary search: extractors ask
    for the line around a match thousands of times, and a scan back or forward to the
    nearest newline would make a document of one enormous line quadratic."""

    def __init__(self, text: str):
        self.length = len(text)
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def number(self, pos: int) -> int:
        """0-based index of the line holding ``pos`` (a newline belongs to its line)."""
        return bisect_right(self.starts, pos) - 1

    def start(self, pos: int) -> int:
        return self.starts[self.number(pos)]

    def end(self, pos: int) -> int:
        """Where the line holding ``pos`` ends: its newline, or the end of the text."""
        i = self.number(pos) + 1
        return self.starts[i] - 1 if i < len(self.starts) else self.length


@lru_cache(maxsize=4)
def lines_of(text: str) -> Lines:
    """The line index of a text, built once per text however many stages ask."""
    return Lines(text)


@dataclass
class Tokens:
    """Token positions of a document: ``starts[i]`` is where token ``i`` starts."""

    text: str
    starts: list[int]
    words: list[str]
    start_set: frozenset[int] = frozenset()

    @classmethod
    def of(cls, doc: Doc) -> "Tokens":
        st = state(doc)
        return cls(st["text"], st["token_starts"], st["words"], frozenset(st["token_starts"]))

    @property
    def lines(self) -> Lines:
        return lines_of(self.text)

    def is_start(self, pos: int) -> bool:
        return pos in self.start_set

    def is_end(self, pos: int) -> bool:
        return pos == len(self.text) or self.is_start(pos)

    def index_at(self, pos: int) -> int:
        """Index of the token containing ``pos``."""
        return bisect_right(self.starts, pos) - 1

    def word_at(self, pos: int) -> str:
        i = self.index_at(pos)
        return self.words[i] if 0 <= i < len(self.words) else ""

    def next_start(self, pos: int) -> int:
        i = bisect_right(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else len(self.text)


class _Starters(dict):
    """word -> can a known name begin with this word: the word is the start of a name, or
    a name is the start of the word?  Filled as words come (a look-up per token instead
    of a regex match per token); emptied when it holds more than ``limit`` words."""

    def __init__(self, names: frozenset[str], limit: int = 200_000):
        super().__init__()
        self.names = names
        self.heads = frozenset(w[:n] for w in names for n in range(1, len(w) + 1))
        self.limit = limit

    def __missing__(self, word: str) -> bool:
        if len(self) >= self.limit:
            self.clear()
        found = word in self.heads or any(word[:n] in self.names for n in range(1, len(word)))
        self[word] = found
        return found


class Gazetteer:
    """Known names, matched from token starts, longest first, never overlapping.

    ``entries`` maps each written form to a payload (its canonical entry).  A match
    must end where a token ends or before a character that cannot continue a Thai word.
    """

    def __init__(self, entries: dict[str, Any]):
        self.entries = entries
        self.prefixes = Prefixes(entries)
        self.starters = _Starters(self.prefixes.words)

    def find(self, toks: Tokens, *, within: tuple[int, int] | None = None) -> list[tuple[int, int, str, Any]]:
        text = toks.text
        out = []
        end_of_last = -1
        lo, hi = within or (0, len(text))
        first, stop = bisect_left(toks.starts, lo), bisect_left(toks.starts, hi)
        at, starters = self.prefixes.at, self.starters
        # only tokens a name can begin with are tried (a name starts at a token start)
        for k in compress(range(first, stop), map(starters.__getitem__, toks.words[first:stop])):  # C loops
            start = toks.starts[k]
            if start < end_of_last:
                continue
            longest = at(text, start)
            if longest is None:
                continue
            for form in self.prefixes.shorter(longest):
                end = start + len(form)
                if form.endswith(".") or toks.is_end(end) or not THAI_LETTER.match(text[end : end + 1]):
                    out.append((start, end, form, self.entries[form]))
                    end_of_last = end
                    break
        return out


class Intervals:
    """A set of ``[start, end)`` spans that do not overlap one another, sorted, with
    logarithmic look-ups (documents of one enormous line have thousands of them)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in sorted(spans):
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        if i >= 0 and self.ends[i] > start:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < end

    def covering(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.starts, pos) - 1
        return (self.starts[i], self.ends[i]) if i >= 0 and self.starts[i] <= pos < self.ends[i] else None

    def starts_at(self, pos: int) -> bool:
        span = self.covering(pos)
        return span is not None and span[0] == pos

    def contains(self, start: int, end: int) -> bool:
        """Does one span hold all of [start, end)?"""
        span = self.covering(start)
        return span is not None and end <= span[1]


class SortedSpans:
    """Spans that may overlap (a person's mention inside a body's): which one holds a
    position or a stretch, by binary search over their starts and the largest end so far."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        pairs = sorted((s, e) for s, e, *_ in spans)
        self.starts = [s for s, _ in pairs]
        self.ends = [e for _, e in pairs]
        self.max_end: list[int] = []
        best = -1
        for e in self.ends:
            best = max(best, e)
            self.max_end.append(best)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end - 1) - 1  # spans starting before end
        return i >= 0 and self.max_end[i] > start

    def contains(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        while i >= 0 and self.max_end[i] >= end:
            if self.ends[i] >= end:
                return True
            i -= 1
        return False


_RUN = re.compile(r"\S*")


def run_end(text: str, pos: int) -> int:
    """End of the run of non-space characters starting at ``pos``."""
    return _RUN.match(text, pos).end()


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,":
        start += 1
    while end > start and text[end - 1] in " ,":
        end -= 1
    return start, end
