"""``thaipress eval GOLD_DIR``: score the pipeline against ``*.gold.json`` files.

Scoring follows the "Scoring" section of ``corpus/GOLD.md``:

* names, organizations, places, venue texts and resolutions are compared after Unicode
  NFKC, Thai digits read as ASCII digits, and all white space and zero-width characters
  removed; dates and times by value;
* people match by name (honorific, position, organization, chair checked on matches);
* organizations as sets of full names: abbreviations (ครม., ป.ป.ช., BOI) and shortened
  forms ending in ฯ are aliases, left out on both sides (a body the text writes only as
  an abbreviation is left out of the predictions too, whatever full name the pipeline
  gives it);
* places as sets after dropping an administrative prefix (จังหวัด, จ., อำเภอ, ...), with
  กรุงเทพฯ and กทม. read as กรุงเทพมหานคร;
* venues match when their texts are >= 0.75 similar, resolutions when >= 0.6 (difflib's
  ratio, each gold item paired with its best unpaired prediction); exact matches are
  reported beside (``venues_exact``, ``resolutions_exact``);
* dates, date flags (the three gold codes) and times, listed per mention, as multisets;
* the macro F1 is the mean F1 of people, organizations, dates, date flags, times, venues
  and resolutions, leaving out a field with no gold item in the set scored.

Precision, recall and F1 are micro-averaged over the documents.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ThaiPressError

MAIN_FIELDS = ("people", "organizations", "dates", "date_flags", "times", "venues", "resolutions")
SIMILAR = {"venues": 0.75, "resolutions": 0.6}
_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# an alias, not a full name: dotted Thai initials (ครม., ป.ป.ช., ธ.ก.ส.), 2-6 Latin
# capitals (BOI), a shortened form ending in ฯ
_ALIAS = re.compile(r"^(?:[\u0e01-\u0e4e]{1,5}\.)+[\u0e01-\u0e4e]{0,5}\.?$|^[A-Z]{2,6}$|ฯ$")
# matched against norm()'s NFKC form, in which ำ is ํ + า: the prefixes are put in that form too
_PLACE_PREFIX = re.compile(
    "^(?:" + "|".join(re.escape(unicodedata.normalize("NFKC", p)) for p in ("จังหวัด", "จ.", "อำเภอ", "อ.", "ตำบล", "ต.", "เขต", "แขวง", "ประเทศ")) + ")"
)
_BANGKOK = {"กรุงเทพฯ": "กรุงเทพมหานคร", "กทม.": "กรุงเทพมหานคร", "กทม": "กรุงเทพมหานคร"}


def norm(text: str | None) -> str:
    """The comparison key of GOLD.md: NFKC, Thai digits as ASCII, no white space or
    zero-width characters."""
    if text is None:
        return ""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text).translate(_THAI_DIGITS))


def org_key(name: str | None) -> str:
    """An organization's key, or "" for an alias (abbreviation, ฯ form)."""
    key = norm(name)
    return "" if _ALIAS.search(key) else key


def _written_in_full(kind: str, item: dict) -> bool:
    """Is a predicted body written in full somewhere in the text?  A body written only as
    an abbreviation (ครม. alone, which the pipeline names คณะรัฐมนตรี) is an alias on the
    pipeline's side as it is on the gold's, which lists bodies as written."""
    if kind != "organizations" or not item.get("aliases"):
        return True
    return any(org_key(a) for a in item["aliases"])


def place_key(name: str | None) -> str:
    key = norm(name)
    key = _BANGKOK.get(key, key)
    return _PLACE_PREFIX.sub("", key) or key


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
        """Mean F1 of the main fields that have a gold item in the set scored."""
        scores = [self.fields[f].f1 or 0.0 for f in self.macro_fields]
        return sum(scores) / len(scores) if scores else 0.0

    @property
    def macro_fields(self) -> list[str]:
        return [f for f in MAIN_FIELDS if f in self.fields and self.fields[f].tp + self.fields[f].fn]

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "accuracies": {k: v.to_dict() for k, v in self.accuracies.items()},
            "macro_f1": round(self.macro_f1, 4),
            "macro_fields": self.macro_fields,
            "errors": self.errors,
        }


