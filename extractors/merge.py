"""The merge of the rules and the trained model (one policy, one place).

1. The rules keep what they find: people led by a title with their posts, bodies with
   their full names (abbreviated ministries expanded, long committee names), places,
   dates, times and venues.  A model entity that overlaps any of them is dropped.
2. The model adds what no rule covers, where the lexicon backs its shape (measured on
   the dev gold: without that check two in three of its additions were wrong, mostly
   word fragments, bare head nouns and posts): a place the lexicon knows (any variant:
   countries, provinces) or a place head noun with a name after it (เมืองมาลาก้า,
   บ้านหนองกระทิง, not อำเภอ 114); a body the lexicon knows or a body's head noun with a
   name after it (not กรม alone, not a ฯ form), or a dotted abbreviation (คสช., กสทช.,
   ก.ล.ต.; not a title, a post, a month or a place's prefix); a person written with a
   title the lexicon knows and a name after it (not a post such as นายกรัฐมนตรี, not a
   common word such as นายมา), or without a title when PyThaiNLP's name lists know the
   given name (and the family name, or the one name is no dictionary word).
   A body or place ThaiNER's annotators tagged with the same label in its train split
   (``data/thainer_names.tsv``: ดีแทค, เอไอเอส, ไปรษณีย์ไทย) is taken unless it is glued to
   the word before it (คณะแพทยศาสตร์ศิริราชพยาบาล), a ฯ short form or a group's initials;
   a ministry by its short name (ศึกษาธิการ) is the ministry, except in a minister's post
   (รมว.คลัง).  A body or place the lexicon does not back at all is taken when the model is sure of
   it (MIN_CONFIDENCE: its words' marginal probabilities,
   :func:`extractors.ner.entity_confidence`) and it is no post, group of people, dictionary
   word or number (ไปรษณีย์ไทย, รพ.บุษราคัม, สน.ทองหล่อ, คณะแพทยศาสตร์).
3. A body the model reads around a place the rules found, where no other rule found
   anything (ธนาคารกรุงเทพ, สมาคม...แห่งประเทศไทย), is the body: the place is only part of
   its name (GOLD.md), and its mention goes.
4. The gazetteers settle kinds: a place the lexicon knows takes its name and kind
   (province, country, ...); a name the model calls a body or a place but the lexicon
   knows as the other goes where the lexicon says.

Entities added here carry ``"found_by": "model"``; a person's post after the name is
read as the rules read a titled person's (:func:`extractors.people.post_after`).
Mentions of a name found again are added to its item, and so are the model's mentions of
a person or body the rules found (by full or given name, by a form or an abbreviation the
lexicon knows for the body).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from pythainlp.corpus import thai_words
from spacy.tokens import Doc

from pipeline.document import add_item, items, state
from pipeline.lexicon import (
    MINISTER_POSTS,
    clause_words,
    grammatical_words,
    honorifics,
    ministry_short_names,
    not_dotted_words,
    not_organization_words,
    not_place_words,
    org_heads,
    organizations,
    person_names,
    place_heads,
    places,
    position_words,
    trie_pattern,
)
from pipeline.registry import stage

from .datafiles import thainer_names
from .ner import entity_confidence
from .people import post_after
from .phrases import ABBREVIATION, body_initials, boundaries

# what the rules found, by kind: a model entity overlapping one of these is dropped
COVERED_KINDS = ("people", "organizations", "places", "dates", "times", "venues")
MIN_LENGTH = 2
# a body or place the lexicon does not back is taken when the model is this sure of it
# (the lowest marginal probability of the entity's word labels); chosen on ThaiNER val
# (0.8 / 0.9 / 0.95 gave ORGANIZATION 0.751 / 0.748 / 0.746) for the fewer additions on
# the unlabeled releases, where about one in five of them is a product or a phrase
MIN_CONFIDENCE = 0.9
SURE_KINDS = {"ORGANIZATION": "organizations", "LOCATION": "places"}
# quotes the model takes in at an entity's edge ("ขจร ศรีชวโนทัย"), and brackets left open
QUOTES = "\"'“”‘’"
TRAILING = QUOTES + ",;:"
# what may follow a head noun for the whole to be a name: a Thai or Latin letter
NAME_AFTER_HEAD = re.compile(r"[ ]?[\u0e01-\u0e2e\u0e40-\u0e44A-Za-z]")  # a consonant or a leading vowel
THAI_WORD = re.compile(r"[\u0e01-\u0e4e]+")
DIGIT = re.compile(r"[0-9\u0e50-\u0e59]")
# a minister's or permanent secretary's post written before a ministry's short name
MINISTER_BEFORE = re.compile(rf"(?:{trie_pattern(MINISTER_POSTS)})\.?(?:กระทรวง)?[ ]?$")


class Lexicon:
    """The project's lexicon as the merge reads it: names (with variants) to places and
    bodies, head nouns, titles."""

    def __init__(self):
        self.places = {}
        for place in places().values():
            for name in (place.name, *place.variants):
                self.places.setdefault(name, place)
        self.orgs = organizations()
        # names ThaiNER's annotators tagged as a body or a place (training/mine_thainer_names.py)
        self.news_names = thainer_names()
        self.not_dotted = frozenset(not_dotted_words())
        self.grammar = grammatical_words()
        # words a sentence goes on with (verbs, prepositions, conjunctions: ดึง|กองทัพ, และ|ดีแทค)
        self.clause = clause_words()
        # a ministry by its short name (มหาดไทย, คมนาคม): a form of the ministry, not a body of its own
        self.short_ministry = ministry_short_names()
        self.ministry_forms: dict[str, list[str]] = {}
        for short, name in self.short_ministry.items():
            self.ministry_forms.setdefault(name, []).append(short)
        # heads and their abbreviations (จ., อ., ต., ถ., ซ.), to the head written in full
        self.full_head = {h: h for h, _, _ in place_heads()} | {a: h for h, _, abbrevs in place_heads() for a in abbrevs}
        self.place_heads = sorted(self.full_head, key=len, reverse=True)
        self.head_kind = {h: kind for h, kind, _ in place_heads()}
        self.org_heads = sorted((h for h, _ in org_heads()), key=len, reverse=True)
        self.org_kind = dict(org_heads())
        self.titles = sorted(honorifics(), key=len, reverse=True)
        self.posts = tuple(position_words())
        self.post_set = frozenset(self.posts)
        self.given, self.family = person_names()
        self.dictionary = frozenset(thai_words())
        # words that begin like a head noun but are not names (กรมธรรม์, สภาพ, วัดอุณหภูมิ)
        self.not_org = tuple(not_organization_words())
        self.not_place = tuple(not_place_words())
        # a function word as the whole first word after a head noun is no name
        # (สำนักงานและห้องประชุม, ตำบลในเมือง, อำเภอต่อไป; but สำนักงานที่ดิน)
        self.function_words = frozenset(boundaries()["function_words"])
        # groups of people, not bodies (อาสาสมัคร..., เจ้าหน้าที่...): the group nouns no known
        # body's name opens with (คณะ opens คณะรัฐมนตรี, and faculties)
        self.groups = tuple(g for g in boundaries()["group_nouns"] if not any(o.startswith(g) for o in self.orgs))

    @staticmethod
    def head(name: str, heads: list[str]) -> str | None:
        """The (longest) head noun ``name`` opens with."""
        return next((h for h in heads if name.startswith(h)), None)

    def _headed(self, name: str, heads: list[str], not_names: tuple[str, ...], first_word: str = "") -> bool:
        head = self.head(name, heads)
        return (head is not None and bool(NAME_AFTER_HEAD.match(name, len(head))) and not name.startswith(not_names)
                and first_word not in self.function_words)

    def place_like(self, name: str, first_word: str = "") -> bool:
        """A place head noun with a name after it; ``first_word``: the word after the head.
        After an abbreviated head (อ., ต.) the name is Thai letters (not ต.กห., ต.com)."""
        head = self.head(name, self.place_heads)
        if head and head.endswith(".") and not THAI_WORD.fullmatch(name[len(head):].strip()):
            return False
        return self._headed(name, self.place_heads, self.not_place, first_word)

    def place_name(self, name: str) -> str:
        """A place written with an abbreviated head, with the head in full (อ.โพนพิสัย ->
        อำเภอโพนพิสัย), as the rules write it."""
        head = self.head(name, self.place_heads)
        return self.full_head[head] + name[len(head):].lstrip() if head and head.endswith(".") else name

    def place_kind(self, name: str) -> str:
        """The kind of place its head noun tells (อำเภอ: district), else "place"."""
        head = self.head(name, self.place_heads)
        return self.head_kind.get(self.full_head[head], "place") if head else "place"

    def org_like(self, name: str, first_word: str = "") -> bool:
        return self._headed(name, self.org_heads, self.not_org, first_word) and not name.endswith("ฯ")

    def _unheaded_name(self, name: str, label: str) -> bool:
        """Not a post, a group of people (อาสาสมัครพัฒนาสังคม...), a number, nor a head noun
        the checks before turned down (ตำบล 234, อำเภอองค์กรปกครองส่วนท้องถิ่น)."""
        heads = self.place_heads if label == "LOCATION" else self.org_heads
        return (not name.startswith(self.posts) and not name.startswith(self.groups) and not DIGIT.search(name)
                and self.head(name, heads) is None)

    def sure_shape(self, name: str, label: str) -> bool:
        """Could ``name`` be a body or place the lexicon does not know?  An unheaded name
        that is no dictionary word."""
        return self._unheaded_name(name, label) and name not in self.dictionary

    def news_shape(self, name: str, label: str) -> bool:
        """Could a name ThaiNER tags be a body or place here?  As :meth:`sure_shape`, but a
        body may be a dictionary word (ไปรษณีย์ไทย, กองทัพ); not a ฯ short form (กระทรวงฯ)
        nor a group's initials (อสม.), and a place no common word (โลก, ตะวันออก, ปริมณฑล)."""
        return (self._unheaded_name(name, label) and not name.endswith("ฯ") and name not in self.not_dotted
                and (label != "LOCATION" or name not in self.dictionary))

    def title_of(self, name: str) -> str | None:
        return next((t for t in self.titles if name.startswith(t)), None)

    def abbreviation_like(self, name: str) -> bool:
        """A dotted Thai abbreviation of a body (คสช., กสทช.), not a title, post or month."""
        return ABBREVIATION.fullmatch(name) is not None and body_initials(name) and not name.startswith(self.posts)

    def titled_person(self, name: str, title: str) -> bool:
        """A title and a name after it: not a post that opens with a title's letters
        (นายกรัฐมนตรี, นายอำเภอ), not a title and a post or a common word (นายมา,
        เภสัชกรหลาย)."""
        rest = name[len(title):].strip()
        first = rest.split(" ")[0]
        if not rest or rest.startswith("ฯ") or first in self.post_set:
            return False
        if any(name.startswith(p) for p in self.posts if p.startswith(title)):
            return False
        return first not in self.dictionary or first in self.given or " " in rest

    def known_person(self, name: str) -> bool:
        """A name without a title that PyThaiNLP's lists know: a given name and a family
        name (ประยุทธ์ จันทร์โอชา), or a given name that is no dictionary word."""
        parts = name.split(" ")
        if parts[0] not in self.given or name.startswith(self.posts):
            return False
        if len(parts) == 2:
            return parts[1] in self.family or (parts[1] not in self.dictionary and THAI_WORD.fullmatch(parts[1]) is not None)
        return len(parts) == 1 and name not in self.dictionary


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()


