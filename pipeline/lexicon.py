"""The project's word lists, read once from ``pipeline/data/lexicon`` (and PyThaiNLP's
shipped lists of provinces, countries and person names), and the trie regex that
matches them.

They belong to the core because the segmenter needs them (names kept whole as words)
as much as the extractors do (which bodies, places, posts and titles to look for);
both read them from here.  Every list is a data file that names its source; this
module only parses them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable


def _data_text(name: str) -> str:
    return resources.files("pipeline").joinpath("data", "lexicon", name).read_text(encoding="utf-8")


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, longest first, built as a trie so
    that the regex engine follows one branch per character instead of trying every word."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie) or "(?!)"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in _data_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


def _words(name: str) -> list[str]:
    return [r[0] for r in _rows(name)]


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(",") if x.strip()]


# -- honorifics ----------------------------------------------------------------------
@dataclass(frozen=True)
class Honorific:
    form: str
    full: str
    family: str


@lru_cache(maxsize=1)
def honorifics() -> dict[str, Honorific]:
    return {r[0]: Honorific(r[0], r[1], r[2]) for r in _rows("honorifics.tsv")}


# -- organizations -------------------------------------------------------------------
@dataclass(frozen=True)
class Ministry:
    name: str
    short: str
    abbreviations: tuple[str, ...]


@dataclass(frozen=True)
class Organization:
    name: str
    kind: str
    abbreviations: tuple[str, ...] = ()
    parent: str | None = None


@lru_cache(maxsize=1)
def ministries() -> list[Ministry]:
    return [Ministry(r[0], r[1], tuple(_split(r[2]) if len(r) > 2 else ())) for r in _rows("ministries.tsv")]


@lru_cache(maxsize=1)
def ministry_short_names() -> dict[str, str]:
    """A ministry written short -> its full name: by its short name (คมนาคม, as in
    รมว.คมนาคม) or by its full name without กระทรวง (การอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม)."""
    out = {m.name[len("กระทรวง"):]: m.name for m in ministries() if m.name.startswith("กระทรวง")}
    out.update({m.short: m.name for m in ministries() if m.short != m.name})
    return out


# the posts written before a ministry's short name (รมว.คลัง, ปลัดกระทรวงมหาดไทย)
MINISTER_POSTS = ("รมว", "รมช", "รมต", "รัฐมนตรีว่าการ", "รัฐมนตรีช่วยว่าการ", "ปลัด", "รองปลัด", "ผู้ช่วยปลัด")


@lru_cache(maxsize=1)
def organizations() -> dict[str, Organization]:
    """Known bodies by full name: ministries, departments, BMA offices and districts, ..."""
    orgs: dict[str, Organization] = {}
    for m in ministries():
        kind = "ministry" if m.name.startswith("กระทรวง") else "office"
        orgs[m.name] = Organization(m.name, kind, m.abbreviations)
    for r in _rows("organizations.tsv"):
        r += [""] * (4 - len(r))
        orgs[r[0]] = Organization(r[0], r[1], tuple(_split(r[2])), r[3] or None)
    for d in bma_districts():
        name = "สำนักงานเขต" + d
        orgs[name] = Organization(name, "district_office", (), "กรุงเทพมหานคร")
    return orgs


@lru_cache(maxsize=1)
def organization_forms() -> dict[str, str]:
    """Form -> the known body it names inside its heads' posts (ทหารบก -> กองทัพบก)."""
    return {r[0]: r[1] for r in _rows("organization_forms.tsv")}


@lru_cache(maxsize=1)
def org_heads() -> list[tuple[str, str]]:
    """(head noun, kind), longest first."""
    return sorted(((r[0], r[1]) for r in _rows("org_heads.tsv")), key=lambda x: len(x[0]), reverse=True)


@lru_cache(maxsize=1)
def not_organization_words() -> list[str]:
    """Words that begin like a head noun but are not bodies (สภาพ, กรมธรรม์, ศูนย์การค้า)."""
    return _words("not_organizations.txt")


# -- people --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def position_words() -> list[str]:
    return sorted(set(_words("positions.txt")), key=len, reverse=True)


MINED_NAMES_FILE = "mined_names.tsv"


