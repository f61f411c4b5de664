"""The hand-written rules for decisions, written against the first 41 dev releases.  They
are no longer the final word: where they start and end a decision is a feature of the
trained models (:mod:`extractors.decision_features`), and the subject they read before a
decision gives its ``body`` (:func:`body`).

Where a decision opens:

* a subject, words like มีมติ/ได้, and a decision verb: ที่ประชุมมีมติเห็นชอบ...,
  ครม.อนุมัติ..., ที่ประชุมฯ เห็นชอบ... (not "นำเสนอต่อคณะรัฐมนตรีพิจารณาอนุมัติ": a
  decision for someone else to make);
* มีมติ with or without a verb of its own (ที่ประชุมมีมติใช้...);
* the meeting's own order: ที่ประชุม(ได้)ให้ X ... (ที่ประชุมได้ให้กรม...เร่งส่งเรื่อง...);
* in a release about a meeting, a strong verb after โดย / ยังได้ (โดยรับทราบ...), or after
  a space in a sentence whose subject is the meeting (... ๕๖ ราย อนุมัติให้...).

Where it ends: at a connector that opens an explanatory tail (เพื่อให้, ซึ่ง, เมื่อวันที่,
ประกอบด้วย, หลังจาก, ...), at " โดย" when a clause with a subject of its own follows
(โดยขณะนี้..., โดยมาตรการพิเศษ...กำหนด...; a condition, โดยให้..., stays), and before the
next decision verb (เห็นชอบ X อีกทั้งเห็นชอบ Y: two).  What it names after ได้แก่
("namely": ... 6 แห่ง ได้แก่ A B C) stays with it.  A list announced right after the verb
(มีมติดังนี้, ... เรื่องต่างๆ ได้แก่) gives one decision per item, numbered inline
``(1) ... (2) ...`` or one per line; a lead-in whose ได้แก่ is followed by decision verbs
(เห็นชอบวาระสำคัญ ได้แก่ เห็นชอบ..., เห็นชอบ...) is no decision itself, the decisions it
announces are.  Words are in ``data/resolutions.json``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.document import state
from pipeline.layout import excluded
from pipeline.lexicon import PREVERB_TAGS, clause_words, honorifics, orchid_tag, org_heads, position_words, trie_pattern
from pipeline.segment import sentence_openers

from .datafiles import data_json
from .phrases import Prefixes, Tokens, boundaries, lines_of

_INLINE_ITEM = re.compile(r"(?:^|(?<=\s))\(?[\d๐-๙]{1,2}[).](?=\s?\S)")
_LINE_ITEM = re.compile(r"[ ]*(?:\(?[\d๐-๙]{1,2}[).]|[-•])[ ]*")
_MEETING = re.compile(r"ประชุม|คณะกรรมการ|คณะอนุกรรมการ|คณะทำงาน|ครม\.|คณะรัฐมนตรี|บอร์ด")


@dataclass
class Decision:
    start: int
    end: int
    verb: str
    kind: str
    body: str | None = None


@lru_cache(maxsize=1)
def _tools():
    data = data_json("resolutions.json")
    verbs = data["verbs"]
    all_verbs = trie_pattern(verbs)
    strong = trie_pattern(data["strong_verbs"])
    b = boundaries()
    return {
        "verbs": verbs,
        "verb_at": Prefixes(verbs),
        "strong_at": Prefixes(data["strong_verbs"]),
        "subject_first": re.compile(
            rf"(?P<subject>{trie_pattern(data['subjects'])})(?:[ ]?ฯ)?[ ]?(?:(?:{trie_pattern(data['triggers'])})[ ]?)*"
            rf"(?P<verb>{all_verbs})"
        ),
        # ที่ประชุม(ได้)ให้ X ...: the meeting's own order to X
        "directive": re.compile(
            rf"(?P<subject>{trie_pattern(data['subjects'])})(?:[ ]?ฯ)?[ ]?(?:ได้[ ]?)?"
            rf"(?P<verb>{re.escape(data['directive']['verb'])})(?!{trie_pattern(data['directive']['not_after'])})"
        ),
        "directive_kind": data["directive"]["kind"],
        "speaker": re.compile(trie_pattern(data["speaker_verbs"])),
        "directive_not_before": tuple(data["directive"]["not_before"]),
        # มีมติ(ให้|ว่า) ...: the lead-in ends before the decision ("resolved that ...")
        "resolved": re.compile(rf"(?:จึง|ได้)?มีมติ[ ]?(?:ให้|ว่า)?[ ]?(?P<verb>{all_verbs})?"),
        # "ที่ประชุมได้พิจารณาคำขอ ...": the meeting considers; decisions follow in the sentence
        "considering": re.compile(rf"(?:{trie_pattern(data['subjects'])})(?:[ ]?ฯ)?[ ]?(?:ได้|ยัง)?(?:ร่วมกัน)?พิจารณา"),
        "implicit": re.compile(rf"(?:{trie_pattern(data['implicit_triggers'])})[ ]?(?P<verb>{strong})"),
        "not_before_subject": re.compile(rf"(?:{trie_pattern(data['not_before_subject'])})[ ]?$"),
        # a decision ends at its tails and where the next sentence begins
        "ends": data["ends"] + [" " + w for w in sentence_openers() if " " + w not in data["ends"]],
        "reporting_body": re.compile(
            rf" โดย(?:{trie_pattern([h for h, _ in org_heads()])})[^ ]*?(?: \([^()]{{1,20}}\))?[ ]?"
            rf"(?:{trie_pattern(data['reporting_verbs'])})"
        ),
        "list_intro": tuple(data["list_intro"]),
        "last_item_ends": data["last_item_ends"],
        "split": re.compile(
            rf"(?: (?:{trie_pattern(data['split_connectors']['after_space'])})?"
            rf"|(?:{trie_pattern(data['split_connectors']['glued'])}))"
            rf"(?:{trie_pattern(data['split_connectors']['before_verb'])})?(?={strong})"
        ),
        "next_after_tail": re.compile(
            rf" ?(?:{trie_pattern(data['split_connectors']['after_a_tail'])})"
            rf"(?:{trie_pattern(data['split_connectors']['before_verb'])})?(?={strong})"
        ),
        "clause_verb_after_space": re.compile(
            rf" (?={trie_pattern(list(b['clause_verbs']) + list(b['predicates']))})"
        ),
        "by_new_subject": frozenset(data["by_new_subject"]),
        "person_at": Prefixes(list(honorifics()) + position_words()),
    }


class _NewSubject:
    """Where a clause with a subject of its own opens after " โดย" in a decision
    (... ของปี 2564 โดยมาตรการพิเศษสำหรับ SMEs กำหนดวงเงิน...): the word after โดย is tagged
    with PyThaiNLP's ORCHID perceptron tagger, in the words around it; a named body or
    person there is the decision's agent (โดยกระทรวงพาณิชย์ร่วมเป็นหน่วยงาน...), not a new
    subject."""

    def __init__(self, doc: Doc):
        st = state(doc)
        self.toks = Tokens.of(doc)
        self.named = frozenset(m[0] for key in ("org_mentions", "person_mentions") for m in st.get(key) or [])

    def before(self, text: str, pos: int, end: int) -> int | None:
        """The first such " โดย" in ``text[pos:end]``."""
        at = text.find(" โดย", pos, end)
        while at >= 0:
            after = at + 4 + (text[at + 4 : at + 5] == " ")
            if after not in self.named and self.toks.is_start(after) and self._new_subject(after):
                return at
            at = text.find(" โดย", at + 4, end)
        return None

    def _new_subject(self, pos: int) -> bool:
        """Does the word at ``pos`` open a clause of its own? Both ORCHID's own tag for the
        word (when ORCHID has it) and the perceptron's tag in context must say so."""
        from pythainlp.tag import pos_tag  # its model loads on the first use

        tags = _tools()["by_new_subject"]
        i = self.toks.index_at(pos)
        words = [w for w in self.toks.words[i : i + 6] if w.strip()][:3]
        if not words or (orchid_tag(words[0]) or "NCMN") not in tags:
            return False
        if orchid_tag(words[0]) is None and _opens_verb_phrase(words[0]):
            return False  # โดยไม่ต้องเพิกถอน...: a negation or an auxiliary opens the word
        return pos_tag(["โดย", *words], engine="perceptron", corpus="orchid")[1][1] in tags


