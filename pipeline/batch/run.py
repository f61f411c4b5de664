"""``thaipress batch IN_DIR -o OUT_DIR``: every press release below a folder.

Writes, in OUT_DIR:

* ``<relative path without extension>.json`` for each input (the folder layout mirrored),
  and with ``--html`` a page ``<...>.html`` beside it and an ``index.html``;
* ``documents.jsonl`` - one document per line, in input order;
* ``feed.json`` - JSON Feed 1.1, one item per document, structured data under ``_thaipress``;
* ``report.json`` - files done, unchanged (not analysed again), skipped with the reason
  (not Thai: a site's English releases), failed with the reason, ignored (not a kind
  thaipress reads); time, throughput;
* ``.thaipress-state.json`` - content hash and pipeline fingerprint of each output,
  so that a re-run skips inputs that did not change; while a run goes on, each finished
  file is also appended to ``.thaipress-journal.jsonl``, so that a killed run's work
  is kept (the journal is folded into the state at the end).

Every file is written under a temporary name and renamed, so a killed run leaves no
half-written file.  One bad input is reported and never stops the batch.  The files
are analysed by an engine: worker processes on this machine (:mod:`pipeline.batch.pool`,
the default) or a Dask cluster (:mod:`pipeline.batch.dask`); both run
:func:`pipeline.batch.worker.process_file` on each file, and everything else here is the same.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

from .. import __version__
from ..errors import ThaiPressError
from ..loading import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES
from .storage import Folder, LocalFolder, open_folder
from .worker import Job, dumps, output_rel

STATE_FILE = ".thaipress-state.json"
JOURNAL_FILE = ".thaipress-journal.jsonl"
REPORT_FILE = "report.json"
FEED_FILE = "feed.json"
JSONL_FILE = "documents.jsonl"
INDEX_FILE = "index.html"
ENGINES = ("local", "dask")


def find_inputs(in_dir: str | Path) -> list[Path]:
    """Supported files below a local folder, in a stable order (hidden files skipped)."""
    return [Path(in_dir) / rel for rel in LocalFolder(in_dir).scan()[0]]


def output_path(out_dir: Path, rel: Path) -> Path:
    return Path(out_dir) / output_rel(Path(rel).as_posix())


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Version plus a hash of the pipeline's code and data: outputs made by other code
    are not 'unchanged', even under the same version number."""
    h = hashlib.sha256(__version__.encode())
    for package in ("pipeline", "extractors"):
        root = resources.files(package)
        for path in sorted(_walk(root), key=str):
            h.update(str(path.relative_to(root) if hasattr(path, "relative_to") else path).encode())
            h.update(path.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def _walk(node):
    for child in node.iterdir():
        if child.is_dir():
            if child.name != "__pycache__":
                yield from _walk(child)
        elif child.name.endswith((".py", ".json", ".tsv", ".txt", ".html", ".css", ".js")):
            yield child


# -- the run ------------------------------------------------------------------------------------
@dataclass
class BatchResult:
    done: list[dict] = field(default_factory=list)
    unchanged: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # read, but not Thai (an English release)
    failed: list[dict] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # files of a kind thaipress does not read
    seconds: float = 0.0
    chars: int = 0
    engine: dict = field(default_factory=dict)

    def to_report(self, in_dir: str, out_dir: str) -> dict:
        return {
            "pipeline": {"name": "thaipress", "version": __version__, "fingerprint": fingerprint()},
            "input": in_dir,
            "output": out_dir,
            "engine": self.engine,
            "counts": {
                "done": len(self.done), "unchanged": len(self.unchanged), "skipped": len(self.skipped),
                "failed": len(self.failed), "ignored": len(self.ignored),
            },
            "seconds": round(self.seconds, 3),
            "throughput": {
                "documents_per_second": round(len(self.done) / self.seconds, 2) if self.seconds else None,
                "chars_per_second": round(self.chars / self.seconds) if self.seconds else None,
            },
            "done": sorted(r["path"] for r in self.done),
            "unchanged": sorted(r["path"] for r in self.unchanged),
            "skipped": _reasons(self.skipped),
            "failed": _reasons(self.failed),
            "ignored": sorted(self.ignored),
            "ignored_reason": f"only {', '.join(sorted(SUPPORTED_SUFFIXES))} files are read as press releases",
        }


def _reasons(records: list[dict]) -> list[dict]:
    return sorted(({"path": r["path"], "code": r["code"], "reason": r["reason"]} for r in records), key=lambda r: r["path"])


def run_batch(
    in_dir: str | Path,
    out_dir: str | Path,
    *,
    workers: int | None = None,
    quiet: bool = False,
    force: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    feed_title: str | None = None,
    html: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int | None = None,
    words: bool = False,
    parquet: str | None = None,
) -> BatchResult:
    """Analyse every supported file below ``in_dir`` into ``out_dir`` (local paths or
    fsspec URLs); see the module's doc for what is written.  ``words``: also each
    document's words (``<name>.words``), which ``thaipress archive`` indexes."""
    if engine not in ENGINES:
        raise ThaiPressError(f"unknown engine '{engine}' (one of: {', '.join(ENGINES)})")
    in_url, out_url = str(in_dir), str(out_dir)
    inp, out = open_folder(in_url), open_folder(out_url)
    if not inp.is_dir():
        raise ThaiPressError(f"input folder not found: {in_url}")
    out.mkdir()
    out.clean_temporaries()
    started = time.perf_counter()

    inputs, other = inp.scan(exclude=out)
    state = {} if force else _read_state(out)
    fp = fingerprint()
    result = BatchResult(ignored=other)
    jobs: list[Job] = []
    for rel in inputs:
        if _unchanged(inp, out, rel, state.get(rel), fp, html) and not (
            words and not out.exists(output_rel(rel, ".words"))
        ):
            result.unchanged.append({"path": rel, "status": "unchanged"})
        else:
            jobs.append(Job(rel, inp.location, out.location, max_bytes, html, words))

    records, result.engine = _engine(engine, jobs, workers=workers, scheduler=scheduler, chunk_size=chunk_size)
    with out.appender(JOURNAL_FILE) as journal:
        for rec in _progress(records, total=len(jobs), quiet=quiet):
            if rec["status"] == "done":
                result.done.append(rec)
                result.chars += rec.get("chars", 0)
                entry = state[rec["path"]] = {"sha256": rec["sha256"], "fingerprint": fp}
            else:
                (result.skipped if rec["status"] == "skipped" else result.failed).append(rec)
                state.pop(rec["path"], None)
                entry = None
                for suffix in (".json", ".html", ".words"):  # an old output of an input that now fails is not current
                    out.remove(output_rel(rec["path"], suffix))
            # the output is on disk before its line: a killed run resumes where it stopped
            journal.write(json.dumps({"path": rec["path"], "state": entry}, ensure_ascii=False) + "\n")
            journal.flush()
    out.clean_temporaries()  # what a worker killed in the middle of a write left behind
    present = set(inputs)
    state = {k: v for k, v in state.items() if k in present}
    out.write(STATE_FILE, json.dumps(state, ensure_ascii=False, indent=0, sort_keys=True))
    out.remove(JOURNAL_FILE)

    write_collections(out, [rel for rel in inputs if rel in state], title=feed_title or f"thaipress: {_name(in_url)}",
                      html=html)
    if parquet:
        _parquet(engine, out, [output_rel(rel) for rel in inputs if rel in state], parquet, scheduler, workers)
    result.seconds = time.perf_counter() - started
    out.write(REPORT_FILE, dumps(result.to_report(in_url, out_url)))
    return result


def _engine(name: str, jobs: list[Job], *, workers, scheduler, chunk_size) -> tuple[Iterator[dict], dict]:
    if name == "dask":
        from .dask import run_dask

        return run_dask(jobs, scheduler=scheduler, workers=workers, chunk_size=chunk_size)
    from .pool import run_local

    n = max(1, workers or os.cpu_count() or 1)
    return run_local(jobs, workers=n), {"name": "local", "workers": n}


def _parquet(engine: str, out: Folder, rels: list[str], url: str, scheduler, workers) -> None:
    if engine == "dask":
        from .dask import export_parquet

        export_parquet(out.location, rels, url, scheduler=scheduler, workers=workers)
    else:
        from ..archive.parquet import export

        export(out.location, rels, url)


def _progress(records: Iterator[dict], *, total: int, quiet: bool) -> Iterator[dict]:
    """Files, rate and ETA on standard error when it is a terminal."""
    from tqdm import tqdm

    with tqdm(total=total, unit="file", disable=quiet or not sys.stderr.isatty(), file=sys.stderr) as bar:
        for rec in records:
            bar.update(1)
            yield rec


def _unchanged(inp: Folder, out: Folder, rel: str, prev: dict | None, fp: str, html: bool) -> bool:
    """Was ``rel`` analysed, by this very pipeline, from the same bytes, and are its
    outputs still there?"""
    if not prev or prev.get("fingerprint") != fp or not out.exists(output_rel(rel)):
        return False
    if html and not out.exists(output_rel(rel, ".html")):
        return False
    try:
        digest = hashlib.sha256(inp.read_bytes(rel)).hexdigest()
    except OSError:
        return False
    return digest == prev.get("sha256")


def _name(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1] or url


def _read_state(out: Folder) -> dict:
    """The last finished run's state, updated by the journal of a run that was stopped."""
    try:
        state = json.loads(out.read_text(STATE_FILE))
    except (OSError, ValueError):
        state = {}
    try:
        lines = out.read_text(JOURNAL_FILE).splitlines()
    except (OSError, ValueError):
        lines = []
    for line in lines:
        try:
            rec = json.loads(line)
            path, entry = rec["path"], rec["state"]
        except (ValueError, KeyError, TypeError):
            continue  # the line being written when the run was killed
        if entry:
            state[path] = entry
        else:
            state.pop(path, None)
    return state


# -- what is built from all outputs ----------------------------------------------------------------
def write_collections(out: Folder, rels: list[str], *, title: str, html: bool = False) -> None:
    """``documents.jsonl``, ``feed.json`` (and ``index.html``) from the outputs of
    ``rels``, in that order; streamed, one document in memory at a time."""
    from .feed import FeedWriter
    from ..output.render import index_row, render_index

    rows = []
    with out.writer(JSONL_FILE) as jsonl, out.writer(FEED_FILE) as feed_fh:
        feed = FeedWriter(feed_fh, title=title)
        for rel in rels:
            try:
                doc = json.loads(out.read_text(output_rel(rel)))
            except (OSError, ValueError):
                continue
            jsonl.write(json.dumps(doc, ensure_ascii=False) + "\n")
            feed.add(doc)
            if html:
                rows.append(index_row(doc, output_rel(rel, ".html")))
        feed.close()
    if html:
        out.write(INDEX_FILE, render_index(rows, title=title))
