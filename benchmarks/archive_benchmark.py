"""The archive's figures (issue #28): load rate per core, size per release, each common
question's time, on an archive of 60,000 releases.

    python benchmarks/archive_benchmark.py                  # 60,000 releases, figures to stdout
    python benchmarks/archive_benchmark.py --check          # exit status 3 when a target is missed
    python benchmarks/archive_benchmark.py --releases 6000 --work /tmp/arch --json

How the archive is built: the 2,000 unlabeled releases of ``../shared/corpus/unlabeled/``
run through ``thaipress batch --words`` once (the batch output is kept in the work folder
and reused), then their JSON (and words) copied into folders ``copy-NN/`` with the
release's ``source.path`` made distinct, until there are ``--releases`` of them.  The load
is ``pipeline.archive.load.load_archive`` in this process, from scratch, ``--load-runs``
times; its rate is releases per second of this process's CPU time (one core: the load is
one thread) in the fastest run, and that run's wall time is reported beside it.  Each question is asked ``--repeat`` times on the
finished archive and the fastest time is kept (wall clock, the process warm: the
segmenter for full-text questions is loaded once before, as a query server would; the
cold command's start-up is measured separately).  Targets: benchmarks/archive_targets.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("THAIPRESS_SHARED", ROOT.parent / "shared"))
UNLABELED = SHARED / "corpus" / "unlabeled"


def batch_output(work: Path, workers: int) -> Path:
    """The unlabeled releases through ``thaipress batch --words`` (kept and reused)."""
    out = work / "batch"
    if (out / "report.json").exists() and any(out.glob("*.words")):
        return out
    if not UNLABELED.is_dir():
        sys.exit(f"archive_benchmark: {UNLABELED} is absent (the shared corpus is beside the checkout)")
    cmd = [sys.executable, "-m", "pipeline", "batch", str(UNLABELED), "-o", str(out), "--words", "--quiet",
           "--workers", str(workers)]
    print("archive_benchmark: " + " ".join(cmd[2:]), file=sys.stderr)
    subprocess.run(cmd, cwd=ROOT, check=True)
    return out


def repeated_releases(batch: Path, dest: Path, n: int) -> int:
    """``n`` releases in ``dest``: the batch's JSON and words, copied with distinct paths."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = sorted(p for p in batch.glob("*.json") if p.name not in ("feed.json", "report.json") and p.name[0] != ".")
    written, copy = 0, 0
    while written < n:
        folder = dest / f"copy-{copy:02d}"
        folder.mkdir(parents=True)
        for p in docs:
            if written >= n:
                break
            raw = p.read_bytes()
            doc_path = json.loads(raw)["source"]["path"]
            old = json.dumps({"path": doc_path}, ensure_ascii=False)[1:-1]
            new = json.dumps({"path": f"copy-{copy:02d}/{doc_path}"}, ensure_ascii=False)[1:-1]
            (folder / p.name).write_bytes(raw.replace(old.encode(), new.encode(), 1))
            words = p.with_suffix(".words")
            if words.exists():
                shutil.copyfile(words, folder / words.name)
            written += 1
        copy += 1
    return written


def load_figures(releases: Path, db: Path, runs: int) -> dict:
    """The load from scratch, ``runs`` times (the fastest kept: the machine is shared),
    then once more with nothing changed."""
    from pipeline.archive.load import load_archive

    best = None
    for _ in range(runs):
        if db.exists():
            db.unlink()
        cpu, wall = time.process_time(), time.perf_counter()
        res = load_archive(releases, db)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if best is None or cpu < best[0]:
            best = (cpu, wall)
        print(f"archive_benchmark: load {len(res.added)} releases: {cpu:.1f} s CPU, {wall:.1f} s wall", file=sys.stderr)
    cpu, wall = best
    n = len(res.added)
    figures = {
        "releases": n,
        "cpu_seconds": round(cpu, 2), "wall_seconds": round(wall, 2),
        "releases_per_second_per_core": round(n / cpu, 1),
        "releases_per_second_wall": round(n / wall, 1),
        "words_from_sidecar": res.words_from_sidecar, "words_segmented": res.words_segmented,
        "bytes": db.stat().st_size,
        "kb_per_release": round(db.stat().st_size / 1024 / n, 2),
    }
    cpu, wall = time.process_time(), time.perf_counter()
    again = load_archive(releases, db)
    figures["rerun_unchanged_seconds"] = round(time.perf_counter() - wall, 2)
    figures["rerun_unchanged"] = again.unchanged
    return figures


