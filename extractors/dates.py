"""Dates: every way a Thai release writes a date, to ISO Common Era, with checks.

Forms (on the text with Thai digits folded to ASCII, so ๒๐ มกราคม ๒๕๖๕ reads like
20 มกราคม 2565):

* day month [era] [year]: ``วันศุกร์ที่ 21 มกราคม พ.ศ. 2565``, ``20 ม.ค. 65``,
  ``25 ส.ค.63`` (year glued to the month), ``วันจันทร์ที่ 25 พฤศจิกายน`` (no year: the
  document's year, ``year_source: "document"``);
* month [era] year: ``มีนาคม 2564`` -> ``2021-03``, also with ปี between them
  (``มิ.ย. ปี 2566``; likewise ``11 มิถุนายน ปี 2566``);
* numeric: ``22/11/2567``; ISO ``2022-01-21``; with hyphens ``15-ก.ค.-2565`` and the
  month as a number between spaces ``15 07 2565`` (Buddhist Era years only), as
  PyThaiNLP's ``thai_strptime`` reads them;
* ranges, one item with ``end``: ``20-22 มกราคม 2565``, ``30 ม.ค. - 2 ก.พ. 65``,
  ``ระหว่างวันที่ 1 ตุลาคม 2564 ถึงวันที่ 31 มกราคม 2565``, ``วันอังคารที่ 28 ถึงวันพุธที่ 29
  กันยายน`` (the weekday of each end is checked);
* relative words resolved against the document date: ``เมื่อวานนี้``; ``วันนี้ (25 ส.ค.63)``
  and ``วันนี้ 16 พฤศจิกายน 2564`` (no brackets) mark the explicit date as today's;
* fiscal years (``ปีงบประมาณ 2566``) are reported under ``fiscal_years``, not as dates;
  meeting numbers (``ครั้งที่ 1/2565``) and bare years are not dates.

Years: 4-digit years above 2200 are BE, others CE; ``พ.ศ.``/``ค.ศ.``/``ร.ศ.`` decide when
written; 2-digit years are BE in the century nearest the document.  Conversion in
:mod:`extractors.thai_calendar` (the 1941 calendar reform included).

Checks (item ``flags`` and document ``flags``, with ``suggested`` where clear):
``invalid_date``, ``weekday_mismatch``, ``date_after_document`` (told as past, but
later than the release), ``date_before_document`` (told as future, but earlier),
``range_reversed``, ``implausible_year``, ``dateline_conflict``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc

from pipeline.document import add_flag, add_item, state
from pipeline.layout import excluded
from pipeline.lexicon import trie_pattern
from pipeline.normalize import fold_digits
from pipeline.registry import stage

from .datafiles import calendar
from .phrases import lines_of
from .thai_calendar import NoSuchDate, be_to_ce, ce_to_be, fiscal_year, make_date, rs_to_ce, shift_days, shift_years

_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"


@dataclass
class Grammar:
    mention: re.Pattern
    anchor: re.Pattern
    relative: re.Pattern
    fiscal: re.Pattern
    connector: re.Pattern
    month_number: dict[str, int]
    weekday_number: dict[str, int]
    era_of: dict[str, str]
    relative_days: dict[str, int]
    past_before: re.Pattern
    past_after: re.Pattern
    future_before: re.Pattern
    future_after: re.Pattern
    neutral_before: re.Pattern
    neutral_after: re.Pattern


def _alt(words) -> str:
    """Any of ``words``, the longest first (a trie: one branch per character)."""
    return trie_pattern(words)


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    cal = calendar()
    month_number: dict[str, int] = {}
    full, dotted, dotless = [], [], []
    for m in cal["months"]:
        for form in [m["full"], *m["variants"]]:
            month_number[form] = m["number"]
            full.append(form)
        for form in m["abbreviations"]:
            month_number[form] = m["number"]
            (dotted if form.endswith(".") else dotless).append(form)
    weekday_number = {}
    for w in cal["weekdays"]:
        for form in [w["name"], *w["variants"]]:
            weekday_number[form] = w["number"]
    era_of = {form: era for era, forms in cal["eras"].items() for form in forms}

    # a month after a day: any form; a dotless abbreviation only before a space, digit or end
    month_after_day = f"(?:{_alt(full + dotted)}|(?:{_alt(dotless)})(?![\u0e01-\u0e4e]))"
    # a month with a year but no day: full names and dotted abbreviations
    month_alone = f"(?:{_alt(full + dotted)})"
    era = f"(?:{_alt(era_of)})"
    # 4 or 2 digits; 1 to 3 only after ร.ศ. (the Rattanakosin era began in 1782)
    year = (
        r"(?:(?P<{e}>" + era + r")[ ]*)?"
        r"(?P<{y}>\d{{4}}|\d{{2}}|(?<=ร\.ศ\.)\d{{1,3}}|(?<=ร\.ศ\. )\d{{1,3}})(?![\d/:.]\d|\d)"
    )
    weekday = _alt(weekday_number)
    # "8 - 28 ม.ค.", "วันอังคารที่ 28 ถึงวันพุธที่ 29 กันยายน": the first day of a range
    # in one month, with its own weekday
    day_range = (
        rf"(?:[ ]*(?:{_alt(cal['range_connectors'])})[ ]*(?:วัน(?P<wd2>{weekday})[ ]*(?:ที่)?[ ]*)?"
        rf"(?<![\d.,:/])(?P<d2>{_DAY})(?!\d))?"
    )
    day_form = (
        rf"(?P<prefix>วัน(?P<wd>{weekday})[ ]*(?:ที่)?[ ]*|วันที่[ ]*)?"
        rf"(?<![\d.,:/])(?P<d>{_DAY}){day_range}(?:[ ]*|-)"  # "15-ก.ค.-2565": hyphens as PyThaiNLP reads them
        rf"(?P<m>{month_after_day})(?:(?:[ ]*(?:ปี[ ]*)?|-(?=\d{{4}}(?!\d))){year.format(e='era', y='y')})?"
    )
    numeric_form = r"(?<![\d/.])(?P<nd>" + _DAY + r")/(?P<nm>0?[1-9]|1[0-2])/(?P<ny>\d{4}|\d{2})(?![\d/])"
    # "15 07 2565", "15 7 2565" (PyThaiNLP's thai_strptime reads them): only with a
    # Buddhist Era year (24xx-26xx) and no other number next to them, as three numbers
    # with a CE year are as often an amount (12 10 2000)
    spaced_form = (
        r"(?<![\d/.,:])(?<!\d )(?P<sd>" + _DAY + r") (?P<sm>0?[1-9]|1[0-2]) "
        r"(?P<sy>2[456]\d\d)(?![\d/.,:]|[ ]\d)"
    )
    iso_form = r"(?<!\d)(?P<iy>1[89]\d\d|2[0-9]\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])(?!\d)"
    month_year_form = (
        rf"(?:เดือน)?(?:(?P<mm0>{month_alone})[ ]*[-–—][ ]*)?(?P<mm>{month_alone})[ ]*(?:ปี[ ]*)?{year.format(e='mera', y='my')}"
    )
    mention = re.compile(f"{day_form}|{numeric_form}|{iso_form}|{spaced_form}|{month_year_form}")
    # every date holds a month name or digits joined by / or - (or three numbers between
    # spaces): scanning for those first is much faster than trying the whole grammar at
    # every character
    anchor = re.compile(
        f"(?:{trie_pattern(list(month_number))})|\\d/\\d|\\d{{4}}-\\d|\\d [01]?\\d 2[456]\\d\\d"
    )

    # the date a relative word points to: in brackets, วันนี้ (16 พ.ย. 64), or right after
    # it, วันนี้ 16 พฤศจิกายน 2564, ตั้งแต่วันนี้ 11 พฤศจิกายน 2564 (11.11) เป็นต้นไป
    relative = re.compile(rf"(?P<rel>{_alt(cal['relative_days'])})(?P<paren>[ ]*\([ ]*|[ ]+)?")
    fiscal = re.compile(
        rf"(?:ประจำ)?(?:{_alt(cal['fiscal_year'])})[ ]*(?:พ\.ศ\.[ ]*)?(?P<fy>\d{{4}}|\d{{2}})(?!\d)"
        rf"(?:[ ]*[-–—][ ]*(?P<fy2>\d{{4}}|\d{{2}})(?!\d))?"
    )
    connector = re.compile(rf"^[ ]*(?:{_alt(cal['range_connectors'])})[ ]*$")
    told = cal["told_as"]
    return Grammar(
        mention=mention,
        anchor=anchor,
        relative=relative,
        fiscal=fiscal,
        connector=connector,
        month_number=month_number,
        weekday_number=weekday_number,
        era_of=era_of,
        relative_days=cal["relative_days"],
        past_before=_cue_before(told["past_before"], told["in_between"]),
        past_after=_cue_after(told["past_after"]),
        future_before=_cue_before(told["future_before"], told["in_between"]),
        future_after=_cue_after(told["future_after"]),
        neutral_before=_cue_before(told["neutral_before"], told["in_between"]),
        neutral_after=_cue_after(told["neutral_after"]),
    )


def _cue_before(cues: list[str], in_between: list[str]) -> re.Pattern:
    """A cue that ends right before the date (only a filler such as ใน, ณ between)."""
    return re.compile(f"(?:{_alt(cues)})[ ]*(?:(?:{_alt(in_between)})[ ]*)?$")


def _cue_after(cues: list[str]) -> re.Pattern:
    """A cue right after the date, as a whole word (ที่ผ่านมาโครงการ... starts a new clause)."""
    return re.compile(f"^[ ]*(?:{_alt(cues)})(?=[ \\n,.)\"'”]|$)")


@dataclass
class Mention:
    """One written date before its year is resolved."""

    start: int
    end: int
    day: int | None
    month: int
    year: int | None = None  # as written (2 or 4 digits, or BE/CE/RS decided by era)
    year_text: str | None = None
    year_span: tuple[int, int] | None = None
    era: str | None = None
    weekday: str | None = None
    end_weekday: str | None = None  # "... ถึงวันพุธที่ 29 กันยายน": the last day's, checked too
    end_day: int | None = None
    end_month: int | None = None
    end_year: int | None = None
    end_year_text: str | None = None
    end_era: str | None = None
    end_year_span: tuple[int, int] | None = None
    year_from_end: bool = False  # "30 ม.ค. - 2 ก.พ. 65": the year is written once, at the end
    relative: str | None = None


def _matches(folded: str, g: Grammar):
    """The grammar's matches, tried only near an anchor (a month name, d/d, dddd-d)."""
    last_end = 0
    for a in g.anchor.finditer(folded):
        if a.start() < last_end:
            continue
        m = g.mention.search(folded, max(last_end, a.start() - 40), a.end() + 60)
        while m is not None and m.end() <= a.start():
            m = g.mention.search(folded, m.end(), a.end() + 60)
        if m is None or m.start() > a.end():
            continue
        last_end = m.end()
        yield m


