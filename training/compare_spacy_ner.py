"""Train spaCy's own ``ner`` on ThaiNER 1.5 with thaipress's words, to compare it with the
shipped CRF on the same val lines and the same releases (#11: pick by measurement).

    python training/compare_spacy_ner.py ../shared/datasets/thainer/v1.5 [--epochs 30] [--out DIR]

1. ``train.txt`` and ``val.txt`` as DocBins: thaipress's words (nlpo3 + the project
   dictionary, as the CRF sees them), each entity on the words its characters fall in
   (``bio_tags``, as the CRF is trained).
2. A config from spaCy's CPU defaults for ``ner`` (``spacy init config --pipeline ner
   --optimize efficiency``, language ``xx``: the DocBins are tokenized already), trained
   with ``spacy train`` (seed 0, ``--epochs`` passes, the best model on val kept).
3. The best model scored on val exactly as ``training/train_ner.py`` scores the CRF
   (entity-level exact F1 per label, white space trimmed from entity edges), and timed on
   the releases of ``../shared/corpus/unlabeled`` (milliseconds per release, one core,
   words given: its tok2vec and ner).

Nothing is shipped: the figures go to stdout and to ``DIR/compare.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402

from extractors.ner import LABELS, bio_tags, spans_of  # noqa: E402
from pipeline.evaluate import evaluate_ner  # noqa: E402
from pipeline.segment import Segmenter  # noqa: E402
from pipeline.thainer import read  # noqa: E402

UNLABELED = ROOT.parent / "shared" / "corpus" / "unlabeled"


def to_docbin(path: Path, segmenter: Segmenter, vocab) -> DocBin:
    """The lines of a ThaiNER file as Docs with their entities."""
    db = DocBin()
    for text, entities in read(path):
        words = segmenter.words(text)
        db.add(Doc(vocab, words=words, spaces=[False] * len(words), ents=bio_tags(words, entities)))
    return db


def tags_of(doc: Doc) -> list[str]:
    return [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in doc]


def score(nlp, val_path: Path, segmenter: Segmenter) -> dict:
    """Entity-level exact F1 per label and micro on val, as ``thaipress eval`` scores
    (and ``training/train_ner.py`` scores the CRF)."""

    def entities(text: str) -> set[tuple[int, int, str]]:
        words = segmenter.words(text)
        doc = nlp(Doc(nlp.vocab, words=words, spaces=[False] * len(words)))  # tok2vec, then ner
        return {tuple(s) for s in spans_of(words, tags_of(doc))}

    report = evaluate_ner(val_path, entities=entities)
    return {"f1": {label: round(report.exact[label].f1, 4) for label in LABELS},
            "micro_f1": round(report.micro("exact").f1, 4)}


def ms_per_release(nlp, segmenter: Segmenter, limit: int = 500) -> float | None:
    """CPU milliseconds per release of the trained pipeline (tok2vec and ner) on words
    already made (lines as the CRF gets them)."""
    if not UNLABELED.is_dir():
        return None
    docs = []
    for path in sorted(UNLABELED.glob("*.txt"))[:limit]:
        words = [w for line in path.read_text(encoding="utf-8").split("\n") for w in segmenter.words(line)]
        docs.append(Doc(nlp.vocab, words=words, spaces=[False] * len(words)))
    for doc in docs[:20]:
        nlp(doc)
    started = time.process_time()
    for doc in docs:
        nlp(doc)
    return round((time.process_time() - started) / len(docs) * 1000, 2)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path, help="ThaiNER 1.5: the folder with train.txt and val.txt")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--out", type=Path, default=Path("/tmp/thaipress-spacy-ner"))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    segmenter = Segmenter()
    vocab = spacy.blank("xx").vocab
    to_docbin(args.data_dir / "train.txt", segmenter, vocab).to_disk(args.out / "train.spacy")
    to_docbin(args.data_dir / "val.txt", segmenter, vocab).to_disk(args.out / "val.spacy")
    spacy_cli = [sys.executable, "-m", "spacy"]
    subprocess.run(spacy_cli + ["init", "config", str(args.out / "config.cfg"), "--lang", "xx", "--pipeline", "ner",
                                "--optimize", "efficiency", "--force"], check=True)
    started = time.perf_counter()
    subprocess.run(spacy_cli + ["train", str(args.out / "config.cfg"), "--output", str(args.out / "model"),
                                "--paths.train", str(args.out / "train.spacy"), "--paths.dev", str(args.out / "val.spacy"),
                                "--training.max_epochs", str(args.epochs), "--training.max_steps", "0",
                                "--system.seed", "0"], check=True)
    train_seconds = round(time.perf_counter() - started)
    nlp = spacy.load(args.out / "model" / "model-best")
    result = {"val": score(nlp, args.data_dir / "val.txt", segmenter), "ms_per_release": ms_per_release(nlp, segmenter),
              "train_seconds": train_seconds, "epochs": args.epochs,
              "model_mb": round(sum(f.stat().st_size for f in (args.out / "model" / "model-best").rglob("*")
                                    if f.is_file()) / 1e6, 1)}
    (args.out / "compare.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