def _covered(doc: Doc, kinds: tuple[str, ...] = COVERED_KINDS) -> list[tuple[int, int]]:
    """The spans of what the rules found of ``kinds``, sorted."""
    spans = []
    for kind in kinds:
        for it in items(doc, kind):
            # a person covers the name, not the post: a body the model finds in the post
            # (รองเลขาธิการ กสทช.) is still a body
            spans.append(tuple(it.get("name_span") or it["span"]))
            spans.extend(tuple(m) for m in it.get("mentions") or [])
            spans.extend(tuple(m) for m in it.get("post_mentions") or [])
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
    lex = lexicon()
    _bodies_around_places(doc, lex)
    covered = _covered(doc)
    ends, top = [], -1
    for _, e in covered:
        top = max(top, e)
        ends.append(top)
    added: dict[tuple[str, str], dict] = {}
    known_people = _people_by_name(doc)
    known_bodies = _bodies_by_form(doc, lex)
    for s, e, label in st.get("ner", []):
        s, e = _trim_marks(text, s, e)
        name = text[s:e]
        if e - s < MIN_LENGTH or _overlaps(covered, ends, s, e):
            continue
        written = name
        if label == "ORGANIZATION" and name in lex.short_ministry:
            if MINISTER_BEFORE.search(text, max(0, s - 12), s):
                continue  # "รมว.คลัง": the ministry of a minister's post, not a body named on its own
            name = lex.short_ministry[name]  # the model's "มหาดไทย" is กระทรวงมหาดไทย
        place, org = lex.places.get(name), lex.orgs.get(name)
        if place:
            kind = "places"
        elif org:
            kind = "organizations"
        elif label == "LOCATION" and lex.place_like(name, _word_at(st, s + len(lex.head(name, lex.place_heads) or ""))):
            kind = "places"
        elif label == "ORGANIZATION" and lex.org_like(name, _word_at(st, s + len(lex.head(name, lex.org_heads) or ""))):
            kind = "organizations"
        elif label == "ORGANIZATION" and lex.abbreviation_like(name):
            kind = "organizations"
        elif label == "PERSON" and (lex.title_of(name) and lex.titled_person(name, lex.title_of(name))
                                    or lex.known_person(name)):
            kind = "people"
        elif label in SURE_KINDS and lex.news_names.get(name) == label and lex.news_shape(name, label) \
                and not _glued_to_a_word(st, lex, s):  # not the end of a longer name (คณะแพทยศาสตร์ศิริราชพยาบาล)
            kind = SURE_KINDS[label]  # a name ThaiNER's annotators gave the same label (ดีแทค, สหรัฐ; ที่สหรัฐ)
        elif label in SURE_KINDS and lex.sure_shape(name, label) and entity_confidence(doc, s, e, label) >= MIN_CONFIDENCE:
            kind = SURE_KINDS[label]
        else:
            continue
        key = (kind, name)
        found = (known_people if kind == "people" else known_bodies if kind == "organizations" else {}).get(name)
        if found is not None:  # named again: a person the rules found (ขจร ศรีชวโนทัย, จิรายุ), a
            found.setdefault("mentions", []).append([s, e])  # body by its abbreviation (พม.)
            continue
        if key in added:
            added[key].setdefault("mentions", []).append([s, e])
            continue
        if kind == "places":
            item = {"span": [s, e], "name": place.name if place else lex.place_name(name),
                    "kind": place.kind if place else lex.place_kind(name),
                    "aliases": [name], "mentions": [[s, e]], "found_by": "model"}
        elif kind == "organizations":
            item = {"span": [s, e], "name": name, "kind": org.kind if org else "organization", "abbreviation": None,
                    "parent": None, "aliases": [written], "mentions": [[s, e]], "found_by": "model"}
        else:
            item = _person(name, lex.title_of(name) or "", s, e)
            post = post_after(doc, e)
            if post:
                item.update(position=post["position"], organization=post["organization"],
                            organization_id=post["organization_id"], span=[s, post["span_end"]])
        added[key] = add_item(doc, kind, item)


