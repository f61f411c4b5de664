"""Throughput and memory of the whole pipeline against bare tokenization, in one run.

    python benchmarks/benchmark.py                 # >= 5 MB corpus, all cores
    python benchmarks/benchmark.py --min-mb 0.2    # a quick look
    python benchmarks/benchmark.py --profile       # milliseconds per release in each stage (fastest of --repeat)
    python benchmarks/benchmark.py --check         # exit status 3 when a target (benchmarks/targets.json) is missed

The corpus: the bundled samples, plus ../shared/corpus when it is beside the checkout,
repeated (as separate documents) until it holds at least ``--min-mb`` MB of UTF-8.
Measured, on that same corpus:

* bare tokenization: PyThaiNLP ``word_tokenize(engine="nlpo3")`` (the engine the
  pipeline uses) on one core - the floor no Thai pipeline can beat;
* the whole pipeline (normalization, segmentation, every extractor, JSON, JSON Schema
  validation) on one core, and across ``--workers`` processes the way ``batch`` runs
  it, with the peak resident memory of each worker;
* the ratio between the two (per core);
* PyThaiNLP's own NER tagging (``ThaiNameTagger.get_ner``) on the first
  ``--peer-documents`` of the corpus against the whole pipeline on the same documents
  (weights trained here by PyThaiNLP's feature function: see ``pythainlp_ner_peer``);
* ``thaipress batch`` over the corpus written as files, on the local engine and on a
  Dask LocalCluster, with 1 worker and with ``--workers``;
* time at 1x, 2x and 4x the corpus (one core), to show that growth is linear, and one
  document of 0.25, 0.5 and 1 MB without line breaks (no step is quadratic in a line).

Figures go to stdout and to ``benchmarks/results/<time>.json`` (not kept in git).
Times are process CPU time of the measuring process where one core is measured, the
fastest of ``--repeat`` interleaved runs of each kind (a shared machine's other load
still slows the CPU a process gets; it never speeds it up), and wall time across workers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.batch import find_inputs  # noqa: E402
from pipeline.loading import load_file  # noqa: E402

SHARED_CORPUS = Path(os.environ.get("THAIPRESS_SHARED", ROOT.parent / "shared")) / "corpus"


# -- corpus --------------------------------------------------------------------------------
def base_documents() -> tuple[list[str], list[str]]:
    """(texts, where they came from): samples, and the shared corpus when present."""
    texts, origins = [], []
    for folder in (ROOT / "samples", SHARED_CORPUS):
        if not folder.is_dir():
            continue
        for path in find_inputs(folder):
            try:
                texts.append(load_file(path).text)
            except Exception:  # noqa: BLE001 - a file the loader refuses is not corpus
                continue
        origins.append(str(folder))
    return texts, origins


def scale(texts: list[str], min_bytes: int) -> list[str]:
    out, size = [], 0
    while size < min_bytes:
        for t in texts:
            out.append(t)
            size += len(t.encode("utf-8"))
            if size >= min_bytes:
                break
    return out


def megabytes(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


# -- measurements -------------------------------------------------------------------------------
def cpu_seconds(fn, *args) -> float:
    start = time.process_time()
    fn(*args)
    return time.process_time() - start


def bare_tokenize(texts: list[str]) -> None:
    from pythainlp.tokenize import word_tokenize

    for t in texts:
        word_tokenize(t, engine="nlpo3")


def project_tokenize(texts: list[str]) -> None:
    from pipeline.orchestrate import get_nlp

    segmenter = get_nlp().tokenizer.segmenter
    for t in texts:
        segmenter.words(t)


def run_pipeline(texts: list[str]) -> None:
    from pipeline.loading import load_text
    from pipeline.orchestrate import analyze_source, get_nlp

    nlp = get_nlp()
    for t in texts:
        analyze_source(load_text(t), nlp=nlp)


def profile(texts: list[str]) -> dict:
    """Milliseconds per release in each stage, one core: loading (decoding and checks),
    normalization + words + the Doc (the tokenizer), each registered stage (the NER model
    is ``thaipress_ner``), the output dict with ents and spans, and schema validation."""
    from pipeline.document import state
    from pipeline.loading import load_bytes
    from pipeline.orchestrate import get_nlp
    from pipeline.output.schema import validate

    nlp = get_nlp()
    seconds: dict[str, float] = {}

    def add(name: str, started: float) -> float:
        now = time.process_time()
        seconds[name] = seconds.get(name, 0.0) + now - started
        return now

    for text in texts:
        raw = text.encode("utf-8")
        t = time.process_time()
        source = load_bytes(raw, path=None)
        t = add("loading", t)
        doc = nlp.make_doc(source.text)
        state(doc)["source"] = source.to_json()
        t = add("normalization + words + Doc", t)
        for name, component in nlp.pipeline:
            doc = component(doc)
            t = add("output dict, ents, spans" if name == "thaipress_output" else name.removeprefix("thaipress_"), t)
        validate(doc._.thaipress)
        add("schema validation", t)
    n = len(texts)
    stages = {name: round(s / n * 1000, 3) for name, s in seconds.items()}
    return {"documents": n, "mean_characters": round(sum(map(len, texts)) / n),
            "ms_per_document": stages, "total_ms_per_document": round(sum(stages.values()), 3)}


def print_profile(p: dict) -> None:
    print(f"\nprofile: ms per release ({p['documents']} releases, {p['mean_characters']:,} characters on average, 1 core)")
    for name, ms in sorted(p["ms_per_document"].items(), key=lambda x: -x[1]):
        print(f"  {name:34s} {ms:8.3f}")
    print(f"  {'total':34s} {p['total_ms_per_document']:8.3f}")


_worker_nlp = None


def _init_worker() -> None:
    global _worker_nlp
    from pipeline.orchestrate import load

    _worker_nlp = load()


def _work(chunk: list[str]) -> tuple[int, int]:
    """Analyse a chunk; (pid, peak RSS of this worker so far, in bytes)."""
    from pipeline.loading import load_text
    from pipeline.orchestrate import analyze_source

    for t in chunk:
        analyze_source(load_text(t), nlp=_worker_nlp)
    return os.getpid(), peak_rss_bytes()


def peak_rss_bytes() -> int:
    """This process's peak resident memory.  On Linux VmHWM of /proc/self/status: a
    spawned worker's ``ru_maxrss`` starts at its parent's peak (Linux keeps it across
    the exec), which would count the parent's memory as the worker's."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss * (1 if sys.platform == "darwin" else 1024)  # Linux reports KiB


