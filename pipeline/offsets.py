"""Character offsets between the normalized text and the raw text it came from.

Normalization edits the text (joins wrapped words, drops debris, collapses spaces).
Every edit is recorded, so that any ``[start, end)`` span in the normalized text can
be reported against the raw text too.  An :class:`OffsetMap` is a sorted list of
segments; each either copies raw characters one to one or replaces a raw stretch
by a (possibly empty, possibly different-length) normalized stretch.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, NamedTuple, Sequence


class Segment(NamedTuple):
    norm_start: int
    norm_end: int
    raw_start: int
    raw_end: int
    copy: bool  # True: characters map one to one; False: a replaced stretch


class OffsetMap:
    """Maps offsets of a normalized text back to the raw text."""

    __slots__ = ("segments", "_starts", "norm_length", "raw_length")

    def __init__(self, segments: Sequence[Segment], norm_length: int, raw_length: int):
        self.segments = list(segments)
        self._starts = [s.norm_start for s in self.segments]
        self.norm_length = norm_length
        self.raw_length = raw_length

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls([Segment(0, length, 0, length, True)] if length else [], length, length)

    # -- lookups -------------------------------------------------------------------
    def _segment_at(self, pos: int) -> Segment | None:
        i = bisect_right(self._starts, pos) - 1
        return self.segments[i] if i >= 0 else None

    def raw_start(self, pos: int) -> int:
        """Raw offset of the character that starts at normalized offset ``pos``."""
        if pos >= self.norm_length:
            return self.raw_length
        # bisect_right picks the last segment starting at or before pos; a deletion
        # (an empty segment) is always followed by one starting at the same offset.
        seg = self._segment_at(pos)
        if seg is None:
            return 0
        return seg.raw_start + (pos - seg.norm_start) if seg.copy else seg.raw_start

    def raw_end(self, pos: int) -> int:
        """Raw offset just after the character that ends at normalized offset ``pos``."""
        if pos <= 0:
            return 0
        seg = self._segment_at(pos - 1)
        if seg is None:
            return self.raw_length
        return seg.raw_start + (pos - seg.norm_start) if seg.copy else seg.raw_end

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            r = self.raw_start(start)
            return r, r
        return self.raw_start(start), self.raw_end(end)

    # -- composition -----------------------------------------------------------------
    def then(self, later: "OffsetMap") -> "OffsetMap":
        """Compose: ``self`` maps text1 -> raw, ``later`` maps text2 -> text1."""
        out: list[Segment] = []
        for seg in later.segments:
            if not seg.copy:
                if seg.raw_start == seg.raw_end:
                    r0 = r1 = self.raw_start(seg.raw_start)
                else:
                    r0, r1 = self.raw_start(seg.raw_start), self.raw_end(seg.raw_end)
                out.append(Segment(seg.norm_start, seg.norm_end, r0, r1, False))
                continue
            # a copied stretch of text1 may cross several segments of self
            pos = seg.raw_start
            while pos < seg.raw_end:
                inner = self._segment_at(pos)
                assert inner is not None
                piece_end = min(seg.raw_end, inner.norm_end)
                n0 = seg.norm_start + (pos - seg.raw_start)
                n1 = seg.norm_start + (piece_end - seg.raw_start)
                if inner.copy:
                    r0 = inner.raw_start + (pos - inner.norm_start)
                    out.append(Segment(n0, n1, r0, r0 + (n1 - n0), True))
                else:
                    out.append(Segment(n0, n1, inner.raw_start, inner.raw_end, False))
                pos = piece_end
        return OffsetMap(_merge(out), later.norm_length, self.raw_length)

    # -- (de)serialization -------------------------------------------------------------
    def to_list(self) -> list[list[int]]:
        return [[s.norm_start, s.norm_end, s.raw_start, s.raw_end, int(s.copy)] for s in self.segments]

    @classmethod
    def from_list(cls, rows: Iterable[Sequence[int]], norm_length: int, raw_length: int) -> "OffsetMap":
        return cls([Segment(a, b, c, d, bool(e)) for a, b, c, d, e in rows], norm_length, raw_length)


def _merge(segments: list[Segment]) -> list[Segment]:
    """Join neighbouring copy segments that continue each other."""
    merged: list[Segment] = []
    for seg in segments:
        if (
            merged
            and seg.copy
            and merged[-1].copy
            and merged[-1].norm_end == seg.norm_start
            and merged[-1].raw_end == seg.raw_start
        ):
            last = merged.pop()
            seg = Segment(last.norm_start, seg.norm_end, last.raw_start, seg.raw_end, True)
        merged.append(seg)
    return merged


class TextEdits:
    """Collects replacements on one text and applies them in a single pass.

    Replacements must not overlap; one that overlaps an earlier one is ignored
    (the first repair wins), so passes can be written independently.
    """

    __slots__ = ("text", "_edits")

    def __init__(self, text: str):
        self.text = text
        self._edits: list[tuple[int, int, str]] = []

    def replace(self, start: int, end: int, replacement: str) -> None:
        if self.text[start:end] != replacement:
            self._edits.append((start, end, replacement))

    def delete(self, start: int, end: int) -> None:
        if end > start:
            self._edits.append((start, end, ""))

    def __bool__(self) -> bool:
        return bool(self._edits)

    def apply(self) -> tuple[str, OffsetMap]:
        text = self.text
        if not self._edits:
            return text, OffsetMap.identity(len(text))
        edits = sorted(self._edits, key=lambda e: (e[0], -e[1]))  # the longer repair wins
        parts: list[str] = []
        segments: list[Segment] = []
        raw_pos = 0
        norm_pos = 0
        for start, end, repl in edits:
            if start < raw_pos:  # overlaps an edit already applied
                continue
            if start > raw_pos:
                n = start - raw_pos
                parts.append(text[raw_pos:start])
                segments.append(Segment(norm_pos, norm_pos + n, raw_pos, start, True))
                norm_pos += n
            parts.append(repl)
            segments.append(Segment(norm_pos, norm_pos + len(repl), start, end, False))
            norm_pos += len(repl)
            raw_pos = end
        if raw_pos < len(text):
            n = len(text) - raw_pos
            parts.append(text[raw_pos:])
            segments.append(Segment(norm_pos, norm_pos + n, raw_pos, len(text), True))
            norm_pos += n
        return "".join(parts), OffsetMap(segments, norm_pos, len(text))