def find_decisions(doc: Doc, text: str, title: list[int] | None = None) -> list[Decision]:
    t = _tools()
    dates = {d["span"][0]: d["span"][1] for d in state(doc)["items"].get("dates", [])}
    starts: list[Decision] = []
    for name in ("subject_first", "resolved"):
        for m in t[name].finditer(text):
            if excluded(doc, m.start()):
                continue
            if name == "subject_first" and t["not_before_subject"].search(text, max(0, m.start() - 8), m.start()):
                continue  # "นำเสนอต่อคณะรัฐมนตรีพิจารณาอนุมัติ", "แจ้งให้ที่ประชุมทราบ"
            verb = m.group("verb") or ""
            start = m.start("verb") if verb else m.end()
            if not verb:  # "ได้มีมติเมื่อวันที่ 7 ธันวาคม 2564 เห็นชอบ...": when it was decided is no decision
                start = _after_when(text, start, dates)
                verb = t["verb_at"].at(text, start) or ""
            body = m.group("subject") if name == "subject_first" else None
            starts.append(Decision(start, start, verb, t["verbs"].get(verb, "decide"), body))
            starts.extend(_more_in_sentence(text, m.end()))
    for m in t["directive"].finditer(text):
        if excluded(doc, m.start()) or t["not_before_subject"].search(text, max(0, m.start() - 8), m.start()) \
                or text[max(0, m.start() - 8) : m.start()].rstrip().endswith(t["directive_not_before"]):
            continue
        start = m.start("verb")
        starts.append(Decision(start, start, m.group("verb"), t["directive_kind"], m.group("subject")))
    for m in t["considering"].finditer(text):
        if not excluded(doc, m.start()):
            starts.extend(_more_in_sentence(text, m.end()))
    for m in t["implicit"].finditer(text):
        if excluded(doc, m.start()) or not _MEETING.search(text, max(0, m.start() - 1500), m.start()):
            continue
        if _spoken(text, m.start()) or _persons_sentence(text, m.start()):
            continue  # "นายภูมิธรรม ระบุว่า ... โดยมอบหมายให้กรมทรัพยากรธรณี...": his order
        verb = m.group("verb")
        starts.append(Decision(m.start("verb"), m.start("verb"), verb, t["verbs"][verb]))
    starts.sort(key=lambda d: d.start)
    unique: list[Decision] = []
    for d in starts:
        if unique and d.start < unique[-1].start + 2:
            if d.verb and not unique[-1].verb:
                unique[-1] = d
            continue
        unique.append(d)
    out: list[Decision] = []
    covered = -1
    by = _NewSubject(doc)
    for d in unique:
        if d.start < covered:
            continue  # inside a list already split into items
        found = _decisions_from(text, d, title, by)
        if found:
            covered = max(covered, max(x.end for x in found))
        out.extend(found)
    return out


