"""HTML pages people can read: one per document, and an index of a batch.

A document's page shows its text with every person, body, place, date, time and
venue highlighted by kind (displaCy's entity style), each flag beside the date it
concerns, and a side panel with the structured fields.  The index lists documents with
their date, title, number of people and flags, sortable by any column.  Pages are
self-contained: styles, the Thai web font (Sarabun, ``data/render/fonts/``, as data:
URLs) and the few lines of script are inline, nothing is fetched.  A range shows whole
in the panel (8 - 28 ม.ค.: 2022-01-08 – 2022-01-28; 08.30 - 16.30 น.: 08:30 – 16:30).
"""

from __future__ import annotations

import base64
import html
import re
from bisect import bisect_left
from functools import lru_cache
from importlib import resources
from typing import Iterable

from spacy import displacy

from .spans import ENT_LABELS, SPAN_ONLY_LABELS, item_spans

#: colour and Thai name of each entity label (displaCy's palette where it has the label)
LABELS = {
    "PERSON": ("#aa9cfc", "บุคคล"),
    "ORG": ("#7aecec", "หน่วยงาน"),
    "LOC": ("#ff9561", "สถานที่"),
    "DATE": ("#bfe1d9", "วันที่"),
    "TIME": ("#e4e7d2", "เวลา"),
    "VENUE": ("#feca74", "สถานที่ประชุม"),
}
FLAGGED_DATE = "#ff8197"

