"""The archive (``thaipress archive`` / ``thaipress query``): batch output in SQLite,
loaded incrementally in one transaction (a load killed with SIGKILL leaves the last
state whole), schema versions migrated or refused, full-text search on Thai text as
the pipeline's words, and each of the common questions.

The releases are the samples' outputs in ``outputs/`` (checked against a fresh run by
tests/test_outputs.py); a few tests add a second release of the same people by editing
a copy of one (another date, another post, a name spelt one letter apart), as a later
release would."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.archive import fulltext, queries
from pipeline.archive.identity import near_duplicates, organization_key, person_key
from pipeline.archive.load import COLLECTION_FILES, load_archive
from pipeline.archive.schema import SCHEMA_VERSION, open_archive
from pipeline.cli import main

from .conftest import OUTPUTS, ROOT

V1_ARCHIVE = ROOT / "tests" / "data" / "archive-schema-1.sqlite"
MOPH = "moph-dengue-thai-digits.json"


def _document_names() -> list[str]:
    """The documents in outputs/ (not feed.json, nor the report and state a batch run leaves)."""
    return [p.name for p in sorted(OUTPUTS.glob("*.json")) if p.name not in COLLECTION_FILES and not p.name.startswith(".")]


def _doc(name: str) -> dict:
    return json.loads((OUTPUTS / name).read_text(encoding="utf-8"))


def _all(kind: str) -> list[dict]:
    return [item for name in _document_names() for item in _doc(name)[kind]]


def _cabinet(kind: str | None = None) -> list[dict]:
    return [r for r in _doc("cabinet-songkran-utf8-bom.json")["resolutions"]
            if r["body"] == "คณะรัฐมนตรี" and kind in (None, r["kind"])]


def _copy_outputs(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for p in OUTPUTS.glob("*.json"):
        shutil.copy2(p, dest / p.name)
    return dest


def _later_release(out: Path, name: str, *, date: str, position: str | None = None, person_name: str | None = None):
    """A copy of the MOPH release as a later one: another date, the chair in another
    post or written another way."""
    doc = json.loads((OUTPUTS / MOPH).read_text(encoding="utf-8"))
    doc["document_date"]["date"] = date
    for d in doc["dates"]:  # the meeting's own date too
        d["date"] = date
        d.pop("end", None)
    chair = doc["people"][0]
    if position:
        chair["position"] = position
    if person_name:
        chair["name"] = person_name
        chair["given_name"], chair["family_name"] = person_name.split(" ", 1)
    (out / name).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@pytest.fixture()
def out_dir(tmp_path) -> Path:
    return _copy_outputs(tmp_path / "out")


@pytest.fixture()
def archive(out_dir, tmp_path) -> Path:
    _later_release(out_dir, "moph-later.json", date="2023-05-02", position="ปลัดกระทรวงสาธารณสุข")
    db = tmp_path / "archive.sqlite"
    load_archive(out_dir, db)
    return db


def _snapshot(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        return {
            "releases": conn.execute("SELECT path, output_sha256 FROM releases ORDER BY path").fetchall(),
            "people": conn.execute("SELECT key, name FROM people ORDER BY key").fetchall(),
            "mentions": conn.execute("SELECT count(*) FROM person_mentions").fetchone()[0],
            "resolutions": conn.execute("SELECT count(*) FROM resolutions").fetchone()[0],
            "fts": conn.execute("SELECT count(*) FROM release_search WHERE release_search MATCH ?",
                                [fulltext.match_query("ไข้เลือดออก")]).fetchone()[0],
        }
    finally:
        conn.close()


# -- loading --------------------------------------------------------------------------------------
def test_every_table_is_filled_from_the_outputs(out_dir, tmp_path):
    db = tmp_path / "a.sqlite"
    res = load_archive(out_dir, db)
    assert len(res.added) == 7 and not res.skipped  # feed.json is no document
    conn = sqlite3.connect(db)
    count = lambda table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
    assert count("releases") == 7
    assert count("person_mentions") == len(_all("people"))
    assert count("people") == len({p["name"] for p in _all("people")})  # nobody is in two sample releases
    assert count("resolutions") == len(_all("resolutions")) and count("events") == len(_all("events"))
    assert count("dates") and count("venues") and count("place_mentions") and count("flags")
    # the cabinet's abbreviation is an alias of its full name
    assert conn.execute("SELECT name FROM organizations o JOIN organization_aliases a USING (organization_id) "
                        "WHERE a.alias = 'ครม.'").fetchall() == [("คณะรัฐมนตรี",)]
    # a chair is linked to the person, a decision to its body and meeting
    assert conn.execute("SELECT chair FROM meetings WHERE name = 'คณะกรรมการอำนวยการป้องกันและควบคุมโรคไข้เลือดออก'"
                        ).fetchall() == [("ธนวัฒน์ ศรีประเสริฐ",)]
    assert conn.execute("SELECT count(*) FROM decisions WHERE body = 'คณะรัฐมนตรี' AND meeting = 'คณะรัฐมนตรี'"
                        ).fetchone()[0] == len(_cabinet()) > 0
    # every release records the versions that made it
    assert conn.execute("SELECT DISTINCT schema_version, pipeline_version FROM releases").fetchall() == [("1.0", "0.1.0")]
    # the views a person browses in Datasette answer
    for view in ("person_releases", "person_posts", "meetings", "decisions", "name_candidates", "organization_names"):
        conn.execute(f"SELECT * FROM {view} LIMIT 1").fetchall()
    conn.close()


def test_rerun_adds_changed_removes_deleted_never_duplicates(archive, out_dir):
    before = _snapshot(archive)
    res = load_archive(out_dir, archive)
    assert (res.added, res.updated, res.removed, res.unchanged) == ([], [], [], 8)
    assert _snapshot(archive) == before

    os.utime(out_dir / MOPH)  # touched, same bytes: not loaded again
    res = load_archive(out_dir, archive)
    assert res.unchanged == 8 and not res.updated

    (out_dir / "rayong-flood-command.json").unlink()
    _later_release(out_dir, "moph-later.json", date="2023-06-01", position="อธิบดีกรมควบคุมโรค")  # changed
    shutil.copy2(out_dir / "justice-online-meeting.json", out_dir / "justice-copy.json")  # new
    res = load_archive(out_dir, archive)
    assert res.added == ["justice-copy.json"]
    assert res.updated == ["moph-later.json"]
    assert res.removed == ["rayong-flood-command.json"]
    conn = sqlite3.connect(archive)
    assert conn.execute("SELECT count(*) FROM releases").fetchone()[0] == 8
    # the removed release's people are gone; the changed one's mentions are not doubled
    assert not conn.execute("SELECT 1 FROM people WHERE name = 'สมศักดิ์ ทองดี'").fetchall()
    assert conn.execute("SELECT count(*) FROM person_mentions m JOIN people p USING (person_id) "
                        "WHERE p.name = 'ธนวัฒน์ ศรีประเสริฐ'").fetchone()[0] == 2
    assert conn.execute("SELECT position FROM person_mentions m JOIN releases r USING (release_id) "
                        "WHERE r.path = 'moph-later.json' AND m.item_id = 'person-1'").fetchall() == [("อธิบดีกรมควบคุมโรค",)]
    # the index lost the removed release's words and holds the changed one's once
    q = fulltext.match_query("อุทกภัย")
    assert conn.execute("SELECT count(*) FROM release_search WHERE release_search MATCH ?", [q]).fetchone()[0] == 0
    q = fulltext.match_query("ไข้เลือดออก")
    assert conn.execute("SELECT count(*) FROM release_search WHERE release_search MATCH ?", [q]).fetchone()[0] == 2
    conn.close()


def test_an_output_that_is_no_document_is_skipped_not_loaded(out_dir, tmp_path):
    (out_dir / "broken.json").write_text('{"schema_version": "1.0", "text": "x"', encoding="utf-8")
    (out_dir / "other.json").write_text('{"schema_version": "1.0", "text": "x"}', encoding="utf-8")
    doc = _doc(MOPH)
    del doc["people"][0]["name"]
    (out_dir / "nameless.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    doc = _doc(MOPH)
    doc["schema_version"] = "2.0"
    (out_dir / "newer.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    res = load_archive(out_dir, tmp_path / "a.sqlite")
    assert len(res.added) == 7
    reasons = {s["path"]: s["reason"] for s in res.skipped}
    assert reasons["broken.json"].startswith("not JSON")
    assert reasons["other.json"].startswith("not a thaipress document") and "pipeline" in reasons["other.json"]
    assert "name" in reasons["nameless.json"] and "people" in reasons["nameless.json"]
    assert reasons["newer.json"].startswith("JSON schema version 2.0 is not one this thaipress reads")


def test_sigkill_during_a_load_leaves_the_last_state_whole(archive, tmp_path):
    before = _snapshot(archive)
    big = tmp_path / "big"
    for i in range(300):  # long enough to be killed in the middle of the transaction
        _copy_outputs(big / f"copy-{i:03d}")
    journal = Path(str(archive) + "-journal")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "archive", str(big), "-d", str(archive), "--quiet"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not journal.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert journal.exists()  # the transaction has written to the database file's pages
    time.sleep(1.0)  # well into the load: a load that committed in steps would have committed one by now
    assert proc.poll() is None, "the load ended before it could be killed: " + proc.stderr.read().decode()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    assert _snapshot(archive) == before
    conn = sqlite3.connect(archive)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    res = load_archive(archive.parent / "out", archive)  # and the next load goes on from it
    assert res.unchanged == 8


# -- schema versions ------------------------------------------------------------------------------
def test_an_archive_of_schema_1_is_migrated(tmp_path, capsys):
    db = tmp_path / "old.sqlite"
    shutil.copy2(V1_ARCHIVE, db)
    assert main(["query", str(db), "candidates", "--json"]) == 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    assert conn.execute("SELECT count(*) FROM people WHERE given_key IS NULL").fetchone() == (0,)
    conn.close()
    out = _copy_outputs(tmp_path / "out")
    res = load_archive(out, db)
    # the same releases, not loaded twice (those the pipeline now writes otherwise are updated)
    assert res.unchanged + len(res.updated) == 7 and not res.added
    # its index (schema 1's unicode61 tokenizer) takes the same words out and in
    _later_release(out, MOPH, date="2023-05-02", position="ปลัดกระทรวงสาธารณสุข")
    (out / "rayong-flood-command.json").unlink()
    res = load_archive(out, db)
    assert res.updated == [MOPH] and res.removed == ["rayong-flood-command.json"]
    assert _snapshot(db)["fts"] == 1
    conn = sqlite3.connect(db)
    dengue_decisions = sum("ไข้เลือดออก" in r["text"] for r in _doc(MOPH)["resolutions"])
    for word, releases, decisions in (("อุทกภัย", 0, 0), ("ไข้เลือดออก", 1, dengue_decisions)):
        q = fulltext.match_query(word)
        assert conn.execute("SELECT count(*) FROM release_search WHERE release_search MATCH ?", [q]).fetchone() == (releases,)
        assert conn.execute("SELECT count(*) FROM decision_search WHERE decision_search MATCH ?", [q]).fetchone() == (decisions,)
    conn.execute("INSERT INTO release_search(release_search) VALUES ('integrity-check')")
    conn.close()


@pytest.mark.parametrize("version, says", [(99, "is newer than this thaipress knows"), (0, "is too old to migrate")])
def test_an_archive_thaipress_cannot_use_is_refused_in_one_line(archive, version, says, capsys):
    conn = sqlite3.connect(archive)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    conn.commit()
    conn.close()
    assert main(["query", str(archive), "person", "ธนวัฒน์ ศรีประเสริฐ"]) == 1
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err
    assert main(["archive", str(archive.parent / "out"), "-d", str(archive)]) == 1


def test_a_file_that_is_no_archive_is_refused_in_one_line(tmp_path, capsys):
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database at all, " * 100, encoding="utf-8")
    for path in (other, text, tmp_path / "absent.sqlite"):
        assert main(["query", str(path), "candidates"]) == 1
        err = capsys.readouterr().err
        assert err.startswith("thaipress: ") and err.count("\n") == 1, err
    assert main(["archive", str(OUTPUTS), "-d", str(tmp_path / "no" / "such" / "a.sqlite")]) == 1
    err = capsys.readouterr().err
    assert "cannot create the archive" in err and err.count("\n") == 1


def test_a_second_load_while_one_runs_is_refused_in_one_line(archive, capsys, monkeypatch):
    from pipeline.archive import schema as archive_schema

    # the wait for the lock cut from SQLite's 5 s to 0.1 s
    monkeypatch.setattr(archive_schema, "connect",
                        lambda path: sqlite3.connect(str(path), isolation_level=None, timeout=0.1))
    holder = sqlite3.connect(archive, timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # as a running load does
    try:
        assert main(["archive", str(archive.parent / "out"), "-d", str(archive)]) == 1
    finally:
        holder.rollback()
        holder.close()
    err = capsys.readouterr().err
    assert "being written by another process" in err and err.count("\n") == 1


# -- identity keys --------------------------------------------------------------------------------
def test_person_key_folds_spacing_zero_width_orthography_and_known_variants():
    assert person_key("อนุทิน ชาญวีรกูล") == person_key("อนุทิน  ชาญวีรกูล") == person_key("อนุทิน\u200b ชาญวีรกูล")
    assert person_key("อนุทินชาญวีรกูล") == person_key("อนุทิน ชาญวีรกูล")  # written without the space
    assert person_key("อนุทิน ชาญวีระกูล") == person_key("อนุทิน ชาญวีรกูล")  # name_variants.tsv (u0559)
    assert person_key("ประยุทธ์ จันทร์โอชา") == person_key("ประยุทธ์ จันทร์โอชา".replace("ำ", "\u0e4d\u0e32"))
    assert person_key("แสง ดี") == person_key("เเสง ดี")  # two SARA E typed for SARA AE
    # one letter apart and not a known variant: two people (a candidate, not merged)
    assert person_key("ณรงค์ สายวงศ์") != person_key("ณรงค์ สายวงษ์")
    assert organization_key("กองยุทธศาสตร์สาธารณสุข และสิ่งแวดล้อม") == organization_key("กองยุทธศาสตร์สาธารณสุขและสิ่งแวดล้อม")


def test_near_duplicates_are_listed_never_merged(out_dir, tmp_path):
    _later_release(out_dir, "moph-typo.json", date="2023-05-02", person_name="ธนวัฒน์ ศรีประเสรฐ")
    _later_release(out_dir, "moph-given.json", date="2023-05-03", person_name="ธนวัฒน์ x")
    doc = json.loads((out_dir / "moph-given.json").read_text(encoding="utf-8"))
    doc["people"][0].update(name="ธนวัฒน์", given_name="ธนวัฒน์", family_name=None)
    (out_dir / "moph-given.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "a.sqlite"
    load_archive(out_dir, db)
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute("SELECT name FROM people WHERE name LIKE 'ธนวัฒน์%' ORDER BY name")]
    assert names == ["ธนวัฒน์", "ธนวัฒน์ ศรีประเสรฐ", "ธนวัฒน์ ศรีประเสริฐ"]  # three people, none merged
    pairs = conn.execute("SELECT reason, name_a, name_b FROM name_candidates ORDER BY reason, name_b").fetchall()
    assert ("one_edit", "ธนวัฒน์ ศรีประเสรฐ", "ธนวัฒน์ ศรีประเสริฐ") in pairs
    assert ("given_name_only", "ธนวัฒน์", "ธนวัฒน์ ศรีประเสริฐ") in pairs
    conn.close()


@given(st.text(alphabet="กขคงจาิีุูเแ่้์ ", min_size=2, max_size=12))
@settings(max_examples=200, deadline=None)
def test_near_duplicates_are_exactly_the_keys_one_edit_apart(word):
    from rapidfuzz.distance import OSA

    keys = sorted({person_key(word), person_key(word[1:]), person_key(word[::-1]), person_key(word[:-1] + "ก")} - {""})
    found = {(a, b) for a, b, reason in near_duplicates((k, k, True) for k in keys) if reason == "one_edit"}
    expected = {(a, b) for a in keys for b in keys if a < b and OSA.distance(a, b) == 1}
    assert found == expected


# -- full-text search on Thai -----------------------------------------------------------------------
def test_search_finds_thai_words_not_pieces_of_words(archive):
    conn = open_archive(archive, create=False)
    hits = lambda text: [r["text"] for r in queries.decisions(conn, search=text).tables["decisions"]]  # noqa: E731
    # 'เห็นชอบแผนปฏิบัติการป้องกันและควบคุมโรคไข้เลือดออก ประจำปีงบประมาณ ...', 'รับทราบรายงานสถานการณ์
    # โรคไข้เลือดออก ...' (the MOPH sample and its later copy)
    dengue = [r["text"] for r in _doc(MOPH)["resolutions"] if "ไข้เลือดออก" in r["text"]]
    assert sorted(hits("ไข้เลือดออก")) == sorted(dengue * 2)
    # a phrase of two words: only where they stand together
    assert sorted(hits("ควบคุมโรคไข้เลือดออก")) == sorted([t for t in dengue if "ควบคุมโรคไข้เลือดออก" in t] * 2)
    assert hits("สงกรานต์") and all("สงกรานต์" in t for t in hits("สงกรานต์"))
    assert hits("ไข้เลือด") == []  # not a word of the text: no match inside ไข้เลือดออก
    assert hits("รับทราบ ไข้เลือดออก") and not hits("รับทราบ สงกรานต์")  # every part must appear
    assert queries.search_releases(conn, "กรุงเบอร์ลิน").tables["releases"][0]["release"] == "bma-smart-change-2565.json"
    conn.close()


@pytest.fixture(scope="module")
def indexed():
    """The samples' outputs indexed, and the set of words of each release."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = _copy_outputs(Path(tmp) / "out")
        db = Path(tmp) / "a.sqlite"
        load_archive(out, db)
        conn = sqlite3.connect(db)
        words = {}
        for path, text, blob in conn.execute("SELECT path, text, word_lengths FROM releases JOIN release_texts USING (release_id)"):
            words[path] = set(fulltext.all_words_text(text, blob).split())
        yield conn, words
        conn.close()


