"""Clock times: ``13.30 น.``, ``13:30 น.``, ``เวลา 09.00 - 12.00 น.``, ``๑๓.๓๐ น.``
(Thai digits folded), ``เวลา 9 นาฬิกา``, and spoken times that PyThaiNLP's
``thaiword_to_time`` reads (``บ่ายโมงครึ่ง``).  Each time is attached to the date it
belongs to: the nearest date before it in the same sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from pythainlp.util import thaiword_to_time
from spacy.tokens import Doc

from pipeline.document import add_item, items, state
from pipeline.layout import excluded
from pipeline.registry import stage

from .phrases import Intervals

_HM = r"(?P<{h}>[01]?\d|2[0-3])[.:](?P<{m}>[0-5]\d)"
_CLOCK = re.compile(
    r"(?<![\d.,:/])"
    r"(?:(?P<lead>เวลา)[ ]*)?"
    + _HM.format(h="h", m="m")
    + r"(?:[ ]*(?:[-–—]|ถึง)[ ]*(?:เวลา[ ]*)?" + _HM.format(h="h2", m="m2") + r")?"
    + r"(?![\d.,:/]\d)"
    + r"(?P<unit>[ ]*(?:น\.|นาฬิกา|น(?![\u0e01-\u0e4e])))?"
)
_HOUR_ONLY = re.compile(r"(?:เวลา[ ]*)?(?<![\d.,:])(?P<h>[01]?\d|2[0-3])[ ]*นาฬิกา")
# spoken times, as whole words: บ่ายโมงครึ่ง, สิบโมงเช้า, สองทุ่ม, ตีห้า, เที่ยงวัน.  A
# qualifier is required (PyThaiNLP reads a bare "สิบเอ็ดโมง" as 22:00).
_NUMBER = "สิบเอ็ด|สิบสอง|สิบ|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า"
_SPOKEN = re.compile(
    rf"(?:บ่าย(?:{_NUMBER})?โมง|(?:{_NUMBER})โมง(?:เช้า|เย็น)|(?:{_NUMBER})ทุ่ม|ตี(?:{_NUMBER}))(?:ครึ่ง)?"
    r"|เที่ยงวัน|เที่ยงคืน"
)


@stage("times", after=("dates",))
def extract_times(doc: Doc) -> None:
    """Times of day, 24-hour ``HH:MM``; ranges with ``end``."""
    st = state(doc)
    folded = st["folded"]
    found: list[dict] = []
    taken = Intervals()
    for m in _clock_matches(folded):
        if excluded(doc, m.start()):
            continue
        # "13.30" alone could be a decimal: a time needs เวลา before it or น./นาฬิกา after it
        if not m.group("lead") and not m.group("unit"):
            continue
        item = {"span": [m.start(), m.end()], "time": f"{int(m.group('h')):02d}:{m.group('m')}"}
        if m.group("h2"):
            item["end"] = f"{int(m.group('h2')):02d}:{m.group('m2')}"
        found.append(item)
        taken.add(m.start(), m.end())
    for m in (_HOUR_ONLY.finditer(folded) if "นาฬิกา" in folded else ()):
        if excluded(doc, m.start()) or taken.overlaps(m.start(), m.end()):
            continue
        found.append({"span": [m.start(), m.end()], "time": f"{int(m.group('h')):02d}:00"})
        taken.add(m.start(), m.end())
    for m in (_SPOKEN.finditer(folded) if _SPOKEN_HINT.search(folded) else ()):
        word = m.group()
        if excluded(doc, m.start()) or taken.overlaps(m.start(), m.end()):
            continue
        if doc.char_span(m.start(), m.end()) is None:
            continue  # inside a longer word (แขวงกะทุ่มราย)
        try:
            value = thaiword_to_time(word)
        except (ValueError, KeyError, IndexError):
            continue
        found.append({"span": [m.start(), m.end()], "time": value, "spoken": True})
    found.sort(key=lambda it: it["span"][0])
    _attach_dates(doc, found)
    for item in found:
        item.pop("spoken", None)
        add_item(doc, "times", item)


_ANCHOR = re.compile(r"\d[.:][0-5]\d")
_SPOKEN_HINT = re.compile("โมง|ทุ่ม|เที่ยง")


def _clock_matches(folded: str):
    """Clock times, tried only near H.MM / H:MM (faster than the full pattern everywhere)."""
    last_end = 0
    for a in _ANCHOR.finditer(folded):
        if a.start() < last_end:
            continue
        m = _CLOCK.search(folded, max(last_end, a.start() - 8), a.end() + 30)
        if m is not None and m.start() <= a.start() < m.end():
            last_end = m.end()
            yield m


def _attach_dates(doc: Doc, times: list[dict]) -> None:
    """Each time belongs to the nearest date before it in the same sentence."""
    dates = [d for d in items(doc, "dates") if not d.get("relative") or d.get("date")]
    starts = [d["span"][0] for d in dates]
    sentences = state(doc)["sentences"]
    sent_starts = [s for s, _ in sentences]
    for t in times:
        pos = t["span"][0]
        i = bisect_right(starts, pos) - 1
        if i < 0:
            continue
        si = bisect_right(sent_starts, pos) - 1
        sent_start = sentences[si][0] if si >= 0 else 0
        if dates[i]["span"][0] >= sent_start and pos - dates[i]["span"][1] < 80:
            t["date_id"] = dates[i]["id"]