def find_mentions(folded: str, g: Grammar) -> list[Mention]:
    out = []
    for m in _matches(folded, g):
        if m.group("m"):
            mention = Mention(m.start(), m.end(), int(m.group("d")), g.month_number[m.group("m")])
            if m.group("d2"):
                mention.end_day = int(m.group("d2"))
                mention.end_month = mention.month
                mention.end_weekday = m.group("wd2")
            if m.group("wd"):
                mention.weekday = m.group("wd")
            if m.group("y"):
                mention.year, mention.year_text = int(m.group("y")), m.group("y")
                mention.year_span = m.span("y")
                mention.era = g.era_of.get(m.group("era") or "")
        elif m.group("nd"):
            mention = Mention(m.start(), m.end(), int(m.group("nd")), int(m.group("nm")))
            mention.year, mention.year_text, mention.year_span = int(m.group("ny")), m.group("ny"), m.span("ny")
        elif m.group("iy"):
            mention = Mention(m.start(), m.end(), int(m.group("id")), int(m.group("im")))
            mention.year, mention.year_text, mention.year_span = int(m.group("iy")), m.group("iy"), m.span("iy")
            mention.era = "CE"
        elif m.group("sd"):
            mention = Mention(m.start(), m.end(), int(m.group("sd")), int(m.group("sm")))
            mention.year, mention.year_text, mention.year_span = int(m.group("sy")), m.group("sy"), m.span("sy")
        else:
            first = "mm0" if m.group("mm0") else "mm"
            start = m.start(first)  # "เดือน" is not part of the date as written
            mention = Mention(start, m.end(), None, g.month_number[m.group(first)])
            mention.year, mention.year_text, mention.year_span = int(m.group("my")), m.group("my"), m.span("my")
            mention.era = g.era_of.get(m.group("mera") or "")
            if m.group("mm0"):  # "เม.ย. - ต.ค. 65": a range of months, the year written once
                mention.end_month = g.month_number[m.group("mm")]
                mention.end_year, mention.end_year_text, mention.end_era = mention.year, mention.year_text, mention.era
                mention.end_year_span = mention.year_span
                mention.year = mention.year_text = None
                mention.year_from_end = True
        out.append(mention)
    return _merge_ranges(out, folded, g)


