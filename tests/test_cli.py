"""The command line's exit codes and messages, as a script or a cron job meets them:
0 all done, 1 a path or file the user can fix (one line naming it), 2 usage, 3 below a
floor, 4 a batch with inputs not analysed, 70 only for a bug, 141 a closed stdout;
``--quiet`` never hides a failure."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import cli

from .conftest import ROOT, SAMPLES, SEED

NER_LINE = "[PERSON]นายสุพรพล หนูครองสิน[/PERSON] รองผู้อำนวยการ[ORGANIZATION]สำนักยุทธศาสตร์และประเมินผล[/ORGANIZATION] เป็นประธาน\n"


def run_cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, **kw)


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr and "internal error" not in stderr, stderr
    return lines[0]


@pytest.fixture
def small_in(tmp_path) -> Path:
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(SAMPLES / "rayong-flood-command.txt", inp)
    return inp


# -- 2: usage --------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ["batch", "samples", "-o", "x", "--workers", "0"],
    ["batch", "samples", "-o", "x", "--workers", "-3"],
    ["batch", "samples", "-o", "x", "--max-bytes", "0"],
    ["batch", "samples", "-o", "x", "--max-bytes", "-1"],
    ["batch", "samples", "-o", "x", "--chunk-size", "0", "--engine", "dask"],
    ["batch", "samples", "-o", "x", "--scheduler", "tcp://127.0.0.1:9"],  # without --engine dask
    ["analyze", str(SEED), "--max-bytes", "-1"],
    ["eval", "samples", "--min-f1", "PERSON=0.5"],  # --min-f1 scores a ThaiNER file, not a folder
    ["eval", "samples", "--min-macro-f1", "2"],
    ["eval", str(SEED), "--min-f1", "PERSONS=0.5"],
])
def test_wrong_values_are_usage_errors(args, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(args)
    assert exit_.value.code == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "usage:" in err and "error:" in err


# -- 1: paths the user can fix -------------------------------------------------------------------
def test_batch_paths(tmp_path, small_in):
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    cases = {
        ("batch", small_in / "rayong-flood-command.txt", "-o", tmp_path / "o"): "not a folder",
        ("batch", tmp_path / "missing", "-o", tmp_path / "o"): "no such folder",
        ("batch", small_in, "-o", a_file): "is a file, not a folder",
        ("batch", small_in, "-o", a_file / "out"): "cannot create the folder",
        ("batch", small_in, "-o", "/proc/thaipress-out"): "cannot create the folder",
    }
    for args, problem in cases.items():
        res = run_cli(*args)
        assert res.returncode == cli.EXIT_USER, (args, res.stderr)
        line = one_line(res.stderr)
        named = args[1] if problem in ("not a folder", "no such folder") else args[3]
        assert line.startswith(f"thaipress: {named}: {problem}"), line


def test_render_paths(tmp_path):
    cases = {
        ("render", SEED, "-o", "/proc/page.html"): ("/proc/page.html", "cannot write"),
        ("render", SEED, "-o", tmp_path / "no" / "page.html"): (tmp_path / "no" / "page.html", "no such folder"),
        ("render", tmp_path / "missing.json", "-o", tmp_path / "p.html"): (tmp_path / "missing.json", "cannot read"),
    }
    for args, (named, problem) in cases.items():
        res = run_cli(*args)
        assert res.returncode == cli.EXIT_USER, (args, res.stderr)
        line = one_line(res.stderr)
        assert line.startswith(f"thaipress: {named}: {problem}"), line
        assert ".tmp-" not in line  # never the temporary file's name
    assert not (tmp_path / "no").exists()  # no folder made behind the user's back


def test_render_of_a_json_array_says_so_in_one_short_line(tmp_path):
    docs = tmp_path / "docs.json"
    res = run_cli("analyze", SEED, SAMPLES / "rayong-flood-command.txt")
    docs.write_text(res.stdout, encoding="utf-8")
    res = run_cli("render", docs, "-o", tmp_path / "p.html")
    assert res.returncode == cli.EXIT_USER
    line = one_line(res.stderr)
    assert "a JSON array of 2 items, not one thaipress document" in line and len(line) < 300
    assert "output" not in line


def test_eval_paths(tmp_path):
    res = run_cli("eval", tmp_path / "nowhere")
    assert res.returncode == cli.EXIT_USER and one_line(res.stderr) == f"thaipress: {tmp_path / 'nowhere'}: no such file or folder"
    res = run_cli("eval", SEED)  # a release, not a ThaiNER file: no table of zeros
    assert res.returncode == cli.EXIT_USER and "not a ThaiNER file" in one_line(res.stderr)
    assert res.stdout == ""


def test_eval_floor_on_a_ner_file(tmp_path):
    ner = tmp_path / "ner.txt"
    ner.write_text(NER_LINE, encoding="utf-8")
    assert run_cli("eval", ner, "--min-f1", "PERSON=0.5").returncode == 0
    ner.write_text(NER_LINE + "ที่ประชุม[ORGANIZATION]เห็นชอบ[/ORGANIZATION]\n", encoding="utf-8")  # a tag no one finds
    low = run_cli("eval", ner, "--min-f1", "ORGANIZATION=0.9", "--min-f1", "micro=0.1")
    assert low.returncode == cli.EXIT_BELOW_FLOOR and "below the floor: ORGANIZATION" in low.stderr
    assert "micro" not in low.stderr


# -- 4 and --quiet: a batch with inputs not analysed -------------------------------------------
def test_batch_exit_codes_and_quiet(tmp_path, small_in):
    ok = run_cli("batch", small_in, "-o", tmp_path / "ok", "--quiet")
    assert ok.returncode == 0 and ok.stderr == ""  # all done: quiet is silent
    (small_in / "empty.txt").write_bytes(b"")
    (small_in / "english.txt").write_text("A press release in English only. " * 5, encoding="utf-8")
    (small_in / "notes.pdf").write_bytes(b"%PDF")
    (small_in / ".hidden.txt").write_text("x", encoding="utf-8")
    for quiet in ([], ["--quiet"]):
        res = run_cli("batch", small_in, "-o", tmp_path / f"out{len(quiet)}", *quiet)
        assert res.returncode == cli.EXIT_INCOMPLETE, res.stderr
        assert "failed: empty.txt: file is empty" in res.stderr
        assert "skipped: english.txt:" in res.stderr
        assert "1 failed, 1 skipped (not analysed)" in res.stderr  # the one-line summary of problems
        assert ("ignored: notes.pdf" in res.stderr) is not bool(quiet)
        assert ("(1 hidden)" in res.stderr) is not bool(quiet)
        assert "Traceback" not in res.stderr


# -- 141: a closed stdout ------------------------------------------------------------------------
@pytest.mark.parametrize("make_args", [
    lambda tmp: ["schema"],
    lambda tmp: ["analyze", str(SEED)],
    lambda tmp: ["eval", str(tmp / "ner.txt")],
])
def test_a_closed_stdout_ends_quietly(tmp_path, make_args):
    (tmp_path / "ner.txt").write_text(NER_LINE, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", *make_args(tmp_path)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # `... | head` that has read what it wanted
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) in (0, cli.EXIT_BROKEN_PIPE)
    assert err == "", err


# -- 70 only for bugs ------------------------------------------------------------------------------
def test_help_states_the_exit_codes():
    res = run_cli("--help")
    for code in ("0 ", "1 ", "2 ", "3 ", "4 ", "70 ", "130 "):
        assert f"\n  {code}" in res.stdout
    assert "exit codes:" in run_cli("batch", "--help").stdout


def test_an_output_error_is_not_an_internal_error(tmp_path, small_in, monkeypatch, capsys):
    # a disk that fills up while the report is written: the user's to fix, said in one line
    from pipeline.batch import storage

    real = storage.LocalFolder.writer

    def full(self, rel, **kw):
        if rel == "report.json":
            raise storage.OutputError("cannot write: No space left on device", path=str(self.path(rel)))
        return real(self, rel, **kw)

    monkeypatch.setattr(storage.LocalFolder, "writer", full)
    assert cli.main(["batch", str(small_in), "-o", str(tmp_path / "out"), "--workers", "1", "--quiet"]) == cli.EXIT_USER
    err = capsys.readouterr().err
    assert err == f"thaipress: {tmp_path / 'out' / 'report.json'}: cannot write: No space left on device\n"
