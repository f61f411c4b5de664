"""Events: what the release reports - a meeting with its name and number (ครั้งที่ 1/2565),
a visit, a signing, a briefing, a ceremony - with its date, time, venue, chair,
participants, the topics it considered and its decisions tied together.

A meeting is named after ``การประชุม`` / ``ประชุม`` (the body it is a meeting of, or the
words up to its number); mentions with the same number or name are one event.  Dates,
times and venues belong to the event mentioned before them in the same line, or, when
they open the line (วันนี้ (...) เวลา ... ณ ... X เป็นประธานการประชุม ...), to the first
event of the line.  Decisions belong to the last event before them.  A release that
reports two meetings (the seed: a meeting and the earlier Webex call it discussed)
keeps them apart.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.document import add_item, items, state
from pipeline.layout import excluded
from pipeline.lexicon import trie_pattern
from pipeline.registry import stage

from .datafiles import data_json
from .phrases import Intervals, lines_of, run_end

_MEETING = re.compile(r"(?<!ที่)(?<!ห้อง)(?<!เข้าร่วม)(?<!ร่วม)(?:การ)?ประชุม(?![ฯ ]|ครั้ง|ทางไกล|ออนไลน์)")
_NUMBER = re.compile(r"[ ]?ครั้งที่[ ]?(?P<num>[\d๐-๙]+(?:[ ]?/[ ]?[\d๐-๙]{2,4})?)")
_TOPICS = re.compile(r"ที่ประชุม(?:ฯ)?[ ]?(?:ได้)?(?:ร่วมกัน)?(?:มีการ)?พิจารณา(?:ใน)?ประเด็น(?:ต่าง ๆ|สำคัญ)?(?: ได้แก่| ดังนี้)?[ ]?")
_NAME_CUT = re.compile(r"(?:ในวันที่|วันที่|ใน|ณ|เมื่อ|เพื่อ|โดย)")
_NAME_STOP = re.compile(r" (?:ครั้งที่|โดย|เพื่อ|ณ|ร่วมกับ|ผ่าน|ซึ่ง|และได้|ที่|เมื่อ)|\(|\n")


@lru_cache(maxsize=1)
def _other_kinds() -> list[tuple[str, re.Pattern]]:
    """data/events.json as [(kind, pattern of the words that name it)]."""
    kinds = data_json("events.json")["kinds"]
    return [(kind, re.compile(trie_pattern(spec["cues"]) + ("[\u0e01-\u0e4e]*" if spec.get("whole_word") else "")))
            for kind, spec in kinds.items()]


@dataclass
class Event:
    kind: str
    start: int
    end: int
    name: str | None = None
    number: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    date_id: str | None = None
    time_id: str | None = None
    venue_ids: list[str] = field(default_factory=list)
    chair_id: str | None = None
    participant_ids: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    resolution_ids: list[str] = field(default_factory=list)


@stage("events", after=("venues", "resolutions", "people", "chair", "times", "dates", "title"))
def extract_events(doc: Doc) -> None:
    """Events and what belongs to each."""
    st = state(doc)
    text = st["text"]
    events = _find(doc, text)
    if not events:
        return
    _attach(doc, text, events)
    for ev in events:
        item = add_item(doc, "events", {
            "span": [ev.start, ev.end], "kind": ev.kind, "name": ev.name, "number": ev.number,
            "date_id": ev.date_id, "time_id": ev.time_id, "venue_ids": ev.venue_ids, "chair_id": ev.chair_id,
            "participant_ids": ev.participant_ids, "topics": ev.topics, "resolution_ids": ev.resolution_ids,
        })
        for kind, ids in (("venues", ev.venue_ids), ("resolutions", ev.resolution_ids)):
            for it in items(doc, kind):
                if it["id"] in ids:
                    it["event_id"] = item["id"]


def _find(doc: Doc, text: str) -> list[Event]:
    st = state(doc)
    orgs = sorted((s, e) for s, e, _ in st.get("org_mentions") or [])
    org_starts = [o[0] for o in orgs]
    found: list[Event] = []
    for m in _MEETING.finditer(text):
        if excluded(doc, m.start()):
            continue
        name_start = m.end()
        i = bisect_right(org_starts, name_start) - 1
        if i >= 0 and orgs[i][0] == name_start:
            name_end = orgs[i][1]  # a meeting of a body: ประชุมคณะกรรมการ...
        else:
            stop = _NAME_STOP.search(text, name_start)
            name_end = stop.start() if stop else run_end(text, name_start)
            name_end = min(name_end, name_start + 160)
        name = text[name_start:name_end].strip()
        number = None
        num = _NUMBER.match(text, name_end)
        end = name_end
        if num:
            number = re.sub(r"\s", "", num.group("num"))
            end = num.end()
        if len(name) < 3 and not number:
            continue
        found.append(Event("meeting", m.start(), end, name or None, number, [(m.start(), end)]))
    meetings = Intervals((e.start, e.end) for e in found)
    word_ends = frozenset(s + len(w) for s, w in zip(st["token_starts"], st["words"]))
    for kind, pattern in _other_kinds():
        for m in pattern.finditer(text):
            if excluded(doc, m.start()) or meetings.covering(m.start()):
                continue
            run = text[m.start() : run_end(text, m.start())]
            cut = _NAME_CUT.search(run, m.end() - m.start())
            name = _at_word_end(run[: cut.start()] if cut else run, m.start(), word_ends)
            found.append(Event(kind, m.start(), m.end(), name, None, [(m.start(), m.end())]))
    found.sort(key=lambda e: e.start)
    return _merge(found)


MAX_NAME = 80  # characters of an event's name (a ceremony's run of words may be a whole sentence)


def _at_word_end(name: str, start: int, word_ends: frozenset[int]) -> str:
    """``name`` (written from ``start``) cut to MAX_NAME characters at the end of a word,
    never inside one (แถลงข่าวสถานการณ์, not แถลงข่าวสถานการ)."""
    if len(name) <= MAX_NAME:
        return name
    end = max((e for e in range(start + 1, start + MAX_NAME + 1) if e in word_ends), default=start + MAX_NAME)
    return name[: end - start].rstrip()


def _merge(found: list[Event]) -> list[Event]:
    """Mentions of one event: the same number, or the same name (one a prefix of the
    other), or an unnamed mention of a kind already named.  Two events of one kind with
    names of their own are two (a sign unveiled, then an agreement signed)."""
    events: list[Event] = []
    for ev in found:
        key = _key(ev.name)
        same = next((e for e in events if e.kind == ev.kind and (
            (ev.number and e.number == ev.number)
            or (key and _key(e.name) and (key.startswith(_key(e.name)) or _key(e.name).startswith(key)))
            or (ev.kind != "meeting" and not (key and _key(e.name))))), None)
        if same:
            same.mentions.append((ev.start, ev.end))
            same.number = same.number or ev.number
            if ev.name and (not same.name or len(ev.name) > len(same.name)):
                same.name = ev.name
            continue
        events.append(ev)
    return events


def _attach_chairs(text: str, lines, mentions: list, person_spans: list, people: list[dict]) -> None:
    """Each chair chairs the event named before one of their mentions in its line
    (แถลงผลการประชุมคณะรัฐมนตรี ซึ่งมี X ... เป็นประธาน), else the first named after it
    (ดร.สาธิต ... เป็นประธานพิธีเปิดป้าย...: the unveiling)."""
    starts = [m[0] for m in mentions]
    for p in people:
        if "chair" not in p["roles"]:
            continue
        for s, e, _ in (m for m in person_spans if m[2] == p["id"]):
            line_start, line_end = lines.start(s), lines.end(s)
            i = bisect_right(starts, s) - 1
            ev = mentions[i][2] if i >= 0 and mentions[i][0] >= line_start else None
            if ev is None:
                j = bisect_right(starts, e)
                ev = mentions[j][2] if j < len(mentions) and mentions[j][0] < line_end else None
            if ev is not None and ev.chair_id is None:
                ev.chair_id = p["id"]
                break


def _key(name: str | None) -> str:
    return re.sub(r"\s|ฯ", "", name or "")[:40]


def _attach(doc: Doc, text: str, events: list[Event]) -> None:
    st = state(doc)
    mentions = sorted((s, e, ev) for ev in events for s, e in ev.mentions)
    starts = [m[0] for m in mentions]
    lines = lines_of(text)

    def owner(pos: int) -> Event | None:
        """The event mentioned before ``pos`` in its line, else the first of the line."""
        line_start, line_end = lines.start(pos), lines.end(pos)
        i = bisect_right(starts, pos) - 1
        if i >= 0 and mentions[i][0] >= line_start:
            return mentions[i][2]
        j = bisect_right(starts, pos)
        if j < len(mentions) and mentions[j][0] < line_end:
            return mentions[j][2]
        return None

    for d in items(doc, "dates"):
        ev = owner(d["span"][0])
        if ev and not ev.date_id and not d.get("is_document_date"):
            ev.date_id = d["id"]
    for t in items(doc, "times"):
        ev = owner(t["span"][0])
        if ev and not ev.time_id:
            ev.time_id = t["id"]
    for v in items(doc, "venues"):
        ev = owner(v["span"][0])
        if ev and v["id"] not in ev.venue_ids:
            ev.venue_ids.append(v["id"])
    person_spans = st.get("person_mentions") or []
    _attach_chairs(text, lines, mentions, person_spans, items(doc, "people"))
    for p in items(doc, "people"):
        spans = [m[:2] for m in person_spans if m[2] == p["id"]]
        for s, _ in spans[:1]:
            ev = owner(s)
            if ev is None:
                continue
            if "chair" in p["roles"]:
                continue
            if p["id"] not in ev.participant_ids and ("attendee" in p["roles"] or "secretariat" in p["roles"]):
                ev.participant_ids.append(p["id"])
    # the meeting the release is about: the one chaired, else the first meeting
    main = next((e for e in events if e.chair_id), None) or next((e for e in events if e.kind == "meeting"), events[0])
    chair = next((p for p in items(doc, "people") if "chair" in p["roles"]), None)
    if chair is not None and not any(e.chair_id for e in events):
        main.chair_id = chair["id"]
    for r in items(doc, "resolutions"):
        main.resolution_ids.append(r["id"])  # decisions are the meeting's (ที่ประชุม...)
    for m in _TOPICS.finditer(text):
        ev = main
        line_end = lines.end(m.end())
        stop = re.search(r" ?(?:โดยที่ประชุม|โดย|ทั้งนี้|นอกจากนี้|จึงมีมติ|และที่ประชุม|และมีมติ|มีมติ)", text[m.end() : line_end])
        end = m.end() + stop.start() if stop else line_end
        topics = [t.strip() for t in re.split(r" (?=การ[\u0e01-\u0e4e])", text[m.end() : end]) if len(t.strip()) > 3]
        ev.topics.extend(topics)
