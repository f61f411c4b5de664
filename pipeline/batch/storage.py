"""Folders a batch reads from and writes to: a local path, or any fsspec URL
(``s3://``, ``gcs://``, ``memory://``, ...) when fsspec is installed (it comes with
the ``dask`` extra).

Every write is atomic: the data goes to a hidden temporary name beside the target and
is renamed over it once complete (and, locally, flushed to disk), so a reader or a
killed run never sees half a file.
"""

from __future__ import annotations

import os
import posixpath
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import IO, Iterator

from ..loading import SUPPORTED_SUFFIXES

TMP_MARK = ".tmp-"


def _tmp_name(rel: str) -> str:
    head, name = posixpath.split(rel)
    return posixpath.join(head, f".{name}{TMP_MARK}{os.getpid()}-{threading.get_ident()}")


def _split(rels: list[str]) -> tuple[list[str], list[str]]:
    """(supported, other) of relative paths, sorted; hidden files and folders skipped."""
    found, other = [], []
    for rel in sorted(rels):
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        (found if posixpath.splitext(rel)[1].lower() in SUPPORTED_SUFFIXES else other).append(rel)
    return found, other


class LocalFolder:
    """A folder on this machine."""

    def __init__(self, path: str | Path):
        self.root = Path(path)
        self.url = str(path)

    @property
    def location(self) -> str:
        """Where a worker process finds this folder (an absolute path)."""
        return str(self.root.resolve())

    def is_dir(self) -> bool:
        return self.root.is_dir()

    def scan(self, exclude: "LocalFolder | FsspecFolder | None" = None) -> tuple[list[str], list[str]]:
        skip = exclude.root.resolve() if isinstance(exclude, LocalFolder) else None
        rels = []
        for root, dirs, files in os.walk(self.root):
            here = Path(root)
            dirs[:] = [d for d in dirs if not d.startswith(".") and (skip is None or (here / d).resolve() != skip)]
            rels.extend((here / f).relative_to(self.root).as_posix() for f in files)
        return _split(rels)

    def path(self, rel: str) -> Path:
        return self.root / rel

    def size(self, rel: str) -> int:
        return self.path(rel).stat().st_size

    def read_bytes(self, rel: str) -> bytes:
        return self.path(rel).read_bytes()

    def read_text(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def exists(self, rel: str) -> bool:
        return self.path(rel).exists()

    def remove(self, rel: str) -> None:
        self.path(rel).unlink(missing_ok=True)

    def write(self, rel: str, data: str | bytes) -> None:
        with self.writer(rel, binary=isinstance(data, bytes)) as fh:
            fh.write(data)

    @contextmanager
    def writer(self, rel: str, *, binary: bool = False) -> Iterator[IO]:
        """A file to write ``rel`` through; it appears under its name only when complete."""
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path(_tmp_name(rel))
        fh = open(tmp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"}))
        try:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
            os.replace(tmp, target)
        except BaseException:
            fh.close()
            tmp.unlink(missing_ok=True)
            raise

    def appender(self, rel: str) -> IO:
        """A text file opened for appending lines (the batch's journal)."""
        self.root.mkdir(parents=True, exist_ok=True)
        return open(self.path(rel), "a", encoding="utf-8")

    def clean_temporaries(self) -> None:
        for tmp in self.root.rglob(f".*{TMP_MARK}*"):
            try:
                tmp.unlink()
            except OSError:
                pass

    def mkdir(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)


class FsspecFolder:
    """A folder anywhere fsspec reaches."""

    def __init__(self, url: str):
        from fsspec.core import url_to_fs

        self.url = url
        self.fs, self.root = url_to_fs(url)
        self.root = self.root.rstrip("/")

    @property
    def location(self) -> str:
        return self.url

    def is_dir(self) -> bool:
        return self.fs.isdir(self.root)

    def _full(self, rel: str) -> str:
        return f"{self.root}/{rel}"

    def scan(self, exclude=None) -> tuple[list[str], list[str]]:
        skip = exclude.root + "/" if isinstance(exclude, FsspecFolder) and exclude.fs is self.fs else None
        rels = [
            p[len(self.root) + 1 :] for p in self.fs.find(self.root)
            if not (skip and (p + "/").startswith(skip))
        ]
        return _split(rels)

    def size(self, rel: str) -> int:
        return int(self.fs.size(self._full(rel)))

    def read_bytes(self, rel: str) -> bytes:
        return self.fs.cat_file(self._full(rel))

    def read_text(self, rel: str) -> str:
        return self.read_bytes(rel).decode("utf-8")

    def exists(self, rel: str) -> bool:
        return self.fs.exists(self._full(rel))

    def remove(self, rel: str) -> None:
        if self.exists(rel):
            self.fs.rm_file(self._full(rel))

    def write(self, rel: str, data: str | bytes) -> None:
        with self.writer(rel, binary=isinstance(data, bytes)) as fh:
            fh.write(data)

    @contextmanager
    def writer(self, rel: str, *, binary: bool = False) -> Iterator[IO]:
        tmp = self._full(_tmp_name(rel))
        self.fs.makedirs(posixpath.dirname(self._full(rel)), exist_ok=True)
        try:
            with self.fs.open(tmp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as fh:
                yield fh
            self.fs.mv(tmp, self._full(rel))
        except BaseException:
            if self.fs.exists(tmp):
                self.fs.rm_file(tmp)
            raise

    def appender(self, rel: str) -> IO:
        try:
            return self.fs.open(self._full(rel), "a", encoding="utf-8")
        except (NotImplementedError, ValueError):
            return _NoJournal()  # object stores cannot append: a stopped run redoes its files

    def clean_temporaries(self) -> None:
        for p in self.fs.find(self.root):
            if TMP_MARK in posixpath.basename(p) and posixpath.basename(p).startswith("."):
                self.fs.rm_file(p)

    def mkdir(self) -> None:
        self.fs.makedirs(self.root, exist_ok=True)


class _NoJournal:
    def write(self, line: str) -> None:
        pass

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass


Folder = LocalFolder | FsspecFolder


@lru_cache(maxsize=16)
def open_folder(location: str) -> Folder:
    """A local path (or ``file://`` URL) as a :class:`LocalFolder`, any other URL
    through fsspec."""
    location = str(location)
    if location.startswith("file://"):
        return LocalFolder(location[len("file://"):])
    if "://" in location:
        try:
            return FsspecFolder(location)
        except ImportError:
            from ..errors import ThaiPressError

            raise ThaiPressError(
                f"{location}: reading URLs needs fsspec (pip install 'thaipress[dask]')"
            ) from None
    return LocalFolder(location)
