"""``thaipress eval GOLD_DIR``: score the pipeline against ``*.gold.json`` files.

Scoring follows ``corpus/GOLD.md``: names, organizations, places, venue texts and
resolutions are compared after removing all white space and zero-width characters
and applying Unicode NFKC; dates and times by value.  Fields whose gold lists each
item once (people, organizations, places, venues, resolutions) are compared as
sets; dates, date flags and times, which gold lists per mention, as multisets.
Precision, recall and F1 are micro-averaged over the documents.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ThaiPressError

MAIN_FIELDS = ("people", "organizations", "places", "dates", "times", "venues", "resolutions")
_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")


def norm(text: str | None) -> str:
    """The comparison key of GOLD.md: no white space or zero-width characters, NFKC."""
    if text is None:
        return ""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else None

    def to_dict(self) -> dict:
        return {
            "precision": _r(self.precision), "recall": _r(self.recall), "f1": _r(self.f1),
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
        }


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None

    def to_dict(self) -> dict:
        return {"accuracy": _r(self.value), "right": self.right, "total": self.total}


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@dataclass
class Report:
    documents: int = 0
    fields: dict[str, Tally] = field(default_factory=dict)
    accuracies: dict[str, Accuracy] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)
    details: list[dict] = field(default_factory=list)

    def tally(self, name: str) -> Tally:
        return self.fields.setdefault(name, Tally())

    def accuracy(self, name: str) -> Accuracy:
        return self.accuracies.setdefault(name, Accuracy())

    @property
    def macro_f1(self) -> float:
        scores = [self.fields[f].f1 for f in MAIN_FIELDS if f in self.fields]
        scores = [1.0 if s is None else s for s in scores]  # no gold and no prediction: nothing missed
        return sum(scores) / len(MAIN_FIELDS) if scores else 0.0

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "accuracies": {k: v.to_dict() for k, v in self.accuracies.items()},
            "macro_f1": round(self.macro_f1, 4),
            "macro_fields": list(MAIN_FIELDS),
            "errors": self.errors,
        }


def _sets(gold: set, pred: set) -> tuple[int, int, int, set, set]:
    return len(gold & pred), len(pred - gold), len(gold - pred), gold - pred, pred - gold


def _multisets(gold: Counter, pred: Counter) -> tuple[int, int, int, Counter, Counter]:
    tp = sum((gold & pred).values())
    return tp, sum(pred.values()) - tp, sum(gold.values()) - tp, gold - pred, pred - gold


def _alternatives(items: list[dict], *keys: str) -> list[set[str]]:
    """Each predicted item as the set of its comparison keys: as written, full name,
    abbreviation and every other form the text writes it in (``aliases``)."""
    out = []
    for it in items:
        alts = {norm(it.get(k)) for k in keys if it.get(k)} | {norm(a) for a in it.get("aliases") or []}
        alts.discard("")
        if alts:
            out.append(alts)
    return out


def _match_alternatives(gold: list[str], pred: list[set[str]]) -> tuple[int, int, int, set, list]:
    """Set scoring where a prediction matches a gold string by any of its keys."""
    gold_keys = {norm(g) for g in gold} - {""}
    # deduplicate predictions that share a key
    merged: list[set[str]] = []
    for alts in pred:
        for m in merged:
            if m & alts:
                m |= alts
                break
        else:
            merged.append(set(alts))
    matched_gold = set()
    fp_items = []
    for alts in merged:
        hit = alts & gold_keys
        if hit:
            matched_gold |= hit
        else:
            fp_items.append(sorted(alts)[0])
    tp = len(matched_gold)
    return tp, len(fp_items), len(gold_keys - matched_gold), gold_keys - matched_gold, fp_items


def score_document(gold: dict, out: dict, report: Report) -> dict:
    """Add one document's comparison to ``report``; returns what it missed and added."""
    detail: dict = {"file": gold.get("file")}

    # people ---------------------------------------------------------------------------
    gold_people = {norm(p["name"]): p for p in gold.get("people", [])}
    pred_people: dict[str, dict] = {}
    for p in out.get("people", []):
        pred_people.setdefault(norm(p.get("name")), p)
    tp, fp, fn, missed, extra = _sets(set(gold_people), set(pred_people))
    report.tally("people").add(tp, fp, fn)
    detail["people"] = {"missed": sorted(missed), "extra": sorted(extra)}
    wrong = []
    for key in set(gold_people) & set(pred_people):
        g, p = gold_people[key], pred_people[key]
        for attr in ("honorific", "position", "organization"):
            ok = norm(g.get(attr)) == norm(p.get(attr))
            report.accuracy(attr).add(ok)
            if not ok:
                wrong.append(f"{g['name']}: {attr} {p.get(attr)!r} (gold {g.get(attr)!r})")
    detail["people"]["wrong"] = wrong
    gold_chairs = {k for k, g in gold_people.items() if g.get("chair")}
    pred_chairs = {k for k, p in pred_people.items() if "chair" in (p.get("roles") or [])}
    tp, fp, fn, missed, extra = _sets(gold_chairs, pred_chairs)
    report.tally("chair").add(tp, fp, fn)

    # organizations and places -----------------------------------------------------------
    for kind in ("organizations", "places"):
        tp, fp, fn, missed, extra = _match_alternatives(
            gold.get(kind, []), _alternatives(out.get(kind, []), "text", "name", "abbreviation")
        )
        report.tally(kind).add(tp, fp, fn)
        detail[kind] = {"missed": sorted(missed), "extra": sorted(extra)}

    # dates, date flags, document date ------------------------------------------------------
    def date_key(d: dict) -> str:
        return d["date"] + (f"/{d['end']}" if d.get("end") else "")

    gold_dates = Counter(date_key(d) for d in gold.get("dates", []))
    pred_dates = Counter(date_key(d) for d in out.get("dates", []))
    tp, fp, fn, missed, extra = _multisets(gold_dates, pred_dates)
    report.tally("dates").add(tp, fp, fn)
    detail["dates"] = {"missed": sorted(missed.elements()), "extra": sorted(extra.elements())}

    gold_flags = Counter((d["date"], d["flag"]) for d in gold.get("dates", []) if d.get("flag"))
    pred_flags = Counter((d["date"], f) for d in out.get("dates", []) for f in d.get("flags", []) if f in _GOLD_FLAGS)
    tp, fp, fn, missed, extra = _multisets(gold_flags, pred_flags)
    report.tally("date_flags").add(tp, fp, fn)
    detail["date_flags"] = {"missed": sorted(missed.elements()), "extra": sorted(extra.elements())}
    for g in gold.get("dates", []):
        if g.get("suggested"):
            hits = [d for d in out.get("dates", []) if d["date"] == g["date"] and g.get("flag") in d.get("flags", [])]
            report.accuracy("suggested").add(any(d.get("suggested") == g["suggested"] for d in hits))

    pred_doc_date = (out.get("document_date") or {}).get("date")
    report.accuracy("document_date").add(pred_doc_date == gold.get("document_date"))
    if pred_doc_date != gold.get("document_date"):
        detail["document_date"] = {"gold": gold.get("document_date"), "predicted": pred_doc_date}

    # times ----------------------------------------------------------------------------------
    gold_times = Counter(gold.get("times", []))
    pred_times = Counter(t["time"] + (f"-{t['end']}" if t.get("end") else "") for t in out.get("times", []))
    tp, fp, fn, missed, extra = _multisets(gold_times, pred_times)
    report.tally("times").add(tp, fp, fn)
    detail["times"] = {"missed": sorted(missed.elements()), "extra": sorted(extra.elements())}

    # venues ---------------------------------------------------------------------------------
    gold_venues = {norm(v["text"]): v for v in gold.get("venues", [])}
    pred_venues: dict[str, dict] = {}
    for v in out.get("venues", []):
        pred_venues.setdefault(norm(v.get("text")), v)
    tp, fp, fn, missed, extra = _sets(set(gold_venues), set(pred_venues))
    report.tally("venues").add(tp, fp, fn)
    detail["venues"] = {"missed": sorted(missed), "extra": sorted(extra)}
    for key in set(gold_venues) & set(pred_venues):
        g, p = gold_venues[key], pred_venues[key]
        for attr in ("room", "floor", "building"):
            if g.get(attr) is not None or p.get(attr) is not None:
                report.accuracy(f"venue_{attr}").add(norm(_floor(g.get(attr))) == norm(_floor(p.get(attr))))
        report.accuracy("venue_online").add(bool(g.get("online")) == bool(p.get("online")))

    # resolutions ------------------------------------------------------------------------------
    tp, fp, fn, missed, extra = _sets(
        {norm(r) for r in gold.get("resolutions", [])}, {norm(r.get("text")) for r in out.get("resolutions", [])}
    )
    report.tally("resolutions").add(tp, fp, fn)
    detail["resolutions"] = {"missed": sorted(missed), "extra": sorted(extra)}
    return detail