@lru_cache(maxsize=1)
def person_names() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, family names): PyThaiNLP's lists and the names mined from the
    unlabeled releases (``training/mine_names.py``)."""
    from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names

    mined = _rows(MINED_NAMES_FILE)
    given = frozenset(thai_male_names()) | frozenset(thai_female_names()) | {n for kind, n in mined if kind == "given"}
    return given, frozenset(thai_family_names()) | {n for kind, n in mined if kind == "family"}


@lru_cache(maxsize=1)
def lineage_names() -> frozenset[str]:
    """What follows ณ in a royally granted family name (กิตติรัตน์ ณ ระนอง)."""
    return frozenset(_words("lineage_names.txt"))


# -- places --------------------------------------------------------------------------
@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    variants: tuple[str, ...] = field(default=())


@lru_cache(maxsize=1)
def bma_districts() -> list[str]:
    return _words("bma_districts.txt")


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Known places by full name: provinces and countries from PyThaiNLP, the rest ours."""
    from pythainlp.corpus import countries, provinces

    out: dict[str, Place] = {}
    for p in provinces(details=True):
        name = p["name_th"]
        full = name if name == "กรุงเทพมหานคร" else "จังหวัด" + name
        out[full] = Place(full, "province", (name,) if full != name else ())
    for c in countries():
        out.setdefault(c, Place(c, "country"))
    for d in bma_districts():
        out["เขต" + d] = Place("เขต" + d, "bma_district")
    for r in _rows("places.tsv"):
        r += [""] * (3 - len(r))
        out[r[0]] = Place(r[0], r[1], tuple(_split(r[2])))
    return out


# ORCHID part-of-speech tags of words that are grammar, never part of a name: auxiliaries
# (XVBM จะ, XVMM ต้อง, XVAE ไว้, XVAM สามารถ), negation (NEG), adverb phrases (ADVP
# อย่างต่อเนื่อง, ADVI), determiners (DDAC นี้, ดังกล่าว; DDAN ทั้งหมด), demonstrative
# pronouns (PDMN).  Plain adverbs (ADVN: ชั่วคราว, ต่อเนื่อง) and personal pronouns (ผู้)
# stay out: they occur in names.
GRAMMATICAL_TAGS = frozenset({"XVBM", "XVMM", "XVAE", "XVAM", "NEG", "ADVP", "ADVI", "DDAC", "DDAN", "PDMN"})


# ORCHID tags of words that go on with a sentence: verbs of action and state (VACT ยก,
# ยอมรับ; VSTA พอใจ), negation and auxiliaries (PREDICATE_TAGS), and after a person's
# name also conjunctions (JCRG, JSBR, JCMP), prepositions (RPRE) and pronouns (PREL ที่,
# PPRS เขา), which bodies' names hold (สำนักงานช่วยเหลือ...แก่ผู้เสียหายและจำเลย).
# Attributive verbs (VATT: เย็น, ใส) stay out: they make names.
PREDICATE_TAGS = frozenset({"VACT", "VSTA", "NEG", "XVBM", "XVMM", "XVAE", "XVAM", "XVBB"})
# negation and the auxiliaries before a verb (ไม่, จะ, ต้อง, ควร): a word opening with one
# of them is a verb phrase (ไม่ต้อง, จะมี)
PREVERB_TAGS = frozenset({"NEG", "XVBM", "XVMM"})
CLAUSE_TAGS = PREDICATE_TAGS | {"JCRG", "JSBR", "JCMP", "RPRE", "PREL", "PPRS"}


@lru_cache(maxsize=1)
def _orchid_tags() -> dict[str, str]:
    """Word -> its most frequent tag in the ORCHID corpus: the data of PyThaiNLP's ORCHID
    unigram tagger, shipped with PyThaiNLP."""
    import pythainlp.corpus

    path = Path(pythainlp.corpus.__file__).with_name("pos_orchid_unigram.json")
    return json.loads(path.read_text(encoding="utf-8-sig"))


def orchid_tag(word: str) -> str | None:
    """The word's most frequent tag in ORCHID, ``None`` for a word ORCHID does not have."""
    return _orchid_tags().get(word)