def _merge_ranges(mentions: list[Mention], folded: str, g: Grammar) -> list[Mention]:
    """``A - B``, ``A ถึงวันที่ B``: one mention from A's start to B's end."""
    merged: list[Mention] = []
    for m in mentions:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.end_day is None
            and (prev.day is None) == (m.day is None)
            and g.connector.match(folded[prev.end : m.start])
            and (m.year is not None or prev.year is None)
        ):
            prev.end = m.end
            prev.end_day, prev.end_month = m.end_day or m.day, m.end_month or m.month
            prev.end_weekday = m.end_weekday or m.weekday
            prev.end_year, prev.end_year_text, prev.end_era = m.year, m.year_text, m.era
            prev.end_year_span = m.year_span
            if m.year is not None and prev.year is None:
                prev.year_from_end = True  # "30 ม.ค. - 2 ก.พ. 65": the last date's year serves both
            continue
        merged.append(m)
    return merged


# -- years -----------------------------------------------------------------------------------
def resolve_year(year: int, digits: int, era: str | None, month: int, day: int | None, doc_be: int | None) -> tuple[int, str]:
    """(CE year, era) of a written year."""
    if era == "RS":
        return rs_to_ce(year, month, day), "RS"
    if digits == 2:
        if era == "CE":
            return 2000 + year, "CE"
        if doc_be:
            be = min((c + year for c in (2400, 2500, 2600)), key=lambda y: abs(y - doc_be))
        else:
            be = 2500 + year
        return be_to_ce(be, month), "BE"
    if era == "CE" or (era is None and year <= 2200):
        return year, "CE"
    return be_to_ce(year, month), "BE"


