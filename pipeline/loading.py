"""Loading: bytes on disk -> decoded text of one document, with where it came from.

Encodings are detected without being told: UTF-8 (with or without BOM), UTF-16/32
with BOM, and the Thai legacy encodings TIS-620 / Windows-874.  HTML is turned into
text by a real HTML parser (BeautifulSoup) with scripts, styles and navigation
dropped.  Anything that is not a Thai text raises an :class:`InputError` subclass
with a message a person understands.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import (
    EmptyInputError,
    NoThaiTextError,
    NotTextError,
    TooLargeError,
    UnreadableFileError,
    UnsupportedFileError,
)

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES

#: Documents above this many bytes are refused (a press release is a few kB; a file
#: of many MB is an archive dump, not one document).  Callers may raise it.
DEFAULT_MAX_BYTES = 4_000_000

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# UTF-8 encodes the Thai block U+0E00-U+0E7F as E0 B8 xx / E0 B9 xx.
_UTF8_THAI = re.compile(rb"\xe0[\xb8\xb9][\x80-\xbf]")
_HTML_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)


@dataclass
class Source:
    """One loaded document before analysis."""

    text: str  # decoded text (for HTML: the text content); spans' "raw" side
    encoding: str
    sha256: str
    media_type: str = "text/plain"
    path: str | None = None
    size: int = 0
    invalid_bytes: int = 0  # bytes that could not be decoded and were replaced (U+FFFD)
    html_title: str | None = None
    meta: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        out = {
            "path": self.path,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "media_type": self.media_type,
            "size": self.size,
        }
        if self.invalid_bytes:
            out["invalid_bytes"] = self.invalid_bytes
        if self.html_title:
            out["html_title"] = self.html_title
        return out


def load_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display_path: str | None = None) -> Source:
    """Read and decode one file.  ``display_path`` is what goes into ``source.path``."""
    p = Path(path)
    shown = display_path if display_path is not None else str(path)
    suffix = p.suffix.lower()
    if suffix and suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFileError(
            f"'{suffix}' files are not read; thaipress reads {', '.join(sorted(SUPPORTED_SUFFIXES))}", path=shown
        )
    return load_stored(lambda: p.stat().st_size, p.read_bytes, name=p.name, shown=shown, max_bytes=max_bytes)


def load_stored(size, read, *, name: str, shown: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Load a stored file through two callables, ``size()`` and ``read()`` (a local file,
    or a file a batch reaches through fsspec); the size is checked before reading."""
    try:
        n = size()
        if n > max_bytes:
            raise TooLargeError(
                f"file is {n / 1e6:.1f} MB; one press release is a few kB and thaipress analyses "
                f"documents up to {max_bytes / 1e6:.1f} MB (raise the limit with --max-bytes)",
                path=shown,
            )
        data = read()
    except OSError as exc:
        raise UnreadableFileError(f"cannot read file: {exc.strerror or exc}", path=shown) from None
    media = "text/html" if Path(name).suffix.lower() in HTML_SUFFIXES else None
    return load_bytes(data, path=shown, media_type=media, max_bytes=max_bytes)


