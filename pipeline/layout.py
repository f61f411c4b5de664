"""Layout: the lines of a release and the zones extractors must not count.

* ``site_title`` - a line a web site adds in front of the release
  (``รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-<headline>``), prefixes in ``data/layout.json``;
* ``duplicate`` - a line that repeats an earlier line word for word (web pages often
  print the headline two or three times);
* ``source_line`` - a trailing ``ที่มา : <url>`` attribution.

Extractors skip what lies in these zones (:func:`excluded`).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from .document import state, text as doc_text
from .registry import stage

_URL = re.compile(r"https?://\S+")


@lru_cache(maxsize=1)
def _data() -> dict:
    with resources.files("pipeline").joinpath("data/layout.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@stage("layout")
def find_layout(doc: Doc) -> None:
    """Lines and excluded zones."""
    st = state(doc)
    text = doc_text(doc)
    data = _data()
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append([pos, pos + len(line)])
        pos += len(line) + 1
    zones = []
    seen: set[str] = set()
    first_content = True
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            continue
        if first_content and any(line.startswith(p) for p in data["site_title_prefixes"]):
            zones.append({"kind": "site_title", "span": [start, end]})
        elif any(line.startswith(p) for p in data["source_line_prefixes"]) and _URL.search(line):
            zones.append({"kind": "source_line", "span": [start, end]})
        elif line in seen and len(line) > 10:
            zones.append({"kind": "duplicate", "span": [start, end]})
        first_content = False
        seen.add(line)
    st["layout"] = {"lines": lines, "zones": zones}
    st["excluded"] = sorted(z["span"] for z in zones)


def excluded(doc: Doc, pos: int) -> bool:
    """True when offset ``pos`` lies in a zone extractors do not count."""
    spans = state(doc).get("excluded") or []
    i = bisect_right(spans, [pos, float("inf")]) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def source_url(doc: Doc) -> str | None:
    text = doc_text(doc)
    for z in state(doc)["layout"].get("zones", []):
        if z["kind"] == "source_line":
            m = _URL.search(text, z["span"][0], z["span"][1])
            if m:
                return m.group()
    return None
