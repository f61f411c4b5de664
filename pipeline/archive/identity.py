"""Identity across releases: one key per person and per organization.

A **person's key** is the given and family name (the output's ``name``: no honorific)
folded: Unicode NFKC, PyThaiNLP's orthographic repairs (split SARA AM, doubled or
misordered vowels and tone marks: the same repairs the normalizer makes to the text),
zero-width characters dropped, white space inside each part dropped and one space
between them, then the known spelling variants of ``data/archive/name_variants.tsv``
(each with the releases that show it) replaced by their usual form.

An **organization's key** is its full name folded the same way, with all white space
dropped (line wraps split bodies' names anywhere); abbreviations and ฯ-forms are its
aliases (the output's ``aliases``), which a question may name it by.

Keys that are one edit apart, and a given name written alone, are never merged: they
are listed as candidates (:func:`near_duplicates`) for a person to decide.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from typing import Iterable

from rapidfuzz.distance import OSA

from ..normalize import repair_thai_orthography

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
_SPACE = re.compile(r"\s+")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@lru_cache(maxsize=1)
def name_variants() -> dict[str, str]:
    """Folded variant -> folded usual form, whole names, from the data file."""
    text = resources.files("pipeline").joinpath("data/archive/name_variants.tsv").read_text(encoding="utf-8")
    pairs = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            variant, usual = line.split("\t")[:2]
            pairs[_fold(variant)] = _fold(usual)
    return pairs


@lru_cache(maxsize=1 << 18)
def _fold(text: str) -> str:
    """NFKC, Thai orthography repaired, zero-width characters and white space dropped,
    Thai digits as ASCII digits."""
    text = _ZERO_WIDTH.sub("", text)
    text = repair_thai_orthography(text)
    text = unicodedata.normalize("NFKC", text).translate(_THAI_DIGITS)
    return _SPACE.sub("", text)


@lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """The stable key of a person's name (the output's ``name``: given and family name,
    no honorific), folded as the module doc says."""
    key = _fold(name)
    return name_variants().get(key, key)


def given_key(given: str | None) -> str:
    """A given name folded like a person's key (for the given-name-alone candidates)."""
    return _fold(given or "")


@lru_cache(maxsize=65536)
def organization_key(name: str) -> str:
    """The stable key of a body: its full name folded (white space dropped)."""
    return _fold(name)


def text_key(text: str) -> str:
    """A post, a place or any other name folded like an organization's."""
    return organization_key(text)


def near_duplicates(people: Iterable[tuple[str, str, bool]]) -> list[tuple[str, str, str]]:
    """Pairs of distinct person keys that may be one person, from ``(key, given_key,
    has_family_name)`` of each: ``(a, b, reason)`` with ``a < b``.  Reasons:
    ``one_edit`` (one letter added, dropped or changed, or two neighbours swapped:
    optimal string alignment distance 1; found through the keys' one-letter deletions,
    so never by comparing every pair) and ``given_name_only`` (a name written without a
    family name, and a full name with that given name)."""
    people = sorted(set(p for p in people if p[0]))
    keys = sorted({p[0] for p in people})
    by_delete: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        by_delete[key].append(key)
        for i in range(len(key)):
            by_delete[key[:i] + key[i + 1 :]].append(key)
    pairs: dict[tuple[str, str], str] = {}
    for group in by_delete.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                pair = (min(a, b), max(a, b))
                if a != b and pair not in pairs and OSA.distance(a, b, score_cutoff=1) <= 1:
                    pairs[pair] = "one_edit"
    by_given: dict[str, set[str]] = defaultdict(set)
    for key, given, has_family in people:
        if has_family and given:
            by_given[given].add(key)
    for key, _given, has_family in people:
        if not has_family:
            for full in by_given.get(key, ()):
                if full != key:
                    pairs.setdefault((min(key, full), max(key, full)), "given_name_only")
    return sorted((a, b, reason) for (a, b), reason in pairs.items())