@given(st.data())
@settings(max_examples=150, deadline=None)
def test_a_word_is_found_in_exactly_the_releases_that_hold_it(indexed, data):
    conn, words = indexed
    vocabulary = sorted(w for ws in words.values() for w in ws if any("\u0e01" <= c <= "\u0e4e" for c in w)
                        and all(c.isalpha() or "\u0e30" <= c <= "\u0e4e" for c in w))
    word = data.draw(st.sampled_from(vocabulary))
    found = {r[0] for r in conn.execute(
        "SELECT path FROM release_search JOIN releases r ON r.release_id = release_search.rowid "
        "WHERE release_search MATCH ?", [fulltext.match_query(word)])}
    assert found == {path for path, ws in words.items() if word in ws}


# -- the common questions ---------------------------------------------------------------------------
def test_a_persons_posts_over_time_and_releases(archive):
    conn = open_archive(archive, create=False)
    answer = queries.person(conn, "นายแพทย์ธนวัฒน์ ศรีประเสริฐ")  # with a title: dropped
    posts = [(r["post"], r["first_date"], r["last_date"]) for r in answer.tables["posts"]]
    assert posts == [("รองปลัดกระทรวงสาธารณสุข", "2022-02-16", "2022-02-16"),
                     ("ปลัดกระทรวงสาธารณสุข", "2023-05-02", "2023-05-02")]
    assert [r["release"] for r in answer.tables["releases"]] == ["moph-later.json", MOPH]
    assert queries.person(conn, "ธนวัฒน์ ศรีประเสริฐ", since="2566").tables["releases"][0]["date"] == "2023-05-02"
    assert queries.person(conn, "ใครก็ไม่รู้ ไม่มีชื่อ").notes
    conn.close()


