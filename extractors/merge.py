"""The merge of the rules and the trained model (one policy, one place).

1. The rules keep what they find: people led by a title with their posts, bodies with
   their full names (abbreviated ministries expanded, long committee names), places,
   dates, times and venues.  A model entity that overlaps any of them is dropped.
2. The model adds what no rule covers, where the lexicon backs its shape (measured on
   the dev gold: without that check two in three of its additions were wrong, mostly
   word fragments, bare head nouns and posts): a place the lexicon knows (any variant:
   countries, provinces) or a place head noun with a name after it (เมืองมาลาก้า,
   บ้านหนองกระทิง, not อำเภอ 114); a body the lexicon knows or a body's head noun with a
   name after it (not กรม alone, not a ฯ form); a person written with a title the
   lexicon knows (not a post, not a song's title).
3. The gazetteers settle kinds: a place the lexicon knows takes its name and kind
   (province, country, ...); a name the model calls a body or a place but the lexicon
   knows as the other goes where the lexicon says.

Entities added here carry ``"found_by": "model"``; mentions of a name found again are
added to its item.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.document import add_item, items, state
from pipeline.lexicon import (
    honorifics,
    not_organization_words,
    not_place_words,
    org_heads,
    organizations,
    place_heads,
    places,
)
from pipeline.registry import stage

from .phrases import boundaries

# what the rules found, by kind: a model entity overlapping one of these is dropped
COVERED_KINDS = ("people", "organizations", "places", "dates", "times", "venues")
MIN_LENGTH = 2
# what may follow a head noun for the whole to be a name: a Thai or Latin letter
NAME_AFTER_HEAD = re.compile(r"[ ]?[\u0e01-\u0e2e\u0e40-\u0e44A-Za-z]")  # a consonant or a leading vowel


class Lexicon:
    """The project's lexicon as the merge reads it: names (with variants) to places and
    bodies, head nouns, titles."""

    def __init__(self):
        self.places = {}
        for place in places().values():
            for name in (place.name, *place.variants):
                self.places.setdefault(name, place)
        self.orgs = organizations()
        self.place_heads = sorted((h for h, _, _ in place_heads()), key=len, reverse=True)
        self.org_heads = sorted((h for h, _ in org_heads()), key=len, reverse=True)
        self.titles = sorted(honorifics(), key=len, reverse=True)
        # words that begin like a head noun but are not names (กรมธรรม์, สภาพ, วัดอุณหภูมิ)
        self.not_org = tuple(not_organization_words())
        self.not_place = tuple(not_place_words())
        # a function word as the whole first word after a head noun is no name
        # (สำนักงานและห้องประชุม, ตำบลในเมือง, อำเภอต่อไป; but สำนักงานที่ดิน)
        self.function_words = frozenset(boundaries()["function_words"])

    @staticmethod
    def head(name: str, heads: list[str]) -> str | None:
        """The (longest) head noun ``name`` opens with."""
        return next((h for h in heads if name.startswith(h)), None)

    def _headed(self, name: str, heads: list[str], not_names: tuple[str, ...], first_word: str = "") -> bool:
        head = self.head(name, heads)
        return (head is not None and bool(NAME_AFTER_HEAD.match(name, len(head))) and not name.startswith(not_names)
                and first_word not in self.function_words)

    def place_like(self, name: str, first_word: str = "") -> bool:
        """A place head noun with a name after it; ``first_word``: the word after the head."""
        return self._headed(name, self.place_heads, self.not_place, first_word)

    def org_like(self, name: str, first_word: str = "") -> bool:
        return self._headed(name, self.org_heads, self.not_org, first_word) and not name.endswith("ฯ")

    def title_of(self, name: str) -> str | None:
        return next((t for t in self.titles if name.startswith(t)), None)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()


def _covered(doc: Doc) -> list[tuple[int, int]]:
    spans = []
    for kind in COVERED_KINDS:
        for it in items(doc, kind):
            spans.append(tuple(it["span"]))
            spans.extend(tuple(m) for m in it.get("mentions") or [])
    return sorted(spans)


def _overlaps(spans: list[tuple[int, int]], ends: list[int], s: int, e: int) -> bool:
    """True when [s, e) shares a character with one of ``spans`` (sorted by start; ``ends``
    the running maximum of their ends)."""
    i = bisect_right(spans, (e, -1))  # spans starting before e
    return i > 0 and ends[i - 1] > s


@stage("merge", after=("ner", "people", "organizations", "places", "dates", "times", "venues"))
def merge(doc: Doc) -> None:
    """Add the model's entities that no rule found (see the module's doc)."""
    st = state(doc)
    text = st["text"]
    covered = _covered(doc)
    ends, top = [], -1
    for _, e in covered:
        top = max(top, e)
        ends.append(top)
    lex = lexicon()
    added: dict[tuple[str, str], dict] = {}
    for s, e, label in st.get("ner", []):
        name = text[s:e]
        if e - s < MIN_LENGTH or _overlaps(covered, ends, s, e):
            continue
        place, org = lex.places.get(name), lex.orgs.get(name)
        if place:
            kind = "places"
        elif org:
            kind = "organizations"
        elif label == "LOCATION" and lex.place_like(name, _word_at(st, s + len(lex.head(name, lex.place_heads) or ""))):
            kind = "places"
        elif label == "ORGANIZATION" and lex.org_like(name, _word_at(st, s + len(lex.head(name, lex.org_heads) or ""))):
            kind = "organizations"
        elif label == "PERSON" and lex.title_of(name):
            kind = "people"
        else:
            continue
        key = (kind, name)
        if key in added:
            added[key].setdefault("mentions", []).append([s, e])
            continue
        if kind == "places":
            item = {"span": [s, e], "name": place.name if place else name, "kind": place.kind if place else "place",
                    "aliases": [name], "mentions": [[s, e]], "found_by": "model"}
        elif kind == "organizations":
            item = {"span": [s, e], "name": name, "kind": org.kind if org else "organization", "abbreviation": None,
                    "parent": None, "aliases": [name], "mentions": [[s, e]], "found_by": "model"}
        else:
            item = _person(name, lex.title_of(name), s, e)
        added[key] = add_item(doc, kind, item)


def _word_at(st: dict, pos: int) -> str:
    """The document's word that starts at ``pos`` (after spaces), "" when none does."""
    text, starts = st["text"], st["token_starts"]
    while pos < len(text) and text[pos] == " ":
        pos += 1
    i = bisect_right(starts, pos) - 1
    return st["words"][i] if 0 <= i < len(starts) and starts[i] == pos else ""


def _person(written: str, title: str, s: int, e: int) -> dict:
    """A person the model found, the title split off."""
    name = written[len(title):].strip()
    return {"span": [s, e], "name_span": [s, e], "name": " ".join(name.split()), "honorific": title,
            "position": None, "organization": None, "roles": [], "mentions": [], "found_by": "model"}
