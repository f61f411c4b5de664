"""A linear-chain CRF decoded from a CRFsuite model's weights: numpy sums, hmmlearn's Viterbi.

CRFsuite's own ``Tagger.tag`` takes every feature of every word as a Python string and
looks each one up in the model, some 30 per word: on a 3,000-character release that
string traffic is most of the recognizer's cost.  But a word's features are the same
wherever it stands, so the score they give each label can be summed once per word type.
This decoder reads the model's weights (state features and transitions) once, keeps per
word type the label scores of its own features and of what its neighbours see of it,
builds the emission matrix of all the lines of a release at once by adding shifted rows,
and runs the compiled Viterbi of hmmlearn (``hmmlearn._hmmc.viterbi``, C++; version
pinned in ``pyproject.toml``) on each line.

The result is CRFsuite's: the same model, the same features, the same path (crfsuite's
CRF1d has no start or end transitions; ``tests/test_ner.py`` checks the two agree on
real releases).  Training stays with CRFsuite (``training/train_ner.py``).
"""

from __future__ import annotations

import threading

import numpy as np
from hmmlearn._hmmc import backward_log, forward_log, viterbi

_MAX_CACHE = 200_000


class CompiledCRF:
    """``tag_lines(lines)`` -> the BIO labels of each line (a list of words).

    ``word_features(word)`` gives (the word's own features, {offset: what the word at
    ``i - offset`` sees of it}); ``edge`` what a word sees at each offset that falls
    outside its line; a pair of neighbours ``left, right`` gives the right word the
    feature ``pair_prefixes[0] + left + separator + right`` and the left word the one
    with ``pair_prefixes[1]``."""

    def __init__(self, tagger, word_features, edge: dict[int, list[str]], pair_prefixes: tuple[str, str],
                 separator: str):
        info = tagger.info()
        self.labels = list(tagger.labels())
        index = self.label_index = {label: k for k, label in enumerate(self.labels)}
        n = len(self.labels)
        self.weights: dict[str, np.ndarray] = {}
        for (attr, label), w in info.state_features.items():
            self.weights.setdefault(attr, np.zeros(n))[index[label]] = w
        # the same as a matrix, row 0 all zeros: a word's feature groups are summed at once
        self._attr_row = {attr: k for k, attr in enumerate(self.weights, start=1)}
        self._matrix = np.vstack([np.zeros(n)] + list(self.weights.values())) if self.weights else np.zeros((1, n))
        self.transitions = np.zeros((n, n))  # [from, to]
        for (a, b), w in info.transitions.items():
            self.transitions[index[a], index[b]] = w
        # hmmlearn's Viterbi takes probabilities of the start and of transitions (it takes
        # their logarithms) and log scores of the words: no start weight, exp(weights)
        self._start = np.ones(n)
        self._transitions = np.exp(self.transitions)
        self.offsets = tuple(sorted(edge))
        self._gap = max((abs(off) for off in self.offsets), default=0)
        self._pairs, self._pair_rows = self._pair_table(pair_prefixes, separator)
        self._word_features = word_features
        # row 0 stands between lines: what a word sees there is its line's edge
        self._ids: dict[str | None, int] = {None: 0}
        self._rows = np.zeros((1024, 1 + len(self.offsets), n))
        self._rows[0, 1:] = self._sums([edge[off] for off in self.offsets])
        self._lock = threading.Lock()

    def _sums(self, groups: list[list[str]]) -> np.ndarray:
        """The label scores of each group of features, in one numpy call: (groups, labels)."""
        row = self._attr_row.get
        picked, starts = [], []
        for group in groups:
            starts.append(len(picked))
            picked.append(0)  # the zero row: a group the model knows nothing of sums to 0
            picked.extend(r for r in map(row, group) if r is not None)
        return np.add.reduceat(self._matrix[picked], starts)

    def _pair_table(self, prefixes: tuple[str, str], separator: str):
        """{(left, right): row} and rows of [what the right word gets, what the left word
        gets].  A feature whose words hold the separator is one string for every way of
        cutting it, as it is for CRFsuite, so each cut is a key."""
        zero = np.zeros(len(self.labels))
        pairs: dict[tuple[str, str], int] = {}
        rows: list[list[np.ndarray]] = []
        for attr, w in self.weights.items():
            for side, prefix in enumerate(prefixes):
                if not attr.startswith(prefix):
                    continue
                body = attr[len(prefix):]
                cut = body.find(separator)
                while cut >= 0:
                    key = (body[:cut], body[cut + len(separator):])
                    if key not in pairs:
                        pairs[key] = len(rows)
                        rows.append([zero, zero])
                    rows[pairs[key]][side] = w
                    cut = body.find(separator, cut + 1)
        table = np.array(rows) if rows else np.zeros((0, 2, len(self.labels)))
        return pairs, table

    def _row(self, word: str) -> int:
        """Row of a word missing from the first look-up (called with the lock held)."""
        k = self._ids.get(word)  # it may have come earlier in the same release
        if k is not None:
            return k
        own, seen = self._word_features(word)
        k = len(self._ids)
        if k >= len(self._rows):
            self._rows = np.concatenate([self._rows, np.zeros_like(self._rows)])
        self._rows[k] = self._sums([own] + [seen[off] for off in self.offsets])
        self._ids[word] = k
        return k

    def emissions(self, words: list[str | None]) -> np.ndarray:
        """Label scores of each word: (len(words), labels).  ``None`` stands between
        lines (``self._gap`` of them, as far as a word sees): a word that sees one sees
        its line's edge."""
        n = len(words)
        with self._lock:  # the word table grows, and is emptied as a whole when full
            if len(self._ids) + n > _MAX_CACHE:
                self._ids = {None: 0}
            get = self._ids.get
            ids = [get(w) for w in words]
            if None in ids:
                ids = [k if k is not None else self._row(w) for k, w in zip(ids, words)]
            rows = self._rows[ids]
        out = rows[:, 0].copy()
        for k, off in enumerate(self.offsets, start=1):
            if off < 0:  # word i sees word i+off (to its left)
                out[-off:] += rows[: n + off, k]
            else:
                out[: n - off] += rows[off:, k]
        if n > 1 and self._pairs:
            found = self._pairs.get
            pairs = [found(p) for p in zip(words, words[1:])]
            at = [i for i, p in enumerate(pairs) if p is not None]
            if at:
                hit = self._pair_rows[[pairs[i] for i in at]]
                at_right = np.array(at) + 1
                out[at_right] += hit[:, 0]
                out[at_right - 1] += hit[:, 1]
        return out

    def marginals(self, line: list[str]) -> np.ndarray:
        """P(label) of each word of one line: (len(line), labels), by forward-backward
        over the same scores and transitions (what CRFsuite's ``Tagger.marginal`` gives)."""
        gap = [None] * self._gap
        scores = np.ascontiguousarray(self.emissions(gap + list(line) + gap)[self._gap : self._gap + len(line)])
        # hmmlearn's compiled forward and backward passes, on the same terms as its Viterbi
        log_z, alpha = forward_log(self._start, self._transitions, scores)
        beta = backward_log(self._start, self._transitions, scores)
        return np.exp(alpha + beta - log_z)

    def tag_lines(self, lines: list[list[str]]) -> list[list[str]]:
        """The best labels of each line (empty lines give []): the emissions of all lines
        at once, then hmmlearn's compiled Viterbi line by line."""
        out: list[list[str]] = [[] for _ in lines]
        gap = [None] * self._gap
        words: list[str | None] = list(gap)
        spans = []  # (line, first, end) in ``words``
        for k, line in enumerate(lines):
            if line:
                spans.append((k, len(words), len(words) + len(line)))
                words.extend(line)
                words.extend(gap)
        if not spans:
            return out
        scores = self.emissions(words)
        labels, start, transitions = self.labels, self._start, self._transitions
        for k, a, b in spans:
            path = viterbi(start, transitions, scores[a:b])[1]
            out[k] = [labels[j] for j in path.tolist()]
        return out