def test_meetings_a_person_chaired_with_their_decisions(archive):
    conn = open_archive(archive, create=False)
    answer = queries.chaired(conn, "ธนวัฒน์ ศรีประเสริฐ", since="2022-01", until="2022-12")
    assert [(m["meeting"], m["date"]) for m in answer.tables["meetings"]] == [
        ("คณะกรรมการอำนวยการป้องกันและควบคุมโรคไข้เลือดออก", "2022-02-16")]
    assert sorted(d["kind"] for d in answer.tables["decisions"]) == ["acknowledge", "approve", "assign"]
    assert len(queries.chaired(conn, "ธนวัฒน์ ศรีประเสริฐ").tables["meetings"]) == 2
    assert queries.chaired(conn, "ธนวัฒน์ ศรีประเสริฐ", since="2024").tables["meetings"] == []
    conn.close()


def test_decisions_by_body_kind_and_dates(archive):
    conn = open_archive(archive, create=False)
    by_alias = queries.decisions(conn, body="ครม.").tables["decisions"]
    assert len(by_alias) == len(_cabinet()) > 0 and {d["body"] for d in by_alias} == {"คณะรัฐมนตรี"}
    assert by_alias == queries.decisions(conn, body="คณะรัฐมนตรี").tables["decisions"]
    approved = queries.decisions(conn, body="ครม.", kind="approve", since="2566-03", until="2566-03").tables["decisions"]
    assert len(approved) == len(_cabinet("approve")) > 0 and {d["date"] for d in approved} == {"2023-03-14"}
    assert queries.decisions(conn, body="ครม.", since="2567").tables["decisions"] == []
    assigned = [r for r in _all("resolutions") if r["kind"] == "assign"]
    assigned += [r for r in _doc(MOPH)["resolutions"] if r["kind"] == "assign"]  # and moph-later.json's
    assert len(queries.decisions(conn, kind="assign", limit=None).tables["decisions"]) == len(assigned)
    assert queries.decisions(conn, body="ไม่มีหน่วยงานนี้").notes
    conn.close()


