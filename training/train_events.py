"""Train the event frame's models from the dev releases' gold, choosing every setting by
5-fold cross-validation (the folds of ``folds.tsv``), and write them with their cards:

    python training/train_events.py ../shared/corpus/dev            # train, report, write
    python training/train_events.py ../shared/corpus/dev --cv-only  # the cross-validated figures only

Fields: ``decisions`` (resolutions) and ``venues``, each a start model and an end model
(:mod:`extractors.span_finder`), and ``chair``, a model over the people of a release
(:mod:`extractors.chair`).  For each field the script

1. runs the pipeline on every release with the model stages left out and reads the
   fields' features (the features read only what earlier stages found);
2. for each setting of the grid (regularization ``C``, start and end thresholds), trains
   on four folds and predicts the fifth, and scores the predictions as GOLD.md's Scoring
   says; the setting with the best cross-validated F1 is chosen;
3. with the chosen settings, trains a model per fold, runs the whole pipeline on the
   held-out releases with them, and scores every field: the cross-validated report;
4. trains on all releases and writes ``extractors/data/models/<field>.*`` and the card.

Logistic regression is scikit-learn's (lbfgs: no randomness; the same data and settings
give the same weights), written as :class:`extractors.models.LinearModel`; the run is
reproducible bit for bit from ``../shared``.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from corpus import FOLDS, Projector, Release, fingerprint, releases  # noqa: E402

from extractors import models  # noqa: E402
from extractors.chair import ChairFeatures, ChairModel  # noqa: E402
from extractors.models import LinearModel  # noqa: E402
from extractors.resolutions import decision_features, decisions  # noqa: E402
from extractors.span_finder import SpanModel, card_name  # noqa: E402
from extractors.venues import venue_features, venue_spans  # noqa: E402
from pipeline.evaluate import Report, format_table, norm, score_document  # noqa: E402
from pipeline.loading import load_file  # noqa: E402
from pipeline.orchestrate import load  # noqa: E402

MODEL_STAGES = ("thaipress_venues", "thaipress_resolutions", "thaipress_chair")
LATER_STAGES = ("thaipress_events", "thaipress_merge", "thaipress_checks", "thaipress_output")
MIN_FEATURE_COUNT = 2  # a feature seen once in training is left out of the model
MAX_ITERATIONS = 3000


@dataclass
class SpanField:
    """A field found by the span finder: how to read its features from a Doc, its gold
    strings, the key the scorer counts it under, and the spans it outputs."""

    name: str
    gold_key: str
    features: Callable
    gold: Callable[[dict], list[str]]
    found: Callable  # (features, SpanModel) -> [(first token, start, end)]
    grid: dict = field(default_factory=dict)
    settings: tuple = ("C", "start_threshold", "end_threshold")

    def examples(self, docs: dict) -> list:
        return span_examples(self, docs)

    def cross_validate(self, exs: list, log) -> tuple[dict, list[dict]]:
        return span_cross_validate(self, exs, log)

    def write(self, exs: list, settings: dict, out_dir: Path) -> dict[str, str]:
        return write_span_model(self, exs, settings, out_dir)


@dataclass
class ChairField:
    """The chair: a classifier over the people of a release (:mod:`extractors.chair`)."""

    name: str = "chair"
    gold_key: str = "chair"
    grid: dict = field(default_factory=lambda: {"C": [0.03, 0.1, 0.3, 1.0], "threshold": [0.2, 0.3, 0.4, 0.5]})
    settings: tuple = ("C", "threshold")

    def examples(self, docs: dict) -> list:
        out = []
        for release, doc in docs.values():
            feats = ChairFeatures(doc)
            chairs = {norm(p["name"]) for p in release.gold.get("people", []) if p.get("chair")}
            rows = [(feats.of(k), norm(p["name"]) in chairs) for k, p in enumerate(feats.people)]
            out.append(Example(release, feats, rows, []))
        return out

    def cross_validate(self, exs: list, log) -> tuple[dict, list[dict]]:
        results = []
        for C in self.grid["C"]:
            fold_models = {k: fit([r for ex in exs if ex.release.fold != k for r in ex.start_rows], C) for k in range(FOLDS)}
            for threshold in self.grid["threshold"]:
                report = Report()
                for ex in exs:
                    chairs = set(ChairModel(fold_models[ex.release.fold], threshold).chairs(ex.feats))
                    people = [{"name": p["name"], "roles": ["chair"] if k in chairs else []} for k, p in enumerate(ex.feats.people)]
                    score_document({"people": ex.release.gold.get("people", [])}, {"people": people}, report)
                t = report.fields["chair"]
                result = {"C": C, "threshold": threshold, "precision": round(t.precision or 0, 4),
                          "recall": round(t.recall or 0, 4), "f1": round(t.f1 or 0, 4)}
                log(json.dumps(result))
                results.append(result)
        return max(results, key=lambda r: (r["f1"], -r["C"])), results

    def write(self, exs: list, settings: dict, out_dir: Path) -> dict[str, str]:
        out_dir.mkdir(parents=True, exist_ok=True)
        data = fit([r for ex in exs for r in ex.start_rows], settings["C"]).write(out_dir / "chair.json.gz")
        write_card(out_dir, self.name, {"settings": settings})
        return {"chair.json.gz": hashlib.sha256(data).hexdigest()}


FIELDS = {
    "decisions": SpanField(
        "decisions", "resolutions",
        features=lambda doc: decision_features(doc)[0],
        gold=lambda g: g.get("resolutions", []),
        found=decisions,
        grid={"C": [0.3, 1.0, 3.0], "start_threshold": [0.2, 0.25, 0.3, 0.4], "end_threshold": [0.3, 0.4, 0.5]},
    ),
    "venues": SpanField(
        "venues", "venues",
        features=venue_features,
        gold=lambda g: [v["text"] for v in g.get("venues", [])],
        found=venue_spans,
        grid={"C": [0.3, 1.0, 3.0], "start_threshold": [0.05, 0.1, 0.15, 0.2, 0.3], "end_threshold": [0.3, 0.5, 0.7]},
    ),
    "chair": ChairField(),
}


MODEL_KINDS = {
    "decisions": "where decisions start and end: a start model and an end model, logistic regressions over "
                 "binary features (extractors/span_finder.py, extractors/decision_features.py)",
    "venues": "where venues start and end: a start model and an end model, logistic regressions over "
              "binary features (extractors/span_finder.py, extractors/venue_features.py)",
    "chair": "who chairs: a logistic regression over the people of a release (extractors/chair.py)",
}


@dataclass
class Example:
    release: Release
    feats: object
    start_rows: list
    end_rows: list


def span_examples(spec: SpanField, docs: dict[str, tuple[Release, object]]) -> list[Example]:
    """Training rows of each release: every candidate with its label (a gold span starts
    there), and the boundaries of each gold span up to its end (the last one labelled)."""
    out = []
    for release, doc in docs.values():
        feats = spec.features(doc)
        projector = Projector(feats.text)
        gold = {}
        for string in spec.gold(release.gold):
            for s, e in projector.find_all(string):
                gold.setdefault(s, e)
        start_rows = [(feats.start_features(i), feats.starts[i] in gold) for i in feats.candidates()]
        end_rows = []
        token_at = {s: i for i, s in enumerate(feats.starts)}
        for s, e in gold.items():
            i = token_at.get(s)
            if i is None:
                continue
            for j in feats.ends(i):
                end = feats.end_of(j)
                if end > e:
                    break
                end_rows.append((feats.end_features(i, j), end == e))
        out.append(Example(release, feats, start_rows, end_rows))
    return out


def fit(rows: list, C: float) -> LinearModel:
    """A logistic regression on binary string features (those seen MIN_FEATURE_COUNT
    times or more)."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats, _ in rows for f in set(feats))
    kept = [{f: 1 for f in feats if counts[f] >= MIN_FEATURE_COUNT} for feats, _ in rows]
    labels = [int(y) for _, y in rows]
    vec = DictVectorizer()
    X = vec.fit_transform(kept)
    model = LogisticRegression(C=C, max_iter=MAX_ITERATIONS)
    model.fit(X, labels)
    weights = {name: round(float(w), 6) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) >= 1e-6}
    return LinearModel(weights, round(float(model.intercept_[0]), 6))