def _sets(gold: set, pred: set) -> tuple[int, int, int, set, set]:
    return len(gold & pred), len(pred - gold), len(gold - pred), gold - pred, pred - gold


def _multisets(gold: Counter, pred: Counter) -> tuple[int, int, int, Counter, Counter]:
    tp = sum((gold & pred).values())
    return tp, sum(pred.values()) - tp, sum(gold.values()) - tp, gold - pred, pred - gold


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
    for kind, key in (("organizations", org_key), ("places", place_key)):
        gold_keys = {key(g) for g in gold.get(kind, [])} - {""}
        pred_keys = {key(p.get("name") or p.get("text")) for p in out.get(kind, []) if _written_in_full(kind, p)} - {""}
        tp, fp, fn, missed, extra = _sets(gold_keys, pred_keys)
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
    pairs = _score_similar("venues", list(gold_venues), list(pred_venues), report, detail)
    for gk, pk in pairs:
        g, p = gold_venues[gk], pred_venues[pk]
        for attr in ("room", "floor", "building"):
            if g.get(attr) is not None or p.get(attr) is not None:
                report.accuracy(f"venue_{attr}").add(norm(_floor(g.get(attr))) == norm(_floor(p.get(attr))))
        report.accuracy("venue_online").add(bool(g.get("online")) == bool(p.get("online")))

    # resolutions ------------------------------------------------------------------------------
    gold_res = list(dict.fromkeys(norm(r) for r in gold.get("resolutions", [])))
    pred_res = list(dict.fromkeys(norm(r.get("text")) for r in out.get("resolutions", [])))
    _score_similar("resolutions", gold_res, pred_res, report, detail)
    return detail


def _score_similar(kind: str, gold: list[str], pred: list[str], report: Report, detail: dict) -> list[tuple[str, str]]:
    """Texts matched by similarity (GOLD.md: each gold item paired with its best unpaired
    prediction at or above SIMILAR[kind]); the exact matches are tallied beside."""
    free = list(pred)
    pairs = []
    for g in gold:
        ratio, best = max(((SequenceMatcher(None, g, p, autojunk=False).ratio(), p) for p in free), default=(0.0, None))
        if best is not None and ratio >= SIMILAR[kind]:
            pairs.append((g, best))
            free.remove(best)
    paired_gold = {g for g, _ in pairs}
    report.tally(kind).add(len(pairs), len(free), len(gold) - len(pairs))
    tp, fp, fn, _, _ = _sets(set(gold), set(pred))
    report.tally(f"{kind}_exact").add(tp, fp, fn)
    detail[kind] = {"missed": [g for g in gold if g not in paired_gold], "extra": free,
                    "inexact": [f"{p} (gold {g})" for g, p in pairs if g != p]}
    return pairs