_GOLD_FLAGS = {"date_after_document", "weekday_mismatch", "invalid_date"}
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _floor(value: str | None) -> str | None:
    return value.translate(_THAI_DIGITS) if value else value


def evaluate(gold_dir: str | Path, *, analyze_file=None) -> Report:
    """Score every ``*.gold.json`` in ``gold_dir`` against the text it names."""
    if analyze_file is None:
        from .orchestrate import analyze_file
    gold_dir = Path(gold_dir)
    report = Report()
    gold_files = sorted(gold_dir.glob("*.gold.json"))
    if not gold_files:
        raise ThaiPressError(f"no *.gold.json files in {gold_dir}")
    for gold_path in gold_files:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = gold_dir / gold.get("file", gold_path.name.replace(".gold.json", ".txt"))
        try:
            out = analyze_file(text_path)
        except ThaiPressError as exc:
            report.errors.append({"file": text_path.name, **exc.to_dict()})
            out = {}
        report.documents += 1
        report.details.append(score_document(gold, out, report))
    return report


def format_table(report: Report) -> str:
    def f(x: float | None) -> str:
        return "  -  " if x is None else f"{x:.3f}"

    lines = [f"thaipress eval: {report.documents} documents", ""]
    lines.append(f"{'field':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    order = list(MAIN_FIELDS) + [k for k in ("date_flags", "chair") if k in report.fields]
    for name in order:
        t = report.fields.get(name)
        if t is None:
            continue
        lines.append(f"{name:<14}{f(t.precision):>7}{f(t.recall):>7}{f(t.f1):>7}{t.tp:>6}{t.fp:>6}{t.fn:>6}")
    lines.append("")
    for name, acc in report.accuracies.items():
        lines.append(f"{name + ' accuracy':<28}{f(acc.value):>7}  ({acc.right}/{acc.total})")
    lines.append("")
    lines.append(f"{'macro F1 (7 main fields)':<28}{report.macro_f1:>7.3f}")
    if report.errors:
        lines.append("")
        lines.extend(f"error: {e['file']}: {e['message']}" for e in report.errors)
    return "\n".join(lines)


def format_details(report: Report) -> str:
    lines = []
    for d in report.details:
        parts = []
        for key, val in d.items():
            if key == "file" or not val:
                continue
            if isinstance(val, dict):
                shown = {k: v for k, v in val.items() if v}
                if shown:
                    parts.append(f"  {key}: {json.dumps(shown, ensure_ascii=False)}")
        if parts:
            lines.append(d["file"])
            lines.extend(parts)
    return "\n".join(lines)
