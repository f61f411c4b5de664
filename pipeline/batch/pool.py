"""The local engine of ``batch``: worker processes on this machine.

A worker process that dies (killed, out of memory, a crash in native code) breaks the
pool; the files not finished are run again in a fresh pool, and if that breaks too,
one at a time, so that the file that kills its worker is found and reported as failed
while every other file is analysed.
"""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Iterator

from .worker import Job, get_worker_nlp, process_file


def run_local(jobs: list[Job], *, workers: int) -> Iterator[dict]:
    """Records of ``jobs`` as they finish, in ``workers`` processes (here when 1)."""
    if workers == 1 or len(jobs) <= 1:
        get_worker_nlp()
        for job in jobs:
            yield process_file(job)
        return

    ctx = get_context("spawn")  # fork would copy a parent's threads and locks
    pending = list(jobs)
    recorded: set[str] = set()
    breaks = 0
    while pending:
        one_at_a_time = breaks >= 2
        size = 1 if one_at_a_time else workers
        with ProcessPoolExecutor(max_workers=size, mp_context=ctx, initializer=get_worker_nlp) as pool:
            batch, pending = (pending[:1], pending[1:]) if one_at_a_time else (pending, [])
            futures = {}
            try:
                for job in batch:
                    futures[pool.submit(process_file, job)] = job
                remaining = set(futures)
                while remaining:
                    finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                    for fut in finished:
                        rec = fut.result()
                        recorded.add(rec["path"])
                        yield rec
            except BrokenProcessPool:
                breaks += 1
                pending.extend(job for job in batch[len(futures):])  # never submitted
                for fut, job in futures.items():
                    if job.rel in recorded:
                        continue
                    if fut.done() and not fut.cancelled() and fut.exception() is None:
                        rec = fut.result()
                    elif one_at_a_time:
                        rec = {"path": job.rel, "status": "failed", "code": "worker_crashed",
                               "reason": "the worker process died while analysing this file"}
                    else:
                        pending.append(job)
                        continue
                    recorded.add(job.rel)
                    yield rec
