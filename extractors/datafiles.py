"""The extractors' own data files (``extractors/data``): event kinds, role cues, decision
verbs, venue words, phrase boundaries and the calendar's names, each read once.

Word lists the core needs too (titles, posts, bodies, places) are in :mod:`pipeline.lexicon`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


def data_text(name: str) -> str:
    """The text of the file ``extractors/data/<name>``."""
    return resources.files("extractors").joinpath("data", name).read_text(encoding="utf-8")


def data_json(name: str):
    """The parsed JSON file ``extractors/data/<name>`` (callers keep what they build from it)."""
    return json.loads(data_text(name))


def data_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of ``extractors/data/<name>``, ``#`` comment lines left out."""
    return [line.split("\t") for line in data_text(name).splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def calendar() -> dict:
    """Month and weekday names, eras and relative words (``data/calendar.json``)."""
    return data_json("calendar.json")


@lru_cache(maxsize=1)
def thainer_names() -> dict[str, str]:
    """Name -> label (ORGANIZATION, LOCATION) of the bodies and places ThaiNER's train
    split tags (``data/thainer_names.tsv``, written by ``training/mine_thainer_names.py``)."""
    return {row[0]: row[1] for row in data_rows("thainer_names.tsv")}
