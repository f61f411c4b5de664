"""The Dask engine: the same outputs as the local engine on a LocalCluster of two
workers, a worker killed mid-run without losing or doubling a document, a Dask bag of
texts, and folders given as fsspec URLs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.batch import JSONL_FILE, REPORT_FILE, run_batch
from pipeline.output.schema import validate

from .conftest import CORPUS, ROOT, SAMPLES
from .test_batch import read_outputs

distributed = pytest.importorskip("distributed", reason="Dask is not installed (pip install -e '.[dask]')")


def input_tree(root: Path, at_least: int = 0) -> Path:
    """The samples and, when it is beside the checkout, the shared corpus's texts; more
    copies of the samples until there are ``at_least`` files."""
    shutil.copytree(SAMPLES, root / "samples")
    if CORPUS.is_dir():
        shutil.copytree(CORPUS, root / "corpus", ignore=shutil.ignore_patterns("*.json", "*.md"))
    copies = 1
    while len([p for p in root.rglob("*") if p.is_file()]) < at_least:
        shutil.copytree(SAMPLES, root / f"samples-{copies:02d}")
        copies += 1
    return root


def test_local_cluster_gives_the_local_engines_outputs(tmp_path):
    tree = input_tree(tmp_path / "in", at_least=30)
    local = run_batch(tree, tmp_path / "local", workers=2, quiet=True)
    on_dask = run_batch(tree, tmp_path / "dask", engine="dask", workers=2, quiet=True)
    assert on_dask.engine["name"] == "dask" and on_dask.engine["workers"] == 2
    assert on_dask.engine["tasks"] < len(on_dask.done)  # files went in chunks
    assert sorted(r["path"] for r in on_dask.done) == sorted(r["path"] for r in local.done)
    assert read_outputs(tmp_path / "dask") == read_outputs(tmp_path / "local")
    report = json.loads((tmp_path / "dask" / REPORT_FILE).read_text(encoding="utf-8"))
    assert report["engine"]["scheduler"] == "LocalCluster" and report["counts"]["failed"] == 0


def test_a_killed_worker_loses_and_doubles_nothing(tmp_path, monkeypatch):
    """A worker busy with a chunk of the batch is killed (SIGKILL) once the first
    chunk's records are in: its chunk is run again elsewhere, every file is done once,
    and when the batch returns no task of it runs any more and no temporary file is
    left.  The kill is made from the record stream at a fixed point, on a worker the
    scheduler says is running a chunk: the test once killed from a thread polling the
    output folder, so when the kill landed (before or after the batch returned, on a
    worker busy, idle or holding results) varied from run to run."""
    import pipeline.batch.run as run

    tree = input_tree(tmp_path / "in", at_least=200)
    out = tmp_path / "out"
    expected = sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.suffix in (".txt", ".html"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster, distributed.Client(cluster) as client:
        killed = {}
        real_progress = run._progress

        def kill_a_busy_worker_after_the_first_chunk(records, *, total, quiet):
            for n, rec in enumerate(real_progress(records, total=total, quiet=quiet), 1):
                yield rec
                if n == 8:  # chunk_size: the first chunk's records are all in
                    busy = next(w for w, keys in client.processing().items() if keys)
                    killed.update(worker=busy, seen=n, pid=client.run(os.getpid, workers=[busy])[busy])
                    os.kill(killed["pid"], signal.SIGKILL)

        monkeypatch.setattr(run, "_progress", kill_a_busy_worker_after_the_first_chunk)
        result = run_batch(tree, out, engine="dask", scheduler=cluster.scheduler_address, chunk_size=8, quiet=True)
        # the killed worker was running a chunk of this batch: the scheduler ran it again
        removed = [e for _, e in client.get_events(killed["worker"]) if e.get("action") == "remove-worker"]
        assert removed and removed[0]["processing-tasks"], removed
        # nothing of the batch runs after it returned, nothing half-written is left
        assert not [k for keys in client.processing().values() for k in keys]
        assert not list(out.rglob(".*.tmp-*"))
    assert killed["seen"] < len(expected) / 2
    assert not result.failed
    assert sorted(r["path"] for r in result.done) == expected  # every file once in the report
    lines = (out / JSONL_FILE).read_text(encoding="utf-8").splitlines()
    paths = [json.loads(line)["source"]["path"] for line in lines]
    assert paths == expected  # once each in the JSONL, in input order
    feed = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in feed["items"]] == expected
    for rel in expected[:: max(1, len(expected) // 10)]:
        validate(json.loads((out / rel).with_suffix(".json").read_text(encoding="utf-8")))
    assert not list(out.rglob(".*.tmp-*"))


def test_cli_dask_engine(tmp_path):
    tree = input_tree(tmp_path / "in")
    shutil.rmtree(tree / "corpus", ignore_errors=True)
    res = subprocess.run([sys.executable, "-m", "pipeline", "batch", str(tree), "-o", str(tmp_path / "out"),
                          "--engine", "dask", "--workers", "1", "--chunk-size", "3"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    report = json.loads((tmp_path / "out" / REPORT_FILE).read_text(encoding="utf-8"))
    assert report["engine"] == {"name": "dask", "scheduler": "LocalCluster", "workers": 1, "chunk_size": 3, "tasks": 3}


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    res = subprocess.run([sys.executable, "-m", "pipeline", "batch", str(SAMPLES), "-o", str(tmp_path / "out"),
                          "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert res.returncode != 0
    assert "cannot reach the Dask scheduler" in res.stderr and "Traceback" not in res.stderr


def test_analyze_bag(seed_text):
    import dask.bag as db

    from pipeline.dask import analyze_bag

    bag = db.from_sequence([seed_text, "no Thai here", seed_text], npartitions=2)
    first, bad, third = analyze_bag(bag).compute(scheduler="synchronous")
    validate(first)
    assert len(first["people"]) == 5 and first == third
    assert bad == {"error": {"code": "no_thai", "message": bad["error"]["message"]}}


def test_folders_as_fsspec_urls():
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    for p in SAMPLES.iterdir():
        fs.pipe(f"/thaipress-in/{p.name}", p.read_bytes())
    fs.pipe("/thaipress-in/notes.pdf", b"%PDF")
    result = run_batch("memory://thaipress-in", "memory://thaipress-out", workers=1, quiet=True)
    assert len(result.done) == len(list(SAMPLES.iterdir())) and [r["path"] for r in result.ignored] == ["notes.pdf"]
    doc = json.loads(fs.cat_file("/thaipress-out/bma-smart-change-2565.json"))
    assert len(doc["people"]) == 5
    again = run_batch("memory://thaipress-in", "memory://thaipress-out", workers=1, quiet=True)
    assert not again.done and len(again.unchanged) == len(result.done)
    assert not [p for p in fs.find("/thaipress-out") if ".tmp-" in p]


def test_local_engine_does_not_import_dask():
    code = "import sys, pipeline.batch, pipeline.cli; assert 'distributed' not in sys.modules and 'dask' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
