"""People: honorific, name, position, the organization inside the position, roles.

A person is written ``TITLE(S) GIVEN [FAMILY] [POSITION]``:

* titles (``data/honorifics.tsv``), stacked (ผศ.ดร.นพ., ร.ต.อ.ดร.), glued to the name or
  not (พลเอก ประวิตร), as whole words only (นายกรัฐมนตรี is no นาย);
* a Thai or Latin given name, then a family name unless what follows is a verb, a
  post or another title; a given and family name written together is split with
  PyThaiNLP's name lists (ดร.ทองเปลวกองจันทร์);
* the position after the name, from a position word (``data/positions.txt``) up to the
  next person, verb or clause, across spaces while the next words are another post
  or a body (รัฐมนตรีช่วยว่าการกระทรวงมหาดไทย ประธาน ศปช.); or before the name with the
  name in brackets: ผู้ว่าราชการจังหวัดระยอง (นายสมศักดิ์ ทองดี).

Later mentions by given name (นายจุติ กล่าวว่า, a headline's “ชัยวุฒิ”), with ``ฯ`` (พลเอก
ประวิตร ฯ) or by the position alone (รองปลัดกระทรวงยุติธรรมได้เน้นย้ำ) are linked to the
first full mention.
Roles come from what the sentence says of the mention: ``chair`` (เป็นประธาน; one who
stands in for another, X ผู้แทน Y เป็นประธาน, chairs in Y's place),
``secretariat`` (ในฐานะฝ่ายเลขานุการ), ``speaker`` (กล่าวว่า), ``host`` (ให้การต้อนรับ),
``attendee`` (listed after โดยมี / พร้อมด้วย).
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
    clause_words,
    honorifics,
    lineage_names,
    ministries,
    ministry_short_names,
    org_heads,
    organization_forms,
    person_names,
    position_words,
    trie_pattern,
)
from pipeline.registry import stage

from .datafiles import data_json
from .ner import ends_by_start
from .phrases import ABBREVIATION, THAI_LETTER, Intervals, Prefixes, SortedSpans, Tokens, body_initials, boundaries, lines_of

_LATIN_NAME = re.compile(r"[A-Z][a-zA-Z'\-]+(?: (?:[A-Z][a-zA-Z'\-]+|van|von|de|der|da|bin|binti))*")
_THAI_RUN = re.compile(r"[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e]+")
_QUOTED_WORD = re.compile(r"[“\"]([\u0e01-\u0e4e]{3,30})[”\"]")


@dataclass
class Title:
    start: int
    end: int
    text: str
    parts: list[str]


@dataclass
class PersonMention:
    start: int
    end: int  # end of the name (without the position)
    title: Title | None
    given: str
    family: str | None
    position: tuple[int, int] | None = None
    in_brackets: bool = False  # "ผู้ว่าราชการจังหวัดระยอง (นายสมศักดิ์ ทองดี)"
    glued: str | None = None  # given and family as written together, when split


@dataclass
class Person:
    given: str
    family: str | None
    mentions: list[PersonMention] = field(default_factory=list)
    position: tuple[int, int] | None = None
    roles: list[str] = field(default_factory=list)
    extra_mentions: list[tuple[int, int]] = field(default_factory=list)  # by the post alone
    post_with_family: bool = False  # the post was written after the full name

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}" if self.family else self.given


# what opens a post, never a family name: ผู้ช่วย, ผู้อำนวยการ, ผู้ว่าราชการ, ...
POST_OPENERS = ("ผู้",)
# the rank of a post, sometimes written apart from it (ผู้ช่วย รมว.ทส., รอง ผบ.ตร.)
POST_RANKS = ("ผู้ช่วย", "รอง")


@lru_cache(maxsize=1)
def _tools():
    b = boundaries()
    titles = honorifics()
    # tries, not flat alternations: the longest title at each step, and a fifth of the time
    stackable = trie_pattern(f for f in titles if f.endswith(".") or titles[f].family in ("academic", "medical"))
    title_re = re.compile(rf"(?:{trie_pattern(titles)})(?:หญิง)?(?: ?(?:{stackable}))*")
    given_names, family_names = person_names()
    # what never begins a name: a post, a body, a title ...
    never_name = Prefixes(
        list(b["group_nouns"]) + list(position_words()) + [h for h, _ in org_heads()] + list(titles) + ["ฯ"]
    )
    # ... and what begins a name only now and then (มีมาก, อนุมัติราชกิจ, ตามชู)
    not_family = Prefixes(
        list(b["predicates"]) + list(b["clause_verbs"]) + list(b["function_words"]) + list(b["group_nouns"])
        + list(position_words()) + [h for h, _ in org_heads()] + list(titles) + ["ฯ", "ทั้ง", "และ"]
    )
    stop_position = Prefixes(
        list(b["predicates"]) + ["ในฐานะ", "ซึ่ง", "โดย", "ที่เกี่ยวข้อง", "พร้อมกับ", "เพื่อ", "ร่วมกับ", "จาก"]
    )
    # a ministry after รมว./รมช. by its short name (รมว.คมนาคม, รมว.การอุดมศึกษา วิทยาศาสตร์
    # วิจัยและนวัตกรรม) or its abbreviation (รมว.ทส.)
    short_ministry = dict(ministry_short_names())
    short_ministry.update({a: m.name for m in ministries() for a in m.abbreviations if a.endswith(".")})
    return {
        "title_re": title_re,
        "title_at": Prefixes(titles),
        "titles": titles,
        "given": given_names,
        "family": family_names,
        "lineage": re.compile(rf" (ณ (?:{trie_pattern(lineage_names())}))(?![\u0e01-\u0e4e])"),
        "not_family": not_family,
        "never_name": never_name,
        "positions": Prefixes(position_words()),
        "groups": Prefixes(b["group_nouns"]),
        "function_words": frozenset(b["function_words"]),
        "dictionary": frozenset(thai_words()),
        "clause_words": clause_words(),
        "stop_position": stop_position,
        # the level of a civil-service post after it: ระดับชำนาญการ, ระดับ ส 4, ส 4
        "post_level": re.compile(rf"(?:ระดับ ?(?:{trie_pattern(b['post_levels'])}|ส\.? ?\d|\d)|ส\.? ?\d)(?![\d\u0e01-\u0e4e])"),
        "org_head_at": Prefixes(h for h, _ in org_heads() if h.endswith(".")),
        "ministry_in_position": re.compile(
            rf"(?:{trie_pattern(MINISTER_POSTS)})\.?[ ]?(?:กระทรวง)?("
            + "|".join(re.escape(s) for s in sorted(short_ministry, key=len, reverse=True)) + r")"
        ),
        "short_ministry": short_ministry,
        "body_forms": organization_forms(),
    }


# -- finding mentions ----------------------------------------------------------------------------
def find_titles(toks: Tokens) -> list[Title]:
    """Titles at word starts that are not the beginning of another word (นายกรัฐมนตรี)."""
    t = _tools()
    text = toks.text
    out = []
    for m in t["title_re"].finditer(text):
        s, e = m.span()
        if s > 0 and (THAI_LETTER.match(text[s - 1]) or text[s - 1] == ".") and not toks.is_start(s):
            continue
        if s > 0 and (THAI_LETTER.match(text[s - 1]) or text[s - 1] == ".") and _glued_to_a_word(toks, s, e):
            continue  # อผศ. รวมจำนวน...: the end of an abbreviation
        word = toks.word_at(s)
        first = _first_title(m.group())
        if toks.starts[toks.index_at(s)] == s and len(word) > len(first) and not word.endswith(".") \
                and word not in t["titles"] and not first.endswith("."):
            continue  # นายกรัฐมนตรี, นายอำเภอ, พระมหากษัตริย์: a word of its own
        rest = text[e : e + 2]
        if not rest or not (THAI_LETTER.match(rest[0]) or rest[0].isupper() or (rest[0] == " " and len(rest) > 1
                                                                               and (THAI_LETTER.match(rest[1]) or rest[1].isupper()))):
            continue
        parts = _split_titles(m.group())
        out.append(Title(s, e, m.group(), parts))
    return out


def _glued_to_a_word(toks: Tokens, start: int, end: int) -> bool:
    """Is a dotted title written right after one or two Thai letters that are no word the
    end of a dotted abbreviation (อผศ. is the veterans' organization, not ผศ.)?  Glued to
    a word (มีนพ.อธิวัฒน์, โดยผศ....) it is a title."""
    text = toks.text
    before = toks.word_at(start - 1)
    if before in _tools()["function_words"]:
        return False
    run_start = start
    while run_start > 0 and THAI_LETTER.match(text[run_start - 1]):
        run_start -= 1
    if text[end - 1] != ".":
        return False
    if text[start - 1] == ".":  # รพ.ผศ.: after a dotted abbreviation that is no title
        chunk_start = start
        while chunk_start > 0 and (THAI_LETTER.match(text[chunk_start - 1]) or text[chunk_start - 1] == "."):
            chunk_start -= 1
        chunk = text[chunk_start:start]
        return bool(THAI_LETTER.search(chunk)) and not _split_titles(chunk)  # not "9.นพ.", ").ดร."
    return start - run_start <= 2 and text[run_start:start] not in _tools()["dictionary"]


def _first_title(text: str) -> str:
    return _tools()["title_at"].at(text, 0) or text


def _split_titles(text: str) -> list[str]:
    t = _tools()
    parts = []
    pos = 0
    while pos < len(text):
        if text[pos] == " ":
            pos += 1
            continue
        f = t["title_at"].at(text, pos)
        if f is None:
            if text.startswith("หญิง", pos):
                parts[-1] += "หญิง"
                pos += 4
                continue
            break
        parts.append(f)
        pos += len(f)
    return parts


def find_mentions(doc: Doc, toks: Tokens) -> list[PersonMention]:
    titles = find_titles(toks)
    title_starts = {t.start for t in titles}
    orgs = Intervals((m[0], m[1]) for m in state(doc).get("org_mentions") or [])  # bodies do not overlap
    model_ends = ends_by_start(doc, "PERSON")
    mentions = []
    for title in titles:
        if excluded(doc, title.start):
            continue
        body = orgs.covering(title.start)
        if body and body[0] < title.start:
            continue  # a word inside a body's name: สถานสงเคราะห์เด็กหญิงสระบุรี, สภาเภสัชกรรม
        m = _name_after(toks, title)
        if m is None:
            continue
        _end_by_model(toks, m, model_ends)
        m.position = _position_after(toks, m.end, title_starts, orgs)
        _position_before(toks, m)
        mentions.append(m)
    return mentions


def _name_after(toks: Tokens, title: Title) -> PersonMention | None:
    t = _tools()
    text = toks.text
    pos = title.end
    if text[pos : pos + 1] == " ":
        pos += 1
    latin = _LATIN_NAME.match(text, pos)
    if latin:
        words = latin.group().split(" ")
        return PersonMention(title.start, latin.end(), title, words[0], " ".join(words[1:]) or None)
    run = _THAI_RUN.match(text, pos)
    if not run:
        return None
    given_end = _cut_run(toks, pos, run.end())
    given = text[pos:given_end]
    opener = t["not_family"].at(text, pos)
    if len(given) < 2 or opener and toks.is_end(pos + len(opener)) and given not in t["given"]:
        return None  # "นายกล่าวว่า"; but ทรงศักดิ์ (ทรง|ศักดิ์) is a given name PyThaiNLP knows
    end = given_end
    family = None
    glued = None
    if given_end == run.end() and not (text[given_end : given_end + 1] == " " and _family_at(toks, given_end + 1)):
        # "ดร.ทองเปลวกองจันทร์": given and family written together (no family name follows)
        split = _split_glued(toks, pos, given_end)
        if split:
            given, family = text[pos:split], text[split:given_end]
            glued = text[pos:given_end]
    if text.startswith(" ฯ", end) or text.startswith("ฯ", end):
        return PersonMention(title.start, end + (2 if text[end] == " " else 1), title, given, None)
    if family is None and text[end : end + 1] == " " and given_end == run.end():
        fam = _family_at(toks, end + 1)
        if fam:
            family = text[end + 1 : fam]
            end = fam
            # a second family name (maiden and married): followed by a post
            if text[end : end + 1] == " ":
                second = _family_at(toks, end + 1)
                # not a post's first word cut off by a space (ร.อ.รชฏ พิสิษฐบรรณกร ผู้ช่วย รมว.ทส.,
                # พล.ต.อ.ดำรงศักดิ์ กิตติประภัสร์ รอง ผบ.ตร.)
                if second and not text.startswith(POST_OPENERS, end + 1) \
                        and not any(text.startswith(r + " ", end + 1) for r in POST_RANKS) and (
                        text[end + 1 : second] in t["family"] or t["positions"].at(text, second + 1)):
                    family = f"{family} {text[end + 1 : second]}"
                    end = second
    if given_end == run.end():
        lineage = t["lineage"].match(text, end)
        if lineage:  # กิตติรัตน์ ณ ระนอง, อิศรางกูร ณ อยุธยา: ณ is part of the family name
            family = f"{family} {lineage.group(1)}" if family else lineage.group(1)
            end = lineage.end()
    return PersonMention(title.start, end, title, given, family, glued=glued)


def _end_by_model(toks: Tokens, m: PersonMention, model_ends: dict[int, int]) -> None:
    """Where the trained model ends the same name sooner, a name the rules ran on ends
    there: at a word glued to a given name (นายสนธิพาดพิงถึง), or at a space before what
    the rules took for a family name when it is a post (นายพรเพชร วิชิตชลชัย ประธาน สนช.)
    or the sentence going on (นายจาตุรนต์ ยอมรับว่า; นายสุเทพ เทือกสุบรรณ ที่ถูก...).  Not
    where PyThaiNLP's lists know the rest as a family name, nor before a verb taken for the
    family name when a post follows it (นางศิริลักษณ์ มีมาก ผู้เชี่ยวชาญ...)."""
    if m.title is None or m.glued:
        return
    end = model_ends.get(m.start)
    if end is None or not m.title.end < end < m.end or not toks.is_start(end):
        return
    text = toks.text
    t = _tools()
    given_start = m.title.end + (text[m.title.end] == " ")
    given_end = given_start + len(m.given)
    rest = text[end:m.end].strip().split(" ")[0]
    if end < given_end:
        if rest in t["family"] or end - given_start < 2 or _post_follows(toks, m.end):
            return
        m.given, m.family, m.end = text[given_start:end], None, end
        return
    if text[end : end + 1] != " " or not m.family:
        return
    if t["positions"].at(text, end + 1):
        pass  # a post, even one that is also a family name (ประธาน)
    elif rest in t["family"] or toks.word_at(end + 1) not in t["clause_words"] \
            or end == given_end and _post_follows(toks, m.end):
        return
    m.family = text[given_end + 1 : end] if end > given_end else None
    m.end = end


def _cut_run(toks: Tokens, start: int, end: int, stops: Prefixes | None = None) -> int:
    """A name run ends where a verb or post is glued to it (นายจุติกล่าวว่า)."""
    t = _tools()
    text = toks.text
    stops = stops or t["not_family"]
    pos = toks.next_start(start)
    while pos < end:
        word = stops.at(text, pos)
        if word and toks.is_end(pos + len(word)) and pos - start >= 2 and not text.startswith("ฯ", pos):
            return pos
        pos = toks.next_start(pos)
    if text[end - 1 : end] == "ฯ":
        return end - 1
    return end


def _split_glued(toks: Tokens, start: int, end: int) -> int | None:
    """Where a family name begins in a run holding both names, by PyThaiNLP's lists."""
    t = _tools()
    text = toks.text
    run = text[start:end]
    if run in t["given"] or len(run) < 8:
        return None
    for k in range(3, len(run) - 2):
        if run[k:] in t["family"] and (run[:k] in t["given"] or toks.is_start(start + k)):
            return start + k
    return None


def _family_at(toks: Tokens, pos: int) -> int | None:
    """End of a family name starting at ``pos``, or None when what follows is no name.

    A run that begins with a verb or function word is a family name only when it is a
    known family name or a post follows it (นางศิริลักษณ์ มีมาก ผู้เชี่ยวชาญ...,
    นางสาวจิฬาภรณ์ ตามชู กฤษณสุวรรณ ผู้อำนวยการ...); otherwise it is what the sentence
    says next (นายจุติ กล่าวว่า)."""
    t = _tools()
    text = toks.text
    run = _THAI_RUN.match(text, pos)
    if not run:
        latin = _LATIN_NAME.match(text, pos)
        return latin.end() if latin else None
    end = run.end()
    if text[end - 1 : end] == "ฯ":
        end -= 1
    candidate = text[pos:end]
    if t["never_name"].at(text, pos) and candidate not in t["family"]:
        return None
    word = t["not_family"].at(text, pos)
    if word and candidate not in t["family"]:
        if len(candidate) <= len(word) or not _post_follows(toks, end):
            return None
    else:
        # a family name may hold verbs (พันธ์มีเชาว์); only a post or a title glued to it ends it
        end = _cut_run(toks, pos, end, t["never_name"])
    return end if end - pos >= 2 else None


def _post_follows(toks: Tokens, end: int) -> bool:
    """A post begins after ``end``, directly or after one more name (a second family name)."""
    t = _tools()
    text = toks.text
    if text[end : end + 1] != " ":
        return False
    if t["positions"].at(text, end + 1):
        return True
    nxt = _THAI_RUN.match(text, end + 1)
    return bool(nxt and text[nxt.end() : nxt.end() + 1] == " " and t["positions"].at(text, nxt.end() + 1)
                and not t["not_family"].at(text, end + 1))


# -- positions ---------------------------------------------------------------------------------
def _position_after(toks: Tokens, end: int, title_starts: set[int], orgs: Intervals) -> tuple[int, int] | None:
    t = _tools()
    text = toks.text
    pos = end
    if text.startswith(" ฯ", pos):
        pos += 2
    if text[pos : pos + 1] == " ":
        pos += 1
    word = t["positions"].at(text, pos)
    if not word:
        # "ผู้ช่วย รมว.ทส.", "รอง ผบ.ตร.": the rank of a post written apart from it
        rank = next((r for r in POST_RANKS if text.startswith(r + " ", pos)), None)
        if rank is None or not t["positions"].at(text, pos + len(rank) + 1):
            return None
        word = text[pos : pos + len(rank) + 1] + t["positions"].at(text, pos + len(rank) + 1)
    return pos, _position_end(toks, pos, pos + len(word), title_starts, orgs)


def _position_end(toks: Tokens, start: int, end: int, title_starts: set[int], orgs: Intervals) -> int:
    """A post goes on over glued words and across spaces while what follows is more
    of it: another post (ประธาน ศปช.), a body, the rest of a body's name."""
    t = _tools()
    text = toks.text
    line_end = toks.lines.end(start)
    ministry = t["ministry_in_position"].match(text, start)
    pos = max(end, ministry.end()) if ministry else end  # a ministry's name may hold spaces
    while pos < line_end:
        # a body that begins inside the post runs to its own end
        body = orgs.covering(pos)
        if body and body[0] < pos:
            pos = body[1]
            continue
        ch = text[pos]
        if ch == " ":
            nxt = pos + 1
            if nxt >= line_end:
                break
            if nxt in title_starts or t["groups"].at(text, nxt):
                break
            if text.startswith("และ", nxt):
                if t["positions"].at(text, nxt + 3) and not t["groups"].at(text, nxt + 3):
                    pos = nxt + 3
                    continue
                # "เลขานุการ รมว.มหาดไทย และ โฆษกกระทรวงมหาดไทย": a second post after และ and a space
                if text.startswith("และ ", nxt) and t["positions"].at(text, nxt + 4) \
                        and not t["groups"].at(text, nxt + 4) and nxt + 4 not in title_starts:
                    pos = nxt + 4
                    continue
                break
            if orgs.starts_at(nxt) or (t["positions"].at(text, nxt) and not t["stop_position"].at(text, nxt)):
                pos = nxt
                continue
            initials_end = _body_initials(toks, nxt, title_starts)
            if initials_end:
                pos = initials_end  # "กรรมการ ศปช.", "รองเลขาธิการ กสทช."
                continue
            level = t["post_level"].match(text, nxt)
            if level:
                pos = level.end()  # "พนักงานธุรการ ส 4 สถานสงเคราะห์...": the post's level, then its unit
                continue
            break
        if ch == "ฯ":
            pos += 1
            continue
        if ch == "." and pos > start and THAI_LETTER.match(text[pos - 1]):
            pos += 1  # "รมว.คมนาคม", "ผู้ตรวจราชการ อว."
            continue
        if not THAI_LETTER.match(ch):
            break
        if not toks.is_start(pos):
            pos = toks.next_start(pos)
            continue
        if pos in title_starts:
            break
        stop = t["stop_position"].at(text, pos)
        if stop and (toks.is_end(pos + len(stop)) or len(stop) >= 4):
            break
        if text.startswith("และ", pos) and pos + 3 in title_starts:
            break
        pos = toks.next_start(pos)
    while pos > start and text[pos - 1] in " ,":
        pos -= 1
    if text.endswith("และ", start, pos) and pos - 3 > start:  # "รมช.กห.และ ..." joins what follows
        pos -= 3
        while pos > start and text[pos - 1] in " ,":
            pos -= 1
    return pos


def _body_initials(toks: Tokens, pos: int, title_starts: set[int]) -> int | None:
    """End of a body's dotted initials standing at ``pos`` after a post (กรรมการ
    ศปช.เปิดเผยว่า), or None: not a head noun written short before a name (บมจ.
    โทรคมนาคมแห่งชาติ), and nothing glued after it but what ends a post."""
    t = _tools()
    text = toks.text
    m = ABBREVIATION.match(text, pos)
    if not m or pos in title_starts or not body_initials(m.group()) or t["org_head_at"].at(text, pos):
        return None
    after = m.end()
    glued_on = THAI_LETTER.match(text[after : after + 1]) and not t["stop_position"].at(text, after)
    return None if glued_on else after


def _position_before(toks: Tokens, m: PersonMention) -> None:
    """``ผู้ว่าราชการจังหวัดระยอง (นายสมศักดิ์ ทองดี)``: the post is written before."""
    text = toks.text
    if m.position is not None or m.start < 2 or text[m.start - 1] != "(" or not text.startswith(")", m.end):
        return
    close = m.end + 1
    end = m.start - 1
    if text[end - 1 : end] == " ":
        end -= 1
    start = text.rfind(" ", 0, end) + 1
    start = max(start, toks.lines.start(end))
    t = _tools()
    # the post may begin further back (ผู้ว่าราชการ... or "รองปลัดกระทรวงยุติธรรม")
    for p in range(start, end):
        if toks.is_start(p) and t["positions"].at(text, p):
            m.position = (p, end)
            m.in_brackets = True
            m.end = close
            return


# -- the stage ---------------------------------------------------------------------------------
@stage("people", after=("organizations", "places", "ner"))
def extract_people(doc: Doc) -> None:
    """People, one item per person, with position, organization and roles."""
    st = state(doc)
    toks = Tokens.of(doc)
    text = toks.text
    people = group(find_mentions(doc, toks), text)
    _quoted_given_names(doc, toks, people)
    _link_positions(doc, toks, people)
    for person in people:
        person.roles = _roles(text, person)
    _co_chairs(text, people)
    _representatives(text, people)
    _chair_of_the_sentence(text, people)
    orgs = st.get("org_mentions") or []
    st["person_mentions"] = []
    for person in people:
        first = person.mentions[0]
        title = first.title
        pos = person.position
        position = _clean(text[pos[0] : pos[1]]) if pos else None
        org_text, org_id = _organization_in(text, pos, orgs) if pos else (None, None)
        span_start = first.position[0] if first.in_brackets else first.start
        span_end = first.end if first.in_brackets else (first.position[1] if first.position else first.end)
        item = add_item(doc, "people", {
            "span": [span_start, span_end],
            "name_span": [first.start, first.end],
            "name": person.name,
            "given_name": person.given,
            "family_name": person.family,
            "honorific": "".join(title.parts) if title else None,
            "honorific_full": "".join(_title_info(p)[0] for p in title.parts) if title else None,
            "honorific_family": _title_info(title.parts[0])[1] if title and title.parts else None,
            "position": position,
            "organization": org_text,
            "organization_id": org_id,
            "roles": person.roles,
            "mentions": [[m.start, m.end] for m in person.mentions[1:]],
            "post_mentions": [list(x) for x in person.extra_mentions],
        })
        for m in person.mentions:
            st["person_mentions"].append([m.start, m.end, item["id"]])
    st["person_mentions"].sort()


def post_after(doc: Doc, end: int) -> dict | None:
    """The post written after a name that ends at ``end`` (and the body in it), read as
    the rules read a titled person's: for the people the trained model adds
    (นางเอกสิริ ปิณฑะรุจิ ปลัดกระทรวงการต่างประเทศ, where นางเอก is a word of its own)."""
    toks = Tokens.of(doc)
    text = toks.text
    if not _tools()["positions"].at(text, end + (text[end : end + 1] == " ")) and not text.startswith(POST_RANKS, end + 1):
        return None  # no post begins here (the usual case): the titles need not be found
    org_mentions = state(doc).get("org_mentions") or []
    pos = _position_after(toks, end, *_titles_and_bodies(doc, toks))
    if pos is None:
        return None
    org_text, org_id = _organization_in(text, pos, org_mentions)
    return {"span_end": pos[1], "position": _clean(toks.text[pos[0] : pos[1]]), "organization": org_text,
            "organization_id": org_id}


def _says_more(text: str, post: tuple[int, int], later: tuple[int, int]) -> bool:
    """Is the ``later`` post the first one with more after it?"""
    first, second = _clean(text[post[0] : post[1]]), _clean(text[later[0] : later[1]])
    return len(second) > len(first) and second.startswith(first)


def _title_info(part: str) -> tuple[str, str]:
    """(full form, family) of one title as written; พ.ต.ท.หญิง is พันตำรวจโทหญิง."""
    known = honorifics()
    if part in known:
        return known[part].full, known[part].family
    if part.endswith("หญิง") and part[:-4] in known:
        return known[part[:-4]].full + "หญิง", known[part[:-4]].family
    return part, "other"


def group(mentions: list[PersonMention], text: str) -> list[Person]:
    """One person per name; a mention by given name alone joins the person it names.
    The person's post is the first one written, or a later one that says more of it
    (นายกรัฐมนตรี, then นายกรัฐมนตรี และรัฐมนตรีว่าการกระทรวงกลาโหม)."""
    people: list[Person] = []
    for m in mentions:
        match = next((p for p in people if p.given == m.given and (m.family is None or p.family in (None, m.family))), None)
        if match is None and m.glued:  # "ม.ร.ว.จัตุมงคล กล่าวว่า" after "ม.ร.ว.จัตุมงคล โสณกุล"
            match = next((p for p in people if p.given == m.glued), None)
            if match:
                m.given, m.family = m.glued, None
        if match is None:
            match = Person(m.given, m.family)
            people.append(match)
        elif m.family and not match.family:
            match.family = m.family
        match.mentions.append(m)
        if m.position and (not match.position or _says_more(text, match.position, m.position)
                           or (m.family and not match.post_with_family)):
            # the post written with the full name wins over one written after the given
            # name alone ("พล.ต.อ.พัชรวาทฯ รมว.ทส." in a headline, then the body's
            # "พล.ต.อ.พัชรวาท วงษ์สุวรรณ รองนายกรัฐมนตรี และรัฐมนตรีว่าการ...")
            match.position = m.position
            match.post_with_family = bool(m.family)
    return _join_run_on_family_names(people)


def _join_run_on_family_names(people: list[Person]) -> list[Person]:
    """"นายชัยวุฒิ ธนาคมานุสรณ์ได้แสดงความสนใจ...": a family name that the sentence
    runs on from (a verb or function word glued to it) is the family name written
    elsewhere in the release, and the mention its person's."""
    not_family = _tools()["not_family"]
    for person in list(people):
        if not person.family:
            continue
        other = next((p for p in people if p is not person and p.given == person.given and p.family
                      and person.family.startswith(p.family) and len(person.family) > len(p.family)
                      and not_family.at(person.family, len(p.family))), None)
        if other is None:
            continue
        cut = len(person.family) - len(other.family)
        for m in person.mentions:
            m.family, m.end = other.family, m.end - cut
            m.position = None  # what followed was the sentence, not a post
            other.mentions.append(m)
        other.mentions.sort(key=lambda m: m.start)
        people.remove(person)
    return people


def _titles_and_bodies(doc: Doc, toks: Tokens) -> tuple[set[int], Intervals]:
    """Where titles start and the bodies' spans: what a post after a name ends at."""
    return {t.start for t in find_titles(toks)}, Intervals((m[0], m[1]) for m in state(doc).get("org_mentions") or [])


def _quoted_given_names(doc: Doc, toks: Tokens, people: list[Person]) -> None:
    """A given name in quotes ("“ชัยวุฒิ” รมว.ดีอีเอส นั่งหัวโต๊ะประชุม...", the way headlines
    name a minister) is a mention of the person the release names in full, with the post
    written after it."""
    by_given: dict[str, list[Person]] = {}
    for p in people:
        if p.family and len(p.given) >= 3:
            by_given.setdefault(p.given, []).append(p)
    if not by_given:
        return
    text = toks.text
    quoted = [q for q in _QUOTED_WORD.finditer(text) if len(by_given.get(q.group(1), ())) == 1]
    if not quoted:
        return
    title_starts, orgs = _titles_and_bodies(doc, toks)
    taken = SortedSpans((m.start, m.end) for p in people for m in p.mentions)
    for q in quoted:
        holders = by_given[q.group(1)]
        if taken.overlaps(q.start(1), q.end(1)) or excluded(doc, q.start()):
            continue
        m = PersonMention(q.start(1), q.end(1), None, q.group(1), None)
        m.position = _position_after(toks, q.end(), title_starts, orgs)
        holders[0].mentions.append(m)


def _link_positions(doc: Doc, toks: Tokens, people: list[Person]) -> None:
    """A later mention by the post alone (รองปลัดกระทรวงยุติธรรมได้เน้นย้ำ) is the person
    who holds it, when one person does."""
    text = toks.text
    by_post: dict[str, list[Person]] = {}
    for p in people:
        if p.position:
            post = text[p.position[0] : p.position[1]]
            if len(post) >= 8:
                by_post.setdefault(post, []).append(p)
    taken = SortedSpans((m.start, (m.position or (m.start, m.end))[1]) for p in people for m in p.mentions)
    for post, holders in by_post.items():
        if len(holders) != 1:
            continue
        for m in re.finditer(re.escape(post), text):
            s, e = m.span()
            if taken.overlaps(s, s + 1) or excluded(doc, s):
                continue
            if s > 0 and THAI_LETTER.match(text[s - 1]) and not toks.is_start(s):
                continue
            holders[0].extra_mentions.append((s, e))


# how far after a name (and post) its role's words may stand: room for the post's
# abbreviation in brackets and a capacity (ในฐานะ...) before เป็นประธาน
ROLE_WINDOW = 160
_FUTURE = re.compile(r"จะ(?:มี|ให้|เชิญ)?[ ]?$|ที่จะมี")


@lru_cache(maxsize=1)
def _role_cues() -> dict:
    """data/roles.json as patterns: [(role, what follows the name)], the attendees' list opener."""
    data = data_json("roles.json")
    between = "".join(f"(?:{pattern})?" for pattern in data["between"].values())
    after = []
    for role, spec in data["after_name"].items():
        lead = f"(?:{trie_pattern(spec['lead'])})" + ("" if spec.get("lead_required") else "?")
        after.append((role, re.compile(rf"^ ?\n?{between}{lead}(?:{trie_pattern(spec['cues'])})")))
    attending = re.compile(rf"(?:{trie_pattern(data['attending_before'])})[^\n]{{0,400}}$")
    co = data["co_chair"]
    return {
        "after_name": after,
        "attending": attending,
        "co_chair": re.compile(rf" ?{between}(?:{trie_pattern(co['cues'])})"),
        "chair_posts": tuple(data["chair_posts"]),
        "chair_capacity": re.compile(rf" ?ในฐานะ ?(?:{trie_pattern(data['chair_posts'])})"),
        "joined": re.compile(rf" ?(?:{data['between']['brackets']})? *(?:{trie_pattern(co['joined_by'])}) *"),
    }


def _mention_end(m) -> int:
    return m.position[1] if (m.position and not m.in_brackets) else m.end


def _co_chairs(text: str, people: list[Person]) -> None:
    """"X และ Y ร่วมเป็นประธาน": Y co-chairs, and so do those joined to Y (chains too)."""
    cues = _role_cues()
    starts = {m.start: p for p in people for m in p.mentions}
    changed = True
    while changed:
        changed = False
        for p in people:
            if "chair" in p.roles:
                continue
            for m in p.mentions:
                j = cues["joined"].match(text, _mention_end(m))
                other = starts.get(j.end()) if j else None
                if other is not None and "chair" in other.roles and any(
                        cues["co_chair"].match(text, _mention_end(om)) for om in other.mentions):
                    _make_chair(p)
                    changed = True
                    break


def _make_chair(person: Person) -> None:
    """The person chairs (first of the roles; no attendee then)."""
    person.roles = ["chair"] + [r for r in person.roles if r not in ("chair", "attendee")]


# เป็นประธาน with the subject left out: "นายจุติ ... ลงพื้นที่จังหวัดพิษณุโลก เพื่อเป็นประธานเปิด..."
_ELIDED_CHAIR = re.compile(r"(?:เพื่อ|โดย|และ)[ ]?(?:ได้)?(?:ร่วม)?เป็นประธาน")


def _chair_of_the_sentence(text: str, people: list[Person]) -> None:
    """When nobody is said to chair, "เพื่อ/โดย/และเป็นประธาน..." later in a line chairs its
    subject: the line's first person, with no other person between."""
    if any("chair" in p.roles for p in people):
        return
    lines = lines_of(text)
    mentions = sorted(((m.start, _mention_end(m), p) for p in people for m in p.mentions), key=lambda x: x[0])
    for cue in _ELIDED_CHAIR.finditer(text):
        line_start = lines.start(cue.start())
        before = [x for x in mentions if line_start <= x[0] and x[1] <= cue.start()]
        if before and all(x[2] is before[0][2] for x in before) and not _FUTURE.search(text, line_start, cue.start()):
            person = before[0][2]
            _make_chair(person)
            return


_REPRESENTING = re.compile(r"(?:ผู้แทน|แทน)[ ]?$")


def _representatives(text: str, people: list[Person]) -> None:
    """"X รองปลัดกระทรวงกลาโหม ผู้แทน พลเอก ประยุทธ์ ... เป็นประธาน": X chairs in the
    place of the one named after ผู้แทน, who is not there."""
    ends = {_mention_end(m): p for p in people for m in p.mentions}
    for p in people:
        if "chair" not in p.roles:
            continue
        for m in p.mentions:
            rep = _REPRESENTING.search(text, max(0, m.start - 8), m.start)
            representative = ends.get(rep.start() - 1) if rep and text[rep.start() - 1 : rep.start()] == " " else None
            if representative is not None and representative is not p:
                p.roles.remove("chair")
                _make_chair(representative)
                break


def _roles(text: str, person: Person) -> list[str]:
    cues = _role_cues()
    roles: list[str] = []
    lines = lines_of(text)
    spans = [(m.start, _mention_end(m)) for m in person.mentions]
    spans += person.extra_mentions
    for start, end in spans:
        after = text[end : end + ROLE_WINDOW]
        clause = text[max(lines.start(start), start - 30) : start]
        for role, pattern in cues["after_name"]:
            if role in roles or not pattern.match(after):
                continue
            if role == "chair" and _FUTURE.search(clause):
                continue  # "ที่จะมีนายภูมิธรรม ... เป็นประธาน": the chair of a meeting to come
            roles.append(role)
    first = person.mentions[0]
    before = text[lines.start(first.start) : first.start]
    if "chair" not in roles and (
            (person.position and text.startswith(cues["chair_posts"], person.position[0]))
            or any(cues["chair_capacity"].match(text, end) for _, end in spans)):
        roles.append("chair")  # "นายอนุทิน ชาญวีรกูล ประธานการประชุม กล่าวว่า": the post says so
    if "chair" not in roles and cues["attending"].search(before) and "เข้าร่วม" in text[first.start : first.start + 600]:
        roles.append("attendee")
    order = [role for role, _ in cues["after_name"]] + ["attendee"]
    return sorted(roles, key=order.index)  # in one order, whichever mention said it first


def _organization_in(text: str, position: tuple[int, int], orgs: list[list]) -> tuple[str | None, str | None]:
    """The body named inside a post: the first organization mention in it; a ministry
    named by its short name after รมว./รมช. (รมว.คมนาคม) and a body named by the form its
    heads' posts give it (ผู้บัญชาการตำรวจแห่งชาติ) are given in full."""
    t = _tools()
    s, e = position
    for a, b, org_id in orgs:
        if s <= a and b <= e:
            written = _clean(text[a:b])
            return t["body_forms"].get(written, written), org_id
    m = t["ministry_in_position"].search(text, s, e)
    if m:
        return t["short_ministry"][m.group(1)], None
    return None, None


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