@lru_cache(maxsize=1)
def _verb_openers() -> frozenset[str]:
    return clause_words(PREVERB_TAGS)


def _opens_verb_phrase(word: str) -> bool:
    """Does a word ORCHID does not know open with a negation or an auxiliary (ไม่ต้อง, จะมี)?"""
    openers = _verb_openers()
    return any(word[:n] in openers for n in range(1, len(word)))


_WHEN = re.compile(r"[ ]?เมื่อ(?:ปี[ ]?(?:พ\.ศ\.[ ]?)?[\d๐-๙]{4})?[ ]?")


def _after_when(text: str, pos: int, dates: dict[int, int]) -> int:
    """Past a "when" right after มีมติ (เมื่อวันที่ 7 ธันวาคม 2564, เมื่อปี 2538) and the
    space after it; ``pos`` itself when there is none."""
    m = _WHEN.match(text, pos)
    if m is None or "เมื่อ" not in m.group():
        return pos
    end = m.end()
    if end in dates:
        end = dates[end]
    elif "ปี" not in m.group():
        return pos  # เมื่อ + something that is no date: leave it
    while end < len(text) and text[end] == " ":
        end += 1
    return end


def _spoken(text: str, pos: int) -> bool:
    """Is ``pos`` in what a person says (a speech verb earlier in its line, and no
    meeting named after it)?"""
    t = _tools()
    line_start = lines_of(text).start(pos)
    said = None
    for m in t["speaker"].finditer(text, line_start, pos):
        said = m
    return said is not None and not re.search("ที่ประชุม", text[said.end() : pos])


def _persons_sentence(text: str, pos: int) -> bool:
    """Does the line holding ``pos`` open with a person (a title or a post) and name no
    meeting before ``pos``?  "นายกรัฐมนตรียังเสนอแนะ ... โดยมอบหมาย BOI ...": what the
    person does is his order, not the meeting's decision."""
    t = _tools()
    line_start = lines_of(text).start(pos)
    opens = t["person_at"].at(text, line_start)
    return bool(opens) and not _MEETING.search(text, line_start, pos)


