"""The archive database: its tables, views and full-text indexes, the schema version
it records, and the migrations from older versions.

``meta`` holds ``schema_version`` (this module's :data:`SCHEMA_VERSION`) and what
made the database; each release row holds the pipeline version and JSON schema version
of its output.  Opening a database made with an older schema migrates it in one
transaction when a migration exists (:data:`MIGRATIONS`), and refuses it with one line
otherwise, as it refuses a newer schema or a file that is no thaipress archive.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .. import __version__
from ..errors import ThaiPressError

SCHEMA_VERSION = 2
APPLICATION = "thaipress-archive"

# the text is indexed as the pipeline's words, every other character a space
# (pipeline/archive/fulltext.py): the ascii tokenizer splits at the spaces
FTS_TOKENIZER = "ascii"

TABLES = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE releases (
    release_id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,              -- the output JSON, relative to the batch's output folder
    source_path TEXT, source_sha256 TEXT, source_url TEXT, encoding TEXT, media_type TEXT,
    title TEXT,
    date TEXT,                              -- the release's own date, ISO CE (YYYY-MM-DD or YYYY-MM)
    year INTEGER,
    schema_version TEXT,                    -- of the JSON output
    pipeline_version TEXT,                  -- thaipress version that wrote it
    output_sha256 TEXT NOT NULL, output_size INTEGER, output_mtime_ns INTEGER
);
CREATE INDEX releases_date ON releases(date);
-- apart from the releases' other columns, so that a question's look-ups of a release's
-- date and title stay among small rows (schema 2; in releases before)
CREATE TABLE release_texts (
    release_id INTEGER PRIMARY KEY REFERENCES releases(release_id),
    text TEXT,                              -- the normalized text all spans point into
    word_lengths BLOB                       -- its words (little-endian uint16 lengths): the full-text index's tokens
);

CREATE TABLE people (
    person_id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,               -- identity key (pipeline/archive/identity.py)
    name TEXT NOT NULL,                     -- the most written form
    given_key TEXT,                         -- the given name folded (schema 2)
    has_family_name INTEGER,                -- 0: a given name written alone (schema 2)
    releases INTEGER                        -- how many releases name them (schema 2)
);
-- names that may be one person, never merged automatically (schema 2)
CREATE TABLE person_candidates (
    person_a INTEGER NOT NULL REFERENCES people(person_id),
    person_b INTEGER NOT NULL REFERENCES people(person_id),
    reason TEXT NOT NULL,                   -- one_edit, given_name_only
    PRIMARY KEY (person_a, person_b)
);
CREATE TABLE person_mentions (
    mention_id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES releases(release_id),
    person_id INTEGER NOT NULL REFERENCES people(person_id),
    item_id TEXT, name TEXT, honorific TEXT, position TEXT, post_key TEXT,
    date TEXT,                              -- the release's (schema 2): a person's releases by date from the index alone
    organization TEXT, organization_id INTEGER REFERENCES organizations(organization_id),
    roles TEXT, chair INTEGER, start INTEGER, "end" INTEGER, found_by TEXT
);
CREATE INDEX person_mentions_person ON person_mentions(person_id, post_key, date, release_id);
CREATE INDEX person_mentions_release ON person_mentions(release_id);
CREATE INDEX person_mentions_post ON person_mentions(post_key, date, person_id, release_id);

CREATE TABLE organizations (
    organization_id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE organization_mentions (
    release_id INTEGER NOT NULL REFERENCES releases(release_id),
    organization_id INTEGER NOT NULL REFERENCES organizations(organization_id),
    item_id TEXT, name TEXT, text TEXT, kind TEXT, abbreviation TEXT, parent TEXT, start INTEGER, "end" INTEGER
);
CREATE INDEX organization_mentions_release ON organization_mentions(release_id);
CREATE INDEX organization_mentions_organization ON organization_mentions(organization_id);
CREATE TABLE organization_aliases (
    release_id INTEGER NOT NULL REFERENCES releases(release_id),
    organization_id INTEGER NOT NULL REFERENCES organizations(organization_id),
    alias TEXT, alias_key TEXT
);
CREATE INDEX organization_aliases_key ON organization_aliases(alias_key);
CREATE INDEX organization_aliases_release ON organization_aliases(release_id);

CREATE TABLE places (
    place_id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE place_mentions (
    release_id INTEGER NOT NULL REFERENCES releases(release_id),
    place_id INTEGER NOT NULL REFERENCES places(place_id),
    item_id TEXT, name TEXT, text TEXT, kind TEXT, start INTEGER, "end" INTEGER
);
CREATE INDEX place_mentions_release ON place_mentions(release_id);
CREATE INDEX place_mentions_place ON place_mentions(place_id);

CREATE TABLE dates (
    release_id INTEGER NOT NULL REFERENCES releases(release_id),
    item_id TEXT, text TEXT, date TEXT, end_date TEXT, year_written TEXT, era TEXT, told_as TEXT, flags TEXT,
    start INTEGER, "end" INTEGER
);
CREATE INDEX dates_release ON dates(release_id);

CREATE TABLE venues (
    release_id INTEGER NOT NULL REFERENCES releases(release_id),
    item_id TEXT, text TEXT, room TEXT, floor TEXT, building TEXT, place TEXT, online INTEGER, platform TEXT,
    event_item_id TEXT, start INTEGER, "end" INTEGER
);
CREATE INDEX venues_release ON venues(release_id);

CREATE TABLE events (
    event_id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES releases(release_id),
    item_id TEXT, kind TEXT, name TEXT, number TEXT,
    date TEXT,                              -- the event's date, else the release's
    time TEXT,
    chair_mention_id INTEGER REFERENCES person_mentions(mention_id),
    chair_person_id INTEGER REFERENCES people(person_id),
    text TEXT, start INTEGER, "end" INTEGER
);
CREATE INDEX events_release ON events(release_id);
CREATE INDEX events_chair ON events(chair_person_id, date);

CREATE TABLE resolutions (
    resolution_id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES releases(release_id),
    item_id TEXT, text TEXT, kind TEXT, verb TEXT,
    body TEXT, body_organization_id INTEGER REFERENCES organizations(organization_id),
    event_id INTEGER REFERENCES events(event_id),
    date TEXT,                              -- the meeting's date, else the release's
    start INTEGER, "end" INTEGER
);
CREATE INDEX resolutions_release ON resolutions(release_id);
CREATE INDEX resolutions_body ON resolutions(body_organization_id, date);
CREATE INDEX resolutions_kind ON resolutions(kind, date);
CREATE INDEX resolutions_date ON resolutions(date);

CREATE TABLE flags (
    release_id INTEGER NOT NULL REFERENCES releases(release_id),
    code TEXT, severity TEXT, message TEXT, item_id TEXT, start INTEGER, "end" INTEGER, suggested TEXT
);
CREATE INDEX flags_release ON flags(release_id);

-- the pipeline's words of each release's text and of each decision, contentless
-- (the text is in release_texts; rowid = release_id / resolution_id)
CREATE VIRTUAL TABLE release_search USING fts5(words, content='', tokenize="{FTS_TOKENIZER}");
CREATE VIRTUAL TABLE decision_search USING fts5(words, content='', tokenize="{FTS_TOKENIZER}");
-- merge the index's segments 8 at a time, not 4: a large load runs some 15 % faster
INSERT INTO release_search(release_search, rank) VALUES ('automerge', 8);
"""

