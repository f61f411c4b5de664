"""The benchmark script (benchmarks/benchmark.py) still runs: a tiny corpus, one worker.
Its figures are not checked here (timing is not a unit test); its report's shape is."""

import json
import subprocess
import sys

from .conftest import ROOT


def test_benchmark_runs_and_reports(tmp_path):
    res = subprocess.run(
        [sys.executable, "benchmarks/benchmark.py", "--min-mb", "0.03", "--workers", "1", "--no-growth", "--no-engines",
         "--no-peer", "--repeat", "1",
         "--out", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert res.returncode == 0, res.stderr
    (written,) = tmp_path.glob("*.json")
    report = json.loads(written.read_text(encoding="utf-8"))
    assert report["corpus"]["megabytes"] >= 0.03
    for key in ("bare_tokenization", "pipeline_one_core", "pipeline_workers"):
        assert report[key]["chars_per_second"] > 0
    assert 0 < report["ratio_pipeline_to_bare_per_core"] < 1
    assert len(report["pipeline_workers"]["peak_rss_mb_per_worker"]) == 1
    assert "pipeline / bare tokenization" in res.stdout
    assert [t["figure"] for t in report["targets"]][0] == "ratio_pipeline_to_bare_per_core"


def test_targets_are_checked_against_the_report():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import benchmark
    finally:
        sys.path.pop(0)
    report = {"ratio_pipeline_to_bare_per_core": 0.13, "pipeline_workers": {"peak_rss_mb_per_worker": [210.0, 320.5]}}
    checked = {t["figure"]: (t["value"], t["met"]) for t in benchmark.check_targets(report)}
    assert checked == {"ratio_pipeline_to_bare_per_core": (0.13, True),
                       "pipeline_speed_over_pythainlp_ner": (None, None),  # run with --no-peer
                       "peak_rss_mb_per_worker": (320.5, False)}
    report["ratio_pipeline_to_bare_per_core"] = 0.11
    assert benchmark.check_targets(report)[0]["met"] is False
