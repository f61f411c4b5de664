"""Document-level checks, after every extractor: what an archivist should know about the
document as a whole (flags with code, severity, message)."""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.document import add_flag, state
from pipeline.registry import stage


@stage("checks", after=("events", "venues", "resolutions", "people", "organizations", "places", "times", "title"))
def check_document(doc: Doc) -> None:
    """``no_document_date``, ``no_title``, ``not_a_press_release``, ``invalid_bytes``."""
    st = state(doc)
    found = st["items"]
    invalid = (st.get("source") or {}).get("invalid_bytes")
    if invalid:
        add_flag(doc, "invalid_bytes", f"{invalid} bytes of the file could not be decoded and were replaced by U+FFFD",
                 severity="warning")
    if not st.get("document_date"):
        add_flag(doc, "no_document_date", "the release states no date of its own (no dateline, no วันนี้ (...))",
                 severity="info")
    if not st.get("title"):
        add_flag(doc, "no_title", "no headline line was found at the top of the release", severity="info")
    if not (found.get("dates") or found.get("people") or found.get("organizations")):
        add_flag(doc, "not_a_press_release",
                 "the text names no date, person or organization: it may not be a press release", severity="warning")
