"""The shared dev corpus as training data: its releases with their gold, the fold of
each (``folds.tsv``: every cross-validated figure uses these 5 folds), and where a gold
string stands in the pipeline's normalized text.

Gold strings are written as the release writes them; the pipeline's text is normalized
(NFC, spaces, PUA glyphs, ...).  A gold string is found by the comparison key of GOLD.md's
Scoring section (NFKC, Thai digits as ASCII digits, no white space or zero-width
characters), computed character by character so that a match in the key leads back to
a span of the normalized text.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline.evaluate import norm

FOLDS = 5


@dataclass
class Release:
    name: str
    path: Path
    gold: dict
    fold: int


def releases(dev_dir: str | Path) -> list[Release]:
    """Every release of ``dev_dir`` that has gold, in name order, with its fold."""
    dev_dir = Path(dev_dir)
    folds = {}
    for line in (dev_dir / "folds.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            name, fold = line.split("\t")
            folds[name] = int(fold)
    out = []
    for gold_path in sorted(dev_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        out.append(Release(gold["file"], dev_dir / gold["file"], gold, folds[gold["file"]]))
    return out


def fingerprint(dev_dir: str | Path) -> str:
    """sha256 over the corpus's texts, gold files and folds (what a model card names)."""
    h = hashlib.sha256()
    dev_dir = Path(dev_dir)
    for path in sorted(p for p in dev_dir.iterdir() if p.suffix in (".txt", ".json", ".tsv")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


class Projector:
    """Where gold strings stand in one text."""

    def __init__(self, text: str):
        keys: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(text):
            for c in norm(unicodedata.normalize("NFKC", ch)):
                keys.append(c)
                index.append(i)
        self.key = "".join(keys)
        self.index = index

    def find_all(self, string: str) -> list[tuple[int, int]]:
        """``[start, end)`` of every occurrence of ``string`` (by GOLD.md's key)."""
        k = norm(string)
        out: list[tuple[int, int]] = []
        if not k:
            return out
        at = self.key.find(k)
        while at >= 0:
            out.append((self.index[at], self.index[at + len(k) - 1] + 1))
            at = self.key.find(k, at + 1)
        return out