def score_field(spec: SpanField, predicted: dict[str, list[str]], exs: list[Example]) -> Report:
    report = Report()
    for ex in exs:
        gold = {spec.gold_key: ex.release.gold.get(spec.gold_key, [])}
        score_document(gold, {spec.gold_key: [{"text": t} for t in predicted[ex.release.name]]}, report)
    return report


def span_cross_validate(spec: SpanField, exs: list[Example], log) -> tuple[dict, list[dict]]:
    """Every setting of the grid, cross-validated; returns the best and all results."""
    results = []
    for C in spec.grid["C"]:
        fold_models = {}
        for k in range(FOLDS):
            train = [ex for ex in exs if ex.release.fold != k]
            fold_models[k] = (fit([r for ex in train for r in ex.start_rows], C),
                              fit([r for ex in train for r in ex.end_rows], C))
        for ts, te in itertools.product(spec.grid["start_threshold"], spec.grid["end_threshold"]):
            predicted = {}
            for ex in exs:
                start, end = fold_models[ex.release.fold]
                found = spec.found(ex.feats, SpanModel(start, end, ts, te))
                predicted[ex.release.name] = [ex.feats.text[s:e] for _, s, e in found]
            t = score_field(spec, predicted, exs).fields[spec.gold_key]
            result = {"C": C, "start_threshold": ts, "end_threshold": te,
                      "precision": round(t.precision or 0, 4), "recall": round(t.recall or 0, 4), "f1": round(t.f1 or 0, 4)}
            log(json.dumps(result))
            results.append(result)
    best = max(results, key=lambda r: (r["f1"], -r["C"]))
    return best, results