# -- resolving mentions ------------------------------------------------------------------------
def resolve(
    mentions: list[Mention], text: str, folded: str, document_date: dt.date | None
) -> list[tuple[Mention, dict]]:
    """Date items (without ids) for ``mentions``; each carries its flags in ``_flags``
    as (code, message, suggested) until it is recorded."""
    g = grammar()
    doc_be = ce_to_be(document_date.year, document_date.month) if document_date else None
    out = []
    for m in mentions:
        item = _to_item(m, text, folded, g, document_date, doc_be)
        if item is not None:
            out.append((m, item))
    return out


def parse(text: str, *, document_date: dt.date | None = None) -> list[dict]:
    """The dates written in ``text`` (a sentence, a paragraph), resolved against
    ``document_date`` when they lack a year.  No ``Doc`` needed::

        >>> [d["date"] for d in parse("เมื่อวันที่ ๒๐ มกราคม ๒๕๖๕ เวลา 13.30 น.")]
        ['2022-01-20']
    """
    folded = fold_digits(text)
    items = resolve(find_mentions(folded, grammar()), text, folded, document_date)
    for _, item in items:
        item["text"] = text[item["span"][0] : item["span"][1]]
        item["flag_messages"] = [f.message for f in item.pop("_flags")]
    return [item for _, item in items]


# -- the stage --------------------------------------------------------------------------------
@stage("dates", after=("layout",))
def extract_dates(doc: Doc) -> None:
    """Dates and fiscal years; sets the document date."""
    st = state(doc)
    folded = st["folded"]
    text = st["text"]
    g = grammar()
    mentions = [m for m in find_mentions(folded, g) if not excluded(doc, m.start)]
    _mark_relative(folded, mentions, g)

    doc_mention = _document_mention(mentions, folded)
    doc_date: dt.date | None = None
    if doc_mention is not None:
        try:
            doc_date, _, _ = _resolve(doc_mention, None)
        except NoSuchDate:
            doc_mention = None

    items = resolve(mentions, text, folded, doc_date)
    for m, item in items:
        if m is doc_mention:
            item["is_document_date"] = True
            st["document_date"] = item
    if doc_date is not None:
        for m in _relative_only(folded, mentions, g, doc):
            date = shift_days(doc_date, g.relative_days[m.relative])
            items.append((m, {
                "span": [m.start, m.end], "date": date.isoformat(), "year_written": None, "era": None,
                "year_source": "document", "relative": m.relative, "told_as": "neutral", "flags": [],
            }))
    items.sort(key=lambda x: x[0].start)
    for _, item in items:
        flags = item.pop("_flags", [])
        add_item(doc, "dates", item)
        for f in flags:
            add_flag(doc, f.code, f.message, severity=f.severity, span=item["span"], item=item["id"],
                     **({"suggested": f.suggested} if f.suggested else {}))
    for m in mentions:
        if m.year is None and doc_date is None:
            add_flag(doc, "date_without_year", f"'{text[m.start:m.end]}' has no year and the release has no date "
                     "to take it from", severity="info", span=[m.start, m.end])
    _check_dateline(doc, items, doc_mention)
    _fiscal_years(doc, folded, g)