def _more_in_sentence(text: str, pos: int) -> list[Decision]:
    """Strong decision verbs after a space (or a space and และ) in the rest of a sentence
    about the meeting (โดยที่ประชุมได้พิจารณาคำขอ ... ๕๖ ราย อนุมัติให้ความช่วยเหลือ...,
    ที่ประชุมได้พิจารณา (ร่าง) ปฏิบัติการ... และมอบหมายให้ทุกหน่วยงาน...)."""
    t = _tools()
    line_end = text.find("\n", pos, pos + 600)
    line_end = min(len(text), pos + 600) if line_end < 0 else line_end  # a sentence, not a whole page
    out = []
    for m in re.finditer(r" (?:และ)?(?=\S)", text[pos:line_end]):  # also " และมอบหมายให้..."
        at = pos + m.end()
        verb = t["strong_at"].at(text, at)
        if verb:
            out.append(Decision(at, at, verb, t["verbs"][verb]))
    return out


def _decisions_from(text: str, d: Decision, title: list[int] | None, by: _NewSubject) -> list[Decision]:
    """The decision(s) that start at ``d``: one text (and those joined to it in its
    sentence), the items of a list it announces, or, on a numbered line of its own
    (1. ที่ประชุมรับทราบ...), that line's one decision."""
    t = _tools()
    lines = lines_of(text)
    line_start, line_end = lines.start(d.start), lines.end(d.start)
    numbered = _LINE_ITEM.match(text, line_start)
    if numbered and re.match(r"\S*ที่ประชุม|\S*มีมติ", text[numbered.end() : d.start]) and numbered.end() > line_start:
        end, _ = _decision_end(text, d.start + len(d.verb), line_end, by, split=False)
        return [Decision(d.start, end, d.verb, d.kind, d.body)]  # "1. ที่ประชุมรับทราบ..."
    # a list announced right after the verb ("มีมติทราบ 3 เรื่อง ได้แก่", "มีมติเห็นชอบ ดังนี้"),
    # or at the end of the line
    first_item = _INLINE_ITEM.match(text, d.start + len(d.verb) + (1 if text[d.start + len(d.verb) : d.start + len(d.verb) + 1] == " " else 0))
    if first_item:  # "ที่ประชุมมีมติ (1) ... (2) ...": the list right after the trigger
        return _inline_items(text, first_item.start(), line_end, d)
    head = text[d.start : min(line_end, d.start + 30)]
    intro = re.search(r"ดังนี้|ได้แก่", head)
    if intro or text[d.start:line_end].rstrip().endswith(t["list_intro"]):
        list_start = d.start + intro.end() if intro else line_end
        if _INLINE_ITEM.search(text, list_start, line_end):
            return _inline_items(text, list_start, line_end, d)
        if list_start >= line_end or not text[list_start:line_end].strip():
            return _line_items(text, line_end, d, by)
    out = []
    start = d
    announced = bool(intro)
    while True:
        end, split = _decision_end(text, start.start + len(start.verb), line_end, by, in_title=_in(title, start.start))
        if split is not None and text[start.start : end].rstrip(" ,").endswith(t["list_intro"]):
            announced = True  # "เห็นชอบวาระสำคัญ ... ได้แก่ เห็นชอบ...": the decisions are what it announces
        else:
            out.append(Decision(start.start, end, start.verb, start.kind, start.body))
        if split is None:  # after a tail (ซึ่ง..., ได้แก่...), the same subject's next decision
            nxt = t["next_after_tail"].search(text, end, min(line_end, end + MAX_DECISION))
            if nxt is None:
                return out + (_verb_lines(text, line_end, d, by) if announced else [])
            split = nxt.end()
        verb = t["strong_at"].at(text, split)
        start = Decision(split, split, verb, t["verbs"][verb], d.body)


def _verb_lines(text: str, line_end: int, d: Decision, by: _NewSubject) -> list[Decision]:
    """"มีมติดังนี้ เห็นชอบ...\nเห็นชอบ...\nมอบหมาย...": after a list announced with its
    first item on the same line, each following line that opens with a decision verb is
    the next item; a line may hold several (เห็นชอบ..., เห็นชอบ...)."""
    t = _tools()
    out = []
    pos = line_end + 1
    while pos < len(text):
        e = lines_of(text).end(pos)
        at, verb = pos, t["strong_at"].at(text, pos)
        if not verb:
            break
        while verb:
            end, split = _decision_end(text, at + len(verb), e, by)
            out.append(Decision(at, end, verb, t["verbs"][verb], d.body))
            at, verb = (split, t["strong_at"].at(text, split)) if split is not None else (e, None)
        pos = e + 1
    return out


