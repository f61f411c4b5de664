"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of analysed documents.

One item per document: ``id`` is the document's path inside the batch (stable when the
file is re-analysed), ``content_text`` its text, ``date_published`` its own date in
RFC 3339 (Bangkok time), and the structured data under the extension key ``_thaipress``.
"""

from __future__ import annotations

import json

FEED_VERSION = "https://jsonfeed.org/version/1.1"
#: Output fields carried in each item's extension object.
STRUCTURED = (
    "source", "title", "document_date", "people", "organizations", "places", "dates", "times",
    "venues", "resolutions", "events", "fiscal_years", "flags",
)


def rfc3339(iso_date: str) -> str:
    """``2022-01-21`` (or ``2022-01``) -> ``2022-01-21T00:00:00+07:00``."""
    if len(iso_date) == 7:
        iso_date += "-01"
    return f"{iso_date}T00:00:00+07:00"


def feed_item(doc: dict) -> dict:
    source = doc.get("source") or {}
    item = {
        "id": source.get("path") or f"sha256:{source.get('sha256')}",
        "content_text": doc["text"],
    }
    if source.get("url"):
        item["url"] = source["url"]
    if doc.get("title"):
        item["title"] = doc["title"]["text"]
    if doc.get("document_date"):
        item["date_published"] = rfc3339(doc["document_date"]["date"])
    tags = sorted({o["name"] for o in doc.get("organizations", [])})[:20]
    if tags:
        item["tags"] = tags
    item["language"] = "th"
    item["_thaipress"] = {"schema_version": doc["schema_version"], **{k: doc.get(k) for k in STRUCTURED if k in doc}}
    return item


def feed_head(title: str) -> dict:
    return {
        "version": FEED_VERSION,
        "title": title,
        "description": "Thai press releases analysed by thaipress: people, organizations, places, dates, venues, resolutions.",
        "language": "th",
    }


def build_feed(documents: list[dict], *, title: str) -> dict:
    return {**feed_head(title), "items": [feed_item(d) for d in documents]}


class FeedWriter:
    """Writes a feed to a text file one item at a time (an archive's feed may hold more
    documents than fit in memory); the result is the JSON of :func:`build_feed`."""

    def __init__(self, fh, *, title: str):
        self.fh = fh
        head = json.dumps(feed_head(title), ensure_ascii=False, indent=1)
        fh.write(head[:-2] + ',\n "items": [')
        self.count = 0

    def add(self, doc: dict) -> None:
        self.fh.write(("," if self.count else "") + "\n  " + json.dumps(feed_item(doc), ensure_ascii=False))
        self.count += 1

    def close(self) -> None:
        self.fh.write("\n ]\n}\n")