class Flag(NamedTuple):
    """A date's flag before it has an item id: code, message, suggested date, severity."""

    code: str
    message: str
    suggested: str | None = None
    severity: str = "warning"


# a date told as to come that passed at most this many days before the release's date:
# the release was posted late (the flag audit's cases), not a year slip
POSTED_LATE_DAYS = 31
# a day and month this many years after the release is a typing slip (2654 for 2564);
# national plans reach some 20 years ahead (ยุทธศาสตร์ชาติ 2561-2580)
IMPLAUSIBLE_YEARS_AHEAD = 30


def _to_item(m: Mention, text, folded, g, doc_date, doc_be) -> dict | None:
    flags: list[Flag] = []
    written = text[m.start : m.end]
    if m.year is None and not m.year_from_end and doc_be is None:
        return None  # no year and nothing to take it from: reported by the stage
    try:
        start, end, era = _resolve(m, doc_be)
    except NoSuchDate as exc:
        return _invalid_item(m, written, str(exc), doc_be)
    year_span = m.year_span or m.end_year_span
    written_year = m.year is not None or m.year_from_end
    item = {
        "span": [m.start, m.end],
        "date": start.isoformat() if m.day is not None else start.isoformat()[:7],
        "year_written": text[year_span[0] : year_span[1]] if year_span else None,
        "era": era if written_year else None,
        "year_source": "written" if written_year else "document",
        "told_as": _told_as(folded, m, g),
        "flags": [],
    }
    if end is not None:
        item["end"] = end.isoformat() if m.end_day is not None else end.isoformat()[:7]
        if end < start:
            flags.append(Flag("range_reversed", f"'{written}': the range ends ({end}) before it starts ({start})"))
    if m.weekday:
        item["weekday"] = m.weekday
    for day, written_weekday in ((start, m.weekday), (end, m.end_weekday if m.end_day is not None else None)):
        if day is None or not written_weekday or day.weekday() == g.weekday_number[written_weekday]:
            continue
        suggestion = _weekday_suggestion(day, g.weekday_number[written_weekday])
        msg = f"'{written}': {day.isoformat()} is a {day.strftime('%A')}, not the weekday written ({written_weekday})"
        if suggestion:
            msg += f"; {suggestion.isoformat()} is one"
        flags.append(Flag("weekday_mismatch", msg, suggestion.isoformat() if suggestion else None))
    if m.relative:
        item["relative"] = m.relative
    if doc_date is not None and m.day is not None:
        last = end or start
        if item["told_as"] == "past" and start > doc_date:
            sug = shift_years(start, -1)
            sug_ok = sug <= doc_date
            flags.append(Flag(
                "date_after_document",
                f"'{written}' ({start.isoformat()}) is told as past but falls after the release's date "
                f"({doc_date.isoformat()})" + (f"; probably {sug.isoformat()} (the year before)" if sug_ok else ""),
                sug.isoformat() if sug_ok else None,
            ))
        elif item["told_as"] == "future" and last < doc_date:
            days = (doc_date - last).days
            said = f"'{written}' ({start.isoformat()}) is told as to come but falls "
            if days <= POSTED_LATE_DAYS:  # "... 9 พฤศจิกายนนี้" in a release dated the 10th
                flags.append(Flag("date_before_document", said + f"{days} day{'s' * (days > 1)} before the release's "
                                  f"date ({doc_date.isoformat()}): the release was probably posted after it",
                                  severity="info"))
            else:
                sug = shift_years(start, 1)
                sug_ok = shift_years(last, 1) >= doc_date
                flags.append(Flag(
                    "date_before_document",
                    said + f"before the release's date ({doc_date.isoformat()})"
                    + (f"; perhaps {sug.isoformat()} (the year after)" if sug_ok else ""),
                    sug.isoformat() if sug_ok else None,
                ))
        # far in the future only: releases tell history (a birth in 2466, an act of 2496),
        # which the flag audit found right every time; 2654 typed for 2564 is a slip
        if start.year - doc_date.year > IMPLAUSIBLE_YEARS_AHEAD:
            flags.append(Flag("implausible_year", f"'{written}' ({start.year}) is more than {IMPLAUSIBLE_YEARS_AHEAD} "
                              f"years after the release's date ({doc_date.year}); a mistyped year?"))
    item["flags"] = [f.code for f in flags]
    suggested = next((f.suggested for f in flags if f.suggested), None)
    if suggested:
        item["suggested"] = suggested
    item["_flags"] = flags
    return item


