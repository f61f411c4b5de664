"""The flag audit (tests/flag_audit/): flags judged one by one on real releases.  Every
code raised at warning level keeps precision >= 0.9 on those verdicts, and no flag
judged wrong comes back as a warning."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from .conftest import ROOT, SHARED, shared_or_skip

AUDIT = ROOT / "tests" / "flag_audit" / "audit.tsv"
PRECISION_FLOOR = 0.9


def _rows() -> list[dict]:
    with AUDIT.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_the_audit_covers_at_least_60_flags_with_a_verdict_each():
    rows = _rows()
    assert len(rows) >= 60
    assert {r["verdict"] for r in rows} <= {"right", "wrong"} and all(r["why"] or r["code"] == "no_title" for r in rows)


@pytest.fixture(scope="module")
def raised_now():
    from pipeline import analyze_file

    folder = shared_or_skip(SHARED / "corpus" / "unlabeled")
    now = {}
    for name in sorted({r["file"] for r in _rows()}):
        doc = analyze_file(folder / name)
        for f in doc["flags"]:
            mention = doc["text"][f["span"][0] : f["span"][1]] if f.get("span") else ""
            now[(name, f["code"], mention)] = f["severity"]
    return now


def test_warning_codes_keep_their_precision_on_the_audit(raised_now):
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in _rows():
        if raised_now.get((r["file"], r["code"], r["mention"])) == "warning":
            counts[r["code"]][r["verdict"] == "right"] += 1
    precision = {code: right / (right + wrong) for code, (wrong, right) in counts.items()}
    assert precision and all(p >= PRECISION_FLOOR for p in precision.values()), precision


def test_no_flag_judged_wrong_is_a_warning_again(raised_now):
    back = [(r["file"], r["code"], r["mention"]) for r in _rows()
            if r["verdict"] == "wrong" and raised_now.get((r["file"], r["code"], r["mention"])) == "warning"]
    assert back == []
