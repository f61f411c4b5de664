"""The common questions put to an archive (``thaipress query archive.sqlite ...``).

Each function takes an open connection and returns a :class:`Answer`: named tables of
rows (dicts), printed as tables on a terminal or as JSON.  Names are matched by their
identity keys (:mod:`pipeline.archive.identity`): a person by the name without
honorific (an honorific typed before it is dropped), a body by its full name or any
alias a release gave it (ครม. finds คณะรัฐมนตรี), a post by the post as written.
Dates are ISO (``2022``, ``2022-03``, ``2022-03-15``); a year after 2400 is read as
Buddhist Era (``2565-03`` is ``2022-03``).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..errors import ThaiPressError
from .identity import organization_key, person_key, text_key

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
BE_OFFSET = 543


@dataclass
class Answer:
    """Named tables of rows, in order; ``notes`` say what was matched or left out."""

    tables: dict[str, list[dict]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {**self.tables, "notes": self.notes}


# -- arguments -----------------------------------------------------------------------------------
def parse_date(value: str, *, end: bool = False) -> str:
    """An ISO CE bound for a date comparison: the start of the period, or with ``end``
    the start of the period after it (compare with ``<``)."""
    m = _DATE.match(value.strip().translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
    if not m:
        raise ThaiPressError(f"'{value}' is no date: give YYYY, YYYY-MM or YYYY-MM-DD (a year after 2400 is BE)")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if year > 2400:
        year -= BE_OFFSET
    if not month:
        return f"{year + 1:04d}" if end else f"{year:04d}"
    month = int(month)
    if not 1 <= month <= 12:
        raise ThaiPressError(f"'{value}': no month {month}")
    if not day:
        if end:
            return f"{year + 1:04d}-01" if month == 12 else f"{year:04d}-{month + 1:02d}"
        return f"{year:04d}-{month:02d}"
    import datetime

    try:
        d = datetime.date(year, month, int(day))
    except ValueError:
        raise ThaiPressError(f"'{value}': no such day") from None
    if end:
        d += datetime.timedelta(days=1)
    return d.isoformat()


def _range(column: str, since: str | None, until: str | None) -> tuple[str, list]:
    sql, args = [], []
    if since:
        sql.append(f"{column} >= ?")
        args.append(parse_date(since))
    if until:
        sql.append(f"{column} < ?")
        args.append(parse_date(until, end=True))
    return (" AND ".join(sql), args)


@lru_cache(maxsize=1)
def _honorifics() -> tuple[str, ...]:
    text = resources.files("pipeline").joinpath("data/lexicon/honorifics.tsv").read_text(encoding="utf-8")
    forms = {line.split("\t")[0] for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return tuple(sorted(forms, key=len, reverse=True))


def find_people(conn: sqlite3.Connection, name: str) -> list[tuple[int, str]]:
    """(person_id, name) of the people ``name`` names: its key; without a match, the key
    with a leading honorific dropped (พลเอก ประวิตร ...); then the people whose key
    begins with it (a given name alone)."""
    tried = [name.strip()]
    stripped = tried[0]
    for _ in range(3):  # stacked titles: ผศ.ดร.
        for form in _honorifics():
            if stripped.startswith(form) and len(stripped) > len(form):
                stripped = stripped[len(form):].lstrip()
                break
        else:
            break
    if stripped != tried[0]:
        tried.append(stripped)
    for candidate in tried:
        rows = conn.execute("SELECT person_id, name FROM people WHERE key = ?", (person_key(candidate),)).fetchall()
        if rows:
            return rows
    key = person_key(tried[-1])
    if not key:
        return []
    return conn.execute(
        "SELECT person_id, name FROM people WHERE key >= ? AND key < ? ORDER BY name LIMIT 50", (key, key + "\U0010ffff")
    ).fetchall()


def find_bodies(conn: sqlite3.Connection, name: str) -> list[tuple[int, str]]:
    """(organization_id, name) of the bodies named ``name`` (full name or an alias)."""
    key = organization_key(name)
    return conn.execute(
        "SELECT organization_id, name FROM organizations WHERE key = ? "
        "UNION SELECT DISTINCT o.organization_id, o.name FROM organization_aliases a "
        "JOIN organizations o USING (organization_id) WHERE a.alias_key = ?",
        (key, key),
    ).fetchall()


def _ids(rows) -> str:
    return ",".join(str(int(r[0])) for r in rows)


def _dicts(cursor: sqlite3.Cursor) -> list[dict]:
    cols = [d[0] for d in cursor.description]
    return [dict(zip(cols, row)) for row in cursor]


def _limit_note(answer: Answer, table: str, rows: list[dict], limit: int | None) -> list[dict]:
    if limit and len(rows) > limit:
        answer.notes.append(f"{table}: the first {limit} of more (--limit 0 for all)")
        return rows[:limit]
    return rows


# -- the questions ---------------------------------------------------------------------------------
def person(conn, name: str, *, since=None, until=None, limit: int | None = 100) -> Answer:
    """A person's posts over time (first and last release date of each) and releases."""
    people = find_people(conn, name)
    answer = Answer()
    if not people:
        answer.notes.append(f"no person named '{name}' in the archive")
        answer.tables = {"people": [], "posts": [], "releases": []}
        return answer
    ids = _ids(people)
    where, args = _range("m.date", since, until)
    cond = f" AND {where}" if where else ""
    answer.tables["people"] = [{"person_id": pid, "name": n} for pid, n in people]
    # from the covering index (person_id, post_key, date, release_id); the post as
    # written and its body from one mention of each
    posts = conn.execute(
        f"SELECT m.person_id, m.post_key, min(m.date), max(m.date), count(DISTINCT m.release_id), min(m.mention_id) "
        f"FROM person_mentions m WHERE m.person_id IN ({ids}) AND m.post_key IS NOT NULL{cond} "
        f"GROUP BY m.person_id, m.post_key ORDER BY 3, 4", args).fetchall()
    names = dict(people)
    answer.tables["posts"] = []
    for pid, _key, first, last, count, mid in posts:
        position, organization = conn.execute(
            "SELECT position, organization FROM person_mentions WHERE mention_id = ?", (mid,)).fetchone()
        answer.tables["posts"].append({"person": names[pid], "post": position, "organization": organization,
                                       "first_date": first, "last_date": last, "releases": count})
    rows = _dicts(conn.execute(
        f"SELECT m.date, p.name AS person, m.position, m.roles, r.title, r.path AS release "
        f"FROM (SELECT mention_id FROM person_mentions m WHERE m.person_id IN ({ids}){cond} "
        f"      ORDER BY m.date DESC, m.release_id DESC LIMIT ?) top "
        f"JOIN person_mentions m USING (mention_id) JOIN people p USING (person_id) JOIN releases r USING (release_id) "
        f"ORDER BY m.date DESC, m.release_id DESC",
        [*args, (limit + 1) if limit else -1]))
    answer.tables["releases"] = _limit_note(answer, "releases", rows, limit)
    return answer