def run_workers(texts: list[str], workers: int, chunk: int = 16) -> dict:
    """The corpus across ``workers`` spawned processes, each loading the pipeline once."""
    chunks = [texts[i : i + chunk] for i in range(0, len(texts), chunk)]
    ctx = get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker) as pool:
        # warm every worker up (loading spaCy and the word lists is not throughput)
        list(pool.map(_work, [texts[:1]] * workers))
        start = time.perf_counter()
        results = list(pool.map(_work, chunks))
        wall = time.perf_counter() - start
    peak: dict[int, int] = {}
    for pid, rss in results:
        peak[pid] = max(peak.get(pid, 0), rss)
    return {"wall_seconds": wall, "peak_rss_mb": sorted(round(v / 2**20, 1) for v in peak.values())}


THAINER_TRAIN = SHARED_CORPUS.parent / "datasets" / "thainer" / "v1.5" / "train.txt"


def pythainlp_ner_peer(train_lines: int = 3000, iterations: int = 100):
    """PyThaiNLP's own NER tagging (``ThaiNameTagger.get_ner``: ``mm`` words, orchid_ud
    perceptron POS tags, its CRF features, CRFsuite) as the peer #14 compares with.
    PyThaiNLP downloads its trained weights at first use, which this machine cannot, so
    the same code runs with weights trained here by PyThaiNLP's own feature function on
    ThaiNER train lines: the tagging path and its cost are PyThaiNLP's, the accuracy is
    not the point.  None when the shared ThaiNER split is absent."""
    if not THAINER_TRAIN.is_file():
        return None
    import tempfile

    import pycrfsuite
    from pythainlp.tag import pos_tag
    from pythainlp.tag.thainer import _TOKENIZER_ENGINE, ThaiNameTagger
    from pythainlp.tokenize import word_tokenize

    from extractors.ner import bio_tags
    from pipeline.thainer import read

    trainer = pycrfsuite.Trainer(verbose=False)
    for k, (text, entities) in enumerate(read(THAINER_TRAIN)):
        if k >= train_lines:
            break
        words = word_tokenize(text, engine=_TOKENIZER_ENGINE)
        tagged = pos_tag(words, engine="perceptron", corpus="orchid_ud")
        trainer.append(ThaiNameTagger._extract_features(tagged), bio_tags(words, entities))
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": iterations})
    model = Path(tempfile.mkdtemp()) / "pythainlp-ner-peer.crfsuite"
    trainer.train(str(model))
    tagger = ThaiNameTagger.__new__(ThaiNameTagger)  # what __init__ does, without the download
    tagger.crf = pycrfsuite.Tagger()
    tagger.crf.open(str(model))
    tagger.pos_tag_name = "orchid_ud"
    return tagger


def peer_tagging(tagger, texts: list[str]) -> None:
    for t in texts:
        tagger.get_ner(t, pos=False)


