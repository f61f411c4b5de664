"""What the decision models see (:mod:`extractors.span_finder`).

A decision may start at a word after a space, a line break, a list marker or a word that
leads into a decision (มีมติ, ได้, และ, ที่ประชุม, ...), or at a decision verb glued to the
words before it (ที่ประชุมมีมติ|เห็นชอบ).  Candidates are of three types, and every start
feature is named with its type, so that each type weighs its evidence on its own:

``verb``  the word opens with a decision verb (เห็นชอบ, อนุมัติ, รับทราบ, มอบหมาย, ...);
``item``  the first word of a list entry (1. ..., (2) ..., • ...): one decision per entry
          when the list's lead-in holds the decision's verb (เห็นชอบ 3 เรื่อง ได้แก่ ...);
``other`` anything else (ให้ ... after มีมติ, a decision with a verb of its own).

Start features: the word and its neighbours; who the clause's subject is (the meeting,
a deciding body, another body, a person: the nearest before it in its line) and what
stands between the subject and the word (จะ, เพื่อ, เสนอ, ว่า, ...: a decision for
others to make, or a person's words); for list entries, the lead-in (its verb, its
subject, how long the lead-in's own object is, what it counts: 2 เรื่อง, 6 โครงการ);
the headline; where the line is; and what the hand-written rules
(:mod:`extractors.resolution_rules`) found there.

End features (a boundary after word ``j`` of a decision that started at word ``i``): the
words after the boundary (เพื่อ, ซึ่ง, โดย, และ + a verb, a list marker, a line break),
the last word before it, how far the decision has run, and whether a bracket or quote
is still open.  The word lists are ``data/resolutions.json`` ("features").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.document import state
from pipeline.lexicon import orchid_tag, trie_pattern

from .datafiles import data_json
from .phrases import Prefixes, lines_of

_LIST_MARK = re.compile(r"[ ]*(?:\(?[\d๐-๙]{1,2}(?:\.[\d๐-๙]{1,2})?[).]|[-•])[ ]*")
_INLINE_MARK = re.compile(r"(?:^|(?<=\s))\(?[\d๐-๙]{1,2}(?:\.[\d๐-๙])?[).](?=\s?\S)")
_NOT_DIGIT = re.compile(r"[^\d๐-๙]")
_PUNCTUATION_BEFORE = frozenset((".", ")", "(", "“", '"', ":", "•", "-", "”"))
DECIDING_KINDS = frozenset(("committee", "cabinet", "working_group", "council"))
CONTEXT = 300  # characters of the line before a candidate that its features read (no step is quadratic in a line)
MAX_DECISION = 1500  # characters: the longest decision in the dev gold is 1,366


def bucket(n: int, edges: tuple[int, ...] = (0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377)) -> int:
    """``n`` rounded up to the next of a few edges (a number as a handful of features)."""
    for e in edges:
        if n <= e:
            return e
    return 999


@lru_cache(maxsize=1)
def decision_words() -> dict:
    data = data_json("resolutions.json")
    feats = data["features"]
    verbs = data["verbs"]
    return {
        "verbs": verbs,
        "verb_at": Prefixes(verbs),
        "leads": frozenset(feats["lead_words"]),
        "meeting": re.compile(trie_pattern(feats["meeting_words"])),
        "speech": re.compile(trie_pattern(feats["speech_words"])),
        "subjects": re.compile(trie_pattern(feats["meeting_subjects"])),
        "between": tuple(feats["between_markers"]),
        "lead_in_end": re.compile(rf"({trie_pattern(feats['lead_in_words'])})\s*$"),
        "lead_in_verbs": tuple(feats["lead_in_verbs"]),
        "count": re.compile(rf"[\d๐-๙]+\s?({trie_pattern(feats['count_nouns'])})[^\d๐-๙]{{0,20}}$"),
    }


class DecisionFeatures:
    """:class:`~extractors.span_finder.SpanFeatures` of decisions in one document."""

    def __init__(self, doc: Doc, rule_spans: list[tuple[int, int]]):
        st = state(doc)
        t = decision_words()
        self.t = t
        self.text = st["text"]
        self.words = st["words"]
        self.starts = st["token_starts"]
        self.n = len(self.words)
        self.lines = lines_of(self.text)
        self.title = st.get("title_span")
        self.excluded = st.get("excluded") or []
        self.rule_starts = {s for s, _ in rule_spans}
        self.rule_ends = {e for _, e in rule_spans}
        self.rule_spans = sorted(rule_spans)
        kinds = {o["id"]: o["kind"] for o in st["items"].get("organizations", [])}
        subjects = [(s, e, "person") for s, e, _ in st.get("person_mentions") or []]
        subjects += [(s, e, "deciding_body" if kinds.get(o) in DECIDING_KINDS else "body")
                     for s, e, o in st.get("org_mentions") or []]
        subjects += [(m.start(), m.end(), "meeting") for m in t["subjects"].finditer(self.text)]
        self.subjects = sorted(subjects)
        self.subject_starts = [s[0] for s in self.subjects]
        self._types: dict[int, str] = {}
        self._lead_ins: dict[int, tuple[str | None, str | None]] = {}

    # -- candidates ------------------------------------------------------------------
    def end_of(self, j: int) -> int:
        return self.starts[j] + len(self.words[j])

    def candidates(self) -> list[int]:
        words, starts, t = self.words, self.starts, self.t
        out = []
        zones = self.excluded
        z = 0
        for i, w in enumerate(words):
            if not w.strip():
                continue
            s = starts[i]
            while z < len(zones) and zones[z][1] <= s:
                z += 1
            if z < len(zones) and zones[z][0] <= s:
                continue  # the site's title line and the like
            prev = words[i - 1] if i else "\n"
            if (not prev.strip() or prev in _PUNCTUATION_BEFORE or prev in t["leads"]
                    or t["verb_at"].at(self.text, s) or w.startswith("ให้")):
                out.append(i)
        return out

    def kind(self, i: int) -> str:
        """``verb``, ``item`` or ``other`` (see the module's docstring)."""
        k = self._types.get(i)
        if k is None:
            if self.list_entry(i)[0]:
                k = "item"
            elif self.t["verb_at"].at(self.text, self.starts[i]):
                k = "verb"
            else:
                k = "other"
            self._types[i] = k
        return k

    # -- neighbours --------------------------------------------------------------------
    def _before(self, i: int, k: int) -> list[str]:
        out, j = [], i - 1
        while j >= 0 and len(out) < k:
            if self.words[j].strip():
                out.append(self.words[j])
            j -= 1
        return out + ["<s>"] * (k - len(out))

    def _after(self, i: int, k: int) -> list[str]:
        out, j = [], i
        while j < self.n and len(out) < k:
            if self.words[j].strip():
                out.append(self.words[j])
            j += 1
        return out + ["</s>"] * (k - len(out))

    # -- list entries ------------------------------------------------------------------
    def list_entry(self, i: int) -> tuple[str | None, str | None]:
        """(the entry's number or mark, the list's lead-in) when token ``i`` opens a list
        entry, else (None, None).  The lead-in is the line's text before its first inline
        marker, or the line before a run of numbered lines."""
        hit = self._lead_ins.get(i)
        if hit is not None:
            return hit
        text, s = self.text, self.starts[i]
        lines = self.lines
        line_start = max(lines.start(s), s - CONTEXT)
        marks = [m for m in _INLINE_MARK.finditer(text, line_start, s + 2) if m.end() <= s]
        mark, lead_in = None, None
        if marks and not text[marks[-1].end() : s].strip():
            mark = marks[-1].group()
            if marks[0].start() > line_start + 2:
                lead_in = text[line_start : marks[0].start()]
        else:
            m = _LIST_MARK.match(text, lines.start(s))
            if m and m.end() > m.start() and m.end() == s:
                mark = m.group().strip()
        if mark is not None and lead_in is None:
            k = lines.number(s)
            while k > 0:
                prev_start = max(lines.starts[k - 1], lines.starts[k] - 1 - CONTEXT)
                prev = text[prev_start : lines.starts[k] - 1]
                stripped = prev.strip()
                m = _LIST_MARK.match(prev)
                if not stripped or stripped in (".", "-") or (m and m.end() > 0):
                    k -= 1
                    continue
                lead_in = prev
                break
        self._lead_ins[i] = (mark, lead_in)
        return mark, lead_in

    def _lead_in_features(self, mark: str, lead_in: str | None) -> list[str]:
        t = self.t
        out = ["item", f"item_num={_NOT_DIGIT.sub('', mark)[:2]}"]
        if lead_in is None:
            return out + ["no_lead_in"]
        tail = lead_in[-250:]
        verb = next((v for v in t["lead_in_verbs"] if v in tail), None)
        out.append(f"lead_in_verb={verb}")
        if t["meeting"].search(tail):
            out.append("lead_in_meeting")
        if t["speech"].search(tail):
            out.append("lead_in_speech")
        end = t["lead_in_end"].search(tail)
        out.append(f"lead_in_word={end.group(1) if end else None}")
        words = tail.split()
        out.append(f"lead_in_last={words[-1][-6:] if words else ''}")
        at = max((tail.rfind(v) for v in t["lead_in_verbs"]), default=-1)
        if at >= 0:
            out.append(f"lead_in_object={bucket((( end.start() if end else len(tail)) - at) // 5)}")
        count = t["count"].search(tail)
        out.append(f"lead_in_counts={count.group(1) if count else None}")
        return out

    # -- start -------------------------------------------------------------------------
    def start_features(self, i: int) -> list[str]:
        t, text = self.t, self.text
        w, s = self.words[i], self.starts[i]
        kind = self.kind(i)
        line_start = max(self.lines.start(s), s - CONTEXT)
        p1, p2 = self._before(i, 2)
        (n1,) = self._after(i + 1, 1)
        verb = t["verb_at"].at(text, s)
        prev_raw = self.words[i - 1] if i else "\n"
        f = [
            "bias", f"w={w[:12]}", f"w3={w[:3]}", f"verb={verb}", f"kind={t['verbs'].get(verb)}",
            f"p1={p1}", f"p2={p2}", f"p1p2={p2}|{p1}", f"n1={n1[:10]}", f"p1w={p1}|{w[:6]}",
            f"tag={orchid_tag(w)}", f"glued={bool(prev_raw.strip())}",
            f"line_pos={bucket(s - line_start)}",
        ]
        if "\n" in prev_raw or s == self.lines.start(s):
            f.append("line_start")
        mark, lead_in = self.list_entry(i)
        if mark is not None:
            f += self._lead_in_features(mark, lead_in)
        k = self.lines.number(s)
        if k > 0:
            this_line = self.lines.starts[k]
            prev_line = text[max(self.lines.starts[k - 1], this_line - CONTEXT) : this_line].strip()
            if t["lead_in_end"].search(prev_line):
                f.append("prev_line_lead_in")
            if t["meeting"].search(prev_line):
                f.append("prev_line_meeting")
        before = text[line_start:s]
        if t["meeting"].search(before):
            f.append("meeting_in_line")
        if t["meeting"].search(text, max(line_start, s - 30), s):
            f.append("meeting_just_before")
        if t["speech"].search(before):
            f.append("speech_in_line")
        if self.title and self.title[0] <= s < self.title[1]:
            f.append("headline")
        if k < 4:
            f.append("early_line")
        f += self._subject_features(i, s, line_start, p1)
        if s in self.rule_starts:
            f.append("rule_start")
        if self._in_rule_span(s):
            f.append("rule_inside")
        return [f"{kind}:{x}" for x in f]

    def _subject_features(self, i: int, s: int, line_start: int, p1: str) -> list[str]:
        """Who the clause's subject is: the nearest person, body or meeting before ``s``
        in its line, the first in the line, and what stands between it and ``s``."""
        lo = bisect_left(self.subject_starts, line_start)
        hi = bisect_left(self.subject_starts, s)
        before = [x for x in self.subjects[lo:hi] if x[1] <= s]
        if not before:
            return ["subject=none"]
        first, last = before[0], before[-1]
        between = self.text[last[1] : s]
        out = [f"first_subject={first[2]}", f"subject={last[2]}", f"subject_gap={bucket((s - last[1]) // 10)}",
               f"subject_p1={last[2]}|{p1}"]
        out += [f"between={m}" for m in self.t["between"] if m in between]
        verbs = sum(between.count(v) for v in self.t["lead_in_verbs"][:4])
        out.append(f"verbs_between={min(verbs, 3)}")
        return out

    def _in_rule_span(self, pos: int) -> bool:
        k = bisect_right(self.rule_spans, (pos, float("inf"))) - 1
        return k >= 0 and self.rule_spans[k][0] <= pos < self.rule_spans[k][1]

    # -- end ----------------------------------------------------------------------------
    def ends(self, i: int) -> list[int]:
        """Words of the start's line (a decision does not run into the next line), at most
        MAX_DECISION characters on."""
        s = self.starts[i]
        line_end = min(self.lines.end(s), s + MAX_DECISION)
        out = []
        j = i
        while j < self.n and self.starts[j] < line_end:
            if self.words[j].strip():
                out.append(j)
            j += 1
        return out

    def end_features(self, i: int, j: int) -> list[str]:
        text = self.text
        w = self.words[j]
        end = self.end_of(j)
        nxt = self.words[j + 1] if j + 1 < self.n else "\n"
        n1, n2 = self._after(j + 1, 2)
        kind = self.kind(i)
        run = text[self.starts[i] : end]
        f = [
            "bias", f"kind={kind}", f"last={w[-6:]}", f"space={not nxt.strip()}", f"n1={n1[:10]}",
            f"n1n2={n1[:8]}|{n2[:8]}", f"n1_tag={orchid_tag(n1)}", f"space_n1={not nxt.strip()}|{n1[:8]}",
            f"kind_n1={kind}|{n1[:8]}", f"run={bucket(len(run) // 10)}", f"spaces={bucket(run.count(' '))}",
        ]
        if "\n" in nxt:
            f.append("line_end")
        if self.t["verb_at"].at(n1, 0):
            f.append("n1_verb")
        if n1 == "และ" and self.t["verb_at"].at(n2, 0):
            f.append("and_verb")
        after = end + (len(nxt) if not nxt.strip() else 0)
        if _INLINE_MARK.match(text, after):
            f.append("list_mark_next")
        if run.count("(") > run.count(")"):
            f.append("open_bracket")
        if run.count("“") > run.count("”") or run.count('"') % 2:
            f.append("open_quote")
        if end in self.rule_ends:
            f.append("rule_end")
        return f
