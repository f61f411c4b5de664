"""A trained named-entity recognizer: a linear-chain CRF (python-crfsuite) over the
pipeline's own words (nlpo3 + the project dictionary) for PERSON, ORGANIZATION and
LOCATION, learned from ThaiNER 1.5's train split (``training/train_ner.py``; the model
file and its card are ``data/ner.crfsuite`` and ``data/ner.json``).

Features are PyThaiNLP's kind (the word, its character types, its first and last
characters) plus what the project knows about a word (a title, a post, the head of a
body's name, a known body or place, a Thai given or family name), over a window of two
words either side.  A word's own features are computed once per word type and cached,
and at run time the label scores they give are summed once per word type too
(:mod:`extractors.crf`), so tagging a release costs a look-up per word plus one Viterbi
pass over its lines.

The stage writes ``doc._.tp["ner"]``: ``[start, end, label]`` of each entity found; the
merge (:mod:`extractors.merge`) decides what the rules keep and what the model adds.
"""

from __future__ import annotations

import json
import re
import threading
from bisect import bisect_right
from functools import lru_cache
from importlib import resources

from pythainlp.corpus import thai_words
from spacy.tokens import Doc

from extractors.crf import CompiledCRF
from extractors.datafiles import data_json, data_rows, data_text
from pipeline.document import state
from pipeline.layout import excluded
from pipeline.lexicon import (
    MINED_NAMES_FILE,
    honorifics,
    org_heads,
    organizations,
    person_names,
    place_heads,
    places,
    position_words,
)
from pipeline.registry import stage

LABELS = ("PERSON", "ORGANIZATION", "LOCATION")
MODEL_FILE = "ner.crfsuite"
CARD_FILE = "ner.json"
CLUSTERS_FILE = "word_clusters.tsv"
WINDOW = 2
OFFSETS = tuple(off for off in range(-WINDOW, WINDOW + 1) if off)
EDGE = {off: [f"{off}<edge>"] for off in OFFSETS}
PAIR_PREFIXES = ("bi=", "bi+=")  # a pair of neighbours: what the right word gets, what the left one gets
PAIR_SEPARATOR = "|"
_MAX_CACHE = 200_000
THAI = re.compile(r"[\u0e01-\u0e4e]")

_SHAPE = (
    (re.compile(r"[\u0e01-\u0e2e]"), "ก"),
    (re.compile(r"[\u0e2f-\u0e4e]"), "ะ"),
    (re.compile(r"[0-9\u0e50-\u0e59]"), "9"),
    (re.compile(r"[A-Z]"), "A"),
    (re.compile(r"[a-z]"), "a"),
    (re.compile(r"\s"), "_"),
)


def _shape(word: str) -> str:
    """Character classes, runs collapsed: กะ for a Thai syllable, 9.9 for a number."""
    out = []
    for ch in word:
        cls = next((c for pat, c in _SHAPE if pat.match(ch)), ch if not ch.isalnum() else "o")
        if not out or out[-1] != cls:
            out.append(cls)
    return "".join(out)[:8]


# the lexicon files the features read (through pipeline.lexicon): a change to one of them
# means training the model again
FEATURE_FILES = ("honorifics.tsv", "positions.txt", "ministries.tsv", "organizations.tsv", "bma_districts.txt",
                 "places.tsv", "org_heads.tsv", "place_heads.tsv", MINED_NAMES_FILE)


class Gazetteers:
    """What the project's lexicon says of a word (``pipeline/data/lexicon`` and
    PyThaiNLP's name, province and country lists)."""

    def __init__(self):
        given, family = person_names()
        self.sets = {
            "hon": frozenset(honorifics()),
            "pos": frozenset(position_words()),
            "org": frozenset(organizations()),
            "place": frozenset(places()) | frozenset(v for p in places().values() for v in p.variants),
            "given": given,
            "family": family,
        }
        self.clusters = word_clusters()
        self.heads = tuple(h for h, _ in org_heads())
        self.place_heads = tuple(h for h, _, _ in place_heads())
        self.dictionary = frozenset(thai_words())

    def tags(self, word: str) -> list[str]:
        tags = [name for name, words in self.sets.items() if word in words]
        if len(word) > 2 and word.startswith(self.heads):
            tags.append("head")
        if word.startswith(self.place_heads):
            tags.append("phead")
        if word not in self.dictionary and THAI.search(word):
            tags.append("unknown")  # a Thai word no dictionary holds: often a name
        cluster = self.clusters.get(word)
        if cluster is not None:
            tags.append("c" + cluster)
        return tags


