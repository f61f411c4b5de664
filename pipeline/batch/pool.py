"""The local engine of ``batch``: worker processes on this machine.

A worker process that dies (killed, out of memory, a crash in native code) breaks the
pool; the files not finished are run again in a fresh pool, and if that breaks too,
one at a time, so that the file that kills its worker is found and reported as failed
while every other file is analysed.

The workers die with the batch.  On Linux each asks the kernel for SIGKILL when its
parent dies (``prctl(PR_SET_PDEATHSIG)``), so a ``kill -9`` of the batch ends them at
once; everywhere, a worker checks that its parent is still the batch before each write
(:func:`pipeline.batch.worker.parent_alive`) and leaves without writing when it is not.
They ignore Ctrl-C (the batch stops them itself), and the pool is shut down on every
way out of the run: at the end, on an error, on Ctrl-C, when the records are no longer
wanted (the workers still running are killed, what they were writing is a temporary
file the next run removes).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Iterator

from . import worker
from .worker import Job, get_worker_nlp, process_file

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; whether it could."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def init_worker(parent_pid: int) -> None:
    """Each worker process, before its first file."""
    die_with_parent()
    worker.PARENT_PID = parent_pid
    if os.getppid() != parent_pid:  # the batch died before the line above took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the batch's to handle
    get_worker_nlp()


def _stop(pool: ProcessPoolExecutor, *, kill: bool) -> None:
    """Shut ``pool`` down; with ``kill``, without waiting for the files in hand."""
    if kill:
        pool.shutdown(wait=False, cancel_futures=True)
        # the executor has no public way to stop a running task: end its processes
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            try:
                proc.kill()
            except (OSError, ValueError, AttributeError):
                pass
    pool.shutdown(wait=True, cancel_futures=True)


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
        pool = ProcessPoolExecutor(max_workers=size, mp_context=ctx, initializer=init_worker, initargs=(os.getpid(),))
        finished_cleanly = False
        try:
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
            finished_cleanly = True
        finally:
            _stop(pool, kill=not finished_cleanly)