def _invalid_item(m: Mention, written: str, reason: str, doc_be: int | None) -> dict | None:
    """A date that never existed (30 กุมภาพันธ์, มกราคม 2483): reported with the month
    it names (``YYYY-MM``, the year converted by the plain rule) and flagged."""
    year, year_text, era = (m.year, m.year_text, m.era) if m.year is not None else (m.end_year, m.end_year_text, m.end_era)
    if year is not None:
        digits = len(year_text) if year_text else 4
        year_ce, era = resolve_year(year, digits, era, 4, None, doc_be)  # April: the plain rule
    elif doc_be is not None:
        year_ce, era = doc_be - 543, None
    else:
        return None
    # the month it names, as a valid ISO value; the text and the flag say the rest
    date = f"{year_ce:04d}-{m.month:02d}"
    return {
        "span": [m.start, m.end], "date": date, "year_written": m.year_text, "era": era,
        "year_source": "written" if m.year is not None else "document", "told_as": "neutral",
        "flags": ["invalid_date"], "_flags": [Flag("invalid_date", f"'{written}' is not a date: {reason}")],
    }


def _resolve(m: Mention, doc_be: int | None) -> tuple[dt.date, dt.date | None, str | None]:
    """(start, end or None, era) of a mention; NoSuchDate when it never existed."""
    end = None
    if m.end_month is not None and m.end_year is not None:
        digits = len(m.end_year_text) if m.end_year_text else 4
        end_year_ce, end_era = resolve_year(m.end_year, digits, m.end_era or m.era, m.end_month, m.end_day, doc_be)
        end = make_date(end_year_ce, m.end_month, m.end_day or 1)
    if m.year_from_end and end is not None:
        # the start is the last such day on or before the end (CE, so that the old
        # April new year of the Thai calendar needs no special case)
        before = (m.month, m.day or 1) <= (end.month, end.day)
        start = make_date(end.year if before else end.year - 1, m.month, m.day or 1)
        return start, end, end_era
    if m.year is not None:
        digits = len(m.year_text) if m.year_text else (4 if m.year > 99 else 2)
        year_ce, era = resolve_year(m.year, digits, m.era, m.month, m.day, doc_be)
    else:
        year_ce, era = be_to_ce(doc_be, m.month), None
    start = make_date(year_ce, m.month, m.day or 1)
    if m.end_month is not None and end is None:  # "20-22 มกราคม 2565", or a range without year
        end_year_ce = year_ce if (m.end_month, m.end_day or 1) >= (m.month, m.day or 1) else year_ce + 1
        end = make_date(end_year_ce, m.end_month, m.end_day or 1)
    return start, end, era


def _weekday_suggestion(date: dt.date, weekday: int) -> dt.date | None:
    """The one nearby date (a year or a day either side) that falls on ``weekday``."""
    candidates = [shift_years(date, -1), shift_years(date, 1), shift_days(date, -1), shift_days(date, 1)]
    hits = [c for c in candidates if c.weekday() == weekday]
    return hits[0] if len(hits) == 1 else None


def _told_as(folded: str, m: Mention, g: Grammar) -> str:
    line_start = lines_of(folded).start(m.start)
    before = folded[max(line_start, m.start - 30) : m.start]
    after = folded[m.end : m.end + 20]
    if g.neutral_before.search(before) or g.neutral_after.match(after):
        return "neutral"
    if g.past_before.search(before) or g.past_after.match(after):
        return "past"
    if g.future_before.search(before) or g.future_after.match(after):
        return "future"
    return "neutral"