def _bodies_around_places(doc: Doc, lex: Lexicon) -> None:
    """A body's name the model reads around a place the rules found (ธนาคารกรุงเทพ,
    บริษัท ไมโครซอฟท์ (ประเทศไทย) จำกัด, มหาวิทยาลัยขอนแก่น): the place is part of the
    name, not a place of its own (GOLD.md), so its mention goes and the merge takes the
    body.  Only a name with a body's head noun (not a group's: กลุ่ม|เสี่ยง|วัดเนินพระ) or a
    known body, where no other rule found anything."""
    st = state(doc)
    text = st["text"]
    places_found = items(doc, "places")
    mentions = sorted((m[0], m[1], k) for k, p in enumerate(places_found) for m in p["mentions"])
    if not mentions:
        return
    starts = [m[0] for m in mentions]
    others: list[tuple[int, int]] | None = None
    gone: set[tuple[int, int, int]] = set()
    for s, e, label in st.get("ner", []):
        if label != "ORGANIZATION":
            continue
        s, e = _trim_marks(text, s, e)
        inside = [m for m in mentions[bisect_left(starts, s):bisect_left(starts, e)] if m[1] <= e and (m[0], m[1]) != (s, e)]
        if not inside:
            continue
        name = text[s:e]
        head = lex.head(name, lex.org_heads)
        if not (name in lex.orgs or (lex.org_like(name, _word_at(st, s + len(head or ""))) and lex.org_kind[head] != "group")):
            continue
        if others is None:
            others = _covered(doc, tuple(k for k in COVERED_KINDS if k != "places"))
        if not any(a < e and s < b for a, b in others):
            gone.update(inside)
    if not gone:
        return
    kept = []
    for k, p in enumerate(places_found):
        left = [m for m in p["mentions"] if (m[0], m[1], k) not in gone]
        if not left:
            continue
        if len(left) < len(p["mentions"]):
            p["mentions"] = left
            p["span"] = list(left[0])
            p["text"] = text[left[0][0] : left[0][1]]
            p["aliases"] = list(dict.fromkeys(text[a:b] for a, b in left))
        kept.append(p)
    places_found[:] = kept
    for n, p in enumerate(places_found, start=1):
        p["id"] = f"place-{n}"


