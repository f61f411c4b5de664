"""Normalization: raw decoded text -> the normalized text all spans point into.

Each repair is an exact edit recorded in an :class:`~pipeline.offsets.OffsetMap`, so a
span in the normalized text can always be reported against the raw text.  Repairs,
in order:

1. characters: CR/LF -> LF, zero-width and format characters dropped, odd spaces
   (NBSP, ideographic, ...) -> space, Thai glyphs from the Private Use Area (PDF
   fonts) -> their Thai letters, Unicode NFC;
2. layout: spaces before Thai marks and after leading vowels dropped, runs of spaces
   collapsed, lines trimmed, table debris (``| |``) and web-page labels (a lone
   ``พิมพ์`` line) removed;
3. Thai orthography with PyThaiNLP (``pythainlp.util.normalize``: split SARA AM,
   doubled or misordered vowels and tone marks, dangling marks) on the stretches
   that need it;
4. words broken by line wrapping re-joined: ``ศาลาว่าการ- กรุงเทพมหานคร`` (a hyphen
   and a break between Thai letters) always, a bare space only when the project
   dictionary spells one name across it (see :func:`_dictionary_joins`).

Thai digits are left as written; extractors read :func:`fold_digits` of the text,
which has the same length and offsets.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources

from pythainlp.util import normalize as thai_normalize

from .offsets import OffsetMap, TextEdits

THAI_LETTERS = "\u0e01-\u0e2e"  # consonants
THAI = "\u0e01-\u0e4e"  # the Thai block without digits and symbols
THAI_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # above/below vowels, tone marks, signs
FOLLOWING_VOWELS = "\u0e30\u0e32\u0e33\u0e45"  # ะ า ำ ๅ: written after a consonant, never first
LEADING_VOWELS = "\u0e40-\u0e44"

_DIGIT_FOLD = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

_NEWLINE = re.compile(r"\r\n?")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
_ODD_SPACE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c]")
_PUA = re.compile("[\uf700-\uf71a\uf884-\uf89e]")
_SPACE_BEFORE_MARK = re.compile(f"(?<=[{THAI_LETTERS}{THAI_MARKS}]) +(?=[{THAI_MARKS}{FOLLOWING_VOWELS}])")
_SPACE_AFTER_LEAD_VOWEL = re.compile(f"(?<=[{LEADING_VOWELS}]) +(?=[{THAI_LETTERS}])")
_SPACE_RUN = re.compile(r" {2,}")
_LINE_EDGE_SPACE = re.compile(r"^ +| +$", re.M)
_TABLE_DEBRIS = re.compile(r"(?:[ ]*\|)+[ ]*$|^(?:[ ]*\|)+[ ]*", re.M)
_MANY_NEWLINES = re.compile(r"\n(?:[ ]*\n){2,}")
# Characters PyThaiNLP's normalize() would change: split or doubled vowels, tone mark
# before vowel, doubled marks, lakkhangyao, marks after a space or at a line start.
_NEEDS_THAI_NORMALIZE = re.compile(
    "\u0e4d[\u0e48-\u0e4b]?\u0e32|\u0e40\u0e40|\u0e45|"
    f"[\u0e48-\u0e4c][\u0e31\u0e34-\u0e3a\u0e47]|([\u0e30-\u0e3a\u0e40-\u0e44\u0e47-\u0e4e]) *\\1|"
    f"(?:^|\\s)[{THAI_MARKS}]",
    re.M,
)
_HYPHEN_WRAP = re.compile(f"(?<=[{THAI}])-[ \\n]+(?=[{THAI}])")
# a space between Thai letters (not before ๆ or ฯ, which are written after a space)
_GAP = re.compile("(?<=[\u0e01-\u0e2e\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]) (?=[\u0e01-\u0e2e\u0e40-\u0e44])")


_THAI_DIGIT = re.compile("[๐-๙]")


def repair_thai_orthography(text: str) -> str:
    """``text`` with PyThaiNLP's orthographic repairs (split SARA AM, doubled or
    misordered vowels and tone marks), run only where one may apply (as normalization
    does: the repairs are many regex passes)."""
    return thai_normalize(text) if _NEEDS_THAI_NORMALIZE.search(text) else text


def fold_digits(text: str) -> str:
    """Thai digits -> ASCII digits; same length, so offsets stay valid."""
    return text.translate(_DIGIT_FOLD) if _THAI_DIGIT.search(text) else text


@dataclass
class Normalized:
    text: str
    offsets: OffsetMap  # normalized -> raw
    repairs: list[dict] = field(default_factory=list)  # what was repaired, against raw offsets

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span_to_raw(start, end)


@lru_cache(maxsize=1)
def _data() -> dict:
    with resources.files("pipeline").joinpath("data/normalization.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    data["debris_re"] = re.compile(
        r"^[ ]*(?:" + "|".join(re.escape(x) for x in data["debris_lines"]) + r")[ ]*(?:\n|$)", re.M
    )
    data["pua"] = {chr(int(k, 16)): v for k, v in data["pua_thai"].items()}
    return data


class Normalizer:
    """Runs the repairs in order and composes their offset maps."""

    def __init__(self, segmenter=None):
        # The segmenter (word tokenizer + dictionaries) decides dictionary joins.
        self.segmenter = segmenter

    def __call__(self, raw: str) -> Normalized:
        repairs: list[dict] = []
        text, offsets = raw, OffsetMap.identity(len(raw))
        for step in (self._characters, self._layout, self._thai_orthography, self._line_wraps):
            found: list[dict] = []
            edits = step(text, found)
            for rep in found:  # recorded against this step's input: report against raw
                if "raw_span" in rep:
                    rep["raw_span"] = list(offsets.span_to_raw(*rep["raw_span"]))
            repairs.extend(found)
            if edits:
                text, step_map = edits.apply()
                offsets = offsets.then(step_map)
        return Normalized(text, offsets, repairs)

    # 1 ----------------------------------------------------------------------------------
    def _characters(self, text: str, repairs: list[dict]) -> TextEdits:
        ed = TextEdits(text)
        for m in _NEWLINE.finditer(text):
            ed.replace(m.start(), m.end(), "\n")
        zw = 0
        for m in _ZERO_WIDTH.finditer(text):
            ed.delete(m.start(), m.end())
            zw += 1
        if zw:
            repairs.append({"kind": "zero_width_removed", "count": zw})
        for m in _ODD_SPACE.finditer(text):
            ed.replace(m.start(), m.end(), " ")
        if _PUA.search(text):
            pua = _data()["pua"]
            for m in _PUA.finditer(text):
                if m.group() in pua:
                    ed.replace(m.start(), m.end(), pua[m.group()])
                    _note(repairs, "pua_glyph", m.start(), m.end(), text)
        if not unicodedata.is_normalized("NFC", text):
            _nfc_edits(text, ed, repairs)
        return ed

    # 2 ----------------------------------------------------------------------------------
    def _layout(self, text: str, repairs: list[dict]) -> TextEdits:
        ed = TextEdits(text)
        for m in _SPACE_BEFORE_MARK.finditer(text):
            ed.delete(m.start(), m.end())
            _note(repairs, "space_before_mark", m.start(), m.end(), text)
        for m in _SPACE_AFTER_LEAD_VOWEL.finditer(text):
            ed.delete(m.start(), m.end())
            _note(repairs, "space_after_leading_vowel", m.start(), m.end(), text)
        for m in _TABLE_DEBRIS.finditer(text) if "|" in text else ():
            if m.end() > m.start() and "|" in m.group():
                ed.delete(m.start(), m.end())
                _note(repairs, "table_debris", m.start(), m.end(), text)
        for m in _data()["debris_re"].finditer(text):
            ed.delete(m.start(), m.end())
            _note(repairs, "web_label", m.start(), m.end(), text)
        for m in _LINE_EDGE_SPACE.finditer(text):
            ed.delete(m.start(), m.end())
        for m in _SPACE_RUN.finditer(text):
            ed.replace(m.start(), m.end(), " ")
        for m in _MANY_NEWLINES.finditer(text):
            ed.replace(m.start(), m.end(), "\n\n")
        return ed

    # 3 ----------------------------------------------------------------------------------
    def _thai_orthography(self, text: str, repairs: list[dict]) -> TextEdits:
        ed = TextEdits(text)
        if not _NEEDS_THAI_NORMALIZE.search(text):
            return ed
        pos = 0
        for line in text.split("\n"):
            if line and _NEEDS_THAI_NORMALIZE.search(line) and thai_normalize(line) != line:
                # repair word by word so that unchanged words keep exact offsets
                for m in re.finditer(r"\S+", line):
                    word = m.group()
                    if not _NEEDS_THAI_NORMALIZE.search(word):
                        continue  # nothing PyThaiNLP's normalize() changes
                    fixed = thai_normalize(word)
                    if fixed == word:
                        continue
                    if not fixed:  # a dangling mark standing alone: drop it with one space
                        a = pos + m.start() - (1 if m.start() > 0 else 0)
                        b = pos + m.end() + (1 if m.start() == 0 and m.end() < len(line) else 0)
                        ed.delete(a, b)
                        _note(repairs, "thai_orthography", a, b, text)
                        continue
                    for a, b, repl in _changes(word, fixed):
                        start = pos + m.start() + a
                        ed.replace(start, pos + m.start() + b, repl)
                        _note(repairs, "thai_orthography", start, pos + m.start() + b, text, repl)
            pos += len(line) + 1
        return ed

    # 4 ----------------------------------------------------------------------------------
    def _line_wraps(self, text: str, repairs: list[dict]) -> TextEdits:
        ed = TextEdits(text)
        for m in _HYPHEN_WRAP.finditer(text):
            ed.delete(m.start(), m.end())
            _note(repairs, "line_wrap_join", m.start(), m.end(), text)
        if self.segmenter is not None:
            for start, end in _dictionary_joins(text, self.segmenter):
                ed.delete(start, end)
                _note(repairs, "line_wrap_join", start, end, text)
        return ed


def _dictionary_joins(text: str, segmenter) -> list[tuple[int, int]]:
    """Spaces between Thai letters that lie inside a name the project knows.

    Thai line breaking (in PDF, in word processors) breaks between words, so a break
    that line wrapping turned into a space falls inside a multi-word name: an agency,
    office or place (``สำนักยุทธศาสตร์และ ประเมินผล``).  A space is removed when the text
    on both sides of it spells such a name across it (the segmenter's ``joinable``
    names, from the extractors' lexicons); every other space stays, as Thai uses spaces
    between phrases.
    """
    joins = []
    find = segmenter.entries_across
    for m in _GAP.finditer(text):
        g0, g1 = m.start(), m.end()
        left = text[max(0, g0 - 60) : g0]
        right = text[g1 : g1 + 60]
        if find(left, right):
            joins.append((g0, g1))
    return joins


def _changes(a: str, b: str) -> list[tuple[int, int, str]]:
    """The separate replacements turning ``a`` into ``b``: (start, end in a, new text).
    A Thai "word" between spaces is often a whole phrase; two repairs in it
    (ตําบล ... ตําบล) are two edits, so that the text between them keeps exact offsets."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [(i1, i2, b[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _nfc_edits(text: str, ed: TextEdits, repairs: list[dict]) -> None:
    """NFC, cluster by cluster (a base character with its combining marks)."""
    start = 0
    n = len(text)
    while start < n:
        end = start + 1
        while end < n and unicodedata.combining(text[end]):
            end += 1
        cluster = text[start:end]
        fixed = unicodedata.normalize("NFC", cluster)
        if fixed != cluster:
            ed.replace(start, end, fixed)
            _note(repairs, "unicode_nfc", start, end, text, fixed)
        start = end


def _note(repairs: list[dict], kind: str, start: int, end: int, text: str, replacement: str = "") -> None:
    repairs.append(
        {"kind": kind, "raw_span": [start, end], "raw_text": text[start:end], "text": replacement}
    )
