"""One thaipress JSON document -> the rows of the archive's tables, in a portable form:
every reference across releases is a key (the release's path, a person's or body's
identity key), not a number, so that the same rows go into SQLite
(:mod:`pipeline.archive.load` turns keys into ids) and into Parquet files written by
any number of machines (:mod:`pipeline.archive.parquet`).

A person, body or place appears once per release in the JSON (its later mentions
inside it); here each is one *mention* row: that release's view of it (post,
organization, roles, as written).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, TypedDict

import msgspec

from .identity import given_key, organization_key, person_key, text_key

KNOWN_SCHEMA_VERSIONS = ("1.0",)

# column names of each table's rows, in order (the Parquet columns; SQLite's add ids)
COLUMNS: dict[str, tuple[str, ...]] = {
    "releases": (
        "release", "source_path", "source_sha256", "source_url", "encoding", "media_type", "title", "date",
        "year", "schema_version", "pipeline_version", "text",
    ),
    "person_mentions": (
        "release", "person_key", "given_key", "has_family_name", "item_id", "name", "honorific", "position",
        "post_key", "organization", "organization_key", "roles", "chair", "start", "end", "found_by",
    ),
    "organization_mentions": (
        "release", "organization_key", "item_id", "name", "text", "kind", "abbreviation", "parent", "start", "end",
    ),
    "organization_aliases": ("release", "organization_key", "alias", "alias_key"),
    "place_mentions": ("release", "place_key", "item_id", "name", "text", "kind", "start", "end"),
    "dates": (
        "release", "item_id", "text", "date", "end_date", "year_written", "era", "told_as", "flags", "start", "end",
    ),
    "venues": (
        "release", "item_id", "text", "room", "floor", "building", "place", "online", "platform", "event_item_id",
        "start", "end",
    ),
    "events": (
        "release", "item_id", "kind", "name", "number", "date", "time", "chair_item_id", "chair_person_key", "text",
        "start", "end",
    ),
    "resolutions": (
        "release", "item_id", "text", "kind", "verb", "body", "body_key", "event_item_id", "date", "start", "end",
    ),
    "flags": ("release", "code", "severity", "message", "item_id", "start", "end", "suggested"),
}


# -- what the archive reads of a document: msgspec decodes these fields only (the rest of
# the JSON, sentences and raw spans, is skipped unread: twice as fast as json.loads)
# and checks their types; a field the project's schema requires and the rows need is
# required here too.
class _Pipeline(TypedDict, total=False):
    name: str
    version: str


class _Source(TypedDict, total=False):
    path: Optional[str]
    sha256: str
    url: str
    encoding: str
    media_type: str


class _Title(TypedDict, total=False):
    text: str


class _Item(TypedDict):
    id: str


class _Date(_Item, total=False):
    text: str
    date: str
    end: str
    year_written: Optional[str]
    era: Optional[str]
    told_as: str
    flags: List[str]
    span: List[int]


class _Named(_Item):
    name: str


class _Person(_Named, total=False):
    given_name: str
    family_name: Optional[str]
    honorific: Optional[str]
    position: Optional[str]
    organization: Optional[str]
    organization_id: Optional[str]
    roles: List[str]
    span: List[int]
    found_by: str


class _Organization(_Named, total=False):
    text: str
    kind: str
    abbreviation: Optional[str]
    parent: Optional[str]
    aliases: List[str]
    span: List[int]


class _Place(_Named, total=False):
    text: str
    kind: str
    span: List[int]


class _Time(_Item, total=False):
    time: str


class _Venue(_Item, total=False):
    text: str
    room: Optional[str]
    floor: Optional[str]
    building: Optional[str]
    place: Optional[str]
    online: bool
    platform: Optional[str]
    event_id: Optional[str]
    span: List[int]


class _Resolution(_Item, total=False):
    text: str
    kind: str
    verb: Optional[str]
    body: Optional[str]
    body_id: Optional[str]
    event_id: Optional[str]
    span: List[int]


class _Event(_Item, total=False):
    text: str
    kind: str
    name: Optional[str]
    number: Optional[str]
    date_id: Optional[str]
    time_id: Optional[str]
    chair_id: Optional[str]
    span: List[int]


class _Flag(TypedDict, total=False):
    code: str
    severity: str
    message: str
    item: str
    span: Optional[List[int]]
    suggested: str


class _Document(TypedDict):
    schema_version: str
    pipeline: _Pipeline
    source: _Source
    text: str


class _Release(_Document, total=False):
    title: Optional[_Title]
    document_date: Optional[_Date]
    people: List[_Person]
    organizations: List[_Organization]
    places: List[_Place]
    dates: List[_Date]
    times: List[_Time]
    venues: List[_Venue]
    resolutions: List[_Resolution]
    events: List[_Event]
    flags: List[_Flag]


_decoder = msgspec.json.Decoder(_Release)


class NotADocument(ValueError):
    """The bytes are no thaipress JSON output the archive can read (the reason)."""


def decode_document(data: bytes) -> dict:
    """What the archive reads of a thaipress JSON output (dicts and lists, like
    ``json.loads`` gives, without the fields it does not read)."""
    try:
        doc = _decoder.decode(data)
    except msgspec.ValidationError as exc:
        raise NotADocument(f"not a thaipress document ({exc})") from None
    except msgspec.DecodeError as exc:
        raise NotADocument(f"not JSON ({exc})") from None
    if doc["pipeline"].get("name") != "thaipress":
        raise NotADocument("not a thaipress document (no thaipress pipeline in it)")
    if doc["schema_version"] not in KNOWN_SCHEMA_VERSIONS:
        raise NotADocument(f"JSON schema version {doc['schema_version']} is not one this thaipress reads "
                           f"({', '.join(KNOWN_SCHEMA_VERSIONS)})")
    return doc


@dataclass
class DocumentRows:
    """The rows of one release, by table (tuples in :data:`COLUMNS` order)."""

    release: str
    year: int | None
    tables: dict[str, list[tuple]] = field(default_factory=dict)


def release_date(doc: dict) -> str | None:
    dd = doc.get("document_date")
    return dd.get("date") if dd else None


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date else None


def _span(item: dict) -> tuple[int | None, int | None]:
    span = item.get("span")
    return (span[0], span[1]) if span else (None, None)


def document_rows(doc: dict, release: str) -> DocumentRows:
    """The rows of ``doc``, filed under the release name ``release`` (its output path)."""
    source = doc.get("source") or {}
    date = release_date(doc)
    year = _year(date)
    title = doc.get("title")
    t: dict[str, list[tuple]] = {name: [] for name in COLUMNS}
    t["releases"].append((
        release, source.get("path"), source.get("sha256"), source.get("url"), source.get("encoding"),
        source.get("media_type"), title.get("text") if title else None, date, year,
        doc.get("schema_version"), (doc.get("pipeline") or {}).get("version"), doc.get("text", ""),
    ))

    orgs = {o["id"]: o for o in doc.get("organizations", ())}
    org_keys = {oid: organization_key(o["name"]) for oid, o in orgs.items()}
    for oid, o in orgs.items():
        key = org_keys[oid]
        start, end = _span(o)
        t["organization_mentions"].append((
            release, key, oid, o["name"], o.get("text"), o.get("kind"), o.get("abbreviation"), o.get("parent"),
            start, end,
        ))
        seen = {key}
        for alias in o.get("aliases") or ():
            akey = organization_key(alias)
            if akey and akey not in seen:
                seen.add(akey)
                t["organization_aliases"].append((release, key, alias, akey))

    people_keys = {}
    for p in doc.get("people", ()):
        key = person_key(p["name"])
        people_keys[p["id"]] = key
        start, end = _span(p)
        roles = p.get("roles") or []
        org_id = p.get("organization_id")
        org = p.get("organization")
        t["person_mentions"].append((
            release, key, given_key(p.get("given_name") or p["name"]), bool(p.get("family_name")), p["id"],
            p["name"], p.get("honorific"), p.get("position"), text_key(p["position"]) if p.get("position") else None,
            org, org_keys.get(org_id) or (organization_key(org) if org else None), ",".join(roles), "chair" in roles,
            start, end, p.get("found_by"),
        ))

    for pl in doc.get("places", ()):
        start, end = _span(pl)
        t["place_mentions"].append((release, text_key(pl["name"]), pl["id"], pl["name"], pl.get("text"), pl.get("kind"),
                                    start, end))

    dates = {}
    for d in doc.get("dates", ()):
        dates[d["id"]] = d.get("date")
        start, end = _span(d)
        t["dates"].append((
            release, d["id"], d.get("text"), d.get("date"), d.get("end"), d.get("year_written"), d.get("era"),
            d.get("told_as"), ",".join(d.get("flags") or ()), start, end,
        ))
    dd = doc.get("document_date")
    if dd and dd.get("id") not in dates:
        dates[dd.get("id")] = dd.get("date")
    times = {tm["id"]: tm.get("time") for tm in doc.get("times", ())}

    for v in doc.get("venues", ()):
        start, end = _span(v)
        t["venues"].append((
            release, v["id"], v.get("text"), v.get("room"), v.get("floor"), v.get("building"), v.get("place"),
            bool(v.get("online")), v.get("platform"), v.get("event_id"), start, end,
        ))

    event_dates = {}
    for e in doc.get("events", ()):
        start, end = _span(e)
        edate = dates.get(e.get("date_id")) or date
        event_dates[e["id"]] = edate
        chair = e.get("chair_id")
        t["events"].append((
            release, e["id"], e.get("kind"), e.get("name"), e.get("number"), edate, times.get(e.get("time_id")),
            chair, people_keys.get(chair), e.get("text"), start, end,
        ))

    for r in doc.get("resolutions", ()):
        start, end = _span(r)
        body_id = r.get("body_id")
        body = r.get("body")
        event = r.get("event_id")
        t["resolutions"].append((
            release, r["id"], r.get("text"), r.get("kind"), r.get("verb"), body,
            org_keys.get(body_id) or (organization_key(body) if body else None), event,
            event_dates.get(event) or date, start, end,
        ))

    for f in doc.get("flags", ()):
        start, end = _span(f)
        t["flags"].append((release, f.get("code"), f.get("severity"), f.get("message"), f.get("item"), start, end,
                           f.get("suggested")))
    return DocumentRows(release=release, year=year, tables=t)
