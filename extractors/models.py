"""The trained models of the extractors: where they are read from, and the file format
of the linear ones.

The shipped models live in ``extractors/data/models/`` (each with its card, written by
``training/train_events.py``).  While a model is cross-validated, the training script
points the extractors at a folder of models trained on the other folds
(:func:`using`); nothing else ever changes where models are read from, and no model is
trained or downloaded at run time.

A linear model is a logistic regression over binary features named by strings: its file
is gzipped JSON ``{"bias": b, "weights": {feature: weight}}``; the probability of a set
of features is ``1 / (1 + exp(-(b + sum of their weights)))``.
"""

from __future__ import annotations

import gzip
import json
import math
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator

_FOLDER: Path | None = None  # set while cross-validating (using())
_CACHES: list[Callable] = []


def cached(loader: Callable) -> Callable:
    """``lru_cache`` for a function that loads a model, emptied when :func:`using` changes
    the folder."""
    wrapped = lru_cache(maxsize=None)(loader)
    _CACHES.append(wrapped)
    return wrapped


def model_path(name: str) -> Path:
    """The file ``name`` among the models in use."""
    if _FOLDER is not None:
        return _FOLDER / name
    return Path(str(resources.files("extractors").joinpath("data", "models", name)))


@contextmanager
def using(folder: str | Path) -> Iterator[None]:
    """Read the models from ``folder`` (models trained on some folds, for cross-validation)."""
    global _FOLDER
    before = _FOLDER
    _FOLDER = Path(folder)
    _clear()
    try:
        yield
    finally:
        _FOLDER = before
        _clear()


def _clear() -> None:
    for cache in _CACHES:
        cache.cache_clear()


class LinearModel:
    """A logistic regression over binary string features."""

    def __init__(self, weights: dict[str, float], bias: float):
        self.weights = weights
        self.bias = bias

    @classmethod
    def read(cls, path: str | Path) -> "LinearModel":
        with gzip.open(path, "rt", encoding="utf-8") as f:
            data = json.load(f)
        return cls(data["weights"], data["bias"])

    def write(self, path: str | Path) -> bytes:
        """Write the model (reproducibly: sorted keys, no time stamp in the gzip header);
        returns the bytes written."""
        text = json.dumps({"bias": self.bias, "weights": self.weights}, ensure_ascii=False, sort_keys=True,
                          separators=(",", ":"))
        data = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
        Path(path).write_bytes(data)
        return data

    def score(self, features: Iterable[str]) -> float:
        w = self.weights
        return self.bias + sum(w.get(f, 0.0) for f in features)

    def probability(self, features: Iterable[str]) -> float:
        z = self.score(features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0