def question_figures(db: Path, repeat: int) -> dict:
    """Each common question on the archive: fastest of ``repeat`` runs, in ms."""
    from pipeline.archive import fulltext, queries
    from pipeline.archive.schema import open_archive

    conn = open_archive(db, create=False)
    fulltext.segmenter()  # loaded once, as a long-running query process would
    fulltext.match_query("ข้าว")
    busiest = conn.execute("SELECT p.name FROM person_mentions m JOIN people p USING (person_id) "
                           "GROUP BY person_id ORDER BY count(*) DESC, p.name LIMIT 1").fetchone()[0]
    chair = conn.execute("SELECT p.name FROM events e JOIN people p ON p.person_id = e.chair_person_id "
                         "GROUP BY chair_person_id ORDER BY count(*) DESC, p.name LIMIT 1").fetchone()[0]
    asks = {
        f"person's posts and releases ({busiest})": lambda: queries.person(conn, busiest),
        f"meetings chaired, with decisions ({chair})": lambda: queries.chaired(conn, chair),
        "decisions by body, kind, dates (ครม., approve, 2565)":
            lambda: queries.decisions(conn, body="ครม.", kind="approve", since="2565", until="2565"),
        "decisions by body (ครม., all dates)": lambda: queries.decisions(conn, body="ครม."),
        "full-text over decisions (วัคซีน)": lambda: queries.decisions(conn, search="วัคซีน"),
        "full-text over decisions (งบประมาณ, most frequent)": lambda: queries.decisions(conn, search="งบประมาณ"),
        "full-text over releases (ราคา ยาง)": lambda: queries.search_releases(conn, "ราคา ยาง"),
        "who held a post (ปลัดกระทรวงสาธารณสุข, 2565-03)":
            lambda: queries.post_holders(conn, "ปลัดกระทรวงสาธารณสุข", since="2565-03", until="2565-03"),
        "near-duplicate candidates": lambda: queries.candidates(conn),
    }
    out = {}
    for name, ask in asks.items():
        best, rows = None, 0
        for _ in range(repeat):
            t = time.perf_counter()
            answer = ask()
            dt = time.perf_counter() - t
            best = dt if best is None else min(best, dt)
            rows = sum(len(v) for v in answer.tables.values())
        out[name] = {"ms": round(best * 1000, 2), "rows": rows}
    conn.close()
    return out


def cold_command(db: Path) -> float:
    """Wall seconds of one ``thaipress query ... search`` command, from start-up."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", "query", str(db), "search", "ข้าว", "--json"], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    return round(time.perf_counter() - t, 2)


def check(report: dict) -> list[dict]:
    targets = json.loads((ROOT / "benchmarks" / "archive_targets.json").read_text(encoding="utf-8"))["targets"]
    out = []
    for t in targets:
        if t["figure"] == "slowest_question_ms":
            value = max(q["ms"] for q in report["questions"].values())
        else:
            value = report["load"].get(t["figure"])
        met = None if value is None else (value >= t["min"] if "min" in t else value <= t["max"])
        out.append({**t, "value": value, "met": met})
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--releases", type=int, default=60000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/thaipress-archive-benchmark"),
                    help="where the batch output, the repeated releases and the archive go (kept)")
    ap.add_argument("--workers", type=int, default=2, help="for the one batch run")
    ap.add_argument("--batch-out", type=Path, default=None,
                    help="repeat this batch output instead of the unlabeled releases' (e.g. outputs/)")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each question (the fastest kept)")
    ap.add_argument("--load-runs", type=int, default=3, help="loads from scratch (the fastest kept)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--check", action="store_true", help="exit with status 3 when a target is missed")
    args = ap.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    batch = args.batch_out or batch_output(args.work, args.workers)
    releases = args.work / "releases"
    marker = args.work / "releases.count"
    made_of = f"{args.releases} from {batch.resolve()}"
    if not (releases.is_dir() and marker.exists() and marker.read_text() == made_of):
        repeated_releases(batch, releases, args.releases)
        marker.write_text(made_of)
    db = args.work / "archive.sqlite"
    report = {"load": load_figures(releases, db, args.load_runs)}
    report["questions"] = question_figures(db, args.repeat)
    report["cold_query_command_seconds"] = cold_command(db)
    report["targets"] = check(report)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        ld = report["load"]
        print(f"load: {ld['releases']} releases in {ld['cpu_seconds']} s CPU ({ld['releases_per_second_per_core']}/s "
              f"per core), {ld['wall_seconds']} s wall; {ld['kb_per_release']} KB a release; words: "
              f"{ld['words_from_sidecar']} from sidecars, {ld['words_segmented']} segmented; "
              f"re-run, nothing changed: {ld['rerun_unchanged_seconds']} s")
        for name, q in report["questions"].items():
            print(f"  {q['ms']:8.2f} ms  {q['rows']:5d} rows  {name}")
        print(f"  a whole `thaipress query ... search` command, cold: {report['cold_query_command_seconds']} s")
        for t in report["targets"]:
            print(f"target {t['what']}: {t['value']} ({'met' if t['met'] else 'MISSED'})")
    return 3 if args.check and any(t["met"] is False for t in report["targets"]) else 0


if __name__ == "__main__":
    sys.exit(main())
