"""Places: provinces, districts, countries, foreign cities, regions, roads, canals,
temples and landmarks, one item per place with its full ``name`` (จ.ระยอง ->
จังหวัดระยอง) and every form it is written in.

Found from known names (PyThaiNLP's provinces and countries, ``data/places.tsv``,
Bangkok's districts) and from head words (``data/place_heads.tsv``: จังหวัด/จ.,
อำเภอ/อ., ตำบล/ต., เขต, แขวง, ถนน, คลอง, แม่น้ำ, วัด, ...) followed by a name.  A bare
province or district name (เลย, หนองจอก) counts only where the text uses it as a place:
after พื้นที่/ณ/ใน, or in a list of places.  Names glued inside an organization's name
(สำนักงานเขตคลองสาน) are the organization's; an item of a list inside it is a place too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.document import add_item, state
from pipeline.layout import excluded
from pipeline.lexicon import PREDICATE_TAGS, bma_districts, clause_words, not_place_words, place_heads, places
from pipeline.registry import stage

from .ner import MIN_NAME_PROBABILITY, ends_by_start, entity_confidence
from .phrases import THAI_LETTER, Gazetteer, Intervals, Prefixes, SortedSpans, Tokens, boundaries, run_end

# bare country names that are mostly adjectives in Thai news (ผู้แทนการค้าไทย)
NOT_BARE = {"ไทย"}
_CONTEXT_BEFORE = re.compile(r"(?:พื้นที่|ณ|ใน|ที่|จาก|ของ|ถึง|สู่|ไป|เยือน|ประจำ)[ ]?$")
_LIST_GAP = re.compile(r"^(?: |, ?| และ ?|และ)$")


@dataclass
class Mention:
    start: int
    end: int
    name: str
    kind: str


@dataclass
class Entity:
    name: str
    kind: str
    mentions: list[Mention] = field(default_factory=list)


@lru_cache(maxsize=1)
def _tools():
    every: dict[str, tuple[str, str]] = {}  # every written form -> (full name, kind)
    bare_forms: set[str] = set()  # forms that name a place only where used as one
    for p in places().values():
        every[p.name] = (p.name, p.kind)
        for v in p.variants:
            every.setdefault(v, (p.name, p.kind))
            if p.kind == "province" and not v.startswith("กรุง"):
                bare_forms.add(v)  # เชียงใหม่ for จังหวัดเชียงใหม่
        if p.kind == "country" and not p.name.startswith(("ประเทศ", "สาธารณรัฐ", "ราชอาณาจักร", "สหพันธ")):
            bare_forms.add(p.name)  # จีน, ญี่ปุ่น
    for d in bma_districts():
        every.setdefault(d, ("เขต" + d, "bma_district"))
        bare_forms.add(d)
    full = {f: v for f, v in every.items() if f not in bare_forms and f not in NOT_BARE}
    bare = {f: every[f] for f in bare_forms if f not in NOT_BARE}
    heads = {}
    for head, kind, abbrevs in place_heads():
        heads[head] = (head, kind)
        for ab in abbrevs:
            heads[ab] = (head, kind)
    b = boundaries()
    return {
        "predicates": clause_words(PREDICATE_TAGS),
        "prepositions": clause_words(frozenset({"RPRE"})),
        "function_words": b["function_words"],
        "particles": Prefixes(b["clause_particles"]),
        "full": Gazetteer(full),
        "bare": Gazetteer(bare),
        "heads": Prefixes(heads),
        "head_of": heads,
        # a name after a head word ends at a verb, a function word, the next
        # administrative head ("ตำบลพุคาอำเภอบ้านหมี่") -- not at words like เมือง, นคร,
        # กรุง, ดอย that are parts of names (ตำบลหนองเมือง, ถนนกรุงเกษม)
        # predicates end a name as whole words, function words wherever they begin one
        "stops": Prefixes(list(b["predicates"])),
        "stops_prefix": Prefixes(list(b["function_words"]) + list(ADMINISTRATIVE) + ["ฯ", "แห่งใหม่", "แห่งนี้", "แห่งแรก"]),
        "not_places": Prefixes(not_place_words()),
        "known_after_head": Gazetteer(every),
    }


ADMINISTRATIVE = ("จังหวัด", "อำเภอ", "ตำบล", "แขวง", "หมู่บ้าน", "หมู่ที่")
# kinds of place written after a body's name to say where it is (โรงพยาบาลสิชล จังหวัดนครศรีธรรมราช)
NAME_TAILS = frozenset({"province", "district", "bma_district"})
# what a place's name does not begin with after its head word (ถนนหลายเส้นทาง, เขื่อนการพัฒนา)
NOT_NAME_START = (
    "หลาย", "ต่าง", "ทุก", "ทั้ง", "ใน", "ที่", "ของ", "และ", "ให้", "การ", "ความ", "ชายแดน", "สาย", "นี้", "นั้น",
    "ดังกล่าว", "ใหม่", "เดิม", "แห่ง", "อื่น", "เป้าหมาย", "สำคัญ", "ใหญ่", "เล็ก",
)


@stage("places", after=("organizations", "dates", "ner"))
def extract_places(doc: Doc) -> None:
    """Places, one item per place."""
    st = state(doc)
    toks = Tokens.of(doc)
    text = toks.text
    orgs = SortedSpans(st.get("org_mentions") or [])
    dates = SortedSpans(d["span"] for d in st["items"].get("dates", []))
    taken = Intervals()
    t = _tools()
    found: list[Mention] = []

    def free(m: Mention) -> bool:
        s, e = m.start, m.end
        return not _only_in_a_name(m) and not dates.overlaps(s, e) and not excluded(doc, s) and not taken.overlaps(s, e)

    def _only_in_a_name(m: Mention) -> bool:
        """Is the place only part of an organization's name?  Yes when it is glued to
        the words before it (ศูนย์พัฒนาราษฎรบนพื้นที่สูงจังหวัดแม่ฮ่องสอน) or is the
        whole name (กรุงเทพมหานคร as the BMA); no when it stands after a space in a
        longer name as the last item of a list (...คลองเปรมประชากร และคลองแสนแสบ) or
        as the province or district the body is in (โรงพยาบาลสิชล จังหวัดนครศรีธรรมราช);
        yes again when the name goes on glued after it (บริษัท กรุงเทพดุสิตเวชการ จำกัด)."""
        s, e = m.start, m.end
        if not orgs.contains(s, e):
            return False
        if not orgs.contains(s - 1, e) or (THAI_LETTER.match(text[e : e + 1]) and orgs.contains(s, e + 1)):
            return True
        if text[max(0, s - 4) : s] == " และ":
            return False
        return not (text[s - 1 : s] == " " and m.kind in NAME_TAILS)

    def keep(m: Mention) -> None:
        found.append(m)
        taken.add(m.start, m.end)

    # known names and head words with the name after them; the longer wins
    # (กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนบน 1 over ภาคตะวันออกเฉียงเหนือ)
    candidates = [Mention(s, e, name, kind) for s, e, _, (name, kind) in t["full"].find(toks)]
    model_ends = ends_by_start(doc, "LOCATION")
    for start, head in t["heads"].starts(text):
        if toks.is_start(start) or _after_glued_preposition(toks, start, head):
            m = _headed(doc, toks, start, head, model_ends)
            if m:
                candidates.append(m)
    for m in sorted(candidates, key=lambda m: (-(m.end - m.start), m.start)):
        if free(m):
            keep(m)
    bare = [Mention(s, e, name, kind) for s, e, _, (name, kind) in t["bare"].find(toks)]
    bare = [m for m in bare if free(m)]
    for m in _bare_used_as_places(text, bare, found):
        keep(m)
    found.sort(key=lambda m: m.start)

    entities: dict[str, Entity] = {}
    for m in found:
        entities.setdefault(m.name, Entity(m.name, m.kind)).mentions.append(m)
    for ent in sorted(entities.values(), key=lambda e: e.mentions[0].start):
        first = ent.mentions[0]
        forms = list(dict.fromkeys(text[m.start : m.end] for m in ent.mentions))
        add_item(doc, "places", {
            "span": [first.start, first.end],
            "name": ent.name,
            "kind": ent.kind,
            "aliases": forms,
            "mentions": [[m.start, m.end] for m in ent.mentions],
        })


# the parts a region is divided into, as the Thai Meteorological Department and the
# ministries name them (ภาคเหนือตอนบน, ภาคใต้ฝั่งตะวันตก, ภาคใต้ฝั่งอันดามัน)
_REGION_PART = re.compile(r"ตอน(?:บน|ล่าง|กลาง)|ฝั่ง(?:ตะวันออก|ตะวันตก|อันดามัน|อ่าวไทย)")
# kinds of place whose head takes only a known name after it (จังหวัดต่าง ๆ is no place)
KNOWN_NAME_KINDS = ("province", "country", "region", "continent", "state", "bma_district")


def _after_glued_preposition(toks: Tokens, start: int, head: str) -> bool:
    """Is the head at ``start`` the end of a dictionary word that glues a preposition to it
    (ใน|ประเทศ|ไทย: the segmenter keeps ในประเทศ whole), for a kind of place that takes only a
    known name?  Then the place starts at the head: ในประเทศไทย holds ประเทศไทย."""
    t = _tools()
    if t["head_of"][head][1] not in KNOWN_NAME_KINDS:
        return False
    i = toks.index_at(start)
    word_start = toks.starts[i]
    word = toks.words[i]
    return word_start < start and word_start + len(word) == start + len(head) and \
        toks.text[word_start:start] in t["prepositions"]


def _headed(doc: Doc, toks: Tokens, start: int, head: str, model_ends: dict[int, int]) -> Mention | None:
    """A head word and the name after it: จังหวัดเชียงใหม่, จ. ลำพูน, ถนนกรุงเกษม.  Where the
    trained model ends the same place sooner (``model_ends``: start -> end of its
    LOCATION entities) at a word ORCHID tags as a verb, negation or auxiliary, it ends
    there: the sentence goes on; a head and one such word the model sees no place in is
    none."""
    t = _tools()
    text = toks.text
    full_head, kind = t["head_of"][head]
    whole = t["known_after_head"].prefixes.at(text, start)
    if whole and len(whole) > len(head):  # บึงกาฬ is a province, not a lake named กาฬ
        name, known_kind = t["known_after_head"].entries[whole]
        end = start + len(whole)
        part = _REGION_PART.match(text, end) if known_kind == "region" else None
        if part and (toks.is_end(part.end()) or not THAI_LETTER.match(text[part.end() : part.end() + 1])):
            # ภาคเหนือตอนบน, ภาคใต้ฝั่งอันดามัน: a part of the region
            return Mention(start, part.end(), name + part.group(), known_kind)
        return Mention(start, end, name, known_kind)
    if head.endswith(".") and start > 0 and (THAI_LETTER.match(text[start - 1]) or text[start - 1] == ".") \
            and not (toks.is_start(start) and toks.word_at(toks.starts[toks.index_at(start - 1)]) in t["function_words"]):
        return None  # ต. at the end of กพต. is not ตำบล; but ที่|จ.นครนายก is จังหวัดนครนายก
    pos = start + len(head)
    if head.endswith(".") and text[pos : pos + 1] == " ":
        pos += 1  # "อ. แม่ริม"
    particle = t["particles"].at(text, pos)  # ตำบล|แล้ว: a clause goes on, no name
    if not THAI_LETTER.match(text[pos : pos + 1]) or text.startswith(NOT_NAME_START, pos) or t["not_places"].at(text, start) \
            or (particle and toks.is_end(pos + len(particle))):
        return None
    first = t["stops"].at(text, pos)
    if first and toks.is_end(pos + len(first)) and not _ADDRESS_AFTER.match(text, run_end(text, pos)):
        return None  # "อ่างเก็บน้ำมีเพียงพอ"; but "อำเภอจะนะ จังหวัดสงขลา" is an address
    known = t["known_after_head"].prefixes.at(text, pos)
    if known:
        # a known name after the head decides where it ends (จังหวัดเชียงใหม่และจังหวัดเชียงราย)
        end = pos + len(known)
        canonical, _ = t["known_after_head"].entries[known]
        name = canonical if canonical.startswith(full_head) else full_head + known
        number = _SOI_NUMBER.match(text, end) if kind == "soi" else None
        if number:  # ซอยลาดพร้าว 71: a soi off the road named for the district
            return Mention(start, number.end(), name + number.group(), kind)
        if kind != "region":
            return Mention(start, end, name, kind)
    elif kind in (*KNOWN_NAME_KINDS, "city") and not (
        kind == "city" and head == "กรุง"
    ):
        return None  # these take only a known name: "จังหวัดต่าง ๆ", "ประเทศคู่ค้า" are not places
    else:
        end = pos
    joiner = _JOINED_PARK if kind == "park" else _JOINED_NAME
    after_joiner = False
    while end < len(text) and (THAI_LETTER.match(text[end]) or joiner.match(text, end)):
        joined = joiner.match(text, end)
        if joined and t["heads"].at(text, joined.end()):
            break  # เกาะยาวน้อย-เกาะยาวใหญ่: two places
        if joined:  # อำเภอสุไหงโก-ลก, อุทยานแห่งชาติอ่าวมะนาว - เขาตันหยง: two names joined make one
            end, after_joiner = joined.end(), True
            continue
        if end > pos and toks.is_start(end) and not after_joiner:
            if t["stops_prefix"].at(text, end):
                break
            stop = t["stops"].at(text, end)
            if stop and toks.is_end(end + len(stop)):
                break
        after_joiner = False
        end = toks.next_start(end)
    end = pos + len(text[pos:end].rstrip(" -"))
    model_end = model_ends.get(start)
    if model_end and pos < model_end < end and toks.is_start(model_end) and toks.word_at(model_end) in t["predicates"]:
        end = model_end  # the model ends the name sooner, at a verb: ถนนพัฒนาการตัดใหม่|พบรถเร่...
    if end - pos < 2:
        return None
    if start not in model_ends and toks.word_at(pos) in t["predicates"] and (
            text[pos:end] in t["predicates"]
            or entity_confidence(doc, start, end, "LOCATION") < MIN_NAME_PROBABILITY):
        # วัด|หาย, อำเภอ|ไม่น้อยกว่าครึ่งหนึ่ง...: a head noun and a verb, and the model sees no
        # place there (but เขื่อนทับเสลา, คลองลัดโพธิ์: names that open with a verb, which the
        # model gives some probability)
        return None
    m = (_SOI_NUMBER if kind == "soi" else _NUMBER_AFTER).match(text, end)
    if kind in ("region", "soi") and m:  # กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนบน 1; ซอยลาดพร้าว 71
        end = m.end()
    return Mention(start, end, full_head + text[pos:end], kind)


_JOINED_NAME = re.compile(r"-(?=[\u0e01-\u0e2e\u0e40-\u0e44])")
_JOINED_PARK = re.compile(r" ?- ?(?=[\u0e01-\u0e2e\u0e40-\u0e44])")  # park names are written with spaces too
_ADDRESS_AFTER = re.compile(r" (?:จังหวัด|จ\.|อำเภอ|อ\.|เขต|แขวง|กรุงเทพ)")
_NUMBER_AFTER = re.compile(r" \d{1,2}(?![\d.,:/])")
# a soi is numbered along the road it leaves: ซอยลาดพร้าว 71, ซอยสุขุมวิท 101/1
_SOI_NUMBER = re.compile(r" ?\d{1,3}(?:/\d{1,3})?(?![\d.,:])")


def _bare_used_as_places(text: str, bare: list[Mention], found: list[Mention]) -> list[Mention]:
    """Bare province, district or country names the text uses as places: after a place
    word (พื้นที่, ณ, ใน, ...), in a list with other places, or three or more in a row."""
    accepted: list[Mention] = []
    pending = list(bare)
    for m in list(pending):
        if _CONTEXT_BEFORE.search(text[max(0, m.start - 8) : m.start]):
            accepted.append(m)
            pending.remove(m)
    anchors = sorted(found + accepted, key=lambda m: m.start)
    anchor_starts = [a.start for a in anchors]
    changed = True
    while changed and pending:
        changed = False
        for m in list(pending):
            i = bisect_right(anchor_starts, m.start)
            neighbours = anchors[max(0, i - 1) : i + 1]
            if any(_adjacent(text, a, m) for a in neighbours):
                accepted.append(m)
                pending.remove(m)
                anchors.insert(i, m)
                anchor_starts.insert(i, m.start)
                changed = True
    # a run of three or more bare names is a list of places ("หนองบัวลำภู บึงกาฬ เลย ...")
    pending.sort(key=lambda m: m.start)
    run: list[Mention] = []
    for m in pending + [None]:
        if m is not None and run and _adjacent(text, run[-1], m):
            run.append(m)
            continue
        if len(run) >= 3:
            accepted.extend(run)
        run = [m] if m is not None else []
    return accepted


def _adjacent(text: str, a: Mention, b: Mention) -> bool:
    first, second = (a, b) if a.start < b.start else (b, a)
    return bool(_LIST_GAP.match(text[first.end : second.start])) if second.start >= first.end else False