def write_card(out_dir: Path, name: str, card: dict) -> None:
    (out_dir / card_name(name)).write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_span_model(spec: SpanField, exs: list[Example], settings: dict, out_dir: Path) -> dict[str, str]:
    """Train on ``exs`` with ``settings`` and write the field's model files; returns their sha256."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shas = {}
    for part, rows in (("start", [r for ex in exs for r in ex.start_rows]), ("end", [r for ex in exs for r in ex.end_rows])):
        data = fit(rows, settings["C"]).write(out_dir / f"{spec.name}.{part}.json.gz")
        shas[f"{spec.name}.{part}.json.gz"] = hashlib.sha256(data).hexdigest()
    write_card(out_dir, spec.name, {"settings": settings})
    return shas


def feature_pass(rels: list[Release]) -> dict[str, tuple[Release, object]]:
    """Each release through the pipeline up to the model stages (what their features read)."""
    nlp = load()
    disabled = [name for name in MODEL_STAGES + LATER_STAGES if name in nlp.pipe_names]
    docs = {}
    with nlp.select_pipes(disable=disabled):
        for r in rels:
            source = load_file(r.path)
            doc = nlp.make_doc(source.text)
            docs[r.name] = (r, nlp(doc))
    return docs


def full_cross_validation(rels: list[Release], fold_dirs: dict[int, Path]) -> Report:
    """The whole pipeline on each release with the models of the folds it was not trained on,
    scored on every field."""
    from pipeline.orchestrate import analyze_doc

    report = Report()
    nlp = None
    for k in range(FOLDS):
        with models.using(fold_dirs[k]):
            nlp = load()
            for r in rels:
                if r.fold == k:
                    out = analyze_doc(load_file(r.path), nlp=nlp)._.thaipress
                    score_document(r.gold, out, report)
                    report.documents += 1
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dev_dir", type=Path, help="../shared/corpus/dev: releases, *.gold.json, folds.tsv")
    ap.add_argument("-o", "--out", type=Path, default=ROOT / "extractors" / "data" / "models")
    ap.add_argument("--cv-only", action="store_true", help="report the cross-validated figures; write nothing")
    ap.add_argument("--fields", default=",".join(FIELDS), help="which fields to train (default: all)")
    args = ap.parse_args()
    started = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {msg}", flush=True)

    rels = releases(args.dev_dir)
    log(f"{len(rels)} releases with gold")
    docs = feature_pass(rels)
    log("feature pass done")
    chosen = {}
    all_results = {}
    per_field = {}
    with tempfile.TemporaryDirectory() as tmp:
        fold_dirs = {k: Path(tmp) / f"fold{k}" for k in range(FOLDS)}
        for name in args.fields.split(","):
            spec = FIELDS[name]
            exs = spec.examples(docs)
            log(f"{name}: {sum(len(e.start_rows) for e in exs)} rows (start model), {sum(len(e.end_rows) for e in exs)} (end model)")
            best, results = spec.cross_validate(exs, log)
            settings = {k: best[k] for k in spec.settings}
            chosen[name] = settings
            all_results[name] = results
            per_field[name] = exs
            log(f"{name}: chose {settings}: cross-validated F1 {best['f1']}")
            for k in range(FOLDS):
                spec.write([ex for ex in exs if ex.release.fold != k], settings, fold_dirs[k])
        # the fields without a model of their own this run: the shipped ones in every fold
        shipped = ROOT / "extractors" / "data" / "models"
        for k in range(FOLDS):
            for path in shipped.glob("*"):
                if not (fold_dirs[k] / path.name).exists():
                    (fold_dirs[k] / path.name).write_bytes(path.read_bytes())
        report = full_cross_validation(rels, fold_dirs)
    print(format_table(report))
    if args.cv_only:
        return 0
    corpus_sha = fingerprint(args.dev_dir)
    for name, settings in chosen.items():
        spec = FIELDS[name]
        shas = spec.write(per_field[name], settings, args.out)
        card = {
            "model": MODEL_KINDS[name],
            "trained_on": f"{len(rels)} releases of ../shared/corpus/dev with gold, sha256 {corpus_sha[:16]}",
            "chosen_by": "5-fold cross-validation over the folds of folds.tsv, F1 as GOLD.md's Scoring section says",
            "settings": settings | {"min_feature_count": MIN_FEATURE_COUNT},
            "cross_validated": {k: v.to_dict() for k, v in report.fields.items()
                                if k.startswith(spec.gold_key)} | {"macro_f1": round(report.macro_f1, 4)},
            "grid": all_results[name],
            "files": shas,
            "command": "python training/train_events.py ../shared/corpus/dev",
        }
        write_card(args.out, name, card)
        log(f"{name}: written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
