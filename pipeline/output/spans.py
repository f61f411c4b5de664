"""The extracted items as labelled spaCy spans: ``doc.ents`` and ``doc.spans``.

Both the thaipress pipeline's own ``Doc`` (normalized text) and a user's ``Doc`` that
went through the ``thaipress`` component (raw text, the user's tokens) get them; the
offsets are mapped for the latter.  On either, a token that a span begins or ends
inside is split there first (a segmenter glues punctuation runs such as ``.)`` or
``(27`` into one word: "(สนช.)" must give the entity สนช., not สนช.)), so that a user's
``Doc`` gets the same ents and spans as the pipeline's own; with ``split=False`` a
user's tokens are left whole and a span that does not fall on them is widened to the
tokens around it.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Callable, Iterator, NamedTuple

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

#: item kind -> entity label; these go into ``doc.ents`` (non-overlapping, longest wins)
ENT_LABELS = {
    "people": "PERSON",
    "organizations": "ORG",
    "places": "LOC",
    "dates": "DATE",
    "times": "TIME",
}
#: kinds kept in ``doc.spans`` only: they hold entities (a venue its building's body and
#: its places, ห้องประชุม... ชั้น 5 ศาลาว่าการกรุงเทพมหานคร; a decision its bodies), which
#: ``doc.ents`` keeps instead
SPAN_ONLY_LABELS = {"venues": "VENUE", "resolutions": "RESOLUTION"}
#: a person's later mention by the post alone: a reference, not a name, so not in ``doc.ents``
POST_LABEL = "POST"
SPANS_KEY = "thaipress"


class ItemSpan(NamedTuple):
    start: int
    end: int
    label: str
    item_id: str
    kind: str


def item_spans(result: dict) -> Iterator[ItemSpan]:
    """Every mention of every item of an output document, in its text's offsets: a
    person by title and name (the post is the person's span in the JSON, not the
    entity; a later mention by the post alone is a POST span), bodies and places at each
    mention, the rest at their one span."""
    for kind, label in {**ENT_LABELS, **SPAN_ONLY_LABELS}.items():
        for item in result.get(kind, []):
            first = item.get("name_span") or item["span"]
            yield ItemSpan(first[0], first[1], label, item["id"], kind)
            for s, e in item.get("mentions", []):
                if [s, e] != list(first):
                    yield ItemSpan(s, e, label, item["id"], kind)
            for s, e in item.get("post_mentions", []):
                yield ItemSpan(s, e, POST_LABEL, item["id"], kind)


def split_at(doc: Doc, offsets: set[int]) -> None:
    """Split the tokens of ``doc`` that ``offsets`` (characters) fall strictly inside."""
    starts = doc.to_array("IDX").tolist()
    cuts: dict[int, list[int]] = {}
    for o in sorted(offsets):
        i = bisect_right(starts, o) - 1
        if i >= 0 and starts[i] < o < starts[i] + len(doc[i].text):
            cuts.setdefault(i, []).append(o - starts[i])
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, inside in cuts.items():
            token = doc[i]
            bounds = [0, *inside, len(token.text)]
            orths = [token.text[x:y] for x, y in zip(bounds, bounds[1:])]
            retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))


def set_spans(doc: Doc, spans: list[ItemSpan], *, to_doc: Callable[[int, int], tuple[int, int]] | None = None,
              spans_key: str = SPANS_KEY, set_ents: bool = True, split: bool = True) -> None:
    """Put ``spans`` on ``doc``: all of them under ``doc.spans[spans_key]`` (each with
    its item id as ``kb_id``), and those of :data:`ENT_LABELS` as ``doc.ents``.
    ``to_doc`` maps offsets of the result's text to offsets of ``doc.text`` (a user's
    ``Doc``).  With ``split`` the tokens are split where a span begins or ends inside
    one; without, a span is widened to the tokens around it."""
    placed = sorted({(*(to_doc(sp.start, sp.end) if to_doc else (sp.start, sp.end)), sp) for sp in spans},
                    key=lambda x: x[2])
    if split:
        split_at(doc, {x for start, end, _ in placed for x in (start, end)})
    made: list[Span] = []
    for start, end, sp in placed:
        span = doc.char_span(start, end, label=sp.label, kb_id=sp.item_id, alignment_mode="expand")
        if span is not None and len(span):
            made.append(span)
    doc.spans[spans_key] = made
    if set_ents:
        ents = [s for s in made if s.label_ in ENT_LABELS.values()]
        doc.set_ents(filter_spans(ents), default="outside")
