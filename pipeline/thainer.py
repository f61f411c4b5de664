"""ThaiNER's inline-tag format (``[PERSON]นายสมชาย ใจดี[/PERSON] กล่าวว่า ...``): a
line of text with its entities as ``(start, end, label)`` character spans.  Read by the
NER model's training (``training/train_ner.py``) and by ``thaipress eval`` on NER files.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, NamedTuple

_TAG = re.compile(r"\[(/?)([A-Z_]+)\]")


class Entity(NamedTuple):
    start: int
    end: int
    label: str


def parse_line(line: str) -> tuple[str, list[Entity]]:
    """The plain text of one tagged line and its entities (unclosed or stray tags are
    dropped with their text kept)."""
    out: list[str] = []
    entities: list[Entity] = []
    pos = 0
    length = 0
    opened: tuple[str, int] | None = None
    for m in _TAG.finditer(line):
        chunk = line[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, label = m.group(1) == "/", m.group(2)
        if not closing:
            opened = (label, length)
        elif opened and opened[0] == label:
            if length > opened[1]:
                entities.append(Entity(opened[1], length, label))
            opened = None
    out.append(line[pos:])
    return "".join(out), entities


def read(path: str | Path) -> Iterator[tuple[str, list[Entity]]]:
    """Each non-empty line of a ThaiNER file, parsed."""
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.strip():
                yield parse_line(line)


def tag_count(path: str | Path, labels) -> int:
    """How many of ``labels``' opening tags the file holds (0: it is no ThaiNER file)."""
    opening = re.compile(r"\[(?:" + "|".join(map(re.escape, labels)) + r")\]")
    with open(path, encoding="utf-8-sig") as fh:
        return sum(len(opening.findall(line)) for line in fh)