def chaired(conn, name: str, *, since=None, until=None, limit: int | None = 100) -> Answer:
    """The meetings (and other events) a person chaired, with what each decided."""
    people = find_people(conn, name)
    answer = Answer()
    if not people:
        answer.notes.append(f"no person named '{name}' in the archive")
        answer.tables = {"meetings": [], "decisions": []}
        return answer
    where, args = _range("e.date", since, until)
    cond = f" AND {where}" if where else ""
    rows = _dicts(conn.execute(
        f"SELECT e.event_id, e.date, e.time, e.kind, e.name AS meeting, e.number, p.name AS chair, "
        f"r.title, r.path AS release FROM events e JOIN people p ON p.person_id = e.chair_person_id "
        f"JOIN releases r USING (release_id) WHERE e.chair_person_id IN ({_ids(people)}){cond} "
        f"ORDER BY e.date DESC, e.event_id LIMIT ?", [*args, (limit + 1) if limit else -1]))
    rows = _limit_note(answer, "meetings", rows, limit)
    answer.tables["meetings"] = rows
    events = ",".join(str(r["event_id"]) for r in rows)
    answer.tables["decisions"] = _dicts(conn.execute(
        f"SELECT d.event_id, d.date, d.kind, coalesce(o.name, d.body) AS body, d.text FROM resolutions d "
        f"LEFT JOIN organizations o ON o.organization_id = d.body_organization_id "
        f"WHERE d.event_id IN ({events}) ORDER BY d.date DESC, d.event_id, d.start")) if events else []
    return answer