def test_who_held_a_post(archive):
    conn = open_archive(archive, create=False)
    rows = queries.post_holders(conn, "ปลัดกระทรวงสาธารณสุข").tables["holders"]
    assert [(r["person"], r["first_date"]) for r in rows] == [("ธนวัฒน์ ศรีประเสริฐ", "2023-05-02")]
    assert queries.post_holders(conn, "ปลัดกระทรวงสาธารณสุข", since="2564-03", until="2564-03").tables["holders"] == []
    conn.close()


@pytest.mark.parametrize("value, start, end", [
    ("2565", "2022", "2023"), ("2022-03", "2022-03", "2022-04"), ("2564-12", "2021-12", "2022-01"),
    ("2022-02-28", "2022-02-28", "2022-03-01"), ("๒๕๖๕", "2022", "2023"),
])
def test_dates_in_questions_are_ce_or_be(value, start, end):
    assert queries.parse_date(value) == start and queries.parse_date(value, end=True) == end


def test_query_cli_prints_tables_or_json(archive, capsys):
    assert main(["query", str(archive), "decisions", "--body", "ครม.", "--kind", "appoint"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "# decisions" and out[1].split("\t")[:3] == ["date", "kind", "body"]
    assert out[2].split("\t")[1:3] == ["appoint", "คณะรัฐมนตรี"] and len(out) == 3
    assert main(["query", str(archive), "search", "สงกรานต์", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["decisions"] and data["notes"] == []
    assert main(["query", str(archive), "person", "ธนวัฒน์ ศรีประเสริฐ", "--from", "2565-13"]) == 1
    assert "no month 13" in capsys.readouterr().err


# -- batch --db ---------------------------------------------------------------------------------------
def test_batch_with_db_writes_words_and_loads_them(tmp_path, capsys):
    out = tmp_path / "out"
    db = tmp_path / "a.sqlite"
    assert main(["batch", str(ROOT / "samples"), "-o", str(out), "--db", str(db), "--workers", "1", "--quiet"]) == 0
    assert len(list(out.glob("*.words"))) == 7
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM releases").fetchone() == (7,)
    conn.close()
    # the words the worker wrote are those a load would segment: the same index either way
    res = load_archive(out, tmp_path / "b.sqlite")
    assert res.words_from_sidecar == 7 and res.words_segmented == 0
    for path in out.glob("*.words"):
        path.unlink()
    res = load_archive(out, tmp_path / "c.sqlite")
    assert res.words_segmented == 7
    blobs = [sqlite3.connect(tmp_path / n).execute("SELECT path, word_lengths FROM releases JOIN release_texts "
                                                   "USING (release_id) ORDER BY path").fetchall()
             for n in ("b.sqlite", "c.sqlite")]
    assert blobs[0] == blobs[1]


def test_a_stale_words_file_is_not_trusted(out_dir, tmp_path):
    doc = json.loads((out_dir / MOPH).read_text(encoding="utf-8"))
    (out_dir / MOPH.replace(".json", ".words")).write_bytes(
        fulltext.sidecar(doc["text"] + "x", [doc["text"] + "x"]))
    res = load_archive(out_dir, tmp_path / "a.sqlite")
    assert res.words_segmented == 7 and res.words_from_sidecar == 0


# -- Parquet ------------------------------------------------------------------------------------------
def _parquet_rows(root: Path, table: str) -> list[dict]:
    import pyarrow.dataset as ds

    return ds.dataset(root / table, format="parquet", partitioning="hive").to_table().to_pylist()


def test_archive_writes_the_tables_as_parquet_by_year(out_dir, tmp_path):
    pytest.importorskip("pyarrow")
    pq = tmp_path / "pq"
    assert main(["archive", str(out_dir), "-d", str(tmp_path / "a.sqlite"), "--parquet", str(pq), "--quiet"]) == 0
    years = sorted(p.name for p in (pq / "resolutions").iterdir())
    assert years == sorted({f"year={d['document_date']['date'][:4]}" for d in map(_doc, _document_names())
                            if d["resolutions"]})
    conn = sqlite3.connect(tmp_path / "a.sqlite")
    for table, sql in (("releases", "SELECT count(*) FROM releases"), ("person_mentions", "SELECT count(*) FROM person_mentions"),
                       ("resolutions", "SELECT count(*) FROM resolutions"), ("events", "SELECT count(*) FROM events")):
        assert len(_parquet_rows(pq, table)) == conn.execute(sql).fetchone()[0]
    chairs = {(r["release"], r["person_key"]) for r in _parquet_rows(pq, "person_mentions") if r["chair"]}
    assert ("moph-dengue-thai-digits.json", person_key("ธนวัฒน์ ศรีประเสริฐ")) in chairs
    # written again: the dataset is replaced, not added to
    (out_dir / "rayong-flood-command.json").unlink()
    assert main(["archive", str(out_dir), "-d", str(tmp_path / "a.sqlite"), "--parquet", str(pq), "--quiet"]) == 0
    assert len(_parquet_rows(pq, "releases")) == 6
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_dask_engine_writes_parquet_from_its_workers(tmp_path):
    pytest.importorskip("pyarrow")
    pytest.importorskip("distributed")
    from pipeline.batch import run_batch

    inputs = tmp_path / "in"
    shutil.copytree(ROOT / "samples", inputs)
    pq = tmp_path / "pq"
    run_batch(inputs, tmp_path / "out", engine="dask", workers=1, quiet=True, parquet=str(pq))
    rows = _parquet_rows(pq, "releases")
    assert sorted(r["release"] for r in rows) == sorted(_document_names())
    assert {r["source_sha256"] for r in rows} == {_doc(r["release"])["source"]["sha256"] for r in rows}
    assert len(_parquet_rows(pq, "resolutions")) == len(_all("resolutions"))


def test_a_bulk_load_builds_the_indexes_again(out_dir, tmp_path, monkeypatch):
    from pipeline.archive import load as loader

    _later_release(out_dir, "moph-later.json", date="2023-05-02", position="ปลัดกระทรวงสาธารณสุข")
    slow, bulk = tmp_path / "slow.sqlite", tmp_path / "bulk.sqlite"
    load_archive(out_dir, slow)
    monkeypatch.setattr(loader, "BULK_LOAD", 1)
    load_archive(out_dir, bulk)
    schema = lambda db: sorted(sqlite3.connect(db).execute("SELECT type, name, sql FROM sqlite_master"))  # noqa: E731
    assert schema(bulk) == schema(slow)
    answers = []
    for db in (slow, bulk):
        conn = open_archive(db, create=False)
        answers.append([queries.person(conn, "ธนวัฒน์ ศรีประเสริฐ").to_dict(),
                        queries.post_holders(conn, "ปลัดกระทรวงสาธารณสุข").to_dict(),
                        queries.decisions(conn, body="ครม.", kind="approve").to_dict()])
        conn.close()
    assert answers[0] == answers[1]


def test_a_word_in_thai_quotes_is_found_as_the_word(tmp_path):
    # the headline of u0010 (unlabeled releases): curly quotes glued to a name
    text = "“อนุทิน” เผยวัคซีนโมเดอร์นา บริษัทตัวแทนในไทยยืนยันนำเข้าในไตรมาส 4"
    blob = fulltext.segment_lengths(text)
    indexed = fulltext.all_words_text(text, blob).split()
    assert "อนุทิน" in indexed and not any("“" in w or "”" in w for w in indexed)
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE s USING fts5(words, content='', tokenize='{schema_tokenizer()}')")
    conn.execute("INSERT INTO s(rowid, words) VALUES (1, ?)", [fulltext.all_words_text(text, blob)])
    for question in ("อนุทิน", "“อนุทิน”", "วัคซีนโมเดอร์นา", "ไตรมาส 4"):
        assert conn.execute("SELECT rowid FROM s WHERE s MATCH ?", [fulltext.match_query(question)]).fetchall() == [(1,)]


def schema_tokenizer() -> str:
    from pipeline.archive.schema import FTS_TOKENIZER

    return FTS_TOKENIZER