def _trim_marks(text: str, s: int, e: int) -> tuple[int, int]:
    """[s, e) without the quotes at its edges nor a bracket it does not close or open
    (บริษัท ... จำกัด (มหาชน) keeps its brackets)."""
    while s < e:
        name = text[s:e]
        if name[-1] in TRAILING or (name[-1] == ")" and name.count("(") < name.count(")")):
            e -= 1
        elif name[0] in QUOTES or (name[0] == "(" and name.count("(") > name.count(")")):
            s += 1
        else:
            break
    return s, e


def _bodies_by_form(doc: Doc, lex: Lexicon) -> dict[str, dict]:
    """The bodies the rules found by every form they are written in, and by the
    abbreviations the lexicon knows for them (พม. for กระทรวงการพัฒนาสังคมฯ)."""
    found = {}
    for o in items(doc, "organizations"):
        known = lex.orgs.get(o["name"])
        for form in (o["name"], o.get("abbreviation"), *(o.get("aliases") or []), *(known.abbreviations if known else ()),
                     *lex.ministry_forms.get(o["name"], ())):  # มหาดไทย for กระทรวงมหาดไทย
            if form:
                found.setdefault(form, o)
    return found


def _people_by_name(doc: Doc) -> dict[str, dict]:
    """The people the rules found by full name, and by given name where one person has it."""
    by_name = {p["name"]: p for p in items(doc, "people")}
    given: dict[str, list[dict]] = {}
    for name, p in by_name.items():
        given.setdefault(name.split(" ")[0], []).append(p)
    return {g: ps[0] for g, ps in given.items() if len(ps) == 1 and g not in by_name} | by_name


def _word_at(st: dict, pos: int) -> str:
    """The document's word that starts at ``pos`` (after spaces), "" when none does."""
    text, starts = st["text"], st["token_starts"]
    while pos < len(text) and text[pos] == " ":
        pos += 1
    i = bisect_right(starts, pos) - 1
    return st["words"][i] if 0 <= i < len(starts) and starts[i] == pos else ""


def _glued_to_a_word(st: dict, lex: "Lexicon", pos: int) -> bool:
    """Is the word before ``pos`` glued to it, and no word of grammar (ใน, ที่, ของ)?"""
    text, starts = st["text"], st["token_starts"]
    if pos == 0 or not THAI_WORD.match(text[pos - 1]):
        return False
    i = bisect_right(starts, pos - 1) - 1
    return i < 0 or st["words"][i] not in lex.grammar and st["words"][i] not in lex.clause


def _person(written: str, title: str, s: int, e: int) -> dict:
    """A person the model found, the title (if any) split off."""
    name = written[len(title):].strip()
    return {"span": [s, e], "name_span": [s, e], "name": " ".join(name.split()), "honorific": title or None,
            "position": None, "organization": None, "organization_id": None, "roles": [], "mentions": [],
            "post_mentions": [], "found_by": "model"}
