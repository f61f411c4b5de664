"""``thaipress batch IN_DIR -o OUT_DIR``: every press release below a folder.

Writes, in OUT_DIR:

* ``<relative path without extension>.json`` for each input (the folder layout mirrored),
  and with ``--html`` a page ``<...>.html`` beside it and an ``index.html``;
* ``documents.jsonl`` - one document per line, in input order;
* ``feed.json`` - JSON Feed 1.1, one item per document, structured data under ``_thaipress``;
* ``report.json`` - files done, unchanged (not analysed again), skipped with the reason
  (not Thai: a site's English releases), failed with the reason (also a folder that
  cannot be listed, a link that leads nowhere), ignored with the reason (not a kind
  thaipress reads, hidden, a link to a folder already read), removed (the outputs of
  inputs that are gone); time, throughput;
* ``.thaipress-state.json`` - content hash and pipeline fingerprint of each output,
  so that a re-run skips inputs that did not change; while a run goes on, each finished
  file is also appended to ``.thaipress-journal.jsonl``, so that a killed run's work
  is kept (the journal is folded into the state at the end).

Every file is written under a temporary name and renamed, so a killed run leaves no
half-written file.  One bad input is reported and never stops the batch.  The outputs
of an input removed since the last run are removed too (only files that the state
says thaipress wrote: nothing else in OUT_DIR is ever deleted).  The files
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
from ..loading import DEFAULT_MAX_BYTES
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
    return [Path(in_dir) / rel for rel in LocalFolder(in_dir).scan().inputs]


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
        elif child.name.endswith((".py", ".json", ".tsv", ".txt", ".html", ".css", ".js", ".woff2")):
            yield child


# -- the run ------------------------------------------------------------------------------------
@dataclass
class BatchResult:
    done: list[dict] = field(default_factory=list)
    unchanged: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # read, but not Thai (an English release)
    failed: list[dict] = field(default_factory=list)  # files, and folders or links that could not be read
    ignored: list[dict] = field(default_factory=list)  # not analysed, and need not be: {"path", "code", "reason"}
    removed: list[str] = field(default_factory=list)  # outputs of inputs that are gone
    seconds: float = 0.0
    chars: int = 0
    engine: dict = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Was every input analysed (done or unchanged)?  Ignored files do not count."""
        return not (self.failed or self.skipped)

    @property
    def hidden(self) -> int:
        return sum(1 for r in self.ignored if r["code"] == "hidden")

    def to_report(self, in_dir: str, out_dir: str) -> dict:
        return {
            "pipeline": {"name": "thaipress", "version": __version__, "fingerprint": fingerprint()},
            "input": in_dir,
            "output": out_dir,
            "engine": self.engine,
            "counts": {
                "done": len(self.done), "unchanged": len(self.unchanged), "skipped": len(self.skipped),
                "failed": len(self.failed), "ignored": len(self.ignored), "hidden": self.hidden,
                "removed": len(self.removed),
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
            "ignored": _reasons(self.ignored),
            "removed": sorted(self.removed),
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
    document's words (``<name>.words``), which ``thaipress archive`` indexes.  Raises
    :class:`~pipeline.errors.ThaiPressError` (one line, naming the path) when the run
    cannot start: no such input folder, an output that cannot be written."""
    if engine not in ENGINES:
        raise ThaiPressError(f"unknown engine '{engine}' (one of: {', '.join(ENGINES)})")
    in_url, out_url = str(in_dir), str(out_dir)
    inp, out = open_folder(in_url), open_folder(out_url)
    _check_input(inp, in_url)
    out.mkdir()
    out.clean_temporaries()
    started = time.perf_counter()

    scan = inp.scan(exclude=out)
    inputs = scan.inputs
    state = _read_state(out)
    wrote = set(state)  # the inputs whose outputs thaipress wrote: the only outputs it may remove
    fp = fingerprint()
    result = BatchResult(ignored=scan.ignored, failed=list(scan.problems))
    jobs: list[Job] = []
    for rel in inputs:
        if not force and _unchanged(inp, out, rel, state.get(rel), fp, html) and not (
            words and not out.exists(output_rel(rel, ".words"))
        ):
            result.unchanged.append({"path": rel, "status": "unchanged"})
        else:
            jobs.append(Job(rel, inp.location, out.location, max_bytes, html, words))

    with out.appender(JOURNAL_FILE) as journal:  # opened first: an unwritable OUT_DIR stops the run here
        records, result.engine = _engine(engine, jobs, workers=workers, scheduler=scheduler, chunk_size=chunk_size)
        try:
            for rec in _progress(records, total=len(jobs), quiet=quiet):
                if rec["status"] == "done":
                    result.done.append(rec)
                    result.chars += rec.get("chars", 0)
                    before = state.get(rec["path"]) or {}
                    page = html or bool(before.get("html"))
                    sidecar = words or bool(before.get("words"))
                    entry = state[rec["path"]] = {"sha256": rec["sha256"], "fingerprint": fp,
                                                  **({"html": True} if page else {}), **({"words": True} if sidecar else {})}
                else:
                    (result.skipped if rec["status"] == "skipped" else result.failed).append(rec)
                    entry = state.pop(rec["path"], None)
                    if rec["path"] in wrote:  # an old output of an input that now fails is not current
                        result.removed.extend(_remove_outputs(out, rec["path"], entry))
                    entry = None
                # the output is on disk before its line: a killed run resumes where it stopped
                journal.write(json.dumps({"path": rec["path"], "state": entry}, ensure_ascii=False) + "\n")
                journal.flush()
        finally:
            records.close()  # stops the engine's workers on every way out (an error, Ctrl-C)
    out.clean_temporaries()  # what a worker killed in the middle of a write left behind
    present = set(inputs)
    kept = {output_rel(rel) for rel in inputs}
    for rel in sorted(set(state) - present):  # inputs removed since the last run
        entry = state.pop(rel)
        if output_rel(rel) not in kept:  # a.txt gone, a.html still there: a.json is a.html's
            result.removed.extend(_remove_outputs(out, rel, entry))
    out.write(STATE_FILE, json.dumps(state, ensure_ascii=False, indent=0, sort_keys=True))
    out.remove(JOURNAL_FILE)

    write_collections(out, [rel for rel in inputs if rel in state], title=feed_title or f"thaipress: {_name(in_url)}",
                      html=html)
    if parquet:
        _parquet(engine, out, [output_rel(rel) for rel in inputs if rel in state], parquet, scheduler, workers)
    result.seconds = time.perf_counter() - started
    out.write(REPORT_FILE, dumps(result.to_report(in_url, out_url)))
    return result


def _check_input(inp: Folder, url: str) -> None:
    """A user's mistake about IN_DIR, before anything is written."""
    if not inp.is_dir():
        if isinstance(inp, LocalFolder) and inp.root.exists():
            raise ThaiPressError("not a folder (batch reads a folder; for one file: thaipress analyze FILE)", path=url)
        raise ThaiPressError("no such folder", path=url)
    if isinstance(inp, LocalFolder):
        try:
            with os.scandir(inp.root):
                pass
        except OSError as exc:
            raise ThaiPressError(f"cannot read the folder: {exc.strerror or exc}", path=url) from None


def _remove_outputs(out: Folder, rel: str, entry: dict | None) -> list[str]:
    """Remove the outputs thaipress wrote for input ``rel``; the paths removed."""
    entry = entry or {}
    suffixes = (".json",) + ((".html",) if entry.get("html") else ()) + ((".words",) if entry.get("words") else ())
    return [output_rel(rel, suffix) for suffix in suffixes if out.remove(output_rel(rel, suffix))]


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