def load_bytes(
    data: bytes, *, path: str | None = None, media_type: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Source:
    """Decode bytes of one document (plain text or HTML)."""
    if len(data) > max_bytes:
        raise TooLargeError(
            f"input is {len(data) / 1e6:.1f} MB; thaipress analyses documents up to {max_bytes / 1e6:.1f} MB",
            path=path,
        )
    if not data.strip():
        raise EmptyInputError("file is empty" if not data else "file holds only white space", path=path)
    sha = hashlib.sha256(data).hexdigest()
    if media_type is None:
        media_type = "text/html" if _HTML_SNIFF.match(data[:2048]) else "text/plain"

    declared = None
    if media_type == "text/html":
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii").lower() if m else None
    text, encoding, invalid = decode(data, declared=declared, path=path)

    title = None
    if media_type == "text/html":
        from .html import html_to_text

        text, title = html_to_text(text)
    check_text(text, path=path)
    return Source(
        text=text,
        encoding=encoding,
        sha256=sha,
        media_type=media_type,
        path=path,
        size=len(data),
        invalid_bytes=invalid,
        html_title=title,
    )


def load_text(text: str, *, path: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Wrap an already decoded string (the library call ``analyze(text)``)."""
    if not isinstance(text, str):
        raise TypeError(f"analyze() takes a str, not {type(text).__name__}; use analyze_file() for files and bytes")
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > max_bytes:
        raise TooLargeError(
            f"text is {len(data) / 1e6:.1f} MB in UTF-8; thaipress analyses documents up to {max_bytes / 1e6:.1f} MB",
            path=path,
        )
    if not text.strip():
        raise EmptyInputError("text is empty", path=path)
    check_text(text, path=path)
    return Source(text=text, encoding="unicode", sha256=hashlib.sha256(data).hexdigest(), path=path, size=len(text))


# -- encodings ---------------------------------------------------------------------------
def decode(data: bytes, *, declared: str | None = None, path: str | None = None) -> tuple[str, str, int]:
    """Return (text, encoding name, number of undecodable bytes replaced)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "") + " (BOM)", 0
            except UnicodeDecodeError:
                text = data.decode(name, errors="replace")
                return text, name.replace("-sig", "") + " (BOM)", text.count("\ufffd")

    if declared:
        try:
            return data.decode(declared), _canonical(declared), 0
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to detection

    if b"\x00" in data:
        guessed = _guess_utf16(data)
        if guessed:
            return guessed
        raise NotTextError("file holds binary data (NUL bytes), not text", path=path)

    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass

    # Mostly UTF-8 with a few broken bytes (truncated download, bad copy): keep the
    # document, replace the bad bytes and say how many there were.
    thai_utf8 = len(_UTF8_THAI.findall(data))
    if thai_utf8 >= 3:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(8, len(data) // 50):
            return text, "utf-8", bad

    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        text = None
    if text is not None and _thai_letters(text) >= 3:
        # TIS-620 is Windows-874 without the 0x80-0x9F punctuation block.
        name = "windows-874" if re.search(rb"[\x80-\x9f]", data) else "tis-620"
        return text, name, 0

    # Not Thai in any encoding we know: decode as Latin-1 so the checks below can
    # say what the file is (binary, or text without Thai).
    return data.decode("latin-1"), "latin-1", 0


def _guess_utf16(data: bytes) -> tuple[str, str, int] | None:
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for ch in text[:2000] if ch.isprintable() or ch in "\n\r\t")
        if printable >= 0.95 * min(len(text), 2000):
            return text, name, 0
    return None


def _canonical(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]")


def _count(pattern: re.Pattern, text: str) -> int:
    """How many characters of ``text`` match a one-character ``pattern``."""
    return len(text) - len(pattern.sub("", text))


def _thai_letters(text: str) -> int:
    """How many characters of ``text`` are Thai letters (U+0E01..U+0E4E), counted over
    its code points with numpy (a tenth of the time of the regex count)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return int(np.count_nonzero((codes >= 0x0E01) & (codes <= 0x0E4E)))


def check_text(text: str, *, path: str | None = None) -> None:
    """Refuse binary data and texts without Thai, with a message saying which."""
    sample = text[:200_000]
    controls = _count(_CONTROL, sample) if _CONTROL.search(sample) else 0
    if controls > max(10, len(sample) // 100):
        raise NotTextError(
            f"file looks binary: {controls} control characters in the first {len(sample):,} characters", path=path
        )
    if not text.strip():
        raise EmptyInputError("document has no text", path=path)
    thai = _thai_letters(sample)
    if thai >= 20 and thai >= len(sample) // 4:
        return  # mostly Thai: no need to count the rest
    other = _count(_LATIN_LETTER, sample)
    # a short text is Thai when its letters are (a headline, a line of news: สงสัยติดหวัดนก);
    # a text whose letters are mostly Latin is another language's release
    if thai == 0 or thai < 0.2 * (thai + other):
        raise NoThaiTextError(
            f"document holds no Thai text ({thai} Thai and {other:,} other letters); "
            "thaipress reads Thai press releases",
            path=path,
        )
