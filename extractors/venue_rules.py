"""The hand-written rules for venues, written against the first 41 dev releases.  Where
they start and end a venue is a feature of the trained models
(:mod:`extractors.venue_features`); how they read a venue's parts (:func:`parts`) gives
the room, floor and building of the venues the models find.

Venues: where an event took place (or will): the whole written place after ณ (or
ที่ + a place), with its parts ``room`` (ห้องนพรัตน์, ห้องประชุม 501), ``floor`` (ชั้น 5,
ชั้น ๕ -> "5"), ``building`` (ศาลาว่าการกรุงเทพมหานคร, ตึกบัญชาการ 1, a ministry) and
``place`` (the district, province or complex after it); and online meetings (ผ่านระบบ
การประชุมทางไกล (Video Conference), ผ่านสื่ออิเล็กทรอนิกส์ (Cisco Webex)) with the
``platform`` named.  Each distinct venue is one item.

A venue phrase goes on across spaces while the next words are another part of a place:
a room, a floor (ชั้น 5, ชั้น G), a building, a body (its offices), a place, a number after
a room or building, a landmark in brackets (เสาชิงช้า), ``ภายใน...``, or up to three words
of a name written apart when another part follows them (ห้องประชุมปกรณ์ อังศุสิงห์ ชั้น 2,
ห้องพิจิตรา แกรนด์บอลรูม โรงแรม...); it ends at a person, a post, a verb, a clause word,
the next sentence or a date (``data/venues.json``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.document import state
from pipeline.layout import excluded
from pipeline.lexicon import honorifics, position_words
from pipeline.normalize import fold_digits
from pipeline.segment import sentence_openers

from .datafiles import data_json
from .venue_features import is_online
from .phrases import THAI_LETTER, Intervals, Prefixes, Tokens, boundaries, lines_of, run_end

_NUMBER_RUN = re.compile(r"[\d๐-๙][\d๐-๙\-/]*|-")
_BRACKET = re.compile(r"\((?P<inner>[^()\n]{1,60})\)")
_FLOOR_MARK = re.compile(r"[A-Z]{1,2}[0-9]{0,2}(?=[ \n]|$)")
_LATIN_WORDS = re.compile(r"[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*){0,3}")
_MEETING_NEAR = re.compile(r"ประชุม|Meeting|Conference|หารือ")


@lru_cache(maxsize=1)
def _tools():
    data = data_json("venues.json")
    b = boundaries()
    return {
        "data": data,
        "rooms": Prefixes(data["rooms"]),
        "floors": Prefixes(data["floors"]),
        "buildings": Prefixes(data["buildings"]),
        "online": Prefixes(data["online_phrases"]),
        "online_words": tuple(data["online_words"]),
        "platforms": sorted(data["online_platforms"].items(), key=lambda x: len(x[0]), reverse=True),
        "not_after": Prefixes(data["not_after_introducer"]),
        "titles": Prefixes(honorifics()),
        "posts": Prefixes(position_words()),
        "openers": Prefixes(sentence_openers()),
        "stops": Prefixes(list(b["predicates"]) + list(b["function_words"]) + list(b["group_nouns"]) + ["ร่วม", "ผ่าน"]),
        "locatives": Prefixes(["บริเวณ", "ภายใน"]),
        "event_verbs": re.compile(r"จัดขึ้น|จัดงาน|จัด|ประชุม"),
    }


def rule_venues(doc: Doc) -> list[dict]:
    """The rules' venues, physical and online, one per distinct venue."""
    st = state(doc)
    toks = Tokens.of(doc)
    text = toks.text
    spans = Spans(st)
    found: list[dict] = []
    for start in _introduced(toks, spans):
        if excluded(doc, start):
            continue
        venue = _physical(toks, spans, start)
        if venue:
            found.append(venue)
    for start, phrase in _tools()["online"].starts(text):
        if not toks.is_start(start) or excluded(doc, start):
            continue
        venue = _online(text, start, phrase)
        if venue:
            found.append(venue)
    seen: dict[str, dict] = {}
    covered = Intervals()
    for venue in sorted(found, key=lambda v: (v["span"][0], -v["span"][1])):
        s, e = venue["span"]
        if covered.covering(s):
            continue  # inside a venue already read (ระบบการประชุมทางไกล in ผ่านระบบการประชุมทางไกล)
        if covered.overlaps(s, e):
            continue
        covered.add(s, e)
        seen.setdefault("".join(text[s:e].split()), venue)  # each distinct venue once
    return distinct(text, list(seen.values()))


