"""``thaipress archive OUT_DIR -d archive.sqlite``: a batch's output into the archive.

Incremental and safe:

* an output whose file (size, modification time) did not change since the last load is
  not read; one that changed is read, and loaded again only when its bytes did (the
  SHA-256 of the output, which changes with the input's bytes and with the pipeline
  that wrote it); a release keeps its ``release_id`` when it is loaded again;
* a release whose output is gone is removed, with its mentions and index entries;
* people, bodies and places no release mentions any more are removed;
* the whole load is one transaction: a load that is killed leaves the database as the
  last finished load left it.

Outputs that are not thaipress documents (``feed.json``, ``report.json``, or a JSON the
schema refuses) are reported as skipped, never loaded half.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .. import __version__
from ..errors import ThaiPressError
from . import fulltext
from .identity import near_duplicates
from .rows import NotADocument, decode_document, document_rows
from .schema import open_archive

COLLECTION_FILES = {"feed.json", "report.json"}  # what batch writes beside the documents
FLUSH_EVERY = 500  # releases between two executemany rounds
# a load that adds or changes this many releases, and more than the archive holds, drops
# the indexes that questions use and builds them again at its end (inside the same
# transaction): sorting once is cheaper than inserting each row in a large index
BULK_LOAD = 2000
LOOKUP_INDEXES = ("person_mentions_person", "person_mentions_post", "organization_mentions_organization",
                  "organization_aliases_key", "place_mentions_place", "events_chair", "resolutions_body",
                  "resolutions_kind", "resolutions_date", "releases_date")


@dataclass
class LoadResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[dict] = field(default_factory=list)  # {"path", "reason"}
    words_from_sidecar: int = 0
    words_segmented: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
                f"{self.unchanged} unchanged, {len(self.skipped)} skipped in {self.seconds:.1f} s")

    def to_dict(self) -> dict:
        return {
            "counts": {"added": len(self.added), "updated": len(self.updated), "removed": len(self.removed),
                       "unchanged": self.unchanged, "skipped": len(self.skipped)},
            "words": {"sidecar": self.words_from_sidecar, "segmented": self.words_segmented},
            "seconds": round(self.seconds, 3),
            "skipped": self.skipped,
        }


def scan_outputs(out_dir: Path) -> Iterator[tuple[str, os.stat_result]]:
    """(relative posix path, stat) of each document output below ``out_dir``: ``*.json``
    files, hidden ones and the batch's collections left out."""
    stack = [(str(out_dir), "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
        for entry in reversed([e for e in entries if e.is_dir() and not e.name.startswith(".")]):
            stack.append((entry.path, prefix + entry.name + "/"))
        for entry in entries:
            name = entry.name
            if name.endswith(".json") and not name.startswith(".") and entry.is_file():
                rel = prefix + name
                if rel not in COLLECTION_FILES:
                    yield rel, entry.stat()


def load_archive(out_dir: str | Path, db_path: str | Path) -> LoadResult:
    """Bring the archive at ``db_path`` (created when absent) up to date with the batch
    output in ``out_dir``; see the module's doc."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise ThaiPressError(f"output folder not found: {out_dir}")
    started = time.perf_counter()
    conn = open_archive(db_path, create=True)
    try:
        result = _Loader(conn, out_dir).run()
    finally:
        conn.close()
    result.seconds = time.perf_counter() - started
    return result


class _Loader:
    def __init__(self, conn: sqlite3.Connection, out_dir: Path):
        self.conn = conn
        self.out_dir = out_dir
        self.root = str(out_dir)
        self.result = LoadResult()
        self.pending: dict[str, list[tuple]] = {}
        self.touched_people: set[int] = set()
        self.touched_orgs: set[int] = set()
        self.touched_places: set[int] = set()

    # -- the run ------------------------------------------------------------------------------
    def run(self) -> LoadResult:
        conn = self.conn
        # the indexes of a large archive stay in memory while it loads (256 MB at most)
        conn.execute("PRAGMA cache_size = -262144")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # another load holds it (after the connection's 5 s wait)
            raise ThaiPressError(f"the archive is being written by another process ({exc}): try again when it is done") from None
        try:
            self._prepare()
            outputs = list(scan_outputs(self.out_dir))
            present = {rel for rel, _st in outputs}
            todo = sum(1 for rel, st in outputs if self._stat_changed(rel, st))
            rebuild = self._drop_lookup_indexes() if todo >= max(BULK_LOAD, len(self.known)) else []
            for rel, st in outputs:
                self._file(rel, st)
            self._flush()
            for sql in rebuild:  # built once, sorted, instead of one random insert per row
                conn.execute(sql)
            for rel in sorted(set(self.known) - present):
                self._delete(self.known[rel][0])
                self.result.removed.append(rel)
            self._tidy()
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('last_load', ?)",
                         (json.dumps({"by": f"thaipress {__version__}", "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                                      "from": str(self.out_dir), **self.result.to_dict()["counts"]}),))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return self.result

    def _prepare(self) -> None:
        c = self.conn
        self.known = {path: (rid, size, mtime, sha) for rid, path, size, mtime, sha in
                      c.execute("SELECT release_id, path, output_size, output_mtime_ns, output_sha256 FROM releases")}
        self.people = dict(c.execute("SELECT key, person_id FROM people"))
        self.orgs = dict(c.execute("SELECT key, organization_id FROM organizations"))
        self.places = dict(c.execute("SELECT key, place_id FROM places"))
        self.next = {
            "release": _next_id(c, "releases", "release_id"),
            "person": _next_id(c, "people", "person_id"),
            "org": _next_id(c, "organizations", "organization_id"),
            "place": _next_id(c, "places", "place_id"),
            "mention": _next_id(c, "person_mentions", "mention_id"),
            "event": _next_id(c, "events", "event_id"),
            "resolution": _next_id(c, "resolutions", "resolution_id"),
        }

    def _stat_changed(self, rel: str, st: os.stat_result) -> bool:
        prev = self.known.get(rel)
        return not (prev and prev[1] == st.st_size and prev[2] == st.st_mtime_ns)

    def _drop_lookup_indexes(self) -> list[str]:
        """Drop the indexes the load itself does not use (it uses those by release);
        their SQL, to build them again at the end of the transaction."""
        rows = self.conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({','.join('?' * len(LOOKUP_INDEXES))})",
            LOOKUP_INDEXES).fetchall()
        for name, _sql in rows:
            self.conn.execute(f"DROP INDEX {name}")
        return [sql for _name, sql in rows]

    def _file(self, rel: str, st: os.stat_result) -> None:
        prev = self.known.get(rel)
        if not self._stat_changed(rel, st):
            self.result.unchanged += 1
            return
        try:
            with open(os.path.join(self.root, rel), "rb") as fh:
                data = fh.read()
        except OSError as exc:
            self.result.skipped.append({"path": rel, "reason": f"unreadable: {exc.strerror or exc}"})
            return
        digest = hashlib.sha256(data).hexdigest()
        if prev and prev[3] == digest:
            self.conn.execute("UPDATE releases SET output_size = ?, output_mtime_ns = ? WHERE release_id = ?",
                              (st.st_size, st.st_mtime_ns, prev[0]))
            self.result.unchanged += 1
            return
        reason, doc = _read_document(data)
        if doc is None:
            self.result.skipped.append({"path": rel, "reason": reason})
            return
        if prev:
            self._flush()  # the old rows go before the new ones come
            self._delete(prev[0])
            release_id = prev[0]
            self.result.updated.append(rel)
        else:
            release_id = self._new("release")
            self.result.added.append(rel)
        self._insert(release_id, rel, doc, digest, st)
        if len(self.pending.get("releases", ())) >= FLUSH_EVERY:
            self._flush()

    # -- one release in ---------------------------------------------------------------------------
    def _insert(self, release_id: int, rel: str, doc: dict, digest: str, st: os.stat_result) -> None:
        text = doc.get("text", "")
        blob = self._lengths(rel, text)
        rows = document_rows(doc, rel).tables
        add = self.pending.setdefault
        (r,) = rows["releases"]
        add("releases", []).append(
            (release_id, rel, *r[1:11], digest, st.st_size, st.st_mtime_ns)
        )
        add("release_texts", []).append((release_id, text, blob))
        date = r[7]
        add("release_search", []).append((release_id, fulltext.all_words_text(text, blob)))

        orgs = {}
        for row in rows["organization_mentions"]:
            oid = self._id(self.orgs, "org", row[1], "organizations", row[3], self.touched_orgs)
            orgs[row[2]] = oid
            add("organization_mentions", []).append((release_id, oid, *row[2:]))
        for row in rows["organization_aliases"]:
            oid = self.orgs[row[1]]
            add("organization_aliases", []).append((release_id, oid, row[2], row[3]))
        mentions = {}
        for row in rows["person_mentions"]:
            pid = self._id(self.people, "person", row[1], "people", row[5], self.touched_people, row[2], row[3])
            mid = self._new("mention")
            mentions[row[4]] = (mid, pid)
            org_key = row[10]
            oid = self.orgs.get(org_key) if org_key else None
            add("person_mentions", []).append(
                (mid, release_id, pid, row[4], row[5], row[6], row[7], row[8], date, row[9], oid, *row[11:])
            )
        for row in rows["place_mentions"]:
            plid = self._id(self.places, "place", row[1], "places", row[3], self.touched_places)
            add("place_mentions", []).append((release_id, plid, *row[2:]))
        for row in rows["dates"]:
            add("dates", []).append((release_id, *row[1:]))
        for row in rows["venues"]:
            add("venues", []).append((release_id, *row[1:]))
        events = {}
        for row in rows["events"]:
            eid = self._new("event")
            events[row[1]] = eid
            chair = mentions.get(row[7]) or (None, None)
            add("events", []).append((eid, release_id, *row[1:7], chair[0], chair[1], *row[9:]))
        for row in rows["resolutions"]:
            rid = self._new("resolution")
            body_key = row[6]
            add("resolutions", []).append(
                (rid, release_id, *row[1:6], self.orgs.get(body_key) if body_key else None, events.get(row[7]),
                 *row[8:])
            )
            start, end = row[9], row[10]
            add("decision_search", []).append((rid, fulltext.words_text(text, blob, start, end)))
        for row in rows["flags"]:
            add("flags", []).append((release_id, *row[1:]))

    def _lengths(self, rel: str, text: str) -> bytes:
        try:
            with open(os.path.join(self.root, rel[: -len(".json")] + fulltext.WORDS_SUFFIX), "rb") as fh:
                data = fh.read()
        except OSError:
            data = None
        lengths = fulltext.lengths_from_sidecar(data, text) if data else None
        if lengths is not None:
            self.result.words_from_sidecar += 1
            return lengths
        self.result.words_segmented += 1
        return fulltext.segment_lengths(text)

    def _id(self, ids: dict, kind: str, key: str, table: str, name: str, touched: set, *more) -> int:
        got = ids.get(key)
        if got is None:
            got = ids[key] = self._new(kind)
            self.pending.setdefault(table, []).append((got, key, name, *more))
        touched.add(got)
        return got

    def _new(self, kind: str) -> int:
        n = self.next[kind]
        self.next[kind] = n + 1
        return n

    def _flush(self) -> None:
        c = self.conn
        for table, rows in self.pending.items():
            if rows:
                c.executemany(_INSERT[table], rows)
        self.pending = {}

    # -- one release out ----------------------------------------------------------------------------
    def _delete(self, release_id: int) -> None:
        c = self.conn
        row = c.execute("SELECT text, word_lengths FROM release_texts WHERE release_id = ?", (release_id,)).fetchone()
        if row is None:
            return
        text, blob = row
        c.execute("INSERT INTO release_search(release_search, rowid, words) VALUES ('delete', ?, ?)",
                  (release_id, fulltext.all_words_text(text, blob)))
        for rid, start, end in c.execute('SELECT resolution_id, start, "end" FROM resolutions WHERE release_id = ?',
                                         (release_id,)).fetchall():
            c.execute("INSERT INTO decision_search(decision_search, rowid, words) VALUES ('delete', ?, ?)",
                      (rid, fulltext.words_text(text, blob, start, end)))
        for pid, in c.execute("SELECT DISTINCT person_id FROM person_mentions WHERE release_id = ?", (release_id,)):
            self.touched_people.add(pid)
        for oid, in c.execute("SELECT DISTINCT organization_id FROM organization_mentions WHERE release_id = ?",
                              (release_id,)):
            self.touched_orgs.add(oid)
        for plid, in c.execute("SELECT DISTINCT place_id FROM place_mentions WHERE release_id = ?", (release_id,)):
            self.touched_places.add(plid)
        for table in _RELEASE_TABLES:
            c.execute(f"DELETE FROM {table} WHERE release_id = ?", (release_id,))

    # -- after all releases ------------------------------------------------------------------------
    def _tidy(self) -> None:
        """Names without mentions go; each touched name takes its most written form;
        the near-duplicate candidates are listed again."""
        c = self.conn
        for ids, table, key, mentions in (
            (self.touched_people, "people", "person_id", "person_mentions"),
            (self.touched_orgs, "organizations", "organization_id", "organization_mentions"),
            (self.touched_places, "places", "place_id", "place_mentions"),
        ):
            if not ids:
                continue
            c.execute("CREATE TEMP TABLE IF NOT EXISTS touched(id INTEGER PRIMARY KEY)")
            c.execute("DELETE FROM temp.touched")
            c.executemany("INSERT INTO temp.touched(id) VALUES (?)", ((i,) for i in ids))
            c.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM temp.touched) "
                      f"AND NOT EXISTS (SELECT 1 FROM {mentions} m WHERE m.{key} = {table}.{key})")
            c.execute(
                f"UPDATE {table} SET name = (SELECT m.name FROM {mentions} m WHERE m.{key} = {table}.{key} "
                f"GROUP BY m.name ORDER BY count(*) DESC, m.name LIMIT 1) WHERE {key} IN (SELECT id FROM temp.touched)"
            )
            if table == "people":
                c.execute("UPDATE people SET releases = (SELECT count(DISTINCT m.release_id) FROM person_mentions m "
                          "WHERE m.person_id = people.person_id) WHERE person_id IN (SELECT id FROM temp.touched)")
        if self.touched_people:
            refresh_candidates(c)
        if self.touched_orgs:
            # a body no release names any more may still be named in a post or as a decision's body
            c.execute("UPDATE resolutions SET body_organization_id = NULL WHERE body_organization_id IS NOT NULL "
                      "AND body_organization_id NOT IN (SELECT organization_id FROM organizations)")
            c.execute("UPDATE person_mentions SET organization_id = NULL WHERE organization_id IS NOT NULL "
                      "AND organization_id NOT IN (SELECT organization_id FROM organizations)")


def refresh_candidates(conn: sqlite3.Connection) -> int:
    """List again the pairs of people that may be one (identity.near_duplicates)."""
    people = conn.execute("SELECT person_id, key, given_key, has_family_name FROM people").fetchall()
    ids = {key: pid for pid, key, _g, _f in people}
    pairs = near_duplicates((key, given or "", bool(fam)) for _pid, key, given, fam in people)
    conn.execute("DELETE FROM person_candidates")
    conn.executemany("INSERT INTO person_candidates(person_a, person_b, reason) VALUES (?, ?, ?)",
                     [(ids[a], ids[b], reason) for a, b, reason in pairs])
    return len(pairs)


def _read_document(data: bytes) -> tuple[str | None, dict | None]:
    """(None, the document) or (why it is skipped, None)."""
    try:
        return None, decode_document(data)
    except NotADocument as exc:
        return str(exc), None


def _next_id(conn: sqlite3.Connection, table: str, column: str) -> int:
    return (conn.execute(f"SELECT max({column}) FROM {table}").fetchone()[0] or 0) + 1


_RELEASE_TABLES = ("person_mentions", "organization_mentions", "organization_aliases", "place_mentions", "dates",
                   "venues", "events", "resolutions", "flags", "release_texts", "releases")

_INSERT = {
    "releases": "INSERT INTO releases(release_id, path, source_path, source_sha256, source_url, encoding, media_type, "
                "title, date, year, schema_version, pipeline_version, output_sha256, output_size, output_mtime_ns) "
                "VALUES (" + ",".join("?" * 15) + ")",
    "release_texts": "INSERT INTO release_texts(release_id, text, word_lengths) VALUES (?, ?, ?)",
    "release_search": "INSERT INTO release_search(rowid, words) VALUES (?, ?)",
    "decision_search": "INSERT INTO decision_search(rowid, words) VALUES (?, ?)",
    "people": "INSERT INTO people(person_id, key, name, given_key, has_family_name) VALUES (?, ?, ?, ?, ?)",
    "organizations": "INSERT INTO organizations(organization_id, key, name) VALUES (?, ?, ?)",
    "places": "INSERT INTO places(place_id, key, name) VALUES (?, ?, ?)",
    "person_mentions": 'INSERT INTO person_mentions(mention_id, release_id, person_id, item_id, name, honorific, '
                       'position, post_key, date, organization, organization_id, roles, chair, start, "end", found_by) '
                       "VALUES (" + ",".join("?" * 16) + ")",
    "organization_mentions": "INSERT INTO organization_mentions(release_id, organization_id, item_id, name, text, kind, "
                             'abbreviation, parent, start, "end") VALUES (' + ",".join("?" * 10) + ")",
    "organization_aliases": "INSERT INTO organization_aliases(release_id, organization_id, alias, alias_key) "
                            "VALUES (?, ?, ?, ?)",
    "place_mentions": 'INSERT INTO place_mentions(release_id, place_id, item_id, name, text, kind, start, "end") '
                      "VALUES (" + ",".join("?" * 8) + ")",
    "dates": "INSERT INTO dates(release_id, item_id, text, date, end_date, year_written, era, told_as, flags, start, "
             '"end") VALUES (' + ",".join("?" * 11) + ")",
    "venues": "INSERT INTO venues(release_id, item_id, text, room, floor, building, place, online, platform, "
              'event_item_id, start, "end") VALUES (' + ",".join("?" * 12) + ")",
    "events": "INSERT INTO events(event_id, release_id, item_id, kind, name, number, date, time, chair_mention_id, "
              'chair_person_id, text, start, "end") VALUES (' + ",".join("?" * 13) + ")",
    "resolutions": "INSERT INTO resolutions(resolution_id, release_id, item_id, text, kind, verb, body, "
                   'body_organization_id, event_id, date, start, "end") VALUES (' + ",".join("?" * 12) + ")",
    "flags": 'INSERT INTO flags(release_id, code, severity, message, item_id, start, "end", suggested) '
             "VALUES (" + ",".join("?" * 8) + ")",
}
