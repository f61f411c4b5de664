"""Folders a batch reads from and writes to: a local path, or any fsspec URL
(``s3://``, ``gcs://``, ``memory://``, ...) when fsspec is installed (it comes with
the ``dask`` extra).

Every write is atomic: the data goes to a hidden temporary name beside the target and
is renamed over it once complete (and, locally, flushed to disk), so a reader or a
killed run never sees half a file.  A write that fails raises
:class:`~pipeline.errors.OutputError` naming the target (never the temporary name).

A scan (:meth:`LocalFolder.scan`) names every entry it does not pass on as an input,
with its reason: files of another kind, hidden files and folders, the output folder,
links to folders already read (a loop), and, as problems, folders it cannot list and
links that lead nowhere.
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Iterator

from ..errors import OutputError
from ..loading import SUPPORTED_SUFFIXES

TMP_MARK = ".tmp-"


def _tmp_name(rel: str) -> str:
    head, name = posixpath.split(rel)
    return posixpath.join(head, f".{name}{TMP_MARK}{os.getpid()}-{threading.get_ident()}")


def _unwritable(path, exc: OSError) -> OutputError:
    return OutputError(f"cannot write: {exc.strerror or exc}", path=str(path))


@dataclass
class Scan:
    """What a scan of an input folder found.

    ``inputs``: files to analyse (relative posix paths, sorted).  ``ignored``: entries
    that are not analysed and need not be (another kind of file, hidden, the output
    folder, a link to a folder already read), each ``{"path", "code", "reason"}``.
    ``problems``: entries that may hold inputs but cannot be read (a folder that cannot
    be listed, a link that leads nowhere), in the same form: the run reports them as
    failed."""

    inputs: list[str] = field(default_factory=list)
    ignored: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)

    def ignore(self, rel: str, code: str, reason: str) -> None:
        self.ignored.append({"path": rel, "code": code, "reason": reason})

    def problem(self, rel: str, code: str, reason: str) -> None:
        self.problems.append({"path": rel, "code": code, "reason": reason})

    def file(self, rel: str) -> None:
        """A file found: an input if of a kind thaipress reads."""
        if is_supported(rel):
            self.inputs.append(rel)
        else:
            self.ignore(rel, "unsupported_type", UNSUPPORTED_REASON)

    def sort(self) -> "Scan":
        self.inputs.sort()
        self.ignored.sort(key=lambda r: r["path"])
        self.problems.sort(key=lambda r: r["path"])
        return self


UNSUPPORTED_REASON = f"not a press release: only {', '.join(sorted(SUPPORTED_SUFFIXES))} files are read"
HIDDEN_REASON = "hidden (its name starts with a dot): not read"


def is_supported(rel: str) -> bool:
    return posixpath.splitext(rel)[1].lower() in SUPPORTED_SUFFIXES


def _split(rels: list[str]) -> Scan:
    """A :class:`Scan` of relative file paths (an object store's listing): a hidden
    folder is listed once, not file by file."""
    scan = Scan()
    hidden: set[str] = set()
    for rel in rels:
        parts = rel.split("/")
        at = next((i for i, part in enumerate(parts) if part.startswith(".")), None)
        if at is None:
            scan.file(rel)
        else:
            hidden.add("/".join(parts[: at + 1]) + ("/" if at < len(parts) - 1 else ""))
    for rel in hidden:
        scan.ignore(rel, "hidden", HIDDEN_REASON)
    return scan.sort()


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

    def scan(self, exclude: "LocalFolder | FsspecFolder | None" = None) -> Scan:
        """Every entry below the folder: the inputs, and what is not read and why.

        Links to folders are followed, each folder read once: real folders first, then
        the links in order; a link to a folder already read (its real path, or through
        another link) is reported as a loop and not read again."""
        skip = exclude.root.resolve() if isinstance(exclude, LocalFolder) else None
        scan = Scan()
        seen: dict[tuple[int, int], str] = {}
        try:
            st = self.root.stat()
        except OSError as exc:
            scan.problem("./", "unreadable_folder", f"cannot read the folder: {exc.strerror or exc}")
            return scan
        seen[(st.st_dev, st.st_ino)] = "./"
        links: list[tuple[str, str]] = []  # (rel, path) of links to folders, read after the real folders
        self._walk(str(self.root), "", scan, seen, links, skip)
        while links:
            rel, path = links.pop(0)
            try:
                st = os.stat(path)
            except OSError as exc:  # gone since it was listed
                scan.problem(rel, "broken_link", f"the link leads nowhere: {exc.strerror or exc}")
                continue
            first = seen.get((st.st_dev, st.st_ino))
            if first is not None:
                scan.ignore(rel, "symlink_loop", _loop_reason(rel, first))
                continue
            seen[(st.st_dev, st.st_ino)] = rel
            self._walk(path, rel, scan, seen, links, skip)
        return scan.sort()

    @staticmethod
    def _walk(path: str, rel: str, scan: Scan, seen: dict, links: list, skip: Path | None) -> None:
        """The real folders below ``path`` (``rel`` inside the input, "" or ending in
        "/"); links to folders are queued on ``links``."""
        stack = [(path, rel)]
        while stack:
            path, rel = stack.pop()
            if rel and skip is not None and Path(path).resolve() == skip:
                scan.ignore(rel, "output_folder", "the output folder of this batch")
                continue
            try:
                with os.scandir(path) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                scan.problem(rel or "./", "unreadable_folder", f"cannot list the folder: {exc.strerror or exc}")
                continue
            below = []
            for entry in entries:
                name = rel + entry.name
                if entry.name.startswith("."):
                    scan.ignore(name + ("/" if _is_dir(entry) else ""), "hidden", HIDDEN_REASON)
                    continue
                try:
                    st = entry.stat()  # follows a link
                except OSError as exc:
                    _broken_link(scan, name, entry.path, exc)
                    continue
                if stat.S_ISDIR(st.st_mode):
                    if entry.is_symlink():
                        links.append((name + "/", entry.path))
                        continue
                    key = (st.st_dev, st.st_ino)
                    if key in seen:  # a bind mount of a folder already read
                        scan.ignore(name + "/", "symlink_loop", _loop_reason(name + "/", seen[key]))
                        continue
                    seen[key] = name + "/"
                    below.append((entry.path, name + "/"))
                elif stat.S_ISREG(st.st_mode):
                    scan.file(name)
                else:  # a pipe, socket or device: reading it could block the run
                    scan.ignore(name, "not_a_file", "not a regular file (a pipe, socket or device)")
            stack.extend(reversed(below))

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

    def remove(self, rel: str) -> bool:
        """Remove ``rel`` if it is there; whether it was."""
        try:
            self.path(rel).unlink()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise _unwritable(self.path(rel), exc) from None
        return True

    def write(self, rel: str, data: str | bytes) -> None:
        with self.writer(rel, binary=isinstance(data, bytes)) as fh:
            fh.write(data)

    @contextmanager
    def writer(self, rel: str, *, binary: bool = False) -> Iterator[IO]:
        """A file to write ``rel`` through; it appears under its name only when complete."""
        target = self.path(rel)
        tmp = self.path(_tmp_name(rel))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fh = open(tmp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"}))
        except OSError as exc:
            raise _unwritable(target, exc) from None
        try:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
            os.replace(tmp, target)
        except BaseException as exc:
            fh.close()
            tmp.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise _unwritable(target, exc) from None
            raise

    def appender(self, rel: str) -> IO:
        """A text file opened for appending lines (the batch's journal)."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            return open(self.path(rel), "a", encoding="utf-8")
        except OSError as exc:
            raise _unwritable(self.path(rel), exc) from None

    def clean_temporaries(self) -> None:
        for tmp in self.root.rglob(f".*{TMP_MARK}*"):
            try:
                tmp.unlink()
            except OSError:
                pass

    def mkdir(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise OutputError("is a file, not a folder", path=str(self.root))
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the folder: {exc.strerror or exc}", path=str(self.root)) from None
        if not os.access(self.root, os.W_OK | os.X_OK):
            raise OutputError(f"cannot write: {os.strerror(errno.EACCES)}", path=str(self.root))


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _loop_reason(rel: str, first: str) -> str:
    if rel.startswith(first) or first == "./":
        return f"a link to a folder above it ({first}): a loop, not read again"
    return f"a link to a folder already read as {first}: not read twice"


def _broken_link(scan: Scan, rel: str, path: str, exc: OSError) -> None:
    """An entry that cannot be followed: a link to nothing, a loop of links."""
    try:
        target = os.readlink(path)
    except OSError:
        target = None
    why = "a loop of links" if exc.errno == errno.ELOOP else f"{exc.strerror or exc}"
    reason = f"the link leads nowhere ({target}: {why})" if target is not None else f"cannot read: {why}"
    if posixpath.splitext(rel)[1] and not is_supported(rel):
        scan.ignore(rel, "broken_link", reason)  # not a press release even if it were there
    else:
        scan.problem(rel, "broken_link", reason)


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

    def scan(self, exclude=None) -> Scan:
        skip = exclude.root + "/" if isinstance(exclude, FsspecFolder) and exclude.fs is self.fs else None
        rels, skipped = [], False
        for p in self.fs.find(self.root):
            if skip and (p + "/").startswith(skip):
                skipped = True
            else:
                rels.append(p[len(self.root) + 1 :])
        scan = _split(rels)
        if skipped:
            scan.ignore(skip[len(self.root) + 1 :], "output_folder", "the output folder of this batch")
        return scan.sort()

    def size(self, rel: str) -> int:
        return int(self.fs.size(self._full(rel)))

    def read_bytes(self, rel: str) -> bytes:
        return self.fs.cat_file(self._full(rel))

    def read_text(self, rel: str) -> str:
        return self.read_bytes(rel).decode("utf-8")

    def exists(self, rel: str) -> bool:
        return self.fs.exists(self._full(rel))

    def remove(self, rel: str) -> bool:
        if not self.exists(rel):
            return False
        try:
            self.fs.rm_file(self._full(rel))
        except OSError as exc:
            raise _unwritable(self.url.rstrip("/") + "/" + rel, exc) from None
        return True

    def write(self, rel: str, data: str | bytes) -> None:
        with self.writer(rel, binary=isinstance(data, bytes)) as fh:
            fh.write(data)

    @contextmanager
    def writer(self, rel: str, *, binary: bool = False) -> Iterator[IO]:
        tmp = self._full(_tmp_name(rel))
        try:
            self.fs.makedirs(posixpath.dirname(self._full(rel)), exist_ok=True)
            with self.fs.open(tmp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as fh:
                yield fh
            self.fs.mv(tmp, self._full(rel))
        except BaseException as exc:
            if self.fs.exists(tmp):
                self.fs.rm_file(tmp)
            if isinstance(exc, OSError):
                raise _unwritable(self.url.rstrip("/") + "/" + rel, exc) from None
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
        if self.fs.isfile(self.root):
            raise OutputError("is a file, not a folder", path=self.url)
        try:
            self.fs.makedirs(self.root, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the folder: {exc.strerror or exc}", path=self.url) from None


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