def _inline_items(text: str, start: int, line_end: int, d: Decision) -> list[Decision]:
    t = _tools()
    marks = list(_INLINE_ITEM.finditer(text, start, line_end))
    out = []
    for i, m in enumerate(marks):
        s = m.end()
        while s < line_end and text[s] == " ":
            s += 1
        if i + 1 < len(marks):
            e = marks[i + 1].start()
        else:
            e = min([line_end] + [at for w in t["last_item_ends"] if (at := text.find(w, s, line_end)) >= 0])
        piece = text[s:e].rstrip()
        for conj in (" และ", "และ"):
            if piece.endswith(conj):
                piece = piece[: -len(conj)].rstrip()
                break
        verb = t["verb_at"].at(text, s) or d.verb
        out.append(Decision(s, s + len(piece.rstrip(" ,")), verb, t["verbs"].get(verb, d.kind), d.body))
    return out


def _line_items(text: str, line_end: int, d: Decision, by: _NewSubject) -> list[Decision]:
    """Numbered lines after the announcing line; a line that holds its own decision
    (1.แนวทาง... ที่ประชุมฯ เห็นชอบ...) gives that decision, the others their whole text."""
    t = _tools()
    out = []
    pos = line_end + 1
    while pos < len(text):
        e = lines_of(text).end(pos)
        m = _LINE_ITEM.match(text, pos)
        if not m or m.end() == pos or m.end() >= e:
            break
        inner = t["subject_first"].search(text, m.end(), e)
        if inner:
            s = inner.start("verb")
            verb = inner.group("verb")
            end, _ = _decision_end(text, s + len(verb), e, by, split=False)
            out.append(Decision(s, end, verb, t["verbs"].get(verb, d.kind), d.body))
        else:
            verb = t["verb_at"].at(text, m.end()) or d.verb
            out.append(Decision(m.end(), e, verb, t["verbs"].get(verb, d.kind), d.body))
        pos = e + 1
    return out


MAX_DECISION = 3000  # characters: a long paragraph; a text without line breaks is cut there


def _decision_end(
    text: str, pos: int, line_end: int, by: _NewSubject, *, split: bool = True, in_title: bool = False
) -> tuple[int, int | None]:
    """(end of the decision, where the next one starts or None)."""
    t = _tools()
    end = min(line_end, pos + MAX_DECISION)
    for word in t["ends"]:
        at = text.find(word, pos, end)
        if at >= 0:
            end = at
    # "รับทราบสถานการณ์ข้าวไทย โดยสำนักงานเศรษฐกิจการเกษตรคาดการณ์...": a body reports what it
    # did or foresees, a tail; "โดยกระทรวงพาณิชย์และธ.ก.ส.ร่วมเป็นหน่วยงานร่วมดำเนินการ" is
    # part of the decision
    m = t["reporting_body"].search(text, pos, end)
    if m:
        end = m.start()
    at = by.before(text, pos, end)
    if at is not None:
        end = at  # "... โดยมาตรการพิเศษสำหรับ SMEs กำหนดวงเงิน...": a new subject, a tail
    at = text.find(" พร้อมทั้ง", pos, end)
    if at >= 0 and not t["strong_at"].at(text, at + 10):
        end = at  # "พร้อมทั้งได้พิจารณา...": no longer the decision
    if in_title:
        m = t["clause_verb_after_space"].search(text, pos, end)
        if m:
            end = m.start()  # headlines run clauses together: "ครม.อนุมัติทำฝาย 92 ฝาย พิจารณาทำถนน..."
    if split:
        m = t["split"].search(text, pos, end)
        if m:
            return m.start(), m.end()
    return end, None


def _in(span: list[int] | None, pos: int) -> bool:
    return bool(span) and span[0] <= pos < span[1]


def body(text: str, d: Decision, st: dict) -> tuple[str | None, str | None]:
    """The body that decided: named as the subject (ครม. -> คณะรัฐมนตรี), or the nearest
    committee named before the decision."""
    orgs_items = st["items"].get("organizations", [])
    if d.body and d.body not in ("ที่ประชุม", "ที่ประชุมฯ"):
        for item in orgs_items:
            if d.body in item.get("aliases", []) or d.body == item["name"]:
                return item["name"], item["id"]
        return d.body, None
    orgs = st.get("org_mentions") or []
    starts = [o[0] for o in orgs]
    i = bisect_right(starts, d.start) - 1
    kinds = {it["id"]: it for it in orgs_items}
    while i >= 0:
        s, e, org_id = orgs[i]
        if d.start - e > 1500:
            break
        item = kinds.get(org_id)
        if item and item["kind"] in ("committee", "cabinet", "working_group", "council"):
            return item["name"], org_id
        i -= 1
    return None, None
