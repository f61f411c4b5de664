"""thaipress: Thai government press releases -> structured, validated JSON.

    from pipeline import analyze, analyze_file
    doc = analyze(text)          # dict valid against pipeline.output.schema.schema()
    doc = analyze_file("x.txt")  # any of UTF-8/UTF-16/TIS-620/Windows-874, .txt or .html

Where each stage lives: loading.py (files, encodings, HTML), normalize.py (repairs
with an offset map), segment.py (words, sentences), document.py (the spaCy Doc),
layout.py, registry.py (stage order), orchestrate.py, serialize.py and
schema.py (the JSON), cli.py; the extractors are in the ``extractors`` package.
"""

from __future__ import annotations

import os

# thaipress uses only what the PyPI wheels ship: a missing model must fail at once
# instead of trying a download (set PYTHAINLP_OFFLINE=0 to allow downloads anyway).
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

__version__ = "0.1.0"

__all__ = ["analyze", "analyze_file", "load", "__version__"]


def analyze(text: str, **kwargs) -> dict:
    """Analyse one press release given as a string; returns the validated JSON dict.

    Keywords: ``path`` (recorded in ``source``), ``max_bytes`` (size limit, 4 MB)."""
    from .orchestrate import analyze as _analyze

    return _analyze(text, **kwargs)


def analyze_file(path, **kwargs) -> dict:
    """Read and analyse one file (.txt or .html, encoding detected)."""
    from .orchestrate import analyze_file as _analyze_file

    return _analyze_file(path, **kwargs)


def load():
    """A spaCy ``Language`` running the whole thaipress pipeline."""
    from .orchestrate import load as _load

    return _load()
