"""Spans found by two trained models: one says where a span starts, the other where it
ends among the word boundaries after its start.

Decisions and venues are long spans whose ends are the hard part: tagging word by word
does not see them whole (a BIO CRF over words scored 0.44 on decisions by
cross-validation).  Here a start classifier (a logistic regression, :mod:`extractors.models`)
scores each candidate word, and from each start it accepts the end model walks the
boundaries after it, left to right, and stops at the first it gives at least
``end_threshold``: the probability that the span ends there given that it went on so far
(a hazard).  A candidate inside a span already found starts nothing.

What a candidate is, and what each model sees, is the field's own
(:class:`SpanFeatures`: :mod:`extractors.decision_features`,
:mod:`extractors.venue_features`); the models and their thresholds are trained and
chosen by cross-validation in ``training/train_events.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Protocol

from .models import LinearModel, cached, model_path


class SpanFeatures(Protocol):
    """What a field gives the span finder, on token indices of one document."""

    def candidates(self) -> list[int]:
        """Tokens a span may start at, in text order."""

    def start_features(self, i: int) -> list[str]:
        """What the start model sees of a span starting at token ``i``."""

    def ends(self, i: int) -> list[int]:
        """Tokens ``j >= i`` after which a span starting at ``i`` may end, in text order
        (never empty for a candidate)."""

    def end_features(self, i: int, j: int) -> list[str]:
        """What the end model sees of a span from token ``i`` ending after token ``j``."""


@dataclass(frozen=True)
class SpanModel:
    start: LinearModel
    end: LinearModel
    start_threshold: float
    end_threshold: float

    def spans(self, feats: SpanFeatures) -> list[tuple[int, int]]:
        """``(i, j)``: each span found, from token ``i`` through token ``j``."""
        out: list[tuple[int, int]] = []
        covered = -1
        for i in feats.candidates():
            if i <= covered or self.start.probability(feats.start_features(i)) < self.start_threshold:
                continue
            j = self.end_of(feats, i)
            out.append((i, j))
            covered = j
        return out

    def end_of(self, feats: SpanFeatures, i: int) -> int:
        """The end the end model chooses for a span starting at token ``i``."""
        ends = feats.ends(i)
        for j in ends:
            if self.end.probability(feats.end_features(i, j)) >= self.end_threshold:
                return j
        return ends[-1]


def card_name(field: str) -> str:
    return f"{field}.card.json"


@cached
def span_model(field: str) -> SpanModel:
    """The shipped model of ``field`` (``decisions``, ``venues``): its two linear models
    and the thresholds its card gives."""
    card = json.loads(model_path(card_name(field)).read_text(encoding="utf-8"))
    settings = card["settings"]
    return SpanModel(
        LinearModel.read(model_path(f"{field}.start.json.gz")),
        LinearModel.read(model_path(f"{field}.end.json.gz")),
        settings["start_threshold"],
        settings["end_threshold"],
    )
