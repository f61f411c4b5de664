"""The archive's benchmark scripts still run and report what the README quotes (their
figures are not checked here: timing is not a unit test), and the merge measure counts
pairs as its doc says."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT


def test_archive_benchmark_runs_and_reports(tmp_path):
    res = subprocess.run(
        [sys.executable, "benchmarks/archive_benchmark.py", "--batch-out", "outputs", "--releases", "30",
         "--load-runs", "1", "--repeat", "1", "--work", str(tmp_path), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["load"]["releases"] == 30 and report["load"]["rerun_unchanged"] == 30
    assert report["load"]["releases_per_second_per_core"] > 0 and report["load"]["kb_per_release"] > 0
    assert len(report["questions"]) == 9 and all(q["ms"] >= 0 for q in report["questions"].values())
    assert [t["figure"] for t in report["targets"]] == [
        "releases_per_second_per_core", "kb_per_release", "slowest_question_ms"]
    assert len(list((tmp_path / "releases").glob("copy-*/*.json"))) == 30


def test_merge_pairs_are_counted_once_each():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import identity_merge
    finally:
        sys.path.pop(0)
    # four mentions: 0 and 1 one person, 2 and 3 two others
    ident = [0, 0, 1, 2]
    assert identity_merge.score(ident, ["a", "a", "b", "c"]) == {
        "merged_pairs": 1, "true_merges": 1, "false_merges": 0, "missed_merges": 0, "precision": 1.0, "recall": 1.0}
    got = identity_merge.score(ident, ["a", None, "b", "b"])  # 1 missed by the pipeline; 2 and 3 merged wrongly
    assert (got["true_merges"], got["false_merges"], got["missed_merges"]) == (0, 1, 1)
    got = identity_merge.score(ident, ["a", "x", "b", "c"], also={("a", "x")})
    assert got["precision"] == got["recall"] == 1.0
    assert identity_merge.gold_fold("ประยุทธ์ \u200bจันทร์โอชา") == identity_merge.gold_fold("ประยุทธ์จันทร์โอชา")