# displaCy's entity template with the item id, a tooltip and the flags after the mark
# (displaCy passes an entity's "params" to the template)
ENT_TEMPLATE = (
    '<mark class="entity" data-item="{item_id}" data-label="{label}" title="{tooltip}" '
    'style="background: {bg}; padding: 0.25em 0.45em; margin: 0 0.15em; line-height: 1; border-radius: 0.35em;">'
    '{text}<span class="tp-label">{label}</span></mark>{flags}'
)


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _asset(name: str) -> str:
    return resources.files("pipeline").joinpath(f"data/render/{name}").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def font_faces() -> str:
    """``fonts/fonts.css`` with each font file it names inlined as a data: URL."""
    fonts = resources.files("pipeline").joinpath("data/render/fonts")

    def inline(m: re.Match) -> str:
        data = base64.b64encode(fonts.joinpath(m.group(1)).read_bytes()).decode("ascii")
        return f"url(data:font/woff2;base64,{data})"

    return re.sub(r"url\(([\w.-]+\.woff2)\)", inline, fonts.joinpath("fonts.css").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def style() -> str:
    return font_faces() + _asset("style.css")


def span_of(start: str | None, end: str | None) -> str:
    """A value, or a range written whole: ``2022-01-08 – 2022-01-28``."""
    return f"{start} – {end}" if start and end else start or ""


# -- one document ---------------------------------------------------------------------------
def non_overlapping(spans: Iterable) -> list:
    """Longest first, then earliest; spans that overlap a kept one are dropped."""
    kept_starts: list[int] = []
    kept: list = []
    for sp in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        i = bisect_left(kept_starts, sp.start)
        if i > 0 and kept[i - 1].end > sp.start:
            continue
        if i < len(kept) and kept[i].start < sp.end:
            continue
        kept_starts.insert(i, sp.start)
        kept.insert(i, sp)
    return kept


def _tooltip(kind: str, item: dict) -> str:
    if kind == "people":
        return " · ".join(x for x in (item.get("name"), item.get("position"), ", ".join(item.get("roles") or [])) if x)
    if kind == "dates":
        return span_of(item.get("date"), item.get("end"))
    if kind == "times":
        return span_of(item.get("time"), item.get("end"))
    if kind == "venues":
        parts = [item.get("room"), item.get("floor") and f"ชั้น {item['floor']}", item.get("building"), item.get("platform")]
        return " · ".join(p for p in parts if p)
    return item.get("name") or ""


def _flag_badges(flags: list[dict]) -> str:
    out = []
    for f in flags:
        hint = f" → {f['suggested']}" if f.get("suggested") else ""
        out.append(
            f'<span class="tp-flag tp-{_e(f.get("severity"))}" data-flag="{_e(f["code"])}" title="{_e(f["message"])}">'
            f"⚑ {_e(f['code'])}{_e(hint)}</span>"
        )
    return "".join(out)


def text_markup(doc: dict) -> str:
    """The document's text as displaCy entity markup, flags beside their items."""
    items = {it["id"]: (kind, it) for kind in (*ENT_LABELS, *SPAN_ONLY_LABELS) for it in doc.get(kind, [])}
    flags_of: dict[str, list[dict]] = {}
    for f in doc.get("flags", []):
        if f.get("item"):
            flags_of.setdefault(f["item"], []).append(f)
    ents, flagged_shown = [], set()
    for sp in non_overlapping(s for s in item_spans(doc) if s.label in LABELS):
        kind, item = items[sp.item_id]
        flags = flags_of.get(sp.item_id, []) if sp.item_id not in flagged_shown else []
        if flags:
            flagged_shown.add(sp.item_id)  # beside the item's first mention
        ents.append({
            "start": sp.start, "end": sp.end, "label": sp.label,
            "params": {"item_id": _e(sp.item_id), "tooltip": _e(_tooltip(kind, item)), "flags": _flag_badges(flags)},
        })
    colors = {label: color for label, (color, _) in LABELS.items()}
    colors["DATE ⚑"] = FLAGGED_DATE
    for ent in ents:
        if ent["label"] == "DATE" and ent["params"]["flags"]:
            ent["label"] = "DATE ⚑"
    return displacy.render(
        {"text": doc["text"], "ents": ents, "title": None},
        style="ent", manual=True, page=False, minify=True,
        options={"colors": colors, "template": ENT_TEMPLATE, "ents": list(colors)},
    )


def _table(headers: list[str], rows: list[list[str]], *, ids: list[str] | None = None) -> str:
    if not rows:
        return '<p class="tp-none">—</p>'
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for n, row in enumerate(rows):
        attr = f' data-item="{_e(ids[n])}"' if ids else ""
        body.append(f"<tr{attr}>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _joined(values) -> str:
    return ", ".join(values or [])


#: the panel's tables: (list in the JSON, heading, [(column, value of an item)]);
#: values are plain text, escaped when shown; a row links to its item (a flag, to the
#: item it concerns) by ``data-item``
PANEL = [
    ("flags", "ข้อสังเกต · Flags", [
        ("", lambda f: "⚑"), ("code", lambda f: f["code"]), ("message", lambda f: f["message"]),
    ]),
    ("people", "บุคคล · People", [
        ("name", lambda p: p["name"]), ("title", lambda p: p.get("honorific")), ("position", lambda p: p.get("position")),
        ("organization", lambda p: p.get("organization")), ("roles", lambda p: _joined(p.get("roles"))),
    ]),
    ("organizations", "หน่วยงาน · Organizations", [
        ("name", lambda o: o["name"]), ("abbr.", lambda o: o.get("abbreviation")), ("kind", lambda o: o.get("kind")),
        ("mentions", lambda o: len(o.get("mentions") or [])),
    ]),
    ("places", "สถานที่ · Places", [("name", lambda p: p["name"]), ("kind", lambda p: p.get("kind"))]),
    ("dates", "วันที่ · Dates", [
        ("as written", lambda d: d["text"]), ("date (CE)", lambda d: span_of(d.get("date"), d.get("end"))),
        ("flags", lambda d: _joined(d.get("flags"))),
    ]),
    ("times", "เวลา · Times", [
        ("as written", lambda t: t["text"]), ("time", lambda t: span_of(t.get("time"), t.get("end"))),
    ]),
    ("venues", "สถานที่ประชุม · Venues", [
        ("room", lambda v: v.get("room")), ("floor", lambda v: v.get("floor")), ("building", lambda v: v.get("building")),
        ("online", lambda v: v.get("platform") or ("online" if v.get("online") else "")),
    ]),
    ("resolutions", "มติ · Resolutions", [("kind", lambda r: r.get("kind")), ("decision", lambda r: r["text"])]),
    ("events", "กิจกรรม · Events", [
        ("kind", lambda e: e.get("kind")), ("name", lambda e: e.get("name") or e["text"]), ("number", lambda e: e.get("number")),
    ]),
]


def panel(doc: dict) -> str:
    """The structured fields, section by section."""
    dd = doc.get("document_date")
    src = doc.get("source") or {}
    facts = [
        ("ไฟล์ / file", src.get("path") or "—"),
        ("encoding", src.get("encoding")),
        ("วันที่ของข่าว / date", f"{dd['date']} ({dd['text']})" if dd else "—"),
    ]
    if src.get("url"):
        facts.append(("url", src["url"]))
    sections = [("เอกสาร · Document", "<dl>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts) + "</dl>")]
    for kind, heading, columns in PANEL:
        found = doc.get(kind, [])
        rows = [[_e(value(it)) for _, value in columns] for it in found]
        ids = [it.get("id") or it.get("item") or "" for it in found]
        sections.append((f"{heading} ({len(found)})", _table([h for h, _ in columns], rows, ids=ids)))
    return "".join(f"<section><h2>{_e(h)}</h2>{body}</section>" for h, body in sections)


def legend() -> str:
    return "".join(
        f'<span class="tp-key" style="background:{color}">{label} {_e(thai)}</span>'
        for label, (color, thai) in LABELS.items()
    ) + f'<span class="tp-key" style="background:{FLAGGED_DATE}">DATE ⚑ มีข้อสังเกต</span>'


def render_document(doc: dict, *, index_href: str | None = None) -> str:
    """A self-contained HTML page for one output document."""
    title = (doc.get("title") or {}).get("text") or (doc.get("source") or {}).get("path") or "thaipress"
    back = f'<a class="tp-back" href="{_e(index_href)}">← index</a>' if index_href else ""
    return _asset("document.html").format(
        title=_e(title),
        back=back,
        legend=legend(),
        text=text_markup(doc),
        panel=panel(doc),
        style=style(),
        script=_asset("document.js"),
        version=_e(doc.get("pipeline", {}).get("version")),
    )


# -- a batch --------------------------------------------------------------------------------
def index_row(doc: dict, href: str) -> dict:
    """What the index shows of one document (kept small: the batch collects these)."""
    dd = doc.get("document_date") or {}
    return {
        "href": href,
        "path": (doc.get("source") or {}).get("path") or href,
        "date": dd.get("date") or "",
        "title": (doc.get("title") or {}).get("text") or "",
        "people": len(doc.get("people", [])),
        "flags": [f["code"] for f in doc.get("flags", [])],
    }


def render_index(rows: list[dict], *, title: str = "thaipress") -> str:
    """The batch's index.html: one row per document, sortable by any column."""
    body = []
    for r in rows:
        flags = ", ".join(r["flags"])
        body.append(
            "<tr>"
            f'<td data-sort="{_e(r["date"])}">{_e(r["date"]) or "—"}</td>'
            f'<td data-sort="{_e(r["title"])}"><a href="{_e(r["href"])}">{_e(r["title"]) or _e(r["path"])}</a></td>'
            f'<td data-sort="{_e(r["path"])}"><code>{_e(r["path"])}</code></td>'
            f'<td data-sort="{r["people"]:06d}" class="tp-num">{r["people"]}</td>'
            f'<td data-sort="{len(r["flags"]):06d}">{_e(flags) or "—"}</td>'
            "</tr>"
        )
    return _asset("index.html").format(
        title=_e(title), rows="".join(body), count=len(rows), style=style(), script=_asset("index.js"),
    )
