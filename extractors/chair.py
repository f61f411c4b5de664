"""The chair: who chairs the meeting or event a release reports, learned from the dev
releases' gold as a decision over the people of the release.

For each person a logistic regression (:mod:`extractors.models`; ``data/models/chair.*``,
trained by ``training/train_events.py``) reads the cues around each mention: the words
after the name and post (เป็นประธาน, ประชุม, เรียกประชุม, นำทีม, ในฐานะประธาน...), the
words before it (โดยมี, ผู้แทน, มอบหมายให้...), the headline, the order in which people
are named, how often, the post, and the roles the hand-written rules give
(:mod:`extractors.people`: co-chairs, one who chairs in another's place, a post that
names the chair).  Everyone the model gives at least the card's threshold chairs:
co-chairs both do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.document import items, state
from pipeline.registry import stage

from .datafiles import data_json
from .decision_features import bucket
from .models import LinearModel, cached, model_path

AFTER = 60  # characters after a mention where its cues are read
BEFORE = 25


@lru_cache(maxsize=1)
def chair_words() -> dict:
    data = data_json("roles.json")["chair_features"]
    return {"after": tuple(data["after"]), "before": tuple(data["before"]), "posts": tuple(data["posts"])}


class ChairFeatures:
    """What the chair model sees of each person of one document."""

    def __init__(self, doc: Doc):
        st = state(doc)
        self.text = st["text"]
        self.title = st.get("title_span")
        self.people = items(doc, "people")
        self.words = chair_words()
        firsts = sorted((p["span"][0], k) for k, p in enumerate(self.people))
        self.rank = {k: r for r, (_, k) in enumerate(firsts)}
        self.doc_cues = [w for w in ("เป็นประธาน", "ประธานในพิธี", "นั่งหัวโต๊ะ", "ประชุม") if w in self.text]

    def of(self, k: int) -> list[str]:
        p = self.people[k]
        text, w = self.text, self.words
        spans = [tuple(p["span"])] + [tuple(m) for m in p.get("mentions", [])] + [tuple(m) for m in p.get("post_mentions", [])]
        f = ["bias", f"rank={min(self.rank[k], 4)}", f"mentions={bucket(len(spans))}",
             f"people={bucket(len(self.people))}", f"honorific={bool(p.get('honorific'))}"]
        f += [f"rule={r}" for r in p.get("roles", [])]
        f += [f"doc_has={c}" for c in self.doc_cues]
        position = p.get("position") or ""
        f.append(f"post={position[:8]}")
        f += [f"post_has={c}" for c in w["posts"] if c in position]
        for n, (s, e) in enumerate(sorted(spans)[:3]):
            after = text[e : e + AFTER]
            before = text[max(0, s - BEFORE) : s]
            f += [f"after={c}" for c in w["after"] if c in after]
            f += [f"after{n}={c}" for c in w["after"] if after.lstrip().startswith(c)]
            f += [f"before={c}" for c in w["before"] if c in before]
            if self.title and self.title[0] <= s < self.title[1]:
                f.append("headline")
        first_after = text[p["span"][1] : p["span"][1] + 12].split()
        if first_after:
            f.append(f"next={first_after[0][:8]}")
        return f


@dataclass(frozen=True)
class ChairModel:
    model: LinearModel
    threshold: float

    def chairs(self, feats: ChairFeatures) -> list[int]:
        """Indices of the people who chair."""
        return [k for k in range(len(feats.people)) if self.model.probability(feats.of(k)) >= self.threshold]


@cached
def chair_model() -> ChairModel:
    card = json.loads(model_path("chair.card.json").read_text(encoding="utf-8"))
    return ChairModel(LinearModel.read(model_path("chair.json.gz")), card["settings"]["threshold"])


@stage("chair", after=("people", "title"))
def choose_chair(doc: Doc) -> None:
    """The chair role of each person, as the model says."""
    feats = ChairFeatures(doc)
    chairs = set(chair_model().chairs(feats))
    for k, p in enumerate(feats.people):
        roles = [r for r in p["roles"] if r != "chair"]
        if k in chairs:
            roles = ["chair"] + [r for r in roles if r != "attendee"]
        p["roles"] = roles
