"""Batch runs over folders (``thaipress batch``): the run itself, the per-file worker,
its engines (local processes, Dask), local/fsspec storage and the JSON Feed writer."""

from .run import (  # noqa: F401  (the batch API: pipeline.batch.run_batch, file names)
    ENGINES,
    FEED_FILE,
    INDEX_FILE,
    JOURNAL_FILE,
    JSONL_FILE,
    REPORT_FILE,
    STATE_FILE,
    BatchResult,
    find_inputs,
    output_path,
    run_batch,
)
