"""Layout: the lines of a release and the zones extractors must not count.

* ``site_title`` - a line a web site adds in front of the release
  (``รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-<headline>``), prefixes in ``data/layout.json``;
* ``duplicate`` - a line that repeats an earlier line word for word (web pages often
  print the headline two or three times);
* ``source_line`` - a trailing ``ที่มา : <url>`` attribution;
* ``address`` - a URL, an e-mail address or a file name anywhere in the text: their
  digits are slugs and numbers, not dates or times (``.../726-2565-12-18-2564-57``).

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
def _address_ends() -> re.Pattern:
    """What ends an address: a URL (with a scheme or www., up to white space or Thai
    text), the domain of an e-mail address, a file name's extension (data/layout.json).
    E-mail addresses and file names are found from their '@' or extension back to the
    start of their word, so no pattern runs over a long word from every position."""
    exts = "|".join(map(re.escape, _data()["file_extensions"]))
    return re.compile(
        r"(?P<url>(?:https?://|www\.)[^\s\u0e00-\u0e7f]+)"
        r"|@[\w-]+(?:\.[\w-]+)+"
        rf"|\.(?:{exts})\b",
        re.IGNORECASE,
    )


def _addresses(text: str):
    for m in _address_ends().finditer(text):
        start = m.start()
        if not m.group("url"):
            while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "<>\"'(":
                start -= 1
        yield [start, m.end()]


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
    zones.extend({"kind": "address", "span": span} for span in _addresses(text))
    st["layout"] = {"lines": lines, "zones": zones}
    st["excluded"] = _merged(z["span"] for z in zones)


def _merged(spans) -> list[list[int]]:
    """Sorted, non-overlapping spans (an address inside an excluded line is one zone)."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out


def excluded(doc: Doc, pos: int) -> bool:
    """True when offset ``pos`` lies in a zone extractors do not count."""
    spans = state(doc).get("excluded") or []
    i = bisect_right(spans, [pos, float("inf")]) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def site_headline(doc: Doc) -> str | None:
    """The headline a site's title line names (``รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-<headline>``)."""
    text = doc_text(doc)
    for z in state(doc)["layout"].get("zones", []):
        if z["kind"] == "site_title":
            line = text[z["span"][0] : z["span"][1]]
            prefix = next((p for p in _data()["site_title_prefixes"] if line.startswith(p)), "")
            return line[len(prefix):].strip() or None
    return None


def source_url(doc: Doc) -> str | None:
    text = doc_text(doc)
    for z in state(doc)["layout"].get("zones", []):
        if z["kind"] == "source_line":
            m = _URL.search(text, z["span"][0], z["span"][1])
            if m:
                return m.group()
    return None
