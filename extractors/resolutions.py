"""Resolutions: each decision a meeting or body reached, as the text of the decision
itself (without the lead-in ที่ประชุมมีมติ), its ``kind`` (approve, acknowledge,
propose, assign, appoint, reject, decide), its ``verb`` and the ``body`` that decided
when named.

Where a decision starts and ends is learned from the dev releases' gold
(:mod:`extractors.span_finder` with :mod:`extractors.decision_features`; the models and
their card are ``data/models/decisions.*``, trained by ``training/train_events.py``).
The hand-written rules (:mod:`extractors.resolution_rules`) are features of the models,
and give the subject that decided.  The verb is the decision's own first word when it
is a decision verb, else the verb of the rule decision it overlaps or of its list's
lead-in; the kind follows the verb (``data/resolutions.json``).
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.document import add_item, state
from pipeline.registry import stage

from .decision_features import DecisionFeatures, decision_words
from .resolution_rules import Decision, body, find_decisions
from .span_finder import SpanModel, span_model


def decision_features(doc: Doc) -> tuple[DecisionFeatures, list[Decision]]:
    """The decision models' view of a document, and the rules' decisions it holds."""
    st = state(doc)
    rules = find_decisions(doc, st["text"], st.get("title_span"))
    return DecisionFeatures(doc, [(d.start, d.end) for d in rules]), rules


@stage("resolutions", after=("organizations", "dates", "people", "title"))
def extract_resolutions(doc: Doc) -> None:
    """Decisions, one item each (the same text once)."""
    st = state(doc)
    text = st["text"]
    feats, rules = decision_features(doc)
    words = decision_words()
    verbs, verb_at = words["verbs"], words["verb_at"]
    for i, s, e in decisions(feats, span_model("decisions")):
        rule = next((d for d in rules if d.start <= s < max(d.end, d.start + 1)), None)
        verb = verb_at.at(text, s) or (rule.verb if rule else None) or _lead_in_verb(feats, i)
        decision = Decision(s, e, verb or "", verbs.get(verb, "decide"), rule.body if rule else None)
        name, body_id = body(text, decision, st)
        add_item(doc, "resolutions", {
            "span": [s, e], "kind": decision.kind, "verb": verb, "body": name, "body_id": body_id,
        })


def decisions(feats: DecisionFeatures, model: SpanModel) -> list[tuple[int, int, int]]:
    """``(first token, start, end)`` of each decision the model finds, without trailing
    spaces and commas, the same text once."""
    text = feats.text
    seen: set[str] = set()
    out = []
    for i, j in model.spans(feats):
        s, e = feats.starts[i], feats.end_of(j)
        while e > s and text[e - 1] in " ,":
            e -= 1
        key = "".join(text[s:e].split())
        if e - s < 4 or key in seen:
            continue
        seen.add(key)
        out.append((i, s, e))
    return out


def _lead_in_verb(feats: DecisionFeatures, i: int) -> str | None:
    """The decision verb of the lead-in of the list whose entry starts at token ``i``."""
    _, lead_in = feats.list_entry(i)
    if not lead_in:
        return None
    verbs = decision_words()["verbs"]
    found = [(lead_in.rfind(v), v) for v in verbs if v in lead_in]
    return max(found)[1] if found else None