def distinct(text: str, venues: list[dict]) -> list[dict]:
    """Each venue once; a bare online phrase is left out where the same phrase with its
    platform is there too ("ผ่านระบบการประชุมทางไกล" in the headline, "... (Video
    Conference)" in the body)."""
    seen: dict[str, dict] = {}
    for venue in venues:
        s, e = venue["span"]
        seen.setdefault("".join(text[s:e].split()), venue)
    platforms = {k for k, v in seen.items() if v.get("online") and v.get("platform")}
    return [venue for key, venue in seen.items()
            if not (venue.get("online") and not venue.get("platform") and any(p.startswith(key) for p in platforms))]


class Spans:
    """Where the other extractors found bodies, places, people and dates."""

    def __init__(self, st: dict):
        self.orgs = sorted((s, e) for s, e, _ in st.get("org_mentions") or [])
        self.places = sorted((s, e) for p in st["items"].get("places", []) for s, e in [p["span"], *p["mentions"]])
        self.countries = sorted((s, e) for p in st["items"].get("places", []) if p.get("kind") == "country"
                                for s, e in [p["span"], *p["mentions"]])
        self.people = sorted((s, e) for s, e, _ in st.get("person_mentions") or [])
        self.dates = sorted(tuple(d["span"]) for d in st["items"].get("dates", []))
        self.times = sorted(tuple(t["span"]) for t in st["items"].get("times", []))

    @staticmethod
    def starting_at(spans: list[tuple[int, int]], pos: int) -> int | None:
        """End of the span that starts at ``pos``."""
        i = bisect_right(spans, (pos, float("inf"))) - 1
        return spans[i][1] if i >= 0 and spans[i][0] == pos else None

    @staticmethod
    def covering(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
        i = bisect_right(spans, (pos, float("inf"))) - 1
        return spans[i] if i >= 0 and spans[i][0] <= pos < spans[i][1] else None


def _introduced(toks: Tokens, spans: Spans):
    """Where a venue phrase begins: after ณ; after ที่ when a room follows (ที่ห้องประชุม
    ราชสีห์ ...), or a place or building in a sentence about an event (จะจัดขึ้น...ที่
    จังหวัดนครราชสีมา; not ศูนย์พักพิง 3 แห่ง ที่โรงเรียน...: where shelters go).  Not a ณ that is part of a family name (อิศรางกูร ณ อยุธยา), not a
    ที่ that opens a clause about the place (เรื่องใหม่ที่ประเทศไทยพบเจอ), and not a country
    after ที่: that is where an activity happens, not its venue (จัดขึ้นที่ประเทศไทย)."""
    text = toks.text
    t = _tools()
    for i, word in enumerate(toks.words):
        start = toks.starts[i]
        if word == "ณ" and (start == 0 or not THAI_LETTER.match(text[start - 1])):
            if _after_person(spans, start):
                continue
            pos = start + 1
            if text[pos : pos + 1] == " ":
                pos += 1
            if pos < len(text) and not t["not_after"].at(text, pos) and not text[pos].isdigit():
                yield pos
        elif word == "ที่" and i + 1 < len(toks.words):
            pos = start + 3
            if t["rooms"].at(text, pos):
                yield pos  # ที่ห้องประชุม...: a meeting room, whatever the sentence
                continue
            place = spans.starting_at(spans.places, pos)
            if place and (spans.starting_at(spans.countries, pos) is not None or THAI_LETTER.match(text[place : place + 1])):
                continue  # ที่ประเทศไทย: a region; ที่ X พบเจอ: a clause about X
            if (place or t["buildings"].at(text, pos)) and _event_before(toks, start):
                yield pos  # จะจัดขึ้นที่จังหวัดนครราชสีมา, ประชุมที่ศาลากลางจังหวัด


def _event_before(toks: Tokens, pos: int) -> bool:
    """An event's verb, as whole words (not จัด in กำจัด or จัดตั้ง), in the 80
    characters before ``pos`` on its line."""
    text = toks.text
    lo = max(toks.lines.start(pos), pos - 80)
    return any(toks.is_start(m.start()) and toks.is_end(m.end())
               for m in _tools()["event_verbs"].finditer(text, lo, pos))


def _after_person(spans: Spans, pos: int) -> bool:
    """True when ``pos`` follows a person's name (one space between) or lies in it."""
    return bool(spans.covering(spans.people, pos) or spans.covering(spans.people, max(0, pos - 2)))


def _physical(toks: Tokens, spans: Spans, start: int) -> dict | None:
    t = _tools()
    text = toks.text
    line_end = toks.lines.end(start)
    part_spans: list[tuple[str, int, int]] = []

    # the first run is the venue's head, whatever it is
    end = _run_end(toks, spans, start, line_end)
    if end - start < 2:
        return None
    _classify(toks, spans, start, end, part_spans)
    pos = end
    while pos < len(text):
        if (sep := _SEPARATOR.match(text, pos)) and _part_after_separator(toks, spans, sep):
            # "ห้องประชุมนพรัตน์, ชั้น 5, ศาลาว่าการ...", "... ชั้น 5\nศาลาว่าการ...": the place goes on
            line_end = toks.lines.end(sep.end())
            seg_end = _run_end(toks, spans, sep.end(), line_end)
            _classify(toks, spans, sep.end(), seg_end, part_spans)
            pos = seg_end
            continue
        if pos >= line_end or text[pos] != " ":
            break
        nxt = pos + 1
        if nxt >= line_end:
            break
        last_kind = part_spans[-1][0] if part_spans else None
        seg_end = None
        bracket = _BRACKET.match(text, nxt)
        number = _NUMBER_RUN.match(text, nxt)
        if bracket:
            if any(p in bracket.group("inner") for p, _ in t["platforms"]):
                break  # an online platform: the next venue
            seg_end = bracket.end()
            part_spans.append(("landmark", nxt, seg_end))
        elif number and last_kind in ("room", "building", "floor", "number") and text[number.end() : number.end() + 1] in (" ", "\n", ""):
            seg_end = number.end()
            part_spans.append(("number", nxt, seg_end))
        elif last_kind == "floor" and (mark := _FLOOR_MARK.match(text, nxt)):
            seg_end = mark.end()  # ชั้น G, ชั้น M, ชั้น B1
            part_spans.append(("number", nxt, seg_end))
        elif last_kind in ("room", "building") and (latin := _LATIN_WORDS.match(text, nxt)) and not _platform(latin.group()):
            seg_end = latin.end()  # ห้อง PMOC
            part_spans.append(("number", nxt, seg_end))
        elif text.startswith("และ", nxt) and (spans.starting_at(spans.places, nxt + 3) or t["buildings"].at(text, nxt + 3)):
            seg_end = _run_end(toks, spans, nxt + 3, line_end)
            _classify(toks, spans, nxt + 3, seg_end, part_spans)
        elif t["locatives"].at(text, nxt) or _is_part(toks, spans, nxt):
            seg_end = _run_end(toks, spans, nxt, line_end)
            _classify(toks, spans, nxt, seg_end, part_spans)
        elif last_kind == "hotel" and (THAI_LETTER.match(text[nxt]) or text[nxt].isupper()):
            stop = t["stops"].at(text, nxt)
            if spans.starting_at(spans.people, nxt) or (stop and toks.is_end(nxt + len(stop))) \
                    or t["openers"].at(text, nxt) or t["posts"].at(text, nxt):
                break  # "... เซ็นทรัลเวิลด์ ในการนี้ ปลัดกระทรวง...": the next sentence
            seg_end = run_end(text, nxt)  # a hotel's name goes on: โรงแรมแกรนด์ ริชมอนด์ สไตลิช คอนเวนชั่น
            part_spans.append(("hotel", nxt, seg_end))
        elif part_spans and (seg_end := _name_goes_on(toks, spans, nxt, line_end)):
            kind, s, _ = part_spans[-1]
            if kind == "number":  # ชั้น M ไอคอนสยาม ถนนเจริญนคร: a name of its own
                part_spans.append(("place", nxt, seg_end))
            else:  # ห้องประชุมปกรณ์ อังศุสิงห์ ชั้น 2: the room's name goes on
                part_spans[-1] = (kind, s, seg_end)
        if seg_end is None or seg_end <= nxt:
            break
        pos = seg_end
    end = pos
    while end > start and text[end - 1] in " ,":
        end -= 1
    venue = {"span": [start, end], "text": " ".join(text[start:end].split()), "online": False}  # one line
    _fill_parts(text, part_spans, venue)
    return venue


_SEPARATOR = re.compile(r"[ ]?,[ ]?|[ ]?\n[ ]?")
_WORD_RUN = re.compile(r"[^\s()]+")


def _part_after_separator(toks: Tokens, spans: Spans, sep: re.Match) -> bool:
    """After a comma, any part of a place goes on with the venue; after a line break, only
    a room, floor or building (a line that opens with a body or a place is more often a
    sentence of its own: "กระทรวงสาธารณสุข ได้...")."""
    t = _tools()
    text, pos = toks.text, sep.end()
    if pos >= len(text) or not THAI_LETTER.match(text[pos]):
        return False
    if "\n" in sep.group():
        return bool(t["rooms"].at(text, pos) or t["floors"].at(text, pos) or t["buildings"].at(text, pos)) \
            and not spans.starting_at(spans.orgs, pos)
    return _is_part(toks, spans, pos)


# how much of a name may stand between two parts of a venue: its words and their length
NAME_WORDS_BETWEEN_PARTS = 3
NAME_CHARS_BETWEEN_PARTS = 40


def _name_goes_on(toks: Tokens, spans: Spans, pos: int, line_end: int) -> int | None:
    """Where the name of a venue's part ends when it goes on over a few more words
    written apart (ห้องประชุมปกรณ์ อังศุสิงห์, ห้องพิจิตรา แกรนด์บอลรูม, รอยัล พารากอน ฮอลล์,
    หอคำทวี Horizon Village Resort): only when another part of the place follows them (a
    floor, building, body, place, a landmark in brackets, และ + a building), and none of
    the words is a verb, a clause word, a post, a person or a date; else ``None``."""
    t = _tools()
    text = toks.text
    end = pos
    for _ in range(NAME_WORDS_BETWEEN_PARTS):
        word = _WORD_RUN.match(text, end)
        if word is None or word.end() > line_end or word.end() - pos > NAME_CHARS_BETWEEN_PARTS:
            return None
        w = word.group()
        if (spans.starting_at(spans.people, end) or spans.starting_at(spans.dates, end) or t["titles"].at(text, end)
                or t["posts"].at(text, end) or (THAI_LETTER.match(w) and _stop_inside(toks, end, word.end()))):
            return None
        end = word.end()
        if text[end : end + 1] != " ":
            return None
        nxt = end + 1
        if _is_part(toks, spans, nxt) or _BRACKET.match(text, nxt) or (
                text.startswith("และ", nxt) and t["buildings"].at(text, nxt + 3)):
            return end
    return None


def _stop_inside(toks: Tokens, start: int, end: int) -> bool:
    """Does a word that ends a venue (a verb, a clause or function word) begin at one of
    the token starts in ``[start, end)``?"""
    stops = _tools()["stops"]
    pos = start
    while pos < end:
        stop = stops.at(toks.text, pos)
        if stop and toks.is_end(pos + len(stop)):
            return True
        pos = toks.next_start(pos)
    return False


def _is_part(toks: Tokens, spans: Spans, pos: int) -> bool:
    t = _tools()
    text = toks.text
    if t["titles"].at(text, pos) and spans.starting_at(spans.people, pos):
        return False
    return bool(
        t["rooms"].at(text, pos) or t["floors"].at(text, pos) or t["buildings"].at(text, pos)
        or spans.starting_at(spans.orgs, pos) or spans.starting_at(spans.places, pos)
    )


_GLUED_NUMBER = re.compile(r"[0-9\u0e50-\u0e59]{1,3}(?=[ \n]|$)")


def _run_end(toks: Tokens, spans: Spans, start: int, line_end: int) -> int:
    """End of one part of a venue: the run of letters from ``start`` (a body or place
    found there runs to its own end), up to a verb, a clause word or a person."""
    t = _tools()
    text = toks.text
    for found in (spans.orgs, spans.places):
        end = spans.starting_at(found, start)
        if end:
            return min(end, line_end)
    pos = start
    while pos < line_end and (THAI_LETTER.match(text[pos]) or text[pos] in ".ฯ"):
        if pos > start and toks.is_start(pos):
            if spans.starting_at(spans.people, pos) or spans.starting_at(spans.dates, pos):
                break
            stop = t["stops"].at(text, pos)
            if stop == "และ" and t["rooms"].at(text, start):
                stop = None  # a room named after a body: ห้องกองบัญชาการป้องกันและบรรเทาสาธารณภัย
            if stop and (toks.is_end(pos + len(stop)) or stop in ("และ", "โดย", "เพื่อ", "อีก", "ซึ่ง")):
                break
        pos = toks.next_start(pos) if toks.is_start(pos) or pos == start else pos + 1
    # a building's or room's number glued to its name (ตึกบัญชาการ1 ทำเนียบรัฐบาล)
    number = _GLUED_NUMBER.match(text, pos)
    if number and pos < line_end and (t["buildings"].at(text, start) or t["rooms"].at(text, start)):
        pos = number.end()
    return min(pos, line_end)


def _classify(toks: Tokens, spans: Spans, start: int, end: int, part_spans: list) -> None:
    t = _tools()
    text = toks.text
    if t["rooms"].at(text, start):
        # a room's name ends at a locative (ห้องประชุมสำนักงานชั่วคราวบริเวณ...)
        cut = next((p for p in range(start + 4, end) if toks.is_start(p) and t["locatives"].at(text, p)), end)
        part_spans.append(("room", start, cut))
        if cut < end:
            part_spans.append(("place", cut, end))
    elif t["floors"].at(text, start):
        part_spans.append(("floor", start, end))
    elif text.startswith("โรงแรม", start):
        part_spans.append(("hotel", start, end))
    elif t["buildings"].at(text, start) and not spans.starting_at(spans.places, start):
        part_spans.append(("building", start, end))
    elif spans.starting_at(spans.orgs, start):
        part_spans.append(("body", start, end))
    else:
        part_spans.append(("place", start, end))


def _fill_parts(text: str, part_spans: list[tuple[str, int, int]], venue: dict) -> None:
    """room, floor, building, place from the parts found, in the order written."""
    room = floor = building = None
    places = []
    i = 0
    while i < len(part_spans):
        kind, s, e = part_spans[i]
        # a number after a room or building belongs to it (ห้องประชุม 301, ตึกบัญชาการ 1)
        while i + 1 < len(part_spans) and part_spans[i + 1][0] == "number" and kind != "floor":
            e = part_spans[i + 1][2]
            i += 1
        if kind == "hotel":
            while i + 1 < len(part_spans) and part_spans[i + 1][0] == "hotel":
                e = part_spans[i + 1][2]
                i += 1
        piece = text[s:e]
        if kind == "room" and room is None:
            room = piece
        elif kind == "floor" and floor is None:
            number = part_spans[i + 1] if i + 1 < len(part_spans) and part_spans[i + 1][0] == "number" else None
            m = re.search(r"[\d๐-๙]+", text[s : number[2] if number else e])
            if number:
                i += 1
            if m:
                floor = fold_digits(m.group())
            elif number:
                floor = text[number[1] : number[2]]  # ชั้น G, ชั้น M
            else:
                floor = piece.replace("ชั้น", "").strip() or None
        elif kind in ("building", "hotel", "body") and building is None and (kind != "body" or room or floor):
            building = piece
        elif kind in ("place", "building", "body"):
            places.append(piece)
        i += 1
    venue["room"] = room
    venue["floor"] = floor
    venue["building"] = building
    venue["place"] = " ".join(places) or None


def parts(toks: Tokens, spans: Spans, start: int, end: int) -> dict:
    """A venue ``[start, end)`` found by the models, with its parts read as the rules read
    them: each run after a space or comma is a room, floor, building, body, place, a
    number or a landmark in brackets."""
    text = toks.text
    if is_online(text, start):
        return {"span": [start, end], "online": True, "platform": _platform(text[start:end]), "room": None,
                "floor": None, "building": None, "place": None}
    part_spans: list[tuple[str, int, int]] = []
    pos = start
    while pos < end:
        bracket = _BRACKET.match(text, pos)
        number = _NUMBER_RUN.match(text, pos)
        if bracket and bracket.end() <= end:
            seg_end = bracket.end()
            part_spans.append(("landmark", pos, seg_end))
        elif number and part_spans:
            seg_end = number.end()
            part_spans.append(("number", pos, seg_end))
        else:
            seg_end = min(end, _run_end(toks, spans, pos, end))
            if seg_end <= pos:  # not a part the rules read: up to the next space or comma
                nxt = _SEPARATOR.search(text, pos, end)
                seg_end = nxt.start() if nxt and nxt.start() > pos else end
                part_spans.append(("place", pos, seg_end))
            else:
                _classify(toks, spans, pos, seg_end, part_spans)
        sep = _SEPARATOR.match(text, seg_end)
        pos = sep.end() if sep else seg_end
        while pos < end and text[pos] == " ":
            pos += 1
    venue = {"span": [start, end], "text": " ".join(text[start:end].split()), "online": False}
    _fill_parts(text, part_spans, venue)
    return venue


def _online(text: str, start: int, phrase: str) -> dict | None:
    """ผ่านระบบการประชุมทางไกล (Video Conference), ผ่านสื่ออิเล็กทรอนิกส์ (Cisco Webex)."""
    end = run_end(text, start)
    # cut a clause glued after the phrase (ผ่านระบบออนไลน์ติดตาม...)
    end = min(end, start + max(len(phrase), _glued_end(text, start, end)))
    platform = None
    bracket = _BRACKET.match(text, end + 1) if text[end : end + 1] == " " else _BRACKET.match(text, end)
    latin = _LATIN_WORDS.match(text, end + 1) if text[end : end + 1] == " " else None
    if bracket and (p := _platform(bracket.group("inner"))):
        platform, end = p, bracket.end()
    elif latin and (p := _platform(latin.group())):
        platform, end = p, latin.end()
    elif (p := _platform(text[start:end])):
        platform = p
    if phrase == "ผ่านระบบ" and platform is None:
        run = text[start:end]
        found = [run.rfind(w) + len(w) for w in _tools()["online_words"] if w in run]
        if not found:
            return None  # ผ่านระบบ e-Budgeting is not a meeting
        if not bracket:  # the system ends with its last word (ผ่านระบบวิดีโอทางไกลร่วมกับ...)
            end = start + max(found)
    line_start = lines_of(text).start(start)
    if not (_MEETING_NEAR.search(text, start, end) or _MEETING_NEAR.search(text, max(line_start, start - 200), start)):
        return None  # online, but not where a meeting took place
    return {"span": [start, end], "online": True, "platform": platform, "room": None, "floor": None,
            "building": None, "place": None}


def _glued_end(text: str, start: int, end: int) -> int:
    stops = _tools()["stops"]
    for pos in range(start + 4, end):
        if stops.at(text, pos) in ("เพื่อ", "ติดตาม", "โดย", "และ", "ซึ่ง", "ร่วม", "ของ"):
            return pos - start
    return end - start


def _platform(words: str) -> str | None:
    for written, name in _tools()["platforms"]:
        if written in words:
            return name
    return None
