"""``thaipress batch`` over the samples and the bad-input corpus (tests/bad_inputs/):
every good file written, every bad one reported with its reason, a killed run resumed
to the same outputs as a clean one, the feed valid JSON Feed 1.1."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from pipeline.batch import FEED_FILE, JSONL_FILE, REPORT_FILE, STATE_FILE, run_batch
from pipeline.output.schema import validate

from .conftest import ROOT, SAMPLES

BAD = ROOT / "tests" / "bad_inputs"
FEED_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))

#: what tests/bad_inputs/README.md promises for each file that fails
EXPECTED_FAILURES = {
    "bad/empty.txt": "empty",
    "bad/whitespace-only.txt": "empty",
    "bad/binary-png.txt": "not_text",
    "bad/huge-20mb.txt": "too_large",
}
#: read, but not Thai: skipped with the reason, not counted as failures
EXPECTED_SKIPPED = {
    "bad/no-thai.txt": "no_thai",
    "bad/english-press-release.txt": "no_thai",
}
ENCODINGS = {
    "bad/enc-utf8.txt": "utf-8",
    "bad/enc-utf8-bom.txt": "utf-8 (BOM)",
    "bad/enc-utf16-le-bom.txt": "utf-16 (BOM)",
    "bad/enc-utf16-be-bom.txt": "utf-16 (BOM)",
    "bad/enc-tis620.txt": "tis-620",
    "bad/enc-windows874.txt": "windows-874",
}


def make_input_tree(root: Path, copies: int = 1, giants: bool = True) -> Path:
    """samples/ and tests/bad_inputs/ side by side, plus (``giants``) the two inputs too
    big to keep in git: a 20 MB text and one line of 1 MB; ``copies`` more folders of
    samples make a run long enough to be killed in the middle."""
    shutil.copytree(SAMPLES, root / "samples")
    shutil.copytree(BAD, root / "bad", ignore=shutil.ignore_patterns("README.md"))
    for i in range(1, copies):
        shutil.copytree(SAMPLES, root / f"more-{i:02d}")
    if not giants:
        return root
    seed = (SAMPLES / "bma-smart-change-2565.txt").read_text(encoding="utf-8")
    line = seed.replace("\n", " ")
    (root / "bad" / "huge-20mb.txt").write_text(seed * (20_000_000 // len(seed.encode()) + 1), encoding="utf-8")
    (root / "bad" / "one-line-1mb.txt").write_text((line + " ") * (1_000_000 // len(line) + 1), encoding="utf-8")
    return root


def read_outputs(out: Path) -> dict[str, str]:
    """Every file the batch wrote, except the run report (times) and the state file."""
    return {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name not in (REPORT_FILE, STATE_FILE)
    }


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    return make_input_tree(tmp_path_factory.mktemp("in"))


@pytest.fixture(scope="module")
def clean_run(tree, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = run_batch(tree, out, workers=2, quiet=True)
    return out, result


def test_every_good_file_written_every_bad_one_reported(tree, clean_run):
    out, result = clean_run
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    failed = {f["path"]: f for f in report["failed"]}
    assert {p: f["code"] for p, f in failed.items()} == EXPECTED_FAILURES
    assert all(f["reason"] for f in failed.values())
    assert "4.0 MB" in failed["bad/huge-20mb.txt"]["reason"]  # says what the limit is
    skipped = {f["path"]: f for f in report["skipped"]}
    assert {p: f["code"] for p, f in skipped.items()} == EXPECTED_SKIPPED
    assert all("Thai" in f["reason"] for f in skipped.values())

    expected_done = {
        p.relative_to(tree).as_posix() for p in tree.rglob("*")
        if p.suffix in (".txt", ".html") and p.relative_to(tree).as_posix() not in EXPECTED_FAILURES | EXPECTED_SKIPPED
    }
    assert set(report["done"]) == expected_done
    assert report["counts"] == {"done": len(expected_done), "unchanged": 0, "skipped": len(EXPECTED_SKIPPED),
                                "failed": len(EXPECTED_FAILURES), "ignored": 1, "hidden": 0, "removed": 0}
    assert report["throughput"]["documents_per_second"] > 0
    assert [(r["path"], r["code"]) for r in report["ignored"]] == [("bad/not-a-document.pdf", "unsupported_type")]

    for rel in expected_done:
        doc = json.loads((out / rel).with_suffix(".json").read_text(encoding="utf-8"))
        validate(doc)
        assert doc["source"]["path"] == rel
    for rel in EXPECTED_FAILURES | EXPECTED_SKIPPED:
        assert not (out / rel).with_suffix(".json").exists()


def test_encodings_are_detected_and_read_alike(clean_run):
    out, _ = clean_run
    docs = {rel: json.loads((out / rel).with_suffix(".json").read_text(encoding="utf-8")) for rel in ENCODINGS}
    assert {rel: d["source"]["encoding"] for rel, d in docs.items()} == ENCODINGS
    # the same text whatever the bytes; the Windows-874 file also holds the curly quotes
    # that code page adds to TIS-620 (bytes 0x93, 0x94)
    texts = {d["text"] for rel, d in docs.items() if rel != "bad/enc-windows874.txt"}
    assert len(texts) == 1
    assert "“คณะทำงาน”" in docs["bad/enc-windows874.txt"]["text"]
    people = {json.dumps([p["name"] for p in d["people"]], ensure_ascii=False) for d in docs.values()}
    assert len(people) == 1 and docs["bad/enc-utf8.txt"]["people"]


def test_invalid_utf8_and_html_with_scripts(clean_run):
    out, _ = clean_run
    damaged = json.loads((out / "bad/invalid-utf8.json").read_text(encoding="utf-8"))
    assert damaged["source"]["invalid_bytes"] == 3
    assert any(f["code"] == "invalid_bytes" for f in damaged["flags"])
    html = json.loads((out / "bad/html-with-scripts.json").read_text(encoding="utf-8"))
    assert "function" not in html["text"] and "window." not in html["text"]
    assert html["people"]


def test_one_enormous_line_is_analysed(clean_run):
    out, _ = clean_run
    doc = json.loads((out / "bad/one-line-1mb.json").read_text(encoding="utf-8"))
    assert len(doc["text"]) > 900_000 and doc["dates"]


def test_jsonl_and_feed(clean_run):
    out, result = clean_run
    docs = [json.loads(line) for line in (out / JSONL_FILE).read_text(encoding="utf-8").splitlines()]
    assert [d["source"]["path"] for d in docs] == sorted(r["path"] for r in result.done)
    feed = json.loads((out / FEED_FILE).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(FEED_SCHEMA).validate(feed)
    assert [i["id"] for i in feed["items"]] == [d["source"]["path"] for d in docs]
    dated = [i for i in feed["items"] if "date_published" in i]
    assert dated and all(i["date_published"].endswith("+07:00") for i in dated)
    assert all(i["_thaipress"]["people"] == d["people"] for i, d in zip(feed["items"], docs))


def test_feed_schema_rejects_what_is_not_json_feed():
    validator = jsonschema.Draft202012Validator(FEED_SCHEMA)
    good = {"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": "a", "content_text": "x"}]}
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "version": "1.1"})
    assert not validator.is_valid({**good, "items": [{"id": "a"}]})  # no content
    assert not validator.is_valid({**good, "items": [{"id": "a", "content_text": "x", "date_published": "2022-01-20"}]})
    assert not validator.is_valid({**good, "items": [{"id": "a", "content_text": "x", "thaipress": {}}]})


def test_rerun_skips_unchanged_and_redoes_changed(tmp_path):
    small = tmp_path / "in"
    shutil.copytree(SAMPLES, small)
    out = tmp_path / "out"
    first = run_batch(small, out, workers=1, quiet=True)
    assert first.done and not first.unchanged
    before = read_outputs(out)

    second = run_batch(small, out, workers=1, quiet=True)
    assert not second.done and len(second.unchanged) == len(first.done)
    assert read_outputs(out) == before  # feed and JSONL rebuilt from what is there, the same

    changed = small / "rayong-flood-command.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nเพิ่มเติม 1 บรรทัด\n", encoding="utf-8")
    third = run_batch(small, out, workers=1, quiet=True)
    assert [r["path"] for r in third.done] == ["rayong-flood-command.txt"]

    (small / "justice-online-meeting.txt").unlink()
    fourth = run_batch(small, out, workers=1, quiet=True)
    docs = (out / JSONL_FILE).read_text(encoding="utf-8")
    assert "justice-online-meeting.txt" not in docs and not fourth.done


def test_kill_9_then_rerun_equals_clean_run(tmp_path):
    """Kill the whole batch (workers included) once the first outputs are written, then
    run again: no partial JSON at any point, and the final outputs are byte for byte
    those of an uninterrupted run over the same files."""
    inputs = make_input_tree(tmp_path / "in", copies=8, giants=False)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "batch", str(inputs), "-o", str(out), "--workers", "2", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.rglob("*.json"))) < 8 and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the batch finished before it could be killed: " + proc.stderr.read().decode()
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()

    written = [p for p in out.rglob("*.json") if p.name != STATE_FILE]
    assert written and not (out / REPORT_FILE).exists()
    for p in written:
        json.loads(p.read_text(encoding="utf-8"))  # complete, never half-written

    resumed = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert resumed.returncode == 4, resumed.stderr  # the bad inputs failed: the run is complete, they are not
    assert not list(out.rglob(".*.tmp-*"))
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    assert report["counts"]["unchanged"] > 0  # the killed run's work was kept

    clean_out = tmp_path / "clean"
    clean = subprocess.run([*cmd[:6], str(clean_out), *cmd[7:]], cwd=ROOT, capture_output=True, text=True)
    assert clean.returncode == 4, clean.stderr
    assert read_outputs(out) == read_outputs(clean_out)


def test_cli_batch_reports_and_exits_cleanly(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLES / "rayong-flood-command.txt", inputs)
    shutil.copy(BAD / "empty.txt", inputs)
    res = subprocess.run([sys.executable, "-m", "pipeline", "batch", str(inputs), "-o", str(tmp_path / "out")],
                         cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 4, res.stderr  # a file failed: not the exit code of a run that did everything
    assert "1 done" in res.stderr and "1 failed" in res.stderr and "empty.txt: file is empty" in res.stderr
    assert "Traceback" not in res.stderr
