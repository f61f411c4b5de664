"""Train the NER model shipped in ``extractors/data/ner.crfsuite`` from ThaiNER 1.5.

    python training/train_ner.py ../shared/datasets/thainer/v1.5

Learns on ``train.txt``, chooses the regularization (c1, c2) on ``val.txt`` by
entity-level exact micro F1 over PERSON, ORGANIZATION and LOCATION, then writes the
model and its card (``ner.json``: data, settings, the val scores of every setting
tried).  The test split is not used: it is kept apart for measuring.  CRFsuite's L-BFGS
training has no randomness: the same data and settings give the same model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pycrfsuite  # noqa: E402

from extractors.ner import CARD_FILE, LABELS, MODEL_FILE, Featurizer, bio_tags, feature_sources, spans_of  # noqa: E402
from pipeline.evaluate import evaluate_ner  # noqa: E402
from pipeline.segment import Segmenter  # noqa: E402
from pipeline.thainer import read  # noqa: E402

GRID = [(0.05, 0.01), (0.1, 0.01), (0.2, 0.01), (0.1, 0.05)]
MAX_ITERATIONS = 150
MIN_FEATURE_FREQ = 2


def prepare(path: Path, segmenter, featurizer):
    """(features, BIO tags) of each line."""
    out = []
    for text, entities in read(path):
        words = segmenter.words(text)
        out.append((featurizer.sequence(words), bio_tags(words, entities)))
    return out


def train(data, c1: float, c2: float, model_path: str) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in data:
        trainer.append(xseq, yseq)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": MAX_ITERATIONS,
                        "feature.minfreq": MIN_FEATURE_FREQ, "feature.possible_transitions": True})
    trainer.train(model_path)


def score(model_path: str, val_path: Path, segmenter, featurizer) -> dict:
    """Entity-level exact F1 per label and micro on val, as ``thaipress eval`` scores."""
    tagger = pycrfsuite.Tagger()
    tagger.open(model_path)

    def entities(text: str) -> set[tuple[int, int, str]]:
        words = segmenter.words(text)
        return {tuple(s) for s in spans_of(words, tagger.tag(featurizer.sequence(words)))}

    report = evaluate_ner(val_path, entities=entities)
    return {"f1": {label: round(report.exact[label].f1, 4) for label in LABELS},
            "micro_f1": round(report.micro("exact").f1, 4)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path, help="ThaiNER 1.5: the folder with train.txt and val.txt")
    ap.add_argument("-o", "--out", type=Path, default=ROOT / "extractors" / "data")
    args = ap.parse_args()
    segmenter = Segmenter()
    featurizer = Featurizer()
    started = time.perf_counter()
    train_data = prepare(args.data_dir / "train.txt", segmenter, featurizer)
    print(f"{len(train_data)} train lines featurized in {time.perf_counter() - started:.1f} s")
    tried = []
    with tempfile.TemporaryDirectory() as tmp:
        for c1, c2 in GRID:
            path = f"{tmp}/c1={c1},c2={c2}.crfsuite"
            t = time.perf_counter()
            train(train_data, c1, c2, path)
            result = {"c1": c1, "c2": c2, **score(path, args.data_dir / "val.txt", segmenter, featurizer), "train_seconds": round(time.perf_counter() - t, 1)}
            print(json.dumps(result))
            tried.append((result, path))
        best, best_path = max(tried, key=lambda x: x[0]["micro_f1"])
        model_bytes = Path(best_path).read_bytes()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / MODEL_FILE).write_bytes(model_bytes)
    card = {
        "model": MODEL_FILE,
        "kind": "linear-chain CRF (python-crfsuite, L-BFGS)",
        "labels": list(LABELS),
        "trained_on": "ThaiNER 1.5 train.txt (val lines removed; CC BY 3.0), "
                      f"sha256 {hashlib.sha256((args.data_dir / 'train.txt').read_bytes()).hexdigest()[:16]}",
        "chosen_on": "ThaiNER 1.5 val.txt, entity-level exact micro F1",
        "tokens": "thaipress's own words (nlpo3 + the project dictionary)",
        "feature_sources": feature_sources(),
        "settings": {"c1": best["c1"], "c2": best["c2"], "max_iterations": MAX_ITERATIONS,
                     "feature.minfreq": MIN_FEATURE_FREQ},
        "val": {"f1": best["f1"], "micro_f1": best["micro_f1"]},
        "tried": [r for r, _ in tried],
        "sha256": hashlib.sha256(model_bytes).hexdigest(),
        "command": "python training/train_ner.py ../shared/datasets/thainer/v1.5",
    }
    (args.out / CARD_FILE).write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"chose c1={best['c1']} c2={best['c2']}: val {best['f1']} micro {best['micro_f1']}; "
          f"{len(model_bytes) / 1e6:.1f} MB -> {args.out / MODEL_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
