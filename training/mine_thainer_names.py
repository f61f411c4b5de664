"""Mine the names of bodies and places ThaiNER's train split tags into
``extractors/data/thainer_names.tsv``.

    python training/mine_thainer_names.py ../shared/datasets/thainer/v1.5

The merge (``extractors/merge.py``) takes a body or place the model finds when the lexicon
backs it; news names the project's lexicon does not hold (ดีแทค, ประชาธิปัตย์, เนคเทค,
สหรัฐ) are left out unless the model is sure of them.  This list backs them too: a
name ThaiNER's annotators tagged in train at least ``MIN_COUNT`` times, with one label at
least ``MIN_SHARE`` of the time, backs the model when it gives that name that label.

It is read by the merge only, never by the model's features: the model learns from the
same split, and a feature read from its labels would be a copy of the label there.
Only ``train.txt`` is read (val is for choosing, the test split is kept apart).
ThaiNER 1.5 is CC BY 3.0 (PyThaiNLP, Wannaphong Phatthiyaphaibun et al.).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.thainer import read  # noqa: E402

OUT = ROOT / "extractors" / "data" / "thainer_names.tsv"
LABELS = ("ORGANIZATION", "LOCATION")
MIN_COUNT = 2
MIN_SHARE = 0.8
MIN_LENGTH = 2


def mine(train: Path) -> list[tuple[str, str, int]]:
    seen: dict[str, Counter] = defaultdict(Counter)
    for text, entities in read(train):
        for e in entities:
            name = " ".join(text[e.start : e.end].split())
            if e.label in LABELS and len(name) >= MIN_LENGTH:
                seen[name][e.label] += 1
    out = []
    for name, labels in seen.items():
        label, n = labels.most_common(1)[0]
        total = sum(labels.values())
        if total >= MIN_COUNT and n / total >= MIN_SHARE:
            out.append((name, label, total))
    return sorted(out, key=lambda x: (x[1], -x[2], x[0]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path, help="ThaiNER 1.5: the folder with train.txt")
    args = ap.parse_args()
    rows = mine(args.data_dir / "train.txt")
    header = (
        "# Names of bodies and places ThaiNER 1.5's train split tags (CC BY 3.0): the label\n"
        f"# given at least {MIN_COUNT} times and {MIN_SHARE:.0%} of the time.  Written by\n"
        "# training/mine_thainer_names.py; read by extractors/merge.py only (not a model feature).\n"
        "# name\tlabel\ttimes tagged\n"
    )
    OUT.write_text(header + "".join(f"{n}\t{label}\t{c}\n" for n, label, c in rows), encoding="utf-8")
    print(f"{len(rows)} names -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
