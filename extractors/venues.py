"""Venues: where each reported event took place (or will): the whole written place, with
its parts ``room`` (ห้องนพรัตน์, ห้องประชุม 501), ``floor`` (ชั้น 5, ชั้น ๕ -> "5"),
``building`` (ศาลาว่าการกรุงเทพมหานคร, ตึกบัญชาการ 1, a ministry) and ``place`` (the
district, province or complex after it); and online meetings (ผ่านระบบการประชุมทางไกล
(Video Conference)) with the ``platform`` named.  Each distinct venue is one item.

Where a venue starts and ends is learned from the dev releases' gold
(:mod:`extractors.span_finder` with :mod:`extractors.venue_features`; the models and
their card are ``data/models/venues.*``, trained by ``training/train_events.py``).  The
hand-written rules (:mod:`extractors.venue_rules`) are features of the models, and read
the parts of the venues the models find.
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.document import add_item, state
from pipeline.registry import stage

from .phrases import Tokens
from .span_finder import SpanModel, span_model
from .venue_features import VenueFeatures
from .venue_rules import Spans, distinct, parts, rule_venues


def venue_features(doc: Doc) -> VenueFeatures:
    """The venue models' view of a document (the rules' venues among its features)."""
    return VenueFeatures(doc, [tuple(v["span"]) for v in rule_venues(doc)])


def venue_spans(feats: VenueFeatures, model: SpanModel) -> list[tuple[int, int, int]]:
    """``(first token, start, end)`` of each venue the model finds, without trailing
    spaces and commas."""
    text = feats.text
    out = []
    for i, j in model.spans(feats):
        s, e = feats.starts[i], feats.end_of(j)
        while e > s and text[e - 1] in " ,":
            e -= 1
        if e - s >= 2:
            out.append((i, s, e))
    return out


@stage("venues", after=("places", "organizations", "people", "dates", "times"))
def extract_venues(doc: Doc) -> None:
    """Venues, physical and online, one item per distinct venue."""
    feats = venue_features(doc)
    toks = Tokens.of(doc)
    spans = Spans(state(doc))
    found = [parts(toks, spans, s, e) for _, s, e in venue_spans(feats, span_model("venues"))]
    for venue in distinct(feats.text, found):
        add_item(doc, "venues", venue)
