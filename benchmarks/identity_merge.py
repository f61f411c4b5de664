"""How well the archive's person keys merge mentions of one person across releases,
measured on pairs of person mentions from the dev gold (issue #28).

    python benchmarks/identity_merge.py            # figures to stdout
    python benchmarks/identity_merge.py --check    # exit status 3 when precision < 0.98

The pairs.  A *mention* is one person of one release's gold (``people[]`` of a
``*.gold.json``: a release lists each person once).  Every two mentions make a pair
(same release or not).  The truth of a pair — one person or two — does not come from
the keys being measured: it is the gold's names compared as GOLD.md's scoring compares
them (NFKC, Thai digits, white space and zero-width characters removed), joined by the
pairs of gold names read as one person in ``benchmarks/dev_same_person.tsv`` (every
two gold names within two edits of each other were read, with their posts and
releases: names spelt two ways by the releases themselves; the pairs read as two people
are listed there too).  Positive pairs: one person; negative: two.  A pair is *merged*
when both mentions get the same key.

Two measures:

* ``gold names``: the keys of the gold's own names (what the key does when the name is
  read right);
* ``pipeline``: the keys of the names the pipeline extracts from the same releases
  (``thaipress batch`` on the dev texts), each gold person matched to the pipeline's
  person of the same release with the most similar name (difflib ratio >= 0.8 on the
  folded names, one to one); a gold person the pipeline missed is in no merged pair.
  This is the archive's merge as a user gets it.

A third line says what merging the near-duplicate candidates too (one edit apart, a
given name alone) would give on the pipeline's names: the archive lists them instead.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("THAIPRESS_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "corpus" / "dev"
SAME = ROOT / "benchmarks" / "dev_same_person.tsv"
PRECISION_TARGET = 0.98

_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]")


def gold_fold(name: str) -> str:
    """GOLD.md's scoring fold: NFKC, Thai digits as ASCII, white space and zero-width out."""
    name = unicodedata.normalize("NFKC", name).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    return _SPACE.sub("", name)


def read_same() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    same, different = [], []
    for line in SAME.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        a, b, verdict = line.split("\t")[:3]
        (same if verdict == "same" else different).append((gold_fold(a), gold_fold(b)))
    return same, different


def gold_mentions() -> list[dict]:
    out = []
    for path in sorted(DEV.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for i, p in enumerate(gold.get("people") or ()):
            out.append({"release": path.name[: -len(".gold.json")], "i": i, "name": p["name"],
                        "position": p.get("position")})
    return out


def truth(mentions: list[dict]) -> list[int]:
    """An identity number per mention: gold names folded, joined by the pairs read as one."""
    same, _ = read_same()
    parent: dict[str, str] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in same:
        parent[find(a)] = find(b)
    ids: dict[str, int] = {}
    return [ids.setdefault(find(gold_fold(m["name"])), len(ids)) for m in mentions]


def pipeline_names(mentions: list[dict], out: Path) -> list[str | None]:
    """For each gold mention, the name the pipeline gave the same person (None: missed)."""
    by_release: dict[str, list[int]] = {}
    for k, m in enumerate(mentions):
        by_release.setdefault(m["release"], []).append(k)
    names: list[str | None] = [None] * len(mentions)
    for release, ks in by_release.items():
        path = out / f"{release}.json"
        if not path.exists():
            continue
        predicted = [p["name"] for p in json.loads(path.read_text(encoding="utf-8"))["people"]]
        scored = sorted(
            ((difflib.SequenceMatcher(None, gold_fold(mentions[k]["name"]), gold_fold(name)).ratio(), k, j)
             for k in ks for j, name in enumerate(predicted)),
            reverse=True,
        )
        used_k, used_j = set(), set()
        for ratio, k, j in scored:
            if ratio < 0.8:
                break
            if k not in used_k and j not in used_j:
                used_k.add(k)
                used_j.add(j)
                names[k] = predicted[j]
    return names


def score(ident: list[int], keys: list[str | None], also: set[tuple[str, str]] = frozenset()) -> dict:
    """Precision and recall of merging the pairs whose keys are equal (or, with
    ``also``, a pair of keys listed there)."""
    tp = fp = fn = 0
    for a, b in combinations(range(len(ident)), 2):
        one = ident[a] == ident[b]
        merged = keys[a] is not None and keys[b] is not None and (
            keys[a] == keys[b] or (min(keys[a], keys[b]), max(keys[a], keys[b])) in also)
        if merged and one:
            tp += 1
        elif merged:
            fp += 1
        elif one:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return {"merged_pairs": tp + fp, "true_merges": tp, "false_merges": fp, "missed_merges": fn,
            "precision": round(precision, 4) if precision is not None else None,
            "recall": round(recall, 4) if recall is not None else None}


def main(argv=None) -> int:
    from pipeline.archive.identity import given_key, near_duplicates, person_key

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batch-out", type=Path, default=None,
                    help="the dev texts' batch output (default: run thaipress batch into a temporary folder)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--check", action="store_true", help=f"exit with status 3 when a precision is below {PRECISION_TARGET}")
    args = ap.parse_args(argv)
    if not DEV.is_dir():
        sys.exit(f"identity_merge: {DEV} is absent (the shared corpus is beside the checkout)")

    mentions = gold_mentions()
    ident = truth(mentions)
    n = len(mentions)
    positives = sum(1 for a, b in combinations(range(n), 2) if ident[a] == ident[b])
    report = {"mentions": n, "people": len(set(ident)), "releases": len({m["release"] for m in mentions}),
              "pairs": n * (n - 1) // 2, "positive_pairs": positives, "negative_pairs": n * (n - 1) // 2 - positives}
    report["gold names"] = score(ident, [person_key(m["name"]) for m in mentions])

    with tempfile.TemporaryDirectory() as tmp:
        out = args.batch_out
        if out is None:
            out = Path(tmp) / "dev"
            subprocess.run([sys.executable, "-m", "pipeline", "batch", str(DEV), "-o", str(out), "--quiet",
                            "--workers", "2"], cwd=ROOT, check=True)
        names = pipeline_names(mentions, out)
    keys = [person_key(x) if x else None for x in names]
    report["pipeline"] = score(ident, keys)
    report["pipeline"]["gold_people_missed_by_the_pipeline"] = sum(1 for x in names if x is None)
    # what merging the near-duplicate candidates too would give (the archive lists them instead)
    given = {person_key(x): (x.split(" ", 1)[0], " " in x) for x in names if x}
    pairs = near_duplicates((k, given_key(g), fam) for k, (g, fam) in given.items())
    report["pipeline, candidates merged too"] = score(ident, keys, {(a, b) for a, b, _r in pairs})

    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(f"{n} person mentions in {report['releases']} dev releases, {report['people']} people; "
              f"{report['pairs']} pairs: {positives} of one person, {report['negative_pairs']} of two")
        for name in ("gold names", "pipeline", "pipeline, candidates merged too"):
            r = report[name]
            print(f"  keys of the {name}: precision {r['precision']}, recall {r['recall']} "
                  f"({r['true_merges']} right merges, {r['false_merges']} wrong, {r['missed_merges']} missed)")
    low = [k for k in ("gold names", "pipeline") if (report[k]["precision"] or 0) < PRECISION_TARGET]
    return 3 if args.check and low else 0


if __name__ == "__main__":
    sys.exit(main())