def batch_engines(texts: list[str], workers: int) -> list[dict]:
    """``thaipress batch`` over the corpus written as files: the local engine and a Dask
    LocalCluster, with 1 and ``workers`` workers.  Wall time of the whole run, start-up
    of the workers (and of the cluster) included, as a user sees it."""
    import tempfile

    from pipeline.batch import run_batch

    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "in"
        for i, t in enumerate(texts):
            folder = inp / f"{i // 100:03d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{i:05d}.txt").write_text(t, encoding="utf-8")
        engines = ["local"]
        try:
            import distributed  # noqa: F401

            engines.append("dask")
        except ImportError:
            print("(Dask is not installed: the Dask engine is not measured)")
        for engine in engines:
            for n in sorted({1, workers}):
                out = Path(tmp) / f"out-{engine}-{n}"
                start = time.perf_counter()
                res = run_batch(inp, out, workers=n, engine=engine, quiet=True)
                wall = time.perf_counter() - start
                assert len(res.done) == len(texts) and not res.failed
                runs.append({"engine": engine, "workers": n, **rates(texts, wall)})
    return runs


def rates(texts: list[str], seconds: float) -> dict:
    chars = sum(len(t) for t in texts)
    return {
        "seconds": round(seconds, 3),
        "chars_per_second": round(chars / seconds),
        "documents_per_second": round(len(texts) / seconds, 1),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-mb", type=float, default=5.0, help="corpus size in MB of UTF-8 (default 5)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for the batch run")
    ap.add_argument("--no-growth", action="store_true", help="skip the 1x/2x/4x and long-line runs")
    ap.add_argument("--no-engines", action="store_true", help="skip the batch runs (local and Dask engines)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results", help="folder for the JSON")
    ap.add_argument("--no-peer", action="store_true", help="skip PyThaiNLP's NER tagging (the peer figure)")
    ap.add_argument("--peer-documents", type=int, default=150, help="documents the peer is timed on (default 150)")
    ap.add_argument("--repeat", type=int, default=3, help="one-core runs of each kind, the fastest kept (default 3)")
    ap.add_argument("--profile", action="store_true", help="only the per-stage profile (ms per release)")
    ap.add_argument("--check", action="store_true",
                    help="exit with status 3 when a target of benchmarks/targets.json is missed")
    args = ap.parse_args(argv)

    base, origins = base_documents()
    texts = scale(base, int(args.min_mb * 1e6))
    print(f"corpus: {len(texts)} documents, {megabytes(texts):.2f} MB, {sum(map(len, texts)):,} characters "
          f"(from {len(base)} distinct: {', '.join(origins)})")

    from pipeline.orchestrate import get_nlp

    get_nlp()
    run_pipeline(base[:3])  # first-use costs (regex compilation, word lists) are not throughput
    bare_tokenize(base[:3])
    if args.profile:
        runs = [profile(base) for _ in range(args.repeat)]  # the fastest of each stage, as above
        prof = runs[0]
        prof["ms_per_document"] = {name: min(r["ms_per_document"][name] for r in runs) for name in prof["ms_per_document"]}
        prof["total_ms_per_document"] = round(sum(prof["ms_per_document"].values()), 3)
        prof["repeats"] = args.repeat
        print_profile(prof)
        write_json(args.out, "profile-", prof)
        return 0

    report: dict = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "corpus": {"documents": len(texts), "megabytes": round(megabytes(texts), 2),
                   "characters": sum(map(len, texts)), "distinct_documents": len(base), "from": origins},
    }
    # interleaved and repeated, the fastest of each kept (as timeit does): on a shared
    # machine other load only ever slows a run down
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, fn in (("bare_tokenization", bare_tokenize), ("project_tokenization", project_tokenize),
                         ("pipeline_one_core", run_pipeline)):
            best[name] = min(best.get(name, float("inf")), cpu_seconds(fn, texts))
    for name, seconds in best.items():
        report[name] = rates(texts, seconds)
    report["repeats"] = args.repeat
    par = run_workers(texts, args.workers)
    report["pipeline_workers"] = {"workers": args.workers, **rates(texts, par["wall_seconds"]),
                                  "peak_rss_mb_per_worker": par["peak_rss_mb"]}
    bare = report["bare_tokenization"]["chars_per_second"]
    report["ratio_pipeline_to_bare_per_core"] = round(report["pipeline_one_core"]["chars_per_second"] / bare, 3)
    report["ratio_pipeline_workers_to_bare_one_core"] = round(report["pipeline_workers"]["chars_per_second"] / bare, 3)
    # after the workers: its training must not count in the workers' memory (they are forked)
    if not args.no_peer:
        peer = pythainlp_ner_peer()
        if peer is not None:
            sample = texts[: args.peer_documents]
            ours = min(cpu_seconds(run_pipeline, sample) for _ in range(args.repeat))
            theirs = min(cpu_seconds(peer_tagging, peer, sample) for _ in range(args.repeat))
            report["pythainlp_ner"] = {**rates(sample, theirs), "documents": len(sample),
                                       "pipeline_on_the_same": rates(sample, ours),
                                       "pipeline_speed_over_pythainlp_ner": round(theirs / ours, 2)}

    if not args.no_engines:
        report["batch_engines"] = batch_engines(texts, args.workers)

    if not args.no_growth:
        growth = []
        for k in (1, 2, 4):
            corpus = texts * k
            growth.append({"times": k, "characters": sum(map(len, corpus)),
                           "seconds": round(cpu_seconds(run_pipeline, corpus), 2)})
        report["growth"] = growth
        seed = (ROOT / "samples" / "bma-smart-change-2565.txt").read_text(encoding="utf-8").replace("\n", " ")
        long_lines = []
        for n in (250_000, 500_000, 1_000_000):
            doc = ((seed + " ") * (n // len(seed) + 1))[:n]
            long_lines.append({"characters": n, "seconds": round(cpu_seconds(run_pipeline, [doc]), 2)})
        report["one_line_document"] = long_lines

    report["targets"] = check_targets(report)
    print_report(report)
    write_json(args.out, "", report)
    return 3 if args.check and any(t["met"] is False for t in report["targets"]) else 0


def figure(report: dict, name: str):
    """A figure of the report by name, wherever it sits; None when it was not measured."""
    if name == "pipeline_speed_over_pythainlp_ner":
        return report.get("pythainlp_ner", {}).get(name)
    if name == "peak_rss_mb_per_worker":
        peaks = report.get("pipeline_workers", {}).get(name)
        return max(peaks) if peaks else None
    return report.get(name)


def check_targets(report: dict, targets: list[dict] | None = None) -> list[dict]:
    """Each target of ``benchmarks/targets.json`` with the measured value and whether it is
    met (None when the run did not measure it, e.g. with --no-peer)."""
    if targets is None:
        targets = json.loads((ROOT / "benchmarks" / "targets.json").read_text(encoding="utf-8"))["targets"]
    out = []
    for t in targets:
        value = figure(report, t["figure"])
        met = None if value is None else (value >= t["min"] if "min" in t else value <= t["max"])
        out.append({**t, "value": value, "met": met})
    return out


def write_json(folder: Path, prefix: str, data: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / time.strftime(f"{prefix}%Y%m%d-%H%M%S.json")
    out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten: {out}")


def print_report(r: dict) -> None:
    def row(name: str, m: dict) -> str:
        return f"{name:44s} {m['chars_per_second']:>12,} {m['documents_per_second']:>10} {m['seconds']:>9}"

    print(f"\n{'':44s} {'chars/s':>12} {'docs/s':>10} {'seconds':>9}")
    print(row("bare PyThaiNLP word_tokenize(nlpo3), 1 core", r["bare_tokenization"]))
    print(row("nlpo3 with the project dictionary, 1 core", r["project_tokenization"]))
    print(row("whole pipeline, 1 core", r["pipeline_one_core"]))
    w = r["pipeline_workers"]
    print(row(f"whole pipeline, {w['workers']} worker processes (wall)", w))
    if "pythainlp_ner" in r:
        p = r["pythainlp_ner"]
        print(row(f"PyThaiNLP NER tagging, 1 core ({p['documents']} docs)", p))
        print(row(f"whole pipeline on the same {p['documents']} docs", p["pipeline_on_the_same"]))
        print(f"whole pipeline / PyThaiNLP NER tagging: {p['pipeline_speed_over_pythainlp_ner']}x")
    print(f"\npeak RSS per worker (MB): {w['peak_rss_mb_per_worker']}")
    print(f"pipeline / bare tokenization, per core: {r['ratio_pipeline_to_bare_per_core']}")
    print(f"pipeline on {w['workers']} workers / bare tokenization on 1 core: "
          f"{r['ratio_pipeline_workers_to_bare_one_core']}")
    if r.get("targets"):
        print("\ntargets (benchmarks/targets.json):")
        for t in r["targets"]:
            bound = f">= {t['min']}" if "min" in t else f"<= {t['max']}"
            verdict = {True: "met", False: "MISSED", None: "not measured"}[t["met"]]
            print(f"  {t['what']}: {t['value']} ({bound}) {verdict}")
    if "batch_engines" in r:
        print("\nthaipress batch over the corpus as files (wall, start-up included):")
        for run in r["batch_engines"]:
            print(row(f"  {run['engine']} engine, {run['workers']} worker(s)", run))
    if "growth" in r:
        base = r["growth"][0]["seconds"]
        print("\ngrowth (1 core): " + ", ".join(
            f"{g['times']}x {g['seconds']} s ({g['seconds'] / base:.2f})" for g in r["growth"]))
        print("one document without line breaks: " + ", ".join(
            f"{d['characters'] // 1000}k chars {d['seconds']} s" for d in r["one_line_document"]))


if __name__ == "__main__":
    sys.exit(main())