@lru_cache(maxsize=1)
def place_name_openers() -> frozenset[str]:
    """Words ORCHID tags as neither a noun nor a noun-making prefix that open two or more
    known place names (บาง: บางรัก, บางกะปิ; เกาะ, หมู่): after a body's head noun they open
    a place's name (โรงพยาบาลบางใหญ่), not a phrase."""
    from collections import Counter

    names = [v for p in places().values() for v in (p.name, *p.variants)] + list(bma_districts())
    words = [w for w, tag in _orchid_tags().items() if len(w) >= 3 and not tag.startswith(("N", "F"))]
    counts = Counter(w for n in names for w in words if n.startswith(w) and len(n) > len(w))
    return frozenset(w for w, c in counts.items() if c >= 2)


@lru_cache(maxsize=1)
def grammatical_words() -> frozenset[str]:
    """Words PyThaiNLP's ORCHID unigram tagger data tags as grammar (GRAMMATICAL_TAGS),
    except ให้, which opens names (คณะอนุกรรมการให้ความช่วยเหลือ)."""
    return frozenset(w for w, tag in _orchid_tags().items() if tag in GRAMMATICAL_TAGS and w.strip() and w != "ให้")


@lru_cache(maxsize=4)
def clause_words(tags: frozenset[str] = CLAUSE_TAGS) -> frozenset[str]:
    """Words the ORCHID data tags as a sentence going on (CLAUSE_TAGS, or PREDICATE_TAGS)."""
    return frozenset(w for w, tag in _orchid_tags().items() if tag in tags and w.strip())


@lru_cache(maxsize=1)
def not_dotted_words() -> list[str]:
    """Dotted forms that are no body's abbreviation (months, eras, units, place prefixes)."""
    return _words("not_abbreviations.txt")


@lru_cache(maxsize=1)
def not_place_words() -> list[str]:
    """Words that begin like a place's head word but are not places (วัดอุณหภูมิ, ภาครัฐ)."""
    return _words("not_places.txt")


@lru_cache(maxsize=1)
def place_heads() -> list[tuple[str, str, tuple[str, ...]]]:
    """(head, kind, abbreviations), longest first."""
    rows = [(r[0], r[1], tuple(_split(r[2])) if len(r) > 2 else ()) for r in _rows("place_heads.tsv")]
    return sorted(rows, key=lambda x: len(x[0]), reverse=True)


# -- the project dictionary for word segmentation -----------------------------------
@lru_cache(maxsize=1)
def segmentation_words() -> frozenset[str]:
    """Words the tokenizer must keep whole: honorifics, positions, agency, office and
    place names from the lexicons above (one token each, so names are not cut up)."""
    words: set[str] = set()
    words.update(h for h in honorifics() if "." not in h)
    # a position that names its body (โฆษกประจำสำนักนายกรัฐมนตรี) is not kept whole, so
    # that the body inside it is still a word boundary away
    body_words = [h for h, _ in org_heads()] + list(organizations()) + list(places())
    words.update(w for w in position_words() if "." not in w and not any(b in w[1:] for b in body_words))
    for org in organizations().values():
        words.add(org.name)
    for m in ministries():
        words.add(m.short)
    for place in places().values():
        words.add(place.name)
    words.update(head for head, _ in org_heads())
    return frozenset(w for w in words if w and " " not in w and len(w) > 1)


@lru_cache(maxsize=1)
def segmentation_splits() -> frozenset[str]:
    """Dictionary words the tokenizer must not keep whole: a post glued to the head of
    the body it serves (ปลัดกระทรวง, ผู้อำนวยการกอง), so that the body's name starts a word."""
    from pythainlp.corpus import thai_words

    posts = [w for w in position_words() if "." not in w]
    glued = re.compile(f"(?:{trie_pattern(posts)})(?:{trie_pattern(h for h, _ in org_heads())})")
    return frozenset(w for w in set(thai_words()) | set(posts) if glued.match(w))


@lru_cache(maxsize=1)
def joinable_names() -> frozenset[str]:
    """Names whose parts a line wrap may have put a space between (the normalizer joins
    such a space back): the bodies and places the project knows, without spaces of their own."""
    names = set(organizations()) | {p.name for p in places().values()}
    return frozenset(n for n in names if " " not in n and len(n) >= 6)