@lru_cache(maxsize=1)
def gazetteers() -> Gazetteers:
    return Gazetteers()


def feature_sources() -> str:
    """A fingerprint of what the features read besides the words: the lexicon files they
    read (FEATURE_FILES) and PyThaiNLP's version (its name, province and country lists).  The model card keeps the
    one it was trained with; a different one means the model must be trained again."""
    import hashlib

    import pythainlp

    h = hashlib.sha256(pythainlp.__version__.encode())
    folder = resources.files("pipeline").joinpath("data", "lexicon")
    for name in FEATURE_FILES:
        h.update(name.encode())
        h.update(folder.joinpath(name).read_bytes())
    h.update(data_text(CLUSTERS_FILE).encode())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def word_clusters() -> dict[str, str]:
    """Word -> its cluster (``training/word_clusters.py``: words that stand in the same
    places in ThaiNER's train split and the unlabeled releases)."""
    return {word: cluster for word, cluster in data_rows(CLUSTERS_FILE)}


class Featurizer:
    """Features of each word of a sequence (lists of strings, as CRFsuite takes them)."""

    def __init__(self, gaz: Gazetteers | None = None):
        self.gaz = gaz or gazetteers()
        self._own: dict[str, tuple[list[str], list[str]]] = {}
        self._lock = threading.Lock()

    def word_features(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        """(the word's own features, what a neighbour at each offset sees of it)."""
        shape = _shape(word)
        key = word if len(word) <= 24 else "<long>"
        short = [f"w={key}", f"t={shape}"] + [f"g={t}" for t in self.gaz.tags(word)]
        own = ["b"] + short + [f"p1={word[:1]}", f"p2={word[:2]}", f"p3={word[:3]}", f"s1={word[-1:]}",
                               f"s2={word[-2:]}", f"s3={word[-3:]}", f"n={min(len(word), 10)}"]
        # seen from the word at offset -off: the neighbour at +off
        seen = {off: [f"{off}{f}" for f in short] for off in OFFSETS}
        return own, seen

    def _cached(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        """``word_features``, cached per word type: a sequence is then built by concatenation."""
        hit = self._own.get(word)
        if hit is not None:
            return hit
        own, seen = self.word_features(word)
        with self._lock:
            if len(self._own) > _MAX_CACHE:
                self._own.clear()
            self._own[word] = (own, seen)
        return own, seen

    def sequence(self, words: list[str]) -> list[list[str]]:
        parts = [self._cached(w) for w in words]
        n = len(words)
        out = []
        for i in range(n):
            feats = list(parts[i][0])
            for off in OFFSETS:
                j = i + off
                feats.extend(parts[j][1][off] if 0 <= j < n else EDGE[off])
            if i > 0:
                feats.append(self.pair_features(words[i - 1], words[i])[0])
            if i + 1 < n:
                feats.append(self.pair_features(words[i], words[i + 1])[1])
            out.append(feats)
        return out

    @staticmethod
    def pair_features(left: str, right: str) -> tuple[str, str]:
        """(what the right word gets from the pair, what the left word gets)."""
        return f"{PAIR_PREFIXES[0]}{left}{PAIR_SEPARATOR}{right}", f"{PAIR_PREFIXES[1]}{left}{PAIR_SEPARATOR}{right}"


def bio_tags(words: list[str], entities) -> list[str]:
    """BIO label of each word from character spans (a word belongs to the entity its
    first character is in)."""
    tags, pos = [], 0
    spans = sorted((e[0], e[1], e[2]) for e in entities if e[2] in LABELS)
    k = 0
    for w in words:
        while k < len(spans) and spans[k][1] <= pos:
            k += 1
        if k < len(spans) and spans[k][0] <= pos < spans[k][1]:
            tags.append(("B-" if pos == spans[k][0] or not tags or tags[-1] == "O" else "I-") + spans[k][2])
        else:
            tags.append("O")
        pos += len(w)
    return tags


def spans_of(words: list[str], tags: list[str], starts: list[int] | None = None) -> list[list]:
    """``[start, end, label]`` of each entity in a BIO sequence; white-space words at
    its edges are left out."""
    if starts is None:
        starts = [0]
        for w in words[:-1]:
            starts.append(starts[-1] + len(w))
    out: list[list] = []
    cur: list | None = None
    previous = -2
    for k in [k for k, tag in enumerate(tags) if tag != "O"]:  # most words are O
        tag, w = tags[k], words[k]
        label = tag[2:]
        if k != previous + 1 or tag.startswith("B-") or (cur and cur[2] != label):
            if cur and cur[1] > cur[0]:
                out.append(cur)
            cur = None
        previous = k
        if not w.strip():
            continue
        if cur is None:
            cur = [starts[k], starts[k] + len(w), label]
        else:
            cur[1] = starts[k] + len(w)
    if cur:
        out.append(cur)
    return out


class Recognizer:
    """The shipped model: BIO labels of the words of a line.  Tagging goes through the
    compiled decoder (:mod:`extractors.crf`: the same model's weights summed per word
    type, one Viterbi pass for all lines of a release); ``reference_tags`` asks CRFsuite
    itself, which the tests hold the decoder to."""

    def __init__(self, model_path: str):
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(model_path)
        self.featurizer = Featurizer()
        self.decoder = CompiledCRF(self.tagger, self.featurizer.word_features, EDGE, PAIR_PREFIXES, PAIR_SEPARATOR)
        self._lock = threading.Lock()

    def tag_lines(self, lines: list[list[str]]) -> list[list[str]]:
        return self.decoder.tag_lines(lines)

    def tags(self, words: list[str]) -> list[str]:
        return self.decoder.tag_lines([words])[0]

    def confidence(self, words: list[str], first: int, end: int, tags: list[str]) -> float:
        """How sure the model is of ``tags`` on ``words[first:end]`` of a line: the lowest
        marginal probability among the entity's words (white space left out)."""
        probs = self.decoder.marginals(words)
        index = self.decoder.label_index
        return min((float(probs[k, index[tags[k - first]]]) for k in range(first, end) if words[k].strip()), default=0.0)

    def reference_tags(self, words: list[str]) -> list[str]:
        if not words:
            return []
        xseq = self.featurizer.sequence(words)
        with self._lock:  # one Tagger object is not safe across threads
            return self.tagger.tag(xseq)


@lru_cache(maxsize=1)
def recognizer() -> Recognizer:
    with resources.as_file(resources.files("extractors").joinpath("data", MODEL_FILE)) as path:
        return Recognizer(str(path))


@lru_cache(maxsize=1)
def model_card() -> dict:
    return data_json(CARD_FILE)


def ends_by_start(doc: Doc, label: str) -> dict[int, int]:
    """Start -> end of the model's entities of ``label``: where the rules' names are held
    to the model's ends (people, bodies, places)."""
    return {s: e for s, e, found in state(doc).get("ner") or [] if found == label}


# the least probability the model must give a name the rules read with a verb after its
# head noun (เขื่อนทับเสลา 0.014, คลองทับมา 0.008; อำเภอฉีดเข็ม, ศาลส่งบำบัด 0.000)
MIN_NAME_PROBABILITY = 0.005


def entity_confidence(doc: Doc, start: int, end: int, label: str) -> float:
    """The model's confidence in its entity [start, end) of ``label`` (found by the ner
    stage): the lowest marginal probability of its words' labels, over their line."""
    st = state(doc)
    words, starts = st["words"], st["token_starts"]
    first = bisect_right(starts, start) - 1
    last = bisect_right(starts, end - 1)
    i = first
    while i > 0 and "\n" not in words[i - 1]:
        i -= 1
    j = last
    while j < len(words) and "\n" not in words[j]:
        j += 1
    tags = [("B-" if k == first else "I-") + label for k in range(first, last)]
    return recognizer().confidence(words[i:j], first - i, last - i, tags)


@stage("ner", after=("layout",))
def recognize(doc: Doc) -> None:
    """Entities the model finds, sentence by sentence (a line is the model's unit)."""
    st = state(doc)
    words, starts = st["words"], st["token_starts"]
    found: list[list] = []
    # (first word, end) of each line: ThaiNER's sequences are lines
    breaks = [k for k, w in enumerate(words) if "\n" in w]
    bounds = [(i, j) for i, j in zip([0] + [k + 1 for k in breaks], breaks + [len(words)]) if j > i]
    tags = recognizer().tag_lines([words[i:j] for i, j in bounds])
    for (i, j), line_tags in zip(bounds, tags):
        if line_tags.count("O") < len(line_tags):
            found.extend(span for span in spans_of(words[i:j], line_tags, starts[i:j]) if not excluded(doc, span[0]))
    st["ner"] = found
