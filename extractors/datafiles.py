"""The extractors' own data files (``extractors/data``): event kinds, role cues, decision
verbs, venue words, phrase boundaries and the calendar's names, each read once.

Word lists the core needs too (titles, posts, bodies, places) are in :mod:`pipeline.lexicon`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


def data_json(name: str):
    """The parsed JSON file ``extractors/data/<name>`` (callers keep what they build from it)."""
    return json.loads(resources.files("extractors").joinpath("data", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def calendar() -> dict:
    """Month and weekday names, eras and relative words (``data/calendar.json``)."""
    return data_json("calendar.json")


@lru_cache(maxsize=1)
def thainer_names() -> dict[str, str]:
    """Name -> label (ORGANIZATION, LOCATION) of the bodies and places ThaiNER's train
    split tags (``data/thainer_names.tsv``, written by ``training/mine_thainer_names.py``)."""
    text = resources.files("extractors").joinpath("data", "thainer_names.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[0]: row[1] for row in rows}
