"""The archive's tables as Parquet, partitioned by the release's year, for Dask, DuckDB
or Spark (``thaipress archive OUT_DIR --parquet DIR``; ``thaipress batch ... --parquet
DIR``, which the Dask engine writes from its workers).

``DIR/<table>/year=<YYYY>/part-<n>.parquet`` for each table of
:data:`pipeline.archive.rows.COLUMNS` (a release without a date goes under
``year=__HIVE_DEFAULT_PARTITION__``).  Rows refer to each other by keys, not numbers
(the release's output path, a person's or body's identity key), so that parts written
by different machines fit together.  A new dataset replaces the old one only once it
is complete (it is written beside it first), so an export that is stopped leaves the
last one.  Needs pyarrow: ``pip install 'thaipress[parquet]'``.
"""

from __future__ import annotations

import json
import posixpath
import shutil
import uuid
from pathlib import Path
from typing import Iterable

from ..errors import ThaiPressError
from .rows import COLUMNS, document_rows

PARTS_OF = 2000  # releases per part file (per table and year)
_BOOL = {"has_family_name", "chair", "online"}
_INT = {"start", "end"}


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise ThaiPressError("Parquet output needs pyarrow: pip install 'thaipress[parquet]'") from None
    return pyarrow


def schema(table: str):
    pa = _pyarrow()
    fields = []
    for col in COLUMNS[table]:
        kind = pa.bool_() if col in _BOOL else pa.int64() if col in _INT else pa.int32() if col == "year" \
            else pa.string()
        fields.append(pa.field(col, kind))
    if "year" not in COLUMNS[table]:
        fields.append(pa.field("year", pa.int32()))
    return pa.schema(fields)


class PartWriter:
    """Rows of releases, written out every :data:`PARTS_OF` releases as one part file per
    table and year, named ``part-<prefix>-<n>``."""

    def __init__(self, root: str, prefix: str, filesystem=None):
        self.root, self.prefix, self.fs = root, prefix, filesystem
        self.rows: dict[str, list[tuple]] = {t: [] for t in COLUMNS}
        self.releases = 0
        self.parts = 0
        self.counts = {t: 0 for t in COLUMNS}

    def add(self, doc: dict, release: str) -> None:
        got = document_rows(doc, release)
        year = got.year
        for table, rows in got.tables.items():
            if "year" in COLUMNS[table]:
                self.rows[table].extend(rows)
            else:
                self.rows[table].extend(row + (year,) for row in rows)
        self.releases += 1
        if self.releases % PARTS_OF == 0:
            self.flush()

    def flush(self) -> None:
        pa = _pyarrow()
        import pyarrow.parquet as pq

        for table, rows in self.rows.items():
            if not rows:
                continue
            sch = schema(table)
            columns = list(zip(*rows))
            data = pa.Table.from_arrays([pa.array(col, type=f.type) for col, f in zip(columns, sch)], schema=sch)
            pq.write_to_dataset(
                data, root_path=posixpath.join(self.root, table), partition_cols=["year"], filesystem=self.fs,
                basename_template=f"part-{self.prefix}-{self.parts}-{{i}}.parquet",
            )
            self.counts[table] += len(rows)
        self.rows = {t: [] for t in COLUMNS}
        self.parts += 1


def write_parts(docs: Iterable[tuple[str, dict]], root: str, prefix: str, filesystem=None) -> dict[str, int]:
    """Write the rows of ``(release, document)`` pairs under ``root``; rows per table."""
    writer = PartWriter(root, prefix, filesystem)
    for release, doc in docs:
        writer.add(doc, release)
    writer.flush()
    return writer.counts


def read_outputs(folder, rels: Iterable[str]) -> Iterable[tuple[str, dict]]:
    """(release, document) of each output ``rel`` of a batch folder
    (:mod:`pipeline.batch.storage`) that is a thaipress document."""
    for rel in rels:
        try:
            doc = json.loads(folder.read_bytes(rel))
        except (OSError, ValueError):
            continue
        if isinstance(doc, dict) and "text" in doc and "schema_version" in doc:
            yield rel, doc


def write_parquet(out_dir: str | Path, parquet_dir: str | Path) -> dict[str, int]:
    """Every document output of a batch folder (local) as the Parquet dataset
    ``parquet_dir``, which replaces the one there once complete; rows per table."""
    from .load import scan_outputs

    _pyarrow()
    rels = [rel for rel, _st in scan_outputs(Path(out_dir))]
    return export(str(Path(out_dir).resolve()), rels, str(parquet_dir))


def replace_dataset(tmp: Path, target: Path) -> None:
    """``tmp`` becomes ``target`` (the old dataset moved aside, then removed)."""
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)


# -- from a batch's output folder anywhere (fsspec), in parts: what the Dask engine's workers run --
def dataset_location(url: str):
    """(filesystem or None for a local path, root path) of a Parquet dataset's location."""
    if "://" in url and not url.startswith("file://"):
        from fsspec.core import url_to_fs

        fs, path = url_to_fs(url)
        return fs, path.rstrip("/")
    return None, str(Path(url.removeprefix("file://")).resolve())


def temporary_location(url: str) -> str:
    head, _, name = url.rstrip("/").rpartition("/")
    tmp = f".{name}.tmp-{uuid.uuid4().hex[:8]}"
    return f"{head}/{tmp}" if head else tmp


def write_chunk(rels: list[str], out_root: str, parquet_root: str, part: int) -> dict[str, int]:
    """One chunk of a batch's outputs (``rels``, in the folder ``out_root``) as part files
    of the dataset at ``parquet_root``; rows per table.  Run on a Dask worker."""
    from ..batch.storage import open_folder

    fs, root = dataset_location(parquet_root)
    return write_parts(read_outputs(open_folder(out_root), rels), root, str(part), fs)


def publish(tmp_url: str, url: str) -> None:
    """The dataset written at ``tmp_url`` becomes ``url`` (locally by renames; on an
    object store by a copy and a removal, which is not atomic there)."""
    fs, tmp = dataset_location(tmp_url)
    if fs is None:
        replace_dataset(Path(tmp), Path(dataset_location(url)[1]))
        return
    _, target = dataset_location(url)
    if fs.exists(target):
        fs.rm(target, recursive=True)
    fs.mv(tmp, target, recursive=True)


def export(out_root: str, rels: list[str], url: str, *, run_chunks=None, chunk: int = PARTS_OF) -> dict[str, int]:
    """The outputs ``rels`` of the batch folder ``out_root`` as the dataset ``url``, in
    chunks run by ``run_chunks(list of (rels, out_root, tmp_url, part))`` -> their counts
    (the Dask engine's workers), or here, one after the other."""
    _pyarrow()
    tmp = temporary_location(url)
    fs, tmp_root = dataset_location(tmp)
    (fs.makedirs(tmp_root, exist_ok=True) if fs else Path(tmp_root).mkdir(parents=True))
    jobs = [(rels[i : i + chunk], out_root, tmp, n) for n, i in enumerate(range(0, len(rels), chunk))]
    try:
        results = run_chunks(jobs) if run_chunks else [write_chunk(*job) for job in jobs]
        publish(tmp, url)
    except BaseException:
        if fs:
            fs.rm(tmp_root, recursive=True)
        else:
            shutil.rmtree(tmp_root, ignore_errors=True)
        raise
    counts = {t: 0 for t in COLUMNS}
    for got in results:
        for t, n in got.items():
            counts[t] += n
    return counts