def decisions(conn, *, body=None, kind=None, since=None, until=None, search=None,
              limit: int | None = 100) -> Answer:
    """Decisions by body (full name or alias), kind and date range; with ``search``,
    only those whose words hold it (full-text, best first)."""
    answer = Answer()
    conds, args = [], []
    if body:
        bodies = find_bodies(conn, body)
        if not bodies:
            answer.notes.append(f"no body named '{body}' in the archive")
            answer.tables["decisions"] = []
            return answer
        conds.append(f"(d.body_organization_id IN ({_ids(bodies)}))")
    if kind:
        conds.append("d.kind = ?")
        args.append(kind)
    where, wargs = _range("d.date", since, until)
    if where:
        conds.append(where)
        args.extend(wargs)
    join, order = "", "d.date DESC, d.resolution_id"
    if search:
        from .fulltext import match_query

        expr = match_query(search)
        if not expr:
            raise ThaiPressError("nothing to search for")
        join = "JOIN (SELECT rowid AS resolution_id, rank FROM decision_search WHERE decision_search MATCH ?) s " \
               "USING (resolution_id)"
        args.insert(0, expr)
        order = "s.rank, d.date DESC"
    sql = (f"SELECT d.date, d.kind, coalesce(o.name, d.body) AS body, d.text, e.name AS meeting, r.title, "
           f"r.path AS release FROM resolutions d {join} JOIN releases r USING (release_id) "
           f"LEFT JOIN organizations o ON o.organization_id = d.body_organization_id "
           f"LEFT JOIN events e ON e.event_id = d.event_id "
           f"{'WHERE ' + ' AND '.join(conds) if conds else ''} ORDER BY {order} LIMIT ?")
    rows = _dicts(conn.execute(sql, [*args, (limit + 1) if limit else -1]))
    answer.tables["decisions"] = _limit_note(answer, "decisions", rows, limit)
    return answer


def search_releases(conn, text: str, *, since=None, until=None, limit: int | None = 100) -> Answer:
    """Releases whose text holds ``text`` (full-text, best first)."""
    from .fulltext import match_query

    expr = match_query(text)
    if not expr:
        raise ThaiPressError("nothing to search for")
    where, args = _range("r.date", since, until)
    rows = _dicts(conn.execute(
        f"SELECT r.date, r.title, r.path AS release FROM "
        f"(SELECT rowid AS release_id, rank FROM release_search WHERE release_search MATCH ?) s "
        f"JOIN releases r USING (release_id) {'WHERE ' + where if where else ''} ORDER BY s.rank LIMIT ?",
        [expr, *args, (limit + 1) if limit else -1]))
    answer = Answer()
    answer.tables["releases"] = _limit_note(answer, "releases", rows, limit)
    return answer


def post_holders(conn, post: str, *, since=None, until=None, limit: int | None = 100) -> Answer:
    """Who held a post (as written in the releases: ปลัดกระทรวงสาธารณสุข), with the first
    and last release date that names them in it."""
    where, args = _range("m.date", since, until)
    rows = _dicts(conn.execute(
        f"SELECT p.name AS person, (SELECT position FROM person_mentions x WHERE x.mention_id = h.mention_id) AS post, "
        f"h.first_date, h.last_date, h.releases FROM ("
        f"  SELECT m.person_id, min(m.date) AS first_date, max(m.date) AS last_date, "
        f"  count(DISTINCT m.release_id) AS releases, min(m.mention_id) AS mention_id FROM person_mentions m "
        f"  WHERE m.post_key = ? {'AND ' + where if where else ''} GROUP BY m.person_id) h "
        f"JOIN people p USING (person_id) ORDER BY h.first_date, h.last_date LIMIT ?",
        [text_key(post), *args, (limit + 1) if limit else -1]))
    answer = Answer()
    answer.tables["holders"] = _limit_note(answer, "holders", rows, limit)
    if not rows:
        answer.notes.append(f"nobody named with the post '{post}'" + (" in that period" if where else ""))
    return answer


def candidates(conn, *, limit: int | None = 100) -> Answer:
    """Names that may be one person (one letter apart, a given name alone), most
    written first: to be read, never merged automatically."""
    rows = _dicts(conn.execute(
        "SELECT reason, name_a, releases_a, name_b, releases_b FROM name_candidates "
        "ORDER BY max(releases_a, releases_b) DESC, name_a, name_b LIMIT ?", [(limit + 1) if limit else -1]))
    answer = Answer()
    answer.tables["candidates"] = _limit_note(answer, "candidates", rows, limit)
    return answer
