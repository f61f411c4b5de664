"""What ``batch`` finds below IN_DIR and what it says of the rest: links to folders
followed once (a loop reported, not walked), links that lead nowhere and folders that
cannot be listed reported as failed, hidden entries counted and listed as ignored, the
outputs of inputs that are gone removed (only those thaipress wrote)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from pipeline.batch import JSONL_FILE, REPORT_FILE, run_batch
from pipeline.batch.storage import LocalFolder

from .conftest import SAMPLES

ONE = "rayong-flood-command.txt"
TWO = "justice-online-meeting.txt"


def folder_of(root: Path, *names: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SAMPLES / name, root / name)
    return root


def by_code(entries: list[dict]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in entries:
        out.setdefault(e["code"], []).append(e["path"])
    return out


def test_a_linked_folder_is_read_once_and_a_loop_is_reported(tmp_path):
    inp = folder_of(tmp_path / "in" / "real", ONE).parent
    outside = folder_of(tmp_path / "elsewhere", TWO)
    (inp / "linked").symlink_to(outside, target_is_directory=True)  # a folder outside IN_DIR
    (inp / "again").symlink_to(inp / "real", target_is_directory=True)  # read already as real/
    (inp / "real" / "up").symlink_to(inp, target_is_directory=True)  # a loop
    scan = LocalFolder(inp).scan()
    assert scan.inputs == [f"linked/{TWO}", f"real/{ONE}"]
    assert by_code(scan.ignored) == {"symlink_loop": ["again/", "real/up/"]}
    reasons = {e["path"]: e["reason"] for e in scan.ignored}
    assert "already read as real/" in reasons["again/"] and "a loop" in reasons["real/up/"]
    assert not scan.problems


def test_a_broken_link_is_reported_as_failed(tmp_path):
    inp = folder_of(tmp_path / "in", ONE)
    (inp / "share").symlink_to(tmp_path / "not-mounted", target_is_directory=True)
    (inp / "gone.txt").symlink_to(tmp_path / "gone.txt")
    (inp / "gone.pdf").symlink_to(tmp_path / "gone.pdf")  # would be ignored anyway
    scan = LocalFolder(inp).scan()
    assert scan.inputs == [ONE]
    assert by_code(scan.problems) == {"broken_link": ["gone.txt", "share"]}
    assert by_code(scan.ignored) == {"broken_link": ["gone.pdf"]}
    assert all("leads nowhere" in e["reason"] for e in scan.problems)


def test_an_unreadable_folder_is_reported_not_passed_over(tmp_path, monkeypatch):
    # root reads every folder whatever its mode: the refusal is made by os.scandir here
    inp = folder_of(tmp_path / "in", ONE)
    folder_of(inp / "locked", TWO)
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    scan = LocalFolder(inp).scan()
    assert scan.inputs == [ONE]
    assert scan.problems == [{"path": "locked/", "code": "unreadable_folder",
                              "reason": "cannot list the folder: Permission denied"}]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads a folder of mode 000")
def test_an_unreadable_folder_by_its_mode(tmp_path):
    inp = folder_of(tmp_path / "in", ONE)
    locked = folder_of(inp / "locked", TWO)
    locked.chmod(0)
    try:
        assert [e["path"] for e in LocalFolder(inp).scan().problems] == ["locked/"]
    finally:
        locked.chmod(0o755)


def test_hidden_entries_are_listed_as_ignored_once(tmp_path):
    inp = folder_of(tmp_path / "in", ONE)
    folder_of(inp / ".git", TWO, ONE)
    shutil.copy(SAMPLES / ONE, inp / ".draft.txt")
    scan = LocalFolder(inp).scan()
    assert scan.inputs == [ONE]
    assert by_code(scan.ignored) == {"hidden": [".draft.txt", ".git/"]}


def test_batch_reports_every_entry_it_does_not_analyse(tmp_path):
    inp = folder_of(tmp_path / "in", ONE)
    folder_of(tmp_path / "elsewhere", TWO)
    (inp / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (inp / "loop").symlink_to(inp, target_is_directory=True)
    (inp / "gone.txt").symlink_to(tmp_path / "gone.txt")
    shutil.copy(SAMPLES / ONE, inp / ".hidden.txt")
    (inp / "notes.pdf").write_bytes(b"%PDF")
    out = tmp_path / "out"
    result = run_batch(inp, out, workers=1, quiet=True)
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    assert report["done"] == [f"linked/{TWO}", ONE]
    assert [(f["path"], f["code"]) for f in report["failed"]] == [("gone.txt", "broken_link")]
    assert [(f["path"], f["code"]) for f in report["ignored"]] == [
        (".hidden.txt", "hidden"), ("loop/", "symlink_loop"), ("notes.pdf", "unsupported_type")]
    assert report["counts"]["hidden"] == 1 and not result.complete


def test_the_output_folder_inside_the_input_is_named(tmp_path):
    inp = folder_of(tmp_path / "in", ONE)
    run_batch(inp, inp / "json", workers=1, quiet=True)
    again = run_batch(inp, inp / "json", workers=1, quiet=True)
    assert [(r["path"], r["code"]) for r in again.ignored] == [("json/", "output_folder")]
    assert [r["path"] for r in again.unchanged] == [ONE]


def test_outputs_of_removed_inputs_are_removed_and_listed(tmp_path):
    inp = folder_of(tmp_path / "in", ONE, TWO)
    out = tmp_path / "out"
    run_batch(inp, out, workers=1, quiet=True, html=True)
    (out / "mine.json").write_text("{}", encoding="utf-8")  # the user's own file: never removed
    (inp / TWO).unlink()
    result = run_batch(inp, out, workers=1, quiet=True)
    stem = TWO.removesuffix(".txt")
    assert sorted(result.removed) == [f"{stem}.html", f"{stem}.json"]
    assert not (out / f"{stem}.json").exists() and not (out / f"{stem}.html").exists()
    assert (out / "mine.json").exists()
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    assert report["removed"] == sorted(result.removed) and report["counts"]["removed"] == 2
    assert TWO not in (out / JSONL_FILE).read_text(encoding="utf-8")
    again = run_batch(inp, out, workers=1, quiet=True)  # nothing more to remove
    assert again.removed == [] and (out / "mine.json").exists()


def test_an_output_thaipress_did_not_write_is_not_removed(tmp_path):
    # the output of an input that fails is removed only if thaipress wrote it
    inp = folder_of(tmp_path / "in", ONE)
    (inp / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    out.mkdir()
    (out / "empty.json").write_text('{"mine": true}', encoding="utf-8")
    result = run_batch(inp, out, workers=1, quiet=True)
    assert [r["path"] for r in result.failed] == ["empty.txt"]
    assert (out / "empty.json").read_text(encoding="utf-8") == '{"mine": true}'
