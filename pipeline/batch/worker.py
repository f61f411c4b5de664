"""The work on one file of a batch, the same whichever engine runs it (local
processes or Dask workers): read it from the input folder, analyse it, write its JSON
(and HTML page) atomically to the output folder, return a small record for the report.

The pipeline is loaded once per process (a worker keeps it between files).
"""

from __future__ import annotations

import json
import os
import posixpath
import time
from dataclasses import dataclass

from ..errors import NoThaiTextError, ThaiPressError

_nlp = None
#: the batch's pid, in a local engine's worker process (set by its initializer)
PARENT_PID: int | None = None


@dataclass(frozen=True)
class Job:
    """One input file: where it is, where its outputs go, what to write."""

    rel: str  # path inside the input folder, posix; also the output's and source.path
    in_root: str  # input folder: a local path or an fsspec URL
    out_root: str
    max_bytes: int
    html: bool = False
    words: bool = False  # also the words' sidecar (<name>.words) that `thaipress archive` indexes


def output_rel(rel: str, suffix: str = ".json") -> str:
    return posixpath.splitext(rel)[0] + suffix


def index_href(rel: str) -> str:
    """From ``rel``'s page to the batch's index.html."""
    return "../" * rel.count("/") + "index.html"


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def parent_alive() -> bool:
    """Is the batch that started this worker still there?  (Always, outside a local
    worker process.)"""
    return PARENT_PID is None or os.getppid() == PARENT_PID


def _write(out, rel: str, data: str) -> None:
    if not parent_alive():  # the batch was killed: write nothing more, leave
        os._exit(1)
    out.write(rel, data)


def get_worker_nlp():
    global _nlp
    if _nlp is None:
        from ..orchestrate import load

        _nlp = load()
    return _nlp


def process_file(job: Job) -> dict:
    """Analyse one file and write its outputs; never raises for a bad document."""
    from ..loading import load_stored
    from ..orchestrate import analyze_doc
    from .storage import open_folder

    started = time.perf_counter()
    try:
        inp, out = open_folder(job.in_root), open_folder(job.out_root)
        source = load_stored(
            lambda: inp.size(job.rel), lambda: inp.read_bytes(job.rel),
            name=job.rel, shown=job.rel, max_bytes=job.max_bytes,
        )
        sdoc = analyze_doc(source, nlp=get_worker_nlp())
        doc = sdoc._.thaipress
        _write(out, output_rel(job.rel), dumps(doc))
        if job.words:
            from ..archive.fulltext import WORDS_SUFFIX, sidecar

            _write(out, output_rel(job.rel, WORDS_SUFFIX), sidecar(doc["text"], sdoc._.tp["words"]))
        if job.html:
            from ..output.render import render_document

            _write(out, output_rel(job.rel, ".html"), render_document(doc, index_href=index_href(job.rel)))
        return {
            "path": job.rel, "status": "done", "sha256": source.sha256, "chars": len(source.text),
            "seconds": round(time.perf_counter() - started, 4),
        }
    except NoThaiTextError as exc:  # a release of the same site in another language: not a failure
        return {"path": job.rel, "status": "skipped", "code": exc.code, "reason": exc.message}
    except ThaiPressError as exc:
        return {"path": job.rel, "status": "failed", "code": exc.code, "reason": exc.message}
    except Exception as exc:  # a bug in thaipress: report it, keep going
        return {"path": job.rel, "status": "failed", "code": "internal_error", "reason": f"{type(exc).__name__}: {exc}"}


def process_chunk(jobs: list[Job]) -> list[dict]:
    """Several files in one task (engines send chunks, not one tiny task per file)."""
    return [process_file(job) for job in jobs]
