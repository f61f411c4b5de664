"""``thaipress batch IN_DIR -o OUT_DIR``: every press release below a folder.

Writes, in OUT_DIR:

* ``<relative path without extension>.json`` for each input (the folder layout mirrored);
* ``documents.jsonl`` - one document per line, in input order;
* ``feed.json`` - JSON Feed 1.1, one item per document, structured data under ``_thaipress``;
* ``report.json`` - files done, skipped as unchanged, failed with the reason; time, throughput;
* ``.thaipress-state.json`` - content hash and pipeline fingerprint of each output,
  so that a re-run skips inputs that did not change; while a run goes on, each finished
  file is also appended to ``.thaipress-journal.jsonl``, so that a killed run's work
  is kept (the journal is folded into the state at the end).

Every file is written under a temporary name and renamed, so a killed run leaves no
half-written file.  One bad input is reported and never stops the batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from multiprocessing import get_context
from pathlib import Path
from typing import Iterator

from . import __version__
from .errors import ThaiPressError
from .loading import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES

STATE_FILE = ".thaipress-state.json"
JOURNAL_FILE = ".thaipress-journal.jsonl"
REPORT_FILE = "report.json"
FEED_FILE = "feed.json"
JSONL_FILE = "documents.jsonl"


# -- files ---------------------------------------------------------------------------------
def find_inputs(in_dir: Path) -> list[Path]:
    """Supported files below ``in_dir``, in a stable order (hidden files skipped)."""
    return scan(in_dir)[0]


def scan(in_dir: Path) -> tuple[list[Path], list[Path]]:
    """(supported files, other files) below ``in_dir``, in a stable order; hidden files
    and folders are not looked at."""
    found, other = [], []
    for root, dirs, files in os.walk(in_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            supported = Path(name).suffix.lower() in SUPPORTED_SUFFIXES
            (found if supported else other).append(Path(root) / name)
    return found, other


def output_path(out_dir: Path, rel: Path) -> Path:
    return out_dir / rel.with_suffix(".json")


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, rename over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(tmp, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


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
        elif child.name.endswith((".py", ".json", ".tsv", ".txt")):
            yield child


# -- worker side ------------------------------------------------------------------------------
_worker_nlp = None


def _init_worker() -> None:
    global _worker_nlp
    from .orchestrate import load

    _worker_nlp = load()


def process_file(path: str, rel: str, out_path: str, max_bytes: int) -> dict:
    """Analyse one file and write its JSON; returns a small record for the report."""
    from .loading import load_file
    from .orchestrate import analyze_source, get_nlp

    started = time.perf_counter()
    try:
        source = load_file(path, max_bytes=max_bytes, display_path=rel)
        doc = analyze_source(source, nlp=_worker_nlp or get_nlp())
        atomic_write(Path(out_path), dumps(doc))
        return {
            "path": rel, "status": "done", "sha256": source.sha256, "chars": len(source.text),
            "seconds": round(time.perf_counter() - started, 4),
        }
    except ThaiPressError as exc:
        return {"path": rel, "status": "failed", "code": exc.code, "reason": exc.message}
    except Exception as exc:  # a bug in thaipress: report it, keep going
        return {"path": rel, "status": "failed", "code": "internal_error", "reason": f"{type(exc).__name__}: {exc}"}


# -- the run ------------------------------------------------------------------------------------
@dataclass
class BatchResult:
    done: list[dict] = field(default_factory=list)
    unchanged: list[dict] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # files of a kind thaipress does not read
    seconds: float = 0.0
    chars: int = 0

    def to_report(self, in_dir: Path, out_dir: Path, workers: int) -> dict:
        return {
            "pipeline": {"name": "thaipress", "version": __version__, "fingerprint": fingerprint()},
            "input": str(in_dir),
            "output": str(out_dir),
            "workers": workers,
            "counts": {
                "done": len(self.done), "unchanged": len(self.unchanged), "failed": len(self.failed),
                "ignored": len(self.ignored),
            },
            "seconds": round(self.seconds, 3),
            "throughput": {
                "documents_per_second": round(len(self.done) / self.seconds, 2) if self.seconds else None,
                "chars_per_second": round(self.chars / self.seconds) if self.seconds else None,
            },
            "done": sorted(r["path"] for r in self.done),
            "unchanged": sorted(r["path"] for r in self.unchanged),
            "failed": sorted(({"path": r["path"], "code": r["code"], "reason": r["reason"]} for r in self.failed), key=lambda r: r["path"]),
            "ignored": sorted(self.ignored),
            "ignored_reason": f"only {', '.join(sorted(SUPPORTED_SUFFIXES))} files are read as press releases",
        }


def run_batch(
    in_dir: str | Path,
    out_dir: str | Path,
    *,
    workers: int | None = None,
    quiet: bool = False,
    force: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    feed_title: str | None = None,
) -> BatchResult:
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    if not in_dir.is_dir():
        raise ThaiPressError(f"input folder not found: {in_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out_dir)
    started = time.perf_counter()

    found, other = scan(in_dir)
    inputs = [p for p in found if not _inside(p, out_dir)]
    state = {} if force else _read_state(out_dir)
    fp = fingerprint()
    todo: list[tuple[Path, str]] = []
    result = BatchResult(ignored=[p.relative_to(in_dir).as_posix() for p in other if not _inside(p, out_dir)])
    for path in inputs:
        rel = path.relative_to(in_dir).as_posix()
        prev = state.get(rel)
        if prev and prev.get("fingerprint") == fp and output_path(out_dir, Path(rel)).exists():
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                digest = None
            if digest == prev.get("sha256"):
                result.unchanged.append({"path": rel, "status": "unchanged"})
                continue
        todo.append((path, rel))

    jobs = [(str(p), rel, str(output_path(out_dir, Path(rel))), max_bytes) for p, rel in todo]
    workers = max(1, workers or os.cpu_count() or 1)
    records = _run_local(jobs, workers=workers, quiet=quiet)

    with open(out_dir / JOURNAL_FILE, "a", encoding="utf-8") as journal:
        for rec in records:
            if rec["status"] == "done":
                result.done.append(rec)
                result.chars += rec.get("chars", 0)
                entry = {"sha256": rec["sha256"], "fingerprint": fp}
                state[rec["path"]] = entry
            else:
                result.failed.append(rec)
                entry = None
                state.pop(rec["path"], None)
                stale = output_path(out_dir, Path(rec["path"]))
                if stale.exists():  # an old output of an input that now fails is not current
                    stale.unlink()
            # the output is on disk before its line: a killed run resumes where it stopped
            journal.write(json.dumps({"path": rec["path"], "state": entry}, ensure_ascii=False) + "\n")
            journal.flush()
    present = {path.relative_to(in_dir).as_posix() for path in inputs}
    state = {k: v for k, v in state.items() if k in present}
    _write_state(out_dir, state)
    (out_dir / JOURNAL_FILE).unlink(missing_ok=True)

    order = [path.relative_to(in_dir).as_posix() for path in inputs]
    documents = _collect_outputs(out_dir, order, state)
    atomic_write(out_dir / JSONL_FILE, "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents))
    from .feed import build_feed

    atomic_write(out_dir / FEED_FILE, dumps(build_feed(documents, title=feed_title or f"thaipress: {in_dir.name}")))
    result.seconds = time.perf_counter() - started
    atomic_write(out_dir / REPORT_FILE, dumps(result.to_report(in_dir, out_dir, workers)))
    return result


def _run_local(jobs: list[tuple], *, workers: int, quiet: bool) -> Iterator[dict]:
    """Run jobs in ``workers`` processes (in this process when 1).

    A worker process that dies (killed, out of memory, a crash in native code) breaks
    the pool; the files not finished are run again in a fresh pool, and if that breaks
    too, one at a time, so that the file that kills its worker is found and reported
    as failed while every other file is analysed.
    """
    from tqdm import tqdm

    bar = tqdm(total=len(jobs), unit="file", disable=quiet or not sys.stderr.isatty(), file=sys.stderr)
    if workers == 1 or len(jobs) <= 1:
        _init_worker_once()
        for job in jobs:
            yield process_file(*job)
            bar.update(1)
        bar.close()
        return

    ctx = get_context("spawn")
    pending = list(jobs)
    recorded: set[str] = set()
    breaks = 0
    while pending:
        one_at_a_time = breaks >= 2
        size = 1 if one_at_a_time else workers
        with ProcessPoolExecutor(max_workers=size, mp_context=ctx, initializer=_init_worker) as pool:
            batch, pending = (pending[:1], pending[1:]) if one_at_a_time else (pending, [])
            futures = {pool.submit(process_file, *job): job for job in batch}
            try:
                remaining = set(futures)
                while remaining:
                    finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                    for fut in finished:
                        rec = fut.result()
                        recorded.add(rec["path"])
                        bar.update(1)
                        yield rec
            except BrokenProcessPool:
                breaks += 1
                for fut, job in futures.items():
                    if job[1] in recorded:
                        continue
                    if fut.done() and fut.exception() is None:
                        rec = fut.result()
                    elif one_at_a_time:
                        rec = {"path": job[1], "status": "failed", "code": "worker_crashed",
                               "reason": "the worker process died while analysing this file"}
                    else:
                        pending.append(job)
                        continue
                    recorded.add(job[1])
                    bar.update(1)
                    yield rec
    bar.close()


def _init_worker_once() -> None:
    if _worker_nlp is None:
        _init_worker()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _remove_stale_temporaries(out_dir: Path) -> None:
    for tmp in out_dir.rglob(".*.tmp-*"):
        try:
            tmp.unlink()
        except OSError:
            pass


def _read_state(out_dir: Path) -> dict:
    """The last finished run's state, updated by the journal of a run that was stopped."""
    try:
        state = json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    try:
        lines = (out_dir / JOURNAL_FILE).read_text(encoding="utf-8").splitlines()
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


def _write_state(out_dir: Path, state: dict) -> None:
    atomic_write(out_dir / STATE_FILE, json.dumps(state, ensure_ascii=False, indent=0, sort_keys=True))


def _collect_outputs(out_dir: Path, order: list[str], state: dict) -> list[dict]:
    """The current output of every input that has one, in input order."""
    docs = []
    for rel in order:
        if rel not in state:
            continue
        try:
            docs.append(json.loads(output_path(out_dir, Path(rel)).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return docs
