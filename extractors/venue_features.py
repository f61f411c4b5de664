"""What the venue models see (:mod:`extractors.span_finder`).

A venue may start at a word after ณ, ที่, และ, บริเวณ or ภายใน (skipping a space), at an
online phrase (ผ่านระบบ..., ผ่านสื่ออิเล็กทรอนิกส์), at a room, floor or building word, or
where the hand-written rules (:mod:`extractors.venues`) start one.  Candidates are
``online`` or ``physical``, and every start feature is named with its type.

Start features: the word and the word before it; what the other extractors found there
(a body and its kind, a place and its kind: a country or province alone is never a
venue, a person, a date); a room, floor or building word; an event or a chair in the
line before (ประชุม, จัดงาน, เป็นประธาน), a time or a date just before (เวลา 09.30 น.
ณ ...); the headline; the rules' venue.

End features (a boundary after word ``j``): the words after it and what they are (a
further part of a place: a room, floor, building, body or place; a person, a title or
post, a date, a verb, a bracket), the last word before it, how far the venue has run,
an open bracket, and the rules' end.  The word lists are ``data/venues.json``.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.document import state
from pipeline.lexicon import honorifics, orchid_tag, position_words

from .datafiles import data_json
from .decision_features import CONTEXT, bucket
from .phrases import Prefixes, lines_of

MAX_VENUE = 300  # characters: the longest written venue in the dev gold is 170


@lru_cache(maxsize=1)
def venue_words() -> dict:
    data = data_json("venues.json")
    feats = data["features"]
    return {
        "rooms": Prefixes(data["rooms"]),
        "floors": Prefixes(data["floors"]),
        "buildings": Prefixes(data["buildings"]),
        "online": Prefixes(data["online_phrases"]),
        "leads": frozenset(feats["lead_words"]),
        "events": tuple(feats["event_words"]),
        "chair": tuple(feats["chair_words"]),
        "online_cues": tuple(feats["online_cues"]),
        "titles": Prefixes(honorifics()),
        "posts": Prefixes(position_words()),
    }


ONLINE_CUE_WINDOW = 25  # characters after ผ่าน where an online cue makes it an online venue


def is_online(text: str, pos: int) -> bool:
    """Does an online venue start at ``pos``: an online phrase, or ผ่าน ("through") with
    an online cue after it (ผ่านโปรแกรม Zoom Meeting; not ผ่านโครงการ...)?"""
    w = venue_words()
    if w["online"].at(text, pos):
        return True
    if not text.startswith("ผ่าน", pos):
        return False
    window = text[pos + 4 : pos + 4 + ONLINE_CUE_WINDOW]
    return any(cue in window for cue in w["online_cues"])


class VenueFeatures:
    """:class:`~extractors.span_finder.SpanFeatures` of venues in one document."""

    def __init__(self, doc: Doc, rule_spans: list[tuple[int, int]]):
        st = state(doc)
        self.w = venue_words()
        self.text = st["text"]
        self.words = st["words"]
        self.starts = st["token_starts"]
        self.n = len(self.words)
        self.lines = lines_of(self.text)
        self.title = st.get("title_span")
        self.excluded = st.get("excluded") or []
        self.rule_starts = {s for s, _ in rule_spans}
        self.rule_ends = {e for _, e in rule_spans}
        kinds = {o["id"]: o["kind"] for o in st["items"].get("organizations", [])}
        at: dict[int, list[str]] = {}
        name_end: dict[int, int] = {}  # where the body or place named at a position ends
        for s, e, oid in st.get("org_mentions") or []:
            at.setdefault(s, []).append(f"body:{kinds.get(oid)}")
            name_end[s] = max(e, name_end.get(s, e))
        for p in st["items"].get("places", []):
            for s, e in [p["span"], *p["mentions"]]:
                at.setdefault(s, []).append(f"place:{p.get('kind')}")
                name_end[s] = max(e, name_end.get(s, e))
        self.name_end = name_end
        inside = bytearray(len(self.text) + 1)  # 1 where a boundary would cut a body's or place's name
        for s, e in name_end.items():
            inside[s + 1 : e] = b"\x01" * max(0, e - s - 1)
        self.inside_name = inside
        for s, _, _ in st.get("person_mentions") or []:
            at.setdefault(s, []).append("person")
        for d in st["items"].get("dates", []):
            at.setdefault(d["span"][0], []).append("date")
        self.found_at = at
        self.time_ends = sorted(t["span"][1] for t in st["items"].get("times", []))
        self.date_ends = sorted(d["span"][1] for d in st["items"].get("dates", []))

    def end_of(self, j: int) -> int:
        return self.starts[j] + len(self.words[j])

    def _prev(self, i: int) -> str:
        j = i - 1
        while j >= 0 and not self.words[j].strip():
            j -= 1
        return self.words[j] if j >= 0 else "<s>"

    def _next(self, i: int) -> int | None:
        while i < self.n and not self.words[i].strip():
            if "\n" in self.words[i]:
                return None
            i += 1
        return i if i < self.n else None

    def _classes(self, pos: int) -> list[str]:
        """What stands at ``pos``: a part of a place, a name the extractors found, a title or post."""
        w, text = self.w, self.text
        out = list(self.found_at.get(pos, ()))
        for name in ("rooms", "floors", "buildings", "online", "titles", "posts"):
            if w[name].at(text, pos):
                out.append(name)
        return out

    # -- candidates ----------------------------------------------------------------
    def candidates(self) -> list[int]:
        w, text = self.w, self.text
        out = []
        zones, z = self.excluded, 0
        for i, word in enumerate(self.words):
            if not word.strip():
                continue
            s = self.starts[i]
            while z < len(zones) and zones[z][1] <= s:
                z += 1
            if z < len(zones) and zones[z][0] <= s:
                continue
            if (self._prev(i) in w["leads"] or s in self.rule_starts or self.kind(i) == "online"
                    or w["rooms"].at(text, s) or w["buildings"].at(text, s)):
                out.append(i)
        return out

    def kind(self, i: int) -> str:
        """``online`` (ผ่านระบบ..., ผ่านโปรแกรม Zoom, ระบบการประชุมทางไกล) or ``physical``."""
        return "online" if is_online(self.text, self.starts[i]) else "physical"

    # -- start -----------------------------------------------------------------------
    def start_features(self, i: int) -> list[str]:
        text, w = self.text, self.w
        s = self.starts[i]
        word = self.words[i]
        p1 = self._prev(i)
        line_start = self.lines.start(s)
        before = text[max(line_start, s - 120) : s]
        f = ["bias", f"w={word[:12]}", f"w3={word[:3]}", f"p1={p1}", f"p1w={p1}|{word[:6]}",
             f"tag={orchid_tag(word)}", f"glued={bool(self.words[i - 1].strip()) if i else False}",
             f"line_pos={bucket((s - line_start) // 10)}"]
        f += [f"at={c}" for c in self._classes(s)]
        f += [f"p1_at={p1}|{c}" for c in self._classes(s)]
        end = self.name_end.get(s)
        if end is not None:  # a body or place: what comes after it (a further part, or a verb: alone)
            k = self._next(bisect_left(self.starts, end)) if end < len(text) else None
            after = self._classes(self.starts[k]) if k is not None else ["line_end"]
            named = [c for c in self._classes(s) if ":" in c][:1]
            f += [f"name_then={named[0] if named else ''}|{c}" for c in (after or ["other"])]
            if k is not None and not after:
                f.append(f"name_then_word={self.words[k][:8]}")
        f += [f"event={e}" for e in w["events"] if e in before]
        if any(c in text[max(line_start, s - CONTEXT) : s] for c in w["chair"]):
            f.append("chair_in_line")
        if self._ends_near(self.time_ends, s):
            f.append("time_before")
        if self._ends_near(self.date_ends, s):
            f.append("date_before")
        if self.title and self.title[0] <= s < self.title[1]:
            f.append("headline")
        if s in self.rule_starts:
            f.append("rule_start")
        kind = self.kind(i)
        return [f"{kind}:{x}" for x in f]

    def _ends_near(self, ends: list[int], s: int) -> bool:
        k = bisect_left(ends, s - 12)
        return k < len(ends) and ends[k] <= s

    # -- end ---------------------------------------------------------------------------
    def ends(self, i: int) -> list[int]:
        """Words up to the line's end, at most MAX_VENUE characters on."""
        s = self.starts[i]
        line_end = self.lines.end(s)
        out = []
        j = i
        while j < self.n and self.starts[j] < line_end and self.starts[j] - s < MAX_VENUE:
            if self.words[j].strip():
                out.append(j)
            j += 1
        return out or [i]

    def end_features(self, i: int, j: int) -> list[str]:
        text = self.text
        end = self.end_of(j)
        nxt = self.words[j + 1] if j + 1 < self.n else "\n"
        k = self._next(j + 1)
        n1 = self.words[k] if k is not None else "</s>"
        run = text[self.starts[i] : end]
        kind = self.kind(i)
        f = ["bias", f"kind={kind}", f"last={self.words[j][-6:]}", f"space={not nxt.strip()}", f"n1={n1[:10]}",
             f"n1_tag={orchid_tag(n1)}", f"space_n1={not nxt.strip()}|{n1[:8]}", f"run={bucket(len(run) // 10)}",
             f"kind_n1={kind}|{n1[:8]}"]
        if k is None:
            f.append("line_end")
        else:
            f += [f"n1_at={c}" for c in self._classes(self.starts[k])]
        if nxt.startswith(","):
            f.append("comma")
        if run.count("(") > run.count(")"):
            f.append("open_bracket")
        if end in self.rule_ends:
            f.append("rule_end")
        if self.inside_name[end]:
            f.append("inside_name")
        return f
