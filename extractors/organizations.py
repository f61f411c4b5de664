"""Organizations: ministries, departments, offices, committees, companies, universities,
the BMA and foreign or international bodies, one item per body with every form it is
written in.

Found three ways:

1. known bodies and their abbreviations (``data/ministries.tsv``,
   ``data/organizations.tsv``, Bangkok's district offices);
2. a head noun (กระทรวง, กรม, สำนักงาน, คณะกรรมการ, บริษัท, ... in
   ``data/org_heads.tsv``) and the words that belong to it, up to a verb, a title, the
   next head or the end of the clause (:func:`extend_name`);
3. an abbreviation in brackets after a name, ``คณะกรรมการ... (กพต.)``, makes later
   ``กพต.`` mentions of the same body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pythainlp.corpus import thai_words
from spacy.tokens import Doc

from pipeline.document import add_item, state
from pipeline.layout import excluded
from pipeline.lexicon import (
    MINISTER_POSTS,
    PREDICATE_TAGS,
    clause_words,
    grammatical_words,
    honorifics,
    ministries,
    not_organization_words,
    orchid_tag,
    org_heads,
    organization_forms,
    organizations,
    place_heads,
    place_name_openers,
    places,
    position_words,
    trie_pattern,
)
from pipeline.registry import stage
from pipeline.segment import sentence_openers

from .ner import MIN_NAME_PROBABILITY, ends_by_start, entity_confidence
from .phrases import ABBREVIATION, THAI_LETTER, Gazetteer, Intervals, Prefixes, SortedSpans, Tokens, boundaries, run_end

GENERIC = re.compile(
    r"^(?:ต่าง ?ๆ|ต่างๆ|ดังกล่าว|นี้|นั้น|ที่เกี่ยวข้อง|ทั้งหมด|ทั้ง|ในสังกัด|สังกัด|ชั่วคราว|ใหม่|เดิม|แห่งนี้|ทุกแห่ง|ข้างต้น|ฯ)*$"
    r"|(?:ต่าง ?ๆ|นั้น ?ๆ|เหล่านี้|เหล่านั้น|ดังกล่าว|นั้น|นี้|แห่ง)$"
    r"|^(?:ร่วม|ย่อย|ชุดใหม่|ชุดเดิม|ทุกชุด)$"
    r"|^และ"  # "ที่ปรึกษาระดับกระทรวง และโฆษกกระทรวงสาธารณสุข": a head with no name, then a list
)
# a name does not begin with these words after its head noun (โรงพยาบาลในรูปแบบ..., กรมต่าง ๆ,
# มหาวิทยาลัยแห่งหนึ่ง: "a university")
NOT_NAME_START = (
    "ใน", "ของ", "ที่", "ซึ่ง", "และ", "หรือ", "ต่าง", "ทั้ง", "ทุก", "นี้", "นั้น", "ดังกล่าว", "เหล่านี้", "ทั่ว", "สำคัญ",
    "อื่น", "ชุด", "ผู้ทรงคุณวุฒิ", "ผู้แทน", "ผู้บริหาร", "อย่าง", "แห่งหนึ่ง",
)
_TITLE_RUN = re.compile(
    r"(?<!\S)(?:นาย|นาง|นางสาว|ดร\.|นพ\.|พญ\.|ผศ\.|รศ\.|ศ\.|น\.ส\.|พล\.[อทต]\.|พ\.[อทต]\.)[\u0e01-\u0e4e.]+"
)
_PAREN_ALIAS = re.compile(r" ?\((?P<inner>[^()\n]{1,80})\)")
_OR_ALIAS = re.compile(r" หรือ (?P<alias>[A-Z][A-Za-z]{1,10}|(?:[\u0e01-\u0e2e][\u0e01-\u0e4e]{0,4}\.){1,4})")


@dataclass
class Mention:
    start: int
    end: int
    name: str  # canonical name of the body
    kind: str
    known: bool = False
    abbreviation: str | None = None
    parent: str | None = None


@dataclass
class Entity:
    name: str
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    abbreviation: str | None = None
    parent: str | None = None


@lru_cache(maxsize=1)
def known_forms() -> dict[str, tuple[str, str, str | None, bool]]:
    """Written form -> (canonical name, kind, parent, is an abbreviation)."""
    forms: dict[str, tuple[str, str, str | None, bool]] = {}
    for org in organizations().values():
        forms[org.name] = (org.name, org.kind, org.parent, False)
        for ab in org.abbreviations:
            forms.setdefault(ab, (org.name, org.kind, org.parent, True))
    for m in ministries():
        for ab in m.abbreviations:
            forms.setdefault(f"กระทรวง {ab}", (m.name, "ministry", None, True))
            forms.setdefault(f"กระทรวง{ab}", (m.name, "ministry", None, True))
    return forms


@lru_cache(maxsize=1)
def _tools():
    b = boundaries()
    dotted_posts = [w for w in position_words() if w.endswith(".")]
    forms = known_forms()
    # dotted abbreviations are found on characters (PyThaiNLP splits them unpredictably);
    # the rest, "กระทรวง อว." included, from word starts
    dotted = {f: v for f, v in forms.items() if v[3] and f.endswith(".") and " " not in f}
    full = {f: v for f, v in forms.items() if f not in dotted}
    heads = Prefixes(h for h, _ in org_heads())
    head_kind = dict(org_heads())
    # after a space: these end a name wherever they begin a word ...
    stops_after_space_prefix = Prefixes(
        list(b["function_words"]) + list(b["group_nouns"]) + list(honorifics()) + ["ผู้", "ครั้ง", "ท่าน"]
    )
    # ... these only as whole words (ประชุม ends a name, ประชุมสุดยอด... does not begin one)
    stops_after_space = Prefixes(
        list(b["predicates"]) + list(b["clause_verbs"]) + list(position_words())
        + [h for h, _, _ in place_heads()]
    )
    # inside a run of letters: these end a name where a word begins with them ...
    stops_inside_prefix = Prefixes(["ที่", "ซึ่ง", "โดย", "ว่า", "เมื่อ", "ณ"] + list(honorifics()))
    # ... and these as whole words
    stops_inside = Prefixes(list(b["predicates"]) + ["ครั้งที่", "ครั้ง", "ตามที่", "กับ", "จาก", "ต่อ"])
    organization_heads_after_space = Prefixes([h for h, _ in org_heads()] + list(full))
    return {
        "gazetteer": Gazetteer(full),
        "dotted": dotted,
        "heads": heads,
        "head_kind": head_kind,
        "stops_after_space": stops_after_space,
        "stops_after_space_prefix": stops_after_space_prefix,
        "stops_inside": stops_inside,
        "stops_inside_prefix": stops_inside_prefix,
        "next_org": organization_heads_after_space,
        "suffixes": sorted(b["organization_suffixes"], key=len, reverse=True),
        "not_heads": Prefixes(not_organization_words()),
        "groups": Prefixes(b["group_nouns"]),
        "verbs": Prefixes(list(b["predicates"]) + list(b["clause_verbs"]) + ["บริหาร", "แก้ไข", "ส่งเสริม", "พัฒนา", "สร้าง"]),
        "places": Gazetteer({p.name: p for p in places().values()} | {v: p for p in places().values() for v in p.variants}),
        "dictionary": frozenset(thai_words()),
        "place_openers": place_name_openers(),
        "grammatical": grammatical_words(),
        "predicates": clause_words(PREDICATE_TAGS),
        "place_head_in": re.compile(rf"(?:{trie_pattern([h for h, _, _ in place_heads()])})[\u0e01-\u0e4e]"),
        # no name goes on over what opens the next sentence (ทั้งนี้, นอกจากนี้)
        "openers": frozenset(sentence_openers()),
        "dotted_posts": frozenset(dotted_posts),
        "dotted_post_prefixes": tuple(dotted_posts),  # for str.startswith
        "posts_naming_bodies": _posts_naming_bodies(),
        "posts_naming_bodies_re": re.compile(trie_pattern(_posts_naming_bodies())),
        "ordinal_nouns": tuple(b["ordinal_nouns"]),
        "clause_particles": b["clause_particles"],
        "post_prefixes": Prefixes(w for w in position_words() if "." not in w),
        "titles": frozenset(honorifics()),
        "place_heads": Prefixes(h for h, _, _ in place_heads()),
    }


# -- extent of a name -------------------------------------------------------------------
def extend_name(toks: Tokens, start: int, end: int, line_end: int, *, glued: bool = True) -> int:
    """Where a name that reaches ``end`` really ends: over the words glued to it that are
    not verbs or function words (``glued``), and across a space when what follows
    continues it (``และ`` + more of the name, an enumeration ``อุทกภัย วาตภัย
    และดินโคลนถล่ม``, a suffix ``(องค์การมหาชน)``, words up to its abbreviation in
    brackets).  A known name (``glued=False``) goes on across ``และ`` only to close an
    enumeration (กระทรวงแรงงาน คนพิการ และกิจการสังคม)."""
    text = toks.text
    pos = end
    listing = False  # an enumeration was opened: "และ ..." may close it
    while pos < line_end:
        ch = text[pos]
        if ch == " ":
            nxt, listing = _continue_after_space(toks, start, pos + 1, line_end, glued or listing)
            if nxt is None:
                break
            pos = nxt
            continue
        if ch == "ฯ":
            pos += 1
            break
        if not glued or not THAI_LETTER.match(ch):
            break
        if not toks.is_start(pos):
            pos = toks.next_start(pos)
            continue
        if _stops_inside(toks, start, pos):
            break
        pos = toks.next_start(pos)
    return min(pos, line_end)


def _stops_inside(toks: Tokens, start: int, pos: int) -> bool:
    """Does the word at ``pos``, inside a run of letters, end the name?"""
    t = _tools()
    text = toks.text
    if text.startswith("และ", pos):
        # "กระทรวงเกษตรและสหกรณ์" goes on; "กรุงเทพมหานครและกรุงเบอร์ลิน" is two names
        after = pos + 3
        if _parallel_place(toks, start, pos, after):
            return False  # คณะทำงาน...ในพื้นที่จังหวัดเชียงใหม่และจังหวัดเชียงราย
        if text.startswith("อดีต", after):
            after += 4  # และอดีตผู้บริหาร...: a former post
        return bool(t["next_org"].at(text, after) or t["places"].prefixes.at(text, after)
                    or t["stops_after_space_prefix"].at(text, after) or t["groups"].at(text, after)
                    or _post_at(toks, after))  # สภาเภสัชกรรมและ|คณบดี...: the next person's post
    if text.startswith("เพื่อ", pos):
        # "กองทุน...เพื่อเศรษฐกิจ" goes on; "คณะทำงานร่วมเพื่อพิจารณา..." is a purpose
        return bool(t["verbs"].at(text, pos + 5))
    word = toks.word_at(pos)
    if word in t["openers"] and toks.is_end(pos + len(word)):
        return True  # สภาการพยาบาล|ทั้งนี้ล่าสุด...: the next sentence, glued
    stop = t["stops_inside_prefix"].at(text, pos)
    if stop and stop in t["titles"] and pos == start + len(t["heads"].at(text, start) or ""):
        return False  # the first word after the head: สถานสงเคราะห์เด็กหญิง..., โรงเรียนนายร้อย...
    if stop:
        # พื้น|ที่สูง: the segmenter cut a word (พื้นที่) before a longer one; the stop
        # word then ends the word before it, not the name
        return stop != "ที่" or pos == 0 or toks.word_at(pos - 1) + stop not in t["dictionary"]
    word = t["stops_inside"].at(text, pos)
    if not word or not toks.is_end(pos + len(word)):
        return _grammatical(toks, pos)
    if word == "ให้" and text.startswith(("ความ", "การ"), pos + 2):
        return False  # คณะอนุกรรมการให้ความช่วยเหลือ...
    previous = toks.word_at(pos - 1) if pos > 0 else ""
    # การจัดทำ: a verb made a noun; ประชาสัมพันธ์และเผยแพร่: verbs joined inside the name
    return not previous.startswith(("การ", "ความ")) and previous != "และ"


@lru_cache(maxsize=1)
def _posts_naming_bodies() -> dict[str, tuple[str, str]]:
    """Post -> (the form of a body's name it ends with, the body): ผู้บัญชาการทหารบก ->
    (ทหารบก, กองทัพบก), a post (ผู้บัญชาการ) and a form of the body it heads
    (``organization_forms.tsv``)."""
    posts = frozenset(position_words())
    out = {}
    for post in posts:
        for form, body in organization_forms().items():
            if post.endswith(form) and post[: -len(form)] in posts:
                out[post] = (form, body)
    return out


def _bodies_in_posts(doc: Doc, toks: Tokens) -> list[Mention]:
    """A body named inside a post the tokenizer keeps whole: ทหารบก in ผู้บัญชาการทหารบก (and
    in รองผู้บัญชาการตำรวจแห่งชาติ), not in มณฑลทหารบก, which is no post."""
    t = _tools()
    known = organizations()
    found = []
    for m in t["posts_naming_bodies_re"].finditer(toks.text):
        start, end = m.span()
        if toks.is_start(start) and toks.is_end(end) and not excluded(doc, start):
            form, body = t["posts_naming_bodies"][m.group()]
            found.append(Mention(end - len(form), end, body, known[body].kind, known=True, parent=known[body].parent))
    return found


def _dotted_post_before_body(form: str) -> str | None:
    """The dotted post a dotted form opens with when a known body's abbreviation follows
    it: ผบ. in ผบ.ทบ., ผบ.ตร. (the body is ทบ., ตร.).  Not a minister's post, whose ministry
    people.py gives in full and is no body of its own (รมว.กห.), nor a body that is also a
    place (ส.ส.กทม.: the member's province, not the city's administration)."""
    t = _tools()
    for i, ch in enumerate(form[:-1]):
        post, body = form[: i + 1], form[i + 1 :]
        if ch == "." and post in t["dotted_posts"] and body in t["dotted"]:
            if post.startswith(MINISTER_POSTS) or t["dotted"][body][0] in t["places"].entries:
                return None
            return post
    return None


def _post_at(toks: Tokens, pos: int) -> bool:
    """Does a post begin a word at ``pos`` (คณบดี, หัวหน้า, ผู้บริหาร)?"""
    word = _tools()["post_prefixes"].at(toks.text, pos)
    return bool(word) and toks.is_end(pos + len(word))


def _grammatical(toks: Tokens, pos: int) -> bool:
    """A grammatical word (auxiliary, negation, adverb phrase, determiner by PyThaiNLP's
    ORCHID tags) is never part of a name: โรงพยาบาล|ไม่|ทัน, องค์การเภสัชกรรม|สามารถ|ผลิต.
    Unless it is a piece of a longer word the segmenter cut (สรรพ|กำลัง, นิ|มิ|บุตร: two
    letters are too short to tell) or a verb made a noun (เพื่อการ|ไม่|สูบบุหรี่)."""
    t = _tools()
    word = toks.word_at(pos)
    if word not in t["grammatical"]:
        return False
    if len(word) < 3:  # มิ, มา: too often a syllable of a name, unless a verb follows (ไป|ยัง)
        after = pos + len(word)
        return toks.is_start(after) and toks.word_at(after) in t["predicates"] and len(toks.word_at(after)) >= 3
    previous = toks.word_at(pos - 1) if pos > 0 else ""
    if previous + word in t["dictionary"] or previous.endswith(("การ", "ความ")):
        return False
    after = pos + len(word)
    following = toks.word_at(after) if toks.is_start(after) and THAI_LETTER.match(toks.text[after : after + 1]) else ""
    return not following or following in t["dictionary"] or following in t["grammatical"]


def _parallel_place(toks: Tokens, start: int, end: int, at: int) -> bool:
    """Does the place at ``at`` continue a list of places that closes the committee's
    name reaching ``end``?  A committee or working group is named for what it does and
    where: "...พื้นที่คลองลาดพร้าว คลองเปรมประชากร และคลองแสนแสบ", "...ในพื้นที่
    จังหวัดเชียงใหม่และจังหวัดเชียงราย", "...ระดับจังหวัดและกรุงเทพมหานคร".  The next
    item must open with the head noun the last item opened with (คลอง, จังหวัด, อำเภอ),
    or be a province after a province-level item."""
    t = _tools()
    text = toks.text
    head = t["heads"].at(text, start)
    if t["head_kind"].get(head) not in ("committee", "working_group"):
        return False
    name = text[start + len(head) : end]
    for place_head, kind, _ in place_heads():
        if not name.count(place_head):
            continue
        last_item = name[name.rfind(place_head):]
        if text.startswith(place_head, at) and " " not in last_item.strip():
            return True
        if kind == "province":
            nxt = t["places"].prefixes.at(text, at)
            if nxt and t["places"].entries[nxt].kind == "province" and " " not in last_item.strip():
                return True
    return False


def _word_stops(toks: Tokens, pos: int) -> bool:
    """Does a word that ends a name (verb, function word, title, head noun) start at ``pos``
    (after a space)?"""
    t = _tools()
    text = toks.text
    if text[pos : pos + 1].isdigit() or t["stops_after_space_prefix"].at(text, pos):
        return True
    word = t["stops_after_space"].at(text, pos)
    return bool(word) and (toks.is_end(pos + len(word)) or word.endswith("."))


def _continue_after_space(
    toks: Tokens, start: int, pos: int, line_end: int, and_ok: bool
) -> tuple[int | None, bool]:
    """(end of what after the space at ``pos - 1`` still belongs to the name or None,
    whether that opened an enumeration)."""
    t = _tools()
    text = toks.text
    for suffix in t["suffixes"]:
        if text.startswith(suffix, pos):
            return pos + len(suffix), False
    if text.startswith("ฯ", pos) and not THAI_LETTER.match(text[pos + 1 : pos + 2]):
        # พระเทพรัตนราชสุดา ฯ สยามบรมราชกุมารี; but "คณะทำงาน ฯ ที่ผ่านมา" ends at ฯ
        if text.startswith(" ", pos + 1) and pos + 2 < line_end and not _word_stops(toks, pos + 2):
            return run_end(text, pos + 2), False
        return pos + 1, False
    run = run_end(text, pos)
    if run <= pos or run > line_end:
        return None, False
    word = text[pos:run]
    if word.startswith("และ") and len(word) > 3:
        rest = pos + 3
        if _parallel_place(toks, start, pos - 1, rest):
            return extend_name(toks, start, rest, min(run, line_end)), False
        if not and_ok or _word_stops(toks, rest) or t["next_org"].at(text, rest):
            return None, False
        return extend_name(toks, start, rest, min(run, line_end)), False
    if _parallel_place(toks, start, pos - 1, pos) and text.startswith(" และ", run):
        return run, True  # คลองลาดพร้าว คลองเปรมประชากร และคลองแสนแสบ
    if t["next_org"].at(text, pos):
        return None, False  # the next body
    if _word_stops(toks, pos) or not THAI_LETTER.match(text[pos]):
        return _up_to_bracket(toks, start, pos, line_end), False
    # an enumeration inside the name: "อุทกภัย วาตภัย และดินโคลนถล่ม"
    if len(word) <= 14 and text.startswith(" และ", run) and not _word_stops(toks, run + 4):
        return run, True
    return _up_to_bracket(toks, start, pos, line_end), False


def _up_to_bracket(toks: Tokens, start: int, pos: int, line_end: int) -> int | None:
    """Words up to an abbreviation in brackets belong to the name it abbreviates."""
    text = toks.text
    limit = min(line_end, pos + 100)
    bracket = text.find(" (", pos, limit)
    if bracket < 0:
        return None
    m = _PAREN_ALIAS.match(text, bracket)
    if not m or not _is_abbreviation(m.group("inner")):
        return None
    # nothing on the way may stop a name, nor open another body the brackets would
    # abbreviate (พรรคก้าวไกล อภิปราย...ในการเคหะแห่งชาติ (กคช.))
    heads = _tools()["heads"]
    seg = pos
    while seg < bracket:
        if _word_stops(toks, seg) or not THAI_LETTER.match(text[seg]) or _tools()["next_org"].at(text, seg):
            return None
        end = run_end(text, seg)
        word = toks.next_start(seg)
        while word < end:
            if heads.at(text, word) and not _tools()["not_heads"].at(text, word):
                return None
            word = toks.next_start(word)
        seg = end + 1
    return bracket


def _is_abbreviation(inner: str) -> bool:
    inner = inner.strip()
    return bool(re.fullmatch(r"(?:[\u0e01-\u0e2e][\u0e01-\u0e4e]{0,4}\.){1,5}", inner)
                or re.fullmatch(r"[A-Z][A-Za-z0-9&\-]{1,10}", inner)
                or re.search(r":\s*[A-Z]{2,10}$", inner))


def _abbreviation_in(inner: str) -> str | None:
    inner = inner.strip()
    if re.fullmatch(r"(?:[\u0e01-\u0e2e][\u0e01-\u0e4e]{0,4}\.){1,5}|[A-Z][A-Za-z0-9&\-]{1,10}", inner):
        return inner
    m = re.search(r":\s*([A-Z]{2,10})$", inner)
    return m.group(1) if m else None


# -- the stage --------------------------------------------------------------------------------
@stage("organizations", after=("dates", "ner"))
def extract_organizations(doc: Doc) -> None:
    """Organizations, one item per body, with the forms and places it is written."""
    st = state(doc)
    toks = Tokens.of(doc)
    dates = SortedSpans(d["span"] for d in st["items"].get("dates", []))
    # a month's abbreviation in a date is no body (29 ก.พ. 67 is February, not the ก.พ.)
    mentions = [m for m in find_mentions(doc, toks) if not dates.overlaps(m.start, m.end)]
    entities = group(mentions, toks.text)
    st["org_mentions"] = []
    for ent in entities:
        first = ent.mentions[0]
        forms = []
        for m in ent.mentions:
            form = toks.text[m.start : m.end]
            if form not in forms:
                forms.append(form)
        item = add_item(doc, "organizations", {
            "span": [first.start, first.end],
            "name": ent.name,
            "kind": ent.kind,
            "abbreviation": ent.abbreviation,
            "parent": ent.parent,
            "aliases": forms,
            "mentions": [[m.start, m.end] for m in ent.mentions],
        })
        for m in ent.mentions:
            st["org_mentions"].append([m.start, m.end, item["id"]])
    st["org_mentions"].sort()


def find_mentions(doc: Doc, toks: Tokens) -> list[Mention]:
    t = _tools()
    text = toks.text
    bma = _is_bma_document(text)
    known: list[Mention] = []

    line_end_of = toks.lines.end

    # 1. known names (a known body goes on across a space, "กระทรวงแรงงาน คนพิการ และกิจการ
    # สังคม", "(องค์การมหาชน)"; glued, only into the place of its provincial office)
    for s, e, _form, (name, kind, parent, _) in t["gazetteer"].find(toks):
        if excluded(doc, s):
            continue
        if name == "กรุงเทพมหานคร" and not (bma and _acts_as_administration(text, s, e)):
            continue  # the city as a place: extractors/places.py
        end = e
        place = t["places"].prefixes.at(text, e) if THAI_LETTER.match(text[e : e + 1]) else None
        if place:
            end = e + len(place)
        elif text[e : e + 1] == " ":
            end = extend_name(toks, s, e, line_end_of(e), glued=False)
        if end > e:
            name = text[s:end].rstrip()
            end = s + len(name)
        known.append(Mention(s, end, name, kind, known=True, parent=parent))
    known.extend(_bodies_in_posts(doc, toks))
    for m in ABBREVIATION.finditer(text):
        form, start = m.group(), m.start()
        if form not in t["dotted"]:
            post = _dotted_post_before_body(form)
            if post is None:
                continue
            form, start = form[len(post):], start + len(post)
        if not excluded(doc, start):
            name, kind, parent, _ = t["dotted"][form]
            known.append(Mention(start, m.end(), name, kind, known=True, abbreviation=form, parent=parent))

    # 2. a head noun and the words that belong to it
    headed: list[Mention] = []
    person_runs = _person_name_runs(toks)
    model_ends = ends_by_start(doc, "ORGANIZATION")
    for start, head in t["heads"].starts(text):
        if not toks.is_start(start) or excluded(doc, start) or t["not_heads"].at(text, start) or start in person_runs:
            continue
        after = start + len(head)
        if text.startswith(NOT_NAME_START, after):
            continue
        limited = _registered_name_end(toks, after, line_end_of(start)) if t["head_kind"][head] == "company" else None
        if limited:
            end = limited  # บริษัท ยูนิลีเวอร์ (ประเทศไทย) จำกัด: the name runs to its legal suffix
        else:
            end = extend_name(toks, start, after, line_end_of(start))
            end = _drop_trailing_verb(toks, after, end)
            end = _end_by_model(toks, after, end, model_ends.get(start))
            end = _numbered(text, end, t["head_kind"][head])
        while end > start and text[end - 1] == " ":
            end -= 1
        name_part = text[after:end].strip()
        if len(name_part) < 2 or GENERIC.search(name_part):
            continue
        if name_part in t["predicates"] and start not in model_ends:
            continue  # ธนาคาร|ขัดข้อง, บริษัท|พร้อม: a head noun and a verb, and the model sees no name
        if t["head_kind"][head] in PROPER_NAMED and start not in model_ends and _opens_no_name(toks, after) \
                and not t["place_head_in"].search(name_part) \
                and entity_confidence(doc, start, end, "ORGANIZATION") < MIN_NAME_PROBABILITY:
            # บริษัท|เสียชื่อเสียง, ศาล|เลื่อนนัด..., โรงพยาบาล|รับส่งต่อ, โรงพยาบาล|ใกล้บ้าน: an
            # institution and what it did or is like (but โรงพยาบาลส่งเสริมสุขภาพตำบลเกาะแก้ว: a
            # place names it)
            continue
        if head.startswith("การ") and "แห่ง" not in name_part:
            continue  # การท่องเที่ยวเชิงสุขภาพ is tourism; การท่องเที่ยวแห่งประเทศไทย a body
        if t["head_kind"][head] == "group" and not _parent_follows(toks, end):
            # กลุ่มเปราะบาง, กลุ่มสีเขียว, กลุ่มแรงงานต่างด้าว are groups of people; a unit
            # called กลุ่ม is written with the body it belongs to (กลุ่มประชาสัมพันธ์และเผยแพร่ สำนักโฆษก)
            continue
        if headed and headed[-1].end > start:
            continue  # inside the name found just before
        headed.append(Mention(start, end, text[start:end], t["head_kind"][head]))

    # a longer name found from its head wins over known names inside it
    # ("คณะกรรมการบริหารกองทุนพัฒนาดิจิทัลเพื่อเศรษฐกิจและสังคม")
    found: list[Mention] = []
    for m in sorted(known + headed, key=lambda m: (m.start, not m.known, -(m.end - m.start))):
        if found and m.start < found[-1].end:
            prev = found[-1]
            if m.end <= prev.end:
                continue  # inside a longer name
            continue  # a known name wins over a longer guess from the same head
        found.append(m)
    _abbreviations_in_brackets(doc, toks, found, Intervals((m.start, m.end) for m in found))
    return sorted(found, key=lambda m: m.start)


# institutions named by a proper name, not by what they do as government units are
# (กรมส่งเสริมการเกษตร): a head of these kinds followed by a word no name opens with (a verb,
# adjective, adverb, preposition...: _opens_no_name) is the institution and what it did or is
# like, when the model gives the whole no probability (< ner.MIN_NAME_PROBABILITY)
PROPER_NAMED = frozenset({"company", "bank", "court", "party", "university", "school", "college", "hospital"})
_TRAILING_VERBS = frozenset({"พิจารณา", "ดำเนินการ", "รับทราบ", "ทราบ", "อนุมัติ", "เห็นชอบ", "ตรวจสอบ", "ดูแล"})


# a company's registered name ends with its legal form (Civil and Commercial Code, s. 1100
# and the Public Limited Companies Act): จำกัด, or จำกัด (มหาชน), also written without brackets
_LEGAL_SUFFIX = re.compile(r" ?จำกัด(?: ?\(มหาชน\)| มหาชน(?![\u0e01-\u0e4e]))?")
_MAX_REGISTERED_NAME = 60  # characters between บริษัท and จำกัด
# a subsidiary's country, written in its name before the legal suffix: (ประเทศไทย), ประเทศไทย
_SUBSIDIARY_OF = re.compile(r"\(?(?:ประเทศไทย|ไทยแลนด์|Thailand|THAILAND)\)?")


def _registered_name_end(toks: Tokens, after: int, line_end: int) -> int | None:
    """บริษัท + a name + จำกัด [(มหาชน)] on one line: where the name ends (after the
    suffix), or None when no suffix follows or a word on the way ends a name (a verb, a
    function word, another head noun).  The country of a subsidiary may stand before the
    suffix (บริษัท ไมโครซอฟท์ (ประเทศไทย) จำกัด)."""
    t = _tools()
    text = toks.text
    m = _LEGAL_SUFFIX.search(text, after, min(line_end, after + _MAX_REGISTERED_NAME))
    if m is None or m.start() <= after + 1 or text.startswith("จำกัด", after + 1):
        return None
    pos = after
    while pos < m.start():
        if text[pos] in " (":
            pos += 1
            continue
        chunk_end = min(run_end(text, pos), m.start())  # the run of letters from pos
        if _SUBSIDIARY_OF.fullmatch(text, pos - (text[pos - 1] == "("), chunk_end):
            pos = chunk_end
            continue
        if THAI_LETTER.match(text[pos]) and (_word_stops(toks, pos) or t["next_org"].at(text, pos)):
            return None
        w = toks.next_start(pos)
        while w < chunk_end:  # no verb, function word or head noun glued inside
            if _stops_inside(toks, after, w) or t["heads"].at(text, w):
                return None
            w = toks.next_start(w)
        pos = chunk_end
    return m.end()


# a noun-making prefix ORCHID tags as an adverb (นัก "very"): นักเรียน, วิทยาลัยนักบริหาร...
NOUN_PREFIXES = frozenset({"นัก"})


def _opens_no_name(toks: Tokens, pos: int) -> bool:
    """Is the word at ``pos`` one no proper name opens with: a word ORCHID tags as neither
    a noun nor a noun-making prefix (a verb, adjective, adverb, preposition, pronoun,
    determiner: โรงพยาบาล|ใกล้บ้าน, ธนาคาร|แน่นอน, โรงเรียน|เพื่อ...)?  Not a piece of a
    longer word the segmenter cut (นัก|บริหาร), nor a word place names open with (บาง|ใหญ่)."""
    t = _tools()
    word = toks.word_at(pos)
    tag = orchid_tag(word)
    if tag is None or tag.startswith(("N", "F")) or word in t["place_openers"] or word in NOUN_PREFIXES:
        return False
    after = pos + len(word)
    return not (toks.is_start(after) and word + toks.word_at(after) in t["dictionary"])


def _parent_follows(toks: Tokens, end: int) -> bool:
    """Does another body's name (a head noun or a known name) follow ``end`` after a space?"""
    text = toks.text
    return text[end : end + 1] == " " and bool(_tools()["next_org"].at(text, end + 1))


def _drop_trailing_verb(toks: Tokens, after: int, end: int) -> int:
    """"เสนอคณะอนุกรรมการประจำภาคพิจารณา", "คณะกรรมการข้าวด้วย": the verb or the particle
    after the name is not part of it."""
    particles = _tools()["clause_particles"]
    while end > after:
        i = toks.index_at(end - 1)
        if i > 0 and toks.starts[i] > after and (toks.words[i] in _TRAILING_VERBS or toks.words[i] in particles):
            end = toks.starts[i]
        else:
            break
    return end


def _end_by_model(toks: Tokens, after: int, end: int, model_end: int | None) -> int:
    """Where the trained model ends the same name sooner, at a word the ORCHID corpus
    tags as a verb, negation or auxiliary (สมาคมค้าทองคำ|ประกาศราคาทองไทย,
    ธนาคารกสิกรไทย|ทำงาน...), the name ends there: the sentence goes on.  Not before a
    place, which an office's name ends with (สำนักงานสาธารณสุขอำเภอ|เกาะลันตา)."""
    if model_end is None or not after < model_end < end or not toks.is_start(model_end):
        return end
    t = _tools()
    text = toks.text
    if t["places"].prefixes.at(text, model_end) or t["place_heads"].at(text, model_end):
        return end
    if toks.word_at(model_end) not in t["predicates"]:
        return end
    while toks.index_at(model_end - 1) > toks.index_at(after) and toks.word_at(model_end - 1) in t["grammatical"]:
        model_end = toks.starts[toks.index_at(model_end - 1)]  # ...วัฒนธรรม|ไป|ยังกรมบัญชีกลาง
    return model_end


_NUMBERED_KINDS = {"hospital", "school"}
_NUMBER_AFTER = re.compile(r" \d{1,2}(?![\d.,:/]|\s*(?:คน|ราย|แห่ง|ปี|วัน|เดือน|เตียง|%))")
# a regional unit numbered after its name: ศูนย์อนามัยที่ 7, สำนักงานเขตสุขภาพที่ 4,
# สำนักจัดการทรัพยากรป่าไม้ที่ 12 (the ministries number their regional offices)
_UNIT_NUMBER = re.compile(r" ?ที่ ?\d{1,2}(?![\d.,:/]|\s*(?:คน|ราย|แห่ง|ปี|วัน|เดือน|เตียง|%))")


def _numbered(text: str, end: int, kind: str) -> int:
    """A unit numbered after its name: ศูนย์อนามัยที่ 7 (not when the name ends with a noun
    the number counts: ...รุ่นที่ 21, ...ศตวรรษที่ 21), and a hospital or school with its
    number alone: โรงพยาบาลปลวกแดง 2."""
    m = _UNIT_NUMBER.match(text, end)
    if m and text.endswith(_tools()["ordinal_nouns"], 0, end):
        m = None
    if m is None and kind in _NUMBERED_KINDS:
        m = _NUMBER_AFTER.match(text, end)
    return m.end() if m else end


def _person_name_runs(toks: Tokens) -> set[int]:
    """Token starts inside a run that begins with a person's title (ดร.ทองเปลวกองจันทร์):
    a head noun there is part of a name, not a body."""
    text = toks.text
    inside: set[int] = set()
    for m in _TITLE_RUN.finditer(text):
        for pos in range(m.start() + 1, m.end()):
            inside.add(pos)
    return inside


def _abbreviations_in_brackets(doc: Doc, toks: Tokens, found: list[Mention], taken: Intervals) -> None:
    """``NAME (ABBR)`` and ``NAME หรือ ABBR``: ABBR is the body's abbreviation; its other
    mentions in the text are mentions of the body."""
    text = toks.text
    by_end = {m.end: m for m in found}
    new_forms: dict[str, Mention] = {}
    for end, m in list(by_end.items()):
        alias_start = None
        pm = _PAREN_ALIAS.match(text, end)
        if pm:
            alias = _abbreviation_in(pm.group("inner"))
            if alias:
                alias_start = pm.start("inner") + pm.group("inner").rfind(alias)
        else:
            om = _OR_ALIAS.match(text, end)
            if om:
                alias, alias_start = om.group("alias"), om.start("alias")
        if alias_start is None or alias in new_forms:
            continue
        if alias.startswith(_tools()["dotted_post_prefixes"]):
            continue  # "รัฐมนตรีว่าการกระทรวง... (รมว.ทส.)": the post's abbreviation, not the body's
        m.abbreviation = m.abbreviation or alias
        mention = Mention(alias_start, alias_start + len(alias), m.name, m.kind, known=m.known, abbreviation=alias,
                          parent=m.parent)
        new_forms[alias] = mention
        if not taken.overlaps(mention.start, mention.end):
            found.append(mention)
            taken.add(mention.start, mention.end)
    if not new_forms:
        return
    pattern = re.compile("|".join(re.escape(f) for f in sorted(new_forms, key=len, reverse=True)))
    for m in pattern.finditer(text):
        s, e = m.span()
        if (s > 0 and THAI_LETTER.match(text[s - 1])) or (e < len(text) and THAI_LETTER.match(text[e]) and not m.group().endswith(".")):
            continue
        if (s > 0 and text[s - 1].isalpha() and m.group()[0].isascii()) or (e < len(text) and text[e].isalnum() and text[e].isascii()):
            continue
        if taken.overlaps(s, e) or excluded(doc, s):
            continue
        base = new_forms[m.group()]
        suffix = next((x for x in _tools()["suffixes"] if text.startswith(" " + x, e)), None)
        if suffix:  # "ศปช. ส่วนหน้า": the body's forward command, a body of its own
            e += 1 + len(suffix)
            found.append(Mention(s, e, text[s:e], base.kind, abbreviation=text[s:e], parent=base.name))
        else:
            found.append(Mention(s, e, base.name, base.kind, known=base.known, abbreviation=m.group(), parent=base.parent))
        taken.add(s, e)


def group(mentions: list[Mention], text: str) -> list[Entity]:
    """One entity per body: mentions that share a name, an abbreviation, or a shortened
    form (``กระทรวงเกษตรฯ``, ``คณะกรรมการฯ``) of an earlier name."""
    entities: dict[str, Entity] = {}
    by_abbrev: dict[str, Entity] = {}
    for m in mentions:
        ent = entities.get(m.name) or (by_abbrev.get(m.abbreviation) if m.abbreviation else None)
        if ent is None and m.name.endswith("ฯ"):
            prefix = m.name[:-1].strip()
            ent = next((e for e in entities.values() if e.name.startswith(prefix) and e.name != prefix), None)
        if ent is None:
            ent = entities[m.name] = Entity(m.name, m.kind, parent=m.parent)
        ent.mentions.append(m)
        if m.abbreviation and not ent.abbreviation and m.abbreviation != ent.name:
            ent.abbreviation = m.abbreviation
        if ent.abbreviation:
            by_abbrev[ent.abbreviation] = ent
    return sorted(entities.values(), key=lambda e: e.mentions[0].start)


_BMA_SIGNS = re.compile(
    "ศาลาว่าการกรุงเทพมหานคร|ผู้ว่าราชการกรุงเทพมหานคร|ปลัดกรุงเทพมหานคร|สภากรุงเทพมหานคร|กทม\\.|"
    "สำนักยุทธศาสตร์และประเมินผล|สำนักการระบายน้ำ|สำนักงานเขต"
)
_LOCATION_BEFORE = re.compile(r"(?:ณ|ใน|จาก|สู่|เขต\S+|แขวง\S+|ถนน\S+|จังหวัด\S+|,)\s*$")


def _is_bma_document(text: str) -> bool:
    return bool(_BMA_SIGNS.search(text))


def _acts_as_administration(text: str, start: int, end: int) -> bool:
    """กรุงเทพมหานคร names the BMA, not the place, when it is not in a location phrase."""
    return not _LOCATION_BEFORE.search(text[max(0, start - 30) : start])