_GOLD_FLAGS = {"date_after_document", "weekday_mismatch", "invalid_date"}


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
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ThaiPressError(f"not a readable gold file ({exc})", path=str(gold_path)) from None
        text_path = gold_dir / gold.get("file", gold_path.name.replace(".gold.json", ".txt"))
        try:
            out = analyze_file(text_path)
        except ThaiPressError as exc:
            report.errors.append({"file": text_path.name, **exc.to_dict()})
            out = {}
        report.documents += 1
        report.details.append(score_document(gold, out, report))
    return report


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def format_table(report: Report) -> str:
    f = _fmt
    lines = [f"thaipress eval: {report.documents} documents", ""]
    lines.append(f"{'field':<18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    order = list(MAIN_FIELDS) + [k for k in ("places", "chair", "venues_exact", "resolutions_exact") if k in report.fields]
    for name in order:
        t = report.fields.get(name)
        if t is None:
            continue
        lines.append(f"{name:<18}{f(t.precision):>7}{f(t.recall):>7}{f(t.f1):>7}{t.tp:>6}{t.fp:>6}{t.fn:>6}")
    lines.append("")
    for name, acc in report.accuracies.items():
        lines.append(f"{name + ' accuracy':<28}{f(acc.value):>7}  ({acc.right}/{acc.total})")
    lines.append("")
    lines.append(f"{f'macro F1 ({len(report.macro_fields)} main fields)':<28}{report.macro_f1:>7.3f}")
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


# -- NER files (ThaiNER's inline tags) ----------------------------------------------------
NER_LABELS = {"PERSON": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}


@dataclass
class NerReport:
    lines: int = 0
    exact: dict[str, Tally] = field(default_factory=dict)
    overlap: dict[str, Tally] = field(default_factory=dict)
    refused: int = 0

    def micro(self, kind: str) -> Tally:
        total = Tally()
        for t in getattr(self, kind).values():
            total.add(t.tp, t.fp, t.fn)
        return total

    def to_dict(self) -> dict:
        return {
            "lines": self.lines, "refused": self.refused,
            "exact": {k: v.to_dict() for k, v in self.exact.items()} | {"micro": self.micro("exact").to_dict()},
            "overlap": {k: v.to_dict() for k, v in self.overlap.items()} | {"micro": self.micro("overlap").to_dict()},
        }


def pipeline_entities(text: str) -> set[tuple[int, int, str]]:
    """The whole pipeline's PERSON, ORGANIZATION and LOCATION ents on ``text``, in its
    offsets (the Doc holds the normalized text; the offset map leads back)."""
    from .document import offset_map
    from .loading import load_text
    from .orchestrate import analyze_doc

    doc = analyze_doc(load_text(text))
    to_raw = offset_map(doc).span_to_raw
    return {(*to_raw(e.start_char, e.end_char), NER_LABELS[e.label_]) for e in doc.ents if e.label_ in NER_LABELS}


def evaluate_ner(path: str | Path, *, entities=pipeline_entities) -> NerReport:
    """Entity-level P/R/F1 per label of ``entities(text)`` on a ThaiNER-format file:
    exact (same start, end and label) and overlap (same label, any shared character;
    each gold entity matched once)."""
    from .errors import InputError
    from .thainer import read, tag_count

    try:
        tags = tag_count(path, NER_LABELS.values())
    except (OSError, UnicodeDecodeError) as exc:
        raise ThaiPressError(f"not a readable ThaiNER file ({exc})", path=str(path)) from None
    if not tags:
        raise ThaiPressError(
            "not a ThaiNER file: no [PERSON], [ORGANIZATION] or [LOCATION] tag in it (eval takes a folder "
            "of *.gold.json or a ThaiNER-format file)", path=str(path))
    report = NerReport()
    for label in NER_LABELS.values():
        report.exact[label], report.overlap[label] = Tally(), Tally()
    for text, gold_entities in read(path):
        report.lines += 1
        gold = {(e.start, e.end, e.label) for e in gold_entities if e.label in report.exact}
        try:
            pred = entities(text)
        except InputError:  # a line without Thai (a source URL): nothing predicted
            report.refused += 1
            pred = set()
        for label in report.exact:
            g = {e for e in gold if e[2] == label}
            p = {e for e in pred if e[2] == label}
            report.exact[label].add(len(g & p), len(p - g), len(g - p))
            free = sorted(g)
            hits = 0
            for s, e, _ in sorted(p):
                m = next((x for x in free if x[0] < e and s < x[1]), None)
                if m:
                    free.remove(m)
                    hits += 1
            report.overlap[label].add(hits, len(p) - hits, len(g) - hits)
    return report


def format_ner_table(report: NerReport) -> str:
    f = _fmt
    lines = [f"thaipress eval (NER): {report.lines} lines", ""]
    lines.append(f"{'label':<14}{'exact P':>8}{'R':>7}{'F1':>7}   {'overlap P':>9}{'R':>7}{'F1':>7}{'gold':>7}")
    for label in list(report.exact) + ["micro"]:
        ex = report.micro("exact") if label == "micro" else report.exact[label]
        ov = report.micro("overlap") if label == "micro" else report.overlap[label]
        lines.append(f"{label:<14}{f(ex.precision):>8}{f(ex.recall):>7}{f(ex.f1):>7}   "
                     f"{f(ov.precision):>9}{f(ov.recall):>7}{f(ov.f1):>7}{ex.tp + ex.fn:>7}")
    return "\n".join(lines)