def _mark_relative(folded: str, mentions: list[Mention], g: Grammar) -> None:
    """``วันนี้ (6 พ.ย. 63)``, ``วันนี้ 16 พฤศจิกายน 2564``: the explicit date is today's."""
    by_start = {m.start: m for m in mentions}
    for r in g.relative.finditer(folded):
        if r.group("paren") and r.end() in by_start:
            by_start[r.end()].relative = r.group("rel")


def _relative_only(folded: str, mentions: list[Mention], g: Grammar, doc) -> list[Mention]:
    """Relative words with no explicit date after them (เมื่อวานนี้, พรุ่งนี้)."""
    starts = {m.start for m in mentions}
    out = []
    for r in g.relative.finditer(folded):
        if r.group("paren") and r.end() in starts:
            continue
        if r.group("rel") == "วันนี้" or excluded(doc, r.start()):
            continue  # "today" restates the release's own date: not a separate mention
        out.append(Mention(r.start(), r.start() + len(r.group("rel")), None, 0, relative=r.group("rel")))
    return out


def _document_mention(mentions: list[Mention], folded: str) -> Mention | None:
    """The release's own date: a line that is only a date near the top (the dateline),
    else the date ``วันนี้ (...)`` points to.  Only a date with its year can be the
    release's date: ``วันนี้ (28 ธ.ค.)`` has nothing to take a year from, so it stays a
    year-less mention (flagged ``date_without_year`` by the stage)."""
    lines = lines_of(folded)
    for m in mentions:
        if m.day is None or m.year is None:
            continue
        if lines.number(m.start) > 8:
            continue
        before, after = lines.start(m.start), lines.end(m.end)
        if m.start - before + after - m.end > 40:
            continue  # more than a date's decoration on the line
        if not (folded[before : m.start] + folded[m.end : after]).strip(" .,:-*"):
            return m
    for m in mentions:
        if m.relative == "วันนี้" and m.day is not None and m.year is not None:
            return m
    return None


def _check_dateline(doc, items: list[tuple[Mention, dict]], doc_mention: Mention | None) -> None:
    """The dateline and the date วันนี้ points to should agree (a release posted the
    next day is common: a day or two apart is only worth an info note)."""
    if doc_mention is None:
        return
    doc_item = next(item for m, item in items if m is doc_mention)
    doc_day = dt.date.fromisoformat(doc_item["date"])
    for m, item in items:
        if m.relative != "วันนี้" or m is doc_mention or m.day is None or item["date"] == doc_item["date"]:
            continue
        apart = abs((dt.date.fromisoformat(item["date"]) - doc_day).days)
        item["flags"].append("dateline_conflict")
        add_flag(doc, "dateline_conflict",
                 f"'{item['text']}' is called today (วันนี้) but the release is dated {doc_item['date']} "
                 f"({apart} day{'s' if apart != 1 else ''} apart)",
                 severity="info" if apart <= 2 else "warning", span=item["span"], item=item["id"])


def _fiscal_years(doc, folded: str, g: Grammar) -> None:
    st = state(doc)
    doc_be = None
    if st.get("document_date"):
        d = dt.date.fromisoformat(st["document_date"]["date"][:7] + "-01")
        doc_be = ce_to_be(d.year, d.month)
    for f in g.fiscal.finditer(folded):
        if excluded(doc, f.start()):
            continue
        first = _fiscal_be(f.group("fy"), doc_be)
        last = _fiscal_be(f.group("fy2"), doc_be) if f.group("fy2") else first
        try:
            start, _ = fiscal_year(first)
            _, end = fiscal_year(last)
        except NoSuchDate:
            continue
        add_item(doc, "fiscal_years", {
            "span": [f.start(), f.end()], "year_be": first, "start": start.isoformat(), "end": end.isoformat(),
        })


def _fiscal_be(digits: str, doc_be: int | None) -> int:
    year = int(digits)
    if len(digits) == 2:
        if doc_be:
            return min((c + year for c in (2400, 2500, 2600)), key=lambda y: abs(y - doc_be))
        return 2500 + year
    return year if year > 2200 else year + 543