VIEWS = """
CREATE VIEW person_releases AS
    SELECT p.person_id, p.name AS person, m.date, m.honorific, m.position, m.organization, m.roles,
           r.title, r.path AS release, r.release_id
    FROM person_mentions m JOIN people p USING (person_id) JOIN releases r USING (release_id);

CREATE VIEW person_posts AS
    SELECT p.person_id, p.name AS person, min(m.position) AS post, min(m.organization) AS organization,
           min(m.date) AS first_date, max(m.date) AS last_date, count(DISTINCT m.release_id) AS releases
    FROM person_mentions m JOIN people p USING (person_id)
    WHERE m.post_key IS NOT NULL
    GROUP BY p.person_id, m.post_key;

CREATE VIEW meetings AS
    SELECT e.event_id, e.date, e.time, e.kind, e.name, e.number, p.name AS chair, e.chair_person_id,
           (SELECT count(*) FROM resolutions x WHERE x.event_id = e.event_id) AS decisions,
           r.title, r.path AS release, e.release_id
    FROM events e JOIN releases r USING (release_id) LEFT JOIN people p ON p.person_id = e.chair_person_id;

CREATE VIEW decisions AS
    SELECT d.resolution_id, d.date, d.kind, d.verb, coalesce(o.name, d.body) AS body, d.text,
           e.name AS meeting, r.title, r.path AS release, d.release_id, d.body_organization_id, d.event_id
    FROM resolutions d JOIN releases r USING (release_id)
    LEFT JOIN organizations o ON o.organization_id = d.body_organization_id
    LEFT JOIN events e ON e.event_id = d.event_id;

CREATE VIEW name_candidates AS
    SELECT c.reason, a.name AS name_a, b.name AS name_b, a.releases AS releases_a, b.releases AS releases_b,
           c.person_a, c.person_b
    FROM person_candidates c JOIN people a ON a.person_id = c.person_a JOIN people b ON b.person_id = c.person_b;

CREATE VIEW organization_names AS
    SELECT o.organization_id, o.name, a.alias, count(DISTINCT a.release_id) AS releases
    FROM organizations o JOIN organization_aliases a USING (organization_id)
    GROUP BY o.organization_id, a.alias_key;
"""


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are explicit (BEGIN ... COMMIT),
    with SQLite's rollback journal, so a process killed in one leaves the last
    committed state."""
    return sqlite3.connect(str(path), isolation_level=None)


def open_archive(path: str | Path, *, create: bool) -> sqlite3.Connection:
    """The archive at ``path``, created when ``create`` and absent, migrated from an
    older schema, or refused (:class:`ThaiPressError`, one line) when it cannot be used."""
    path = Path(path)
    if not path.exists():
        if not create:
            raise ThaiPressError(f"{path}: no such archive (build it with: thaipress archive OUT_DIR -d {path})")
        if not path.parent.is_dir():
            raise ThaiPressError(f"{path}: cannot create the archive: no folder {path.parent}")
        try:
            conn = connect(path)
            _create(conn)
        except sqlite3.OperationalError as exc:
            raise ThaiPressError(f"{path}: cannot create the archive ({exc})") from None
        return conn
    try:
        conn = connect(path)
        version = _schema_version(conn)
    except sqlite3.DatabaseError as exc:
        raise ThaiPressError(f"{path}: not a thaipress archive (SQLite says: {exc})") from None
    if version is None:
        conn.close()
        raise ThaiPressError(f"{path}: not a thaipress archive (no schema version in it)")
    if version > SCHEMA_VERSION:
        conn.close()
        raise ThaiPressError(
            f"{path}: archive schema {version} is newer than this thaipress knows ({SCHEMA_VERSION}): "
            f"upgrade thaipress"
        )
    if version < SCHEMA_VERSION:
        if not all(v in MIGRATIONS for v in range(version, SCHEMA_VERSION)):
            conn.close()
            raise ThaiPressError(
                f"{path}: archive schema {version} is too old to migrate (this thaipress writes {SCHEMA_VERSION}): "
                f"build a new one with thaipress archive OUT_DIR -d NEW.sqlite"
            )
        migrate(conn, version)
    return conn


def _schema_version(conn: sqlite3.Connection) -> int | None:
    has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
    if not has_meta:
        return None
    rows = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('application', 'schema_version')"))
    if rows.get("application") != APPLICATION or "schema_version" not in rows:
        return None
    return int(rows["schema_version"])


def _create(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _statements(TABLES + VIEWS):
            conn.execute(statement)
        conn.executemany(
            "INSERT INTO meta(key, value) VALUES (?, ?)",
            [("application", APPLICATION), ("schema_version", str(SCHEMA_VERSION)), ("created_by", f"thaipress {__version__}")],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """The statements of a script (complete by sqlite3.complete_statement), so that
    they run inside the caller's transaction (executescript would commit first)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        if not buf and not line.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return out


