"""The output: one ``Doc`` -> the JSON document of CONTRACT.md (validated elsewhere)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..document import offset_map, state, text as doc_text
from ..layout import source_url

SCHEMA_VERSION = "1.0"
_FIRST = ("id", "code", "text", "span")

#: Output lists, in the order they appear in the JSON.
ITEM_KINDS = ("people", "organizations", "places", "dates", "times", "venues", "resolutions", "events", "fiscal_years")


def to_json(doc: Doc) -> dict:
    from .. import __version__

    st = state(doc)
    omap = offset_map(doc)

    def with_raw(item: dict) -> dict:
        """The item with ``raw_span`` added (and ``x_raw_span`` after each ``x_span``),
        its identifying keys first."""
        out = {k: item[k] for k in _FIRST if k in item}
        if item.get("span"):
            out["raw_span"] = list(omap.span_to_raw(*item["span"]))
        for k, v in item.items():
            if k in out:
                continue
            out[k] = v
            if k.endswith("_span") and v:
                out[k[: -len("_span")] + "_raw_span"] = list(omap.span_to_raw(*v))
        return out

    source = dict(st["source"])
    url = source_url(doc)
    if url:
        source["url"] = url
    text = doc_text(doc)
    sentences = [{"text": text[s:e], "span": [s, e]} for s, e in st["sentences"]]
    out = {
        "schema_version": SCHEMA_VERSION,
        "pipeline": {"name": "thaipress", "version": __version__},
        "source": source,
        "text": text,
        "title": with_raw(st["title"]) if st.get("title") else None,
        "document_date": with_raw(st["document_date"]) if st.get("document_date") else None,
        "sentences": sentences,
    }
    for kind in ITEM_KINDS:
        out[kind] = [with_raw(it) for it in st["items"].get(kind, [])]
    out["flags"] = [with_raw(f) for f in st["flags"]]
    out["normalization"] = {"repairs": st["repairs"]}
    return out
