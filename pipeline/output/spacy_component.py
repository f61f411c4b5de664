"""thaipress as a component of someone else's spaCy pipeline.

    import spacy
    nlp = spacy.blank("th")
    nlp.add_pipe("thaipress")
    doc = nlp(text)
    doc.ents                       # PERSON, ORG, LOC, DATE, TIME
    doc.spans["thaipress"]         # every mention, VENUE, RESOLUTION and POST spans too; kb_id = item id
    doc._.thaipress                # the JSON document (CONTRACT.md), offsets into its own text

The factory is registered under spaCy's ``spacy_factories`` entry point, so
``add_pipe("thaipress")`` works without importing this package first.  The component
runs the thaipress pipeline on ``doc.text`` (normalization, its own segmentation, the
extractors) and maps what it found back onto the user's ``Doc`` through the offset map
of the normalization: ``doc.text`` is never changed, and a user's token that an item
begins or ends inside is split there (a segmenter glues "(27" or "ดย.)" into one word),
so that the ents and spans are those of ``pipeline.load()``, on the raw text's
characters.  With ``nlp.add_pipe("thaipress", config={"split_tokens": False})`` the
user's tokens stay whole and an item that does not fall on them is widened to them.
A text thaipress cannot analyse (no Thai, empty) leaves the ``Doc`` without thaipress
annotations and says why in ``doc._.thaipress_error``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..document import offset_map
from ..errors import InputError
from .spans import SPANS_KEY, item_spans, set_spans

if not Doc.has_extension("thaipress"):
    Doc.set_extension("thaipress", default=None)
if not Doc.has_extension("thaipress_error"):
    Doc.set_extension("thaipress_error", default=None)


class ThaiPressComponent:
    def __init__(self, nlp: Language, name: str, spans_key: str, set_ents: bool, split_tokens: bool = True):
        self.name = name
        self.spans_key = spans_key
        self.set_ents = set_ents
        self.split_tokens = split_tokens

    def __call__(self, doc: Doc) -> Doc:
        if doc.has_extension("tp") and doc._.tp is not None:
            return doc  # a Doc of thaipress's own pipeline already carries everything
        from ..loading import load_text
        from ..orchestrate import analyze_doc

        try:
            tp_doc = analyze_doc(load_text(doc.text))
        except InputError as exc:
            doc._.thaipress = None
            doc._.thaipress_error = exc.to_dict()
            return doc
        result = tp_doc._.thaipress
        omap = offset_map(tp_doc)
        set_spans(doc, list(item_spans(result)), to_doc=omap.span_to_raw, spans_key=self.spans_key,
                  set_ents=self.set_ents, split=self.split_tokens)
        doc._.thaipress = result
        doc._.thaipress_error = None
        return doc

    def pipe(self, docs, batch_size: int = 32):
        for doc in docs:
            yield self(doc)


@Language.factory(
    "thaipress",
    default_config={"spans_key": SPANS_KEY, "set_ents": True, "split_tokens": True},
    assigns=["doc.ents", "doc.spans", "doc._.thaipress", "doc._.thaipress_error"],
)
def make_thaipress(nlp: Language, name: str, spans_key: str, set_ents: bool, split_tokens: bool) -> ThaiPressComponent:
    """The thaipress extractors as one pipeline component (see the module's doc)."""
    return ThaiPressComponent(nlp, name, spans_key, set_ents, split_tokens)
