"""Learn word clusters for the NER model's features into ``extractors/data/word_clusters.tsv``.

    python training/word_clusters.py ../shared/datasets/thainer/v1.5 ../shared/corpus/unlabeled

Words that stand in the same places (after ประธาน, before จำกัด, between จังหวัด and a
verb) get the same cluster, so the model can tag a company or a district it never saw
in ThaiNER's train split from the words around it.  The text is ThaiNER's train split
(its tags removed) and the 2,000 unlabeled releases, in thaipress's own words; the val
split is not read.

How: each word seen MIN_COUNT times or more is described by the words just before and
after it (counts over the CONTEXTS most frequent words, positive PMI), reduced to DIMS
dimensions (truncated SVD) and grouped by k-means into CLUSTERS clusters; a fixed seed
gives the same clusters on the same machine.  Needs scikit-learn (``pip install
-e .[train]``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from scipy import sparse  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.decomposition import TruncatedSVD  # noqa: E402
from sklearn.preprocessing import normalize  # noqa: E402

from extractors.ner import CLUSTERS_FILE  # noqa: E402
from pipeline.loading import load_file  # noqa: E402
from pipeline.normalize import Normalizer  # noqa: E402
from pipeline.segment import Segmenter  # noqa: E402
from pipeline.thainer import read  # noqa: E402

MIN_COUNT = 5
CONTEXTS = 3000
DIMS = 100
CLUSTERS = 300
SEED = 0


def sentences(thainer: Path, releases: Path, segmenter: Segmenter):
    for text, _ in read(thainer / "train.txt"):
        yield segmenter.words(text)
    normalizer = Normalizer(segmenter)
    for path in sorted(releases.glob("*.txt")):
        try:
            text = normalizer(load_file(path).text).text
        except Exception:  # an unreadable release teaches nothing
            continue
        for line in text.splitlines():
            if line.strip():
                yield segmenter.words(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("thainer", type=Path, help="folder with ThaiNER's train.txt")
    ap.add_argument("releases", type=Path, help="folder of unlabeled releases (*.txt)")
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "extractors" / "data" / CLUSTERS_FILE)
    args = ap.parse_args()
    started = time.perf_counter()
    seqs = [[w for w in words if w.strip()] for words in sentences(args.thainer, args.releases, Segmenter())]
    counts = Counter(w for s in seqs for w in s)
    vocab = sorted((w for w, c in counts.items() if c >= MIN_COUNT), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    contexts = {w: i for i, w in enumerate(vocab[:CONTEXTS])}
    rows, cols = [], []
    for s in seqs:
        for k, w in enumerate(s):
            i = index.get(w)
            if i is None:
                continue
            if k > 0 and s[k - 1] in contexts:
                rows.append(i)
                cols.append(contexts[s[k - 1]])
            if k + 1 < len(s) and s[k + 1] in contexts:
                rows.append(i)
                cols.append(len(contexts) + contexts[s[k + 1]])
    m = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 2 * len(contexts))).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row = np.asarray(m.sum(axis=1)).ravel()
    col = np.asarray(m.sum(axis=0)).ravel()
    m = m.tocoo()
    pmi = np.log(m.data * total / (row[m.row] * col[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    vectors = normalize(TruncatedSVD(DIMS, random_state=SEED).fit_transform(ppmi))
    labels = KMeans(CLUSTERS, n_init=3, random_state=SEED).fit_predict(vectors)
    header = (
        "# Word clusters for the NER model's features, learned by training/word_clusters.py (its\n"
        "# docstring says how) from ThaiNER 1.5's train split (CC BY 3.0, tags removed) and the\n"
        f"# 2,000 unlabeled releases: {len(vocab)} words seen {MIN_COUNT} times or more, {CLUSTERS} clusters.\n"
        "# word\tcluster\n"
    )
    args.output.write_text(header + "".join(f"{w}\t{c}\n" for w, c in zip(vocab, labels)), encoding="utf-8")
    print(f"{args.output}: {len(vocab)} words, {CLUSTERS} clusters, {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