def _migrate_1(conn: sqlite3.Connection) -> None:
    """Schema 1 -> 2: the near-duplicate candidates, and the tables arranged for
    questions on large archives.  The releases' text moves to ``release_texts``;
    mentions get their release's date and covering indexes; people get their given
    name's key, whether a family name was written (from the name, "given family") and
    their number of releases; the candidates are listed; the views are made again."""
    from .identity import given_key

    for (view,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall():
        conn.execute(f"DROP VIEW {view}")
    for statement in _statements(TABLES):
        if "CREATE TABLE release_texts" in statement or "CREATE TABLE person_candidates" in statement:
            conn.execute(statement)
    conn.execute("INSERT INTO release_texts(release_id, text, word_lengths) SELECT release_id, text, word_lengths FROM releases")
    conn.execute("ALTER TABLE releases DROP COLUMN text")
    conn.execute("ALTER TABLE releases DROP COLUMN word_lengths")
    conn.execute("ALTER TABLE person_mentions ADD COLUMN date TEXT")
    conn.execute("UPDATE person_mentions SET date = (SELECT r.date FROM releases r WHERE r.release_id = person_mentions.release_id)")
    conn.execute("DROP INDEX person_mentions_person")
    conn.execute("DROP INDEX person_mentions_post")
    for statement in _statements(TABLES):
        if statement.startswith(("CREATE INDEX person_mentions_person", "CREATE INDEX person_mentions_post")):
            conn.execute(statement)
    for column in ("given_key TEXT", "has_family_name INTEGER", "releases INTEGER"):
        conn.execute(f"ALTER TABLE people ADD COLUMN {column}")
    rows = conn.execute("SELECT person_id, name FROM people").fetchall()
    conn.executemany(
        "UPDATE people SET given_key = ?, has_family_name = ? WHERE person_id = ?",
        [(given_key(name.split(" ", 1)[0]), " " in name.strip(), pid) for pid, name in rows],
    )
    conn.execute("UPDATE people SET releases = (SELECT count(DISTINCT release_id) FROM person_mentions m "
                 "WHERE m.person_id = people.person_id)")
    for statement in _statements(VIEWS):
        conn.execute(statement)
    from .load import refresh_candidates

    refresh_candidates(conn)


# version -> the function that takes a database from it to version + 1 (inside a transaction)
MIGRATIONS: dict[int, callable] = {1: _migrate_1}


def migrate(conn: sqlite3.Connection, version: int) -> None:
    """Bring a database from ``version`` to :data:`SCHEMA_VERSION` in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for v in range(version, SCHEMA_VERSION):
            MIGRATIONS[v](conn)
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
