"""The title: the release's headline line, kept apart from the body.

The first line near the top that is neither only a date (the dateline, "22/11/2567")
nor excluded (a site's title, a repeated line), if it reads like a headline: not a
paragraph opening with วันนี้ or a date, not longer than a headline.  A line that the
site's title line names as the headline is one, whatever it opens with (วันนี้ สธ.
ลงนาม Pfizer ..., ในวันที่ ...).  For HTML the page's first line is its first heading,
before or after the date line.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.document import state
from pipeline.layout import excluded, site_headline
from pipeline.registry import stage

_PARAGRAPH_OPENING = re.compile(r"^(?:วันนี้|เมื่อวัน|ในวัน|วันที่|เมื่อ)")
MAX_TITLE = 400


@stage("title", after=("dates",))
def find_title(doc: Doc) -> None:
    """The headline line: ``title`` (and ``title_span`` for the stages that read it)."""
    st = state(doc)
    text = st["text"]
    dates = [d["span"] for d in st["items"].get("dates", [])]
    lines = [(s, e) for s, e in st["layout"]["lines"] if text[s:e].strip()]
    named = site_headline(doc)
    for s, e in lines[:6]:
        line = text[s:e]
        if excluded(doc, s) or _only_dates(line, s, dates):
            continue  # a site's title, a repeated line, the dateline
        if line.strip() != named and (e - s > MAX_TITLE or _PARAGRAPH_OPENING.match(line)):
            return  # the body begins: no headline
        st["title"] = {"text": line, "span": [s, e]}
        st["title_span"] = [s, e]
        return


def _only_dates(line: str, start: int, dates: list[list[int]]) -> bool:
    """A line that holds nothing but dates (the dateline, "22/11/2567")."""
    end = start + len(line)
    pos = start
    found = False
    for s, e in sorted(d for d in dates if start <= d[0] and d[1] <= end):
        if line[pos - start : s - start].strip(" .,:-*"):
            return False
        pos, found = max(pos, e), True
    return found and not line[pos - start :].strip(" .,:-*")
