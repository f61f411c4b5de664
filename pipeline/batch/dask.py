"""The Dask engine of ``batch`` (``--engine dask``), and thaipress on a Dask bag.

    thaipress batch IN -o OUT --engine dask                                # a LocalCluster here
    thaipress batch s3://archive/2565 -o s3://out/2565 --engine dask --scheduler tcp://head:8786

Dask (``dask.distributed``) is an optional extra: ``pip install 'thaipress[dask]'``,
on the client and on every worker (the workers import ``pipeline`` to run it).

* The same per-file work as the local engine (:func:`pipeline.batch.worker.process_file`):
  each worker reads its files from the input folder and writes their outputs to the
  output folder itself (any fsspec URL every worker can reach; local paths for a
  LocalCluster), atomically.  Only small records travel back to the client, which
  keeps the journal, the state, the feed and the report exactly as the local engine.
* Files go in chunks (about four tasks per worker, at most 64 files each), not one
  task per tiny file.
* The pipeline is loaded once per worker process, by a worker plugin, before its
  first task.
* Records stream back as chunks finish.  A worker that dies loses its running chunk
  (and the results it held): the scheduler runs it again on another worker (writing
  the same files again is harmless: each write replaces the file whole), and the
  client takes each chunk's result once, so no document is counted or fed twice.  The
  batch returns only when no chunk of it runs any more.  A chunk that keeps killing
  workers is split and its files run one per task; a file that kills a worker on its
  own is reported as failed.
"""

from __future__ import annotations

import math
import os
from typing import Iterator

from ..errors import ThaiPressError
from .worker import Job, get_worker_nlp, process_chunk

MAX_CHUNK = 64
TASKS_PER_WORKER = 4


def _distributed():
    try:
        import distributed
    except ImportError:
        raise ThaiPressError("the Dask engine needs Dask: pip install 'thaipress[dask]'") from None
    return distributed


def chunk_jobs(jobs: list[Job], *, workers: int, chunk_size: int | None = None) -> list[list[Job]]:
    size = chunk_size or max(1, min(MAX_CHUNK, math.ceil(len(jobs) / max(1, workers * TASKS_PER_WORKER))))
    return [jobs[i : i + size] for i in range(0, len(jobs), size)]


def _plugin():
    distributed = _distributed()

    class LoadPipeline(distributed.WorkerPlugin):
        """Loads the thaipress pipeline when a worker starts (and when one joins later)."""

        name = "thaipress-load-pipeline"

        def setup(self, worker) -> None:
            get_worker_nlp()

    return LoadPipeline()


def connect(scheduler: str | None, workers: int | None):
    """(client, cluster or None): the user's scheduler, or a LocalCluster of
    ``workers`` single-threaded processes on this machine."""
    distributed = _distributed()
    if scheduler:
        try:
            # how long to try: Dask's distributed.comm.timeouts.connect (30 s unless configured)
            return distributed.Client(scheduler), None
        except (OSError, TimeoutError) as exc:
            raise ThaiPressError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    cluster = distributed.LocalCluster(
        n_workers=max(1, workers or os.cpu_count() or 1), threads_per_worker=1, processes=True,
        dashboard_address=None, silence_logs=40,
    )
    return distributed.Client(cluster), cluster


def run_dask(
    jobs: list[Job], *, scheduler: str | None = None, workers: int | None = None, chunk_size: int | None = None,
) -> tuple[Iterator[dict], dict]:
    """(records as they finish, what the report says of the engine)."""
    client, cluster = connect(scheduler, workers)
    try:
        client.register_plugin(_plugin())
        n_workers = len(client.scheduler_info(n_workers=-1)["workers"]) if scheduler else len(cluster.workers)
    except BaseException:
        client.close()
        if cluster is not None:
            cluster.close()
        raise
    chunks = chunk_jobs(jobs, workers=n_workers, chunk_size=chunk_size)
    info = {
        "name": "dask", "scheduler": scheduler or "LocalCluster", "workers": n_workers,
        "chunk_size": len(chunks[0]) if chunks else 0, "tasks": len(chunks),
    }
    return _records(client, cluster, chunks), info


def _records(client, cluster, chunks: list[list[Job]]) -> Iterator[dict]:
    """Each chunk's records once, as chunks finish.

    Every chunk's future is held until all have finished, and only then released: a
    worker that dies holding a finished chunk's result makes the scheduler run that
    chunk again, and the run must not outlive the batch.  Released at once, such a
    chunk would be running again (writing its files) after the batch had returned, and
    a cluster closed then would kill it in the middle of a write; held, it is waited
    for (its records are not taken twice: ``as_completed`` gives each future once)."""
    distributed = _distributed()
    futures: list = []
    finished = False
    try:
        futures = client.map(process_chunk, chunks, pure=False)
        chunk_of = {fut.key: chunk for fut, chunk in zip(futures, chunks)}
        retry: list[Job] = []
        for fut in distributed.as_completed(futures):
            try:
                records = fut.result()
            except distributed.KilledWorker:
                retry.extend(chunk_of[fut.key])  # split the chunk: find the file that kills
                continue
            yield from records
        if retry:
            singles = client.map(process_chunk, [[job] for job in retry], pure=False)
            futures.extend(singles)
            job_of = {fut.key: job for fut, job in zip(singles, retry)}
            for fut in distributed.as_completed(singles):
                try:
                    yield from fut.result()
                except distributed.KilledWorker:
                    job = job_of[fut.key]
                    yield {"path": job.rel, "status": "failed", "code": "worker_crashed",
                           "reason": "the Dask worker died while analysing this file"}
        distributed.wait(futures)  # a chunk run again after a worker died is over before the batch is
        finished = True
    finally:
        if not finished and futures:
            client.cancel(futures)
        for fut in futures:
            fut.release()
        client.close()
        if cluster is not None:
            cluster.close()


# -- for users who already hold their texts in Dask ------------------------------------------------
def analyze_partition(texts) -> list[dict]:
    """One partition of texts -> one result per text: the JSON document, or, for a
    text thaipress cannot analyse, ``{"error": {"code": ..., "message": ...}}``."""
    from ..errors import InputError
    from ..loading import load_text
    from ..orchestrate import analyze_source

    nlp = get_worker_nlp()
    out = []
    for text in texts:
        try:
            out.append(analyze_source(load_text(text), nlp=nlp))
        except InputError as exc:
            out.append({"error": exc.to_dict()})
    return out


def analyze_bag(bag):
    """A ``dask.bag.Bag`` of texts -> a bag of results (see :func:`analyze_partition`),
    in the same order; lazy, like any bag.  For a DataFrame column:
    ``analyze_bag(df["text"].to_bag())``."""
    return bag.map_partitions(analyze_partition)


# -- the archive's Parquet tables, written by the workers (batch --parquet) ------------------------
def export_parquet(out_url: str, rels: list[str], parquet_url: str, *, scheduler: str | None = None,
                   workers: int | None = None) -> dict[str, int]:
    """The outputs ``rels`` of the batch folder ``out_url`` as the archive's Parquet
    dataset ``parquet_url`` (:mod:`pipeline.archive.parquet`): each worker reads a chunk
    of outputs and writes its part files; the client publishes the dataset once all are
    written.  Rows per table."""
    from ..archive.parquet import export, write_chunk

    client, cluster = connect(scheduler, workers)

    def run_chunks(jobs):
        futures = client.map(write_chunk, *zip(*jobs), pure=False) if jobs else []
        return client.gather(futures)

    try:
        return export(out_url, rels, parquet_url, run_chunks=run_chunks, chunk=MAX_CHUNK * 8)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
