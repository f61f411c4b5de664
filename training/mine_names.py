"""Mine Thai given and family names into ``pipeline/data/lexicon/mined_names.tsv``.

    python training/mine_names.py ../shared/corpus/unlabeled

PyThaiNLP's name lists miss many names of the officials releases are about (อัมพร,
อัจฉรินทร์, เบญจพลพิทักษ์).  The unlabeled releases add them: a title, a given name and
a family name, each a run of Thai letters between spaces, kept only when the same full
name is written in two releases or more (one release's misreading does not become a
name).

ThaiNER's train split is not mined: the NER model learns from it with these lists as
features, and names taken from its own PERSON entities would make the feature a copy of
the label there and nowhere else.

A part is kept only when it is a run of Thai letters that is no word of grammar or verb
and does not begin with a title, post or body (``NotNames``), so that a sentence a name
runs on into (นายจาตุรนต์ ยอมรับว่า) teaches nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pythainlp.corpus import thai_words  # noqa: E402

from extractors.phrases import boundaries  # noqa: E402
from pipeline.lexicon import (  # noqa: E402
    MINED_NAMES_FILE,
    clause_words,
    grammatical_words,
    honorifics,
    org_heads,
    position_words,
)

MIN_RELEASES = 2
MIN_FOR_WORDS = 3
THAI_NAME_CHARS = set(chr(c) for c in range(0x0E01, 0x0E4F)) - {"ฯ", "ๆ"}


class NotNames:
    """What a name is not: a word ORCHID tags as grammar or a verb, a part that begins
    with a title, a post, a body's head noun, a group noun, a function word or a verb the
    project knows (นายแพทย์เกษม, ในนามกระทรวงสาธารณสุข), ends with a verb of saying
    (ธเรศกล่าวว่า) or holds a post (...รองนายกรัฐมนตรีและ...)."""

    def __init__(self):
        b = boundaries()
        self.words = grammatical_words() | clause_words()
        self.starts = tuple(sorted(
            set(honorifics()) | set(position_words()) | {h for h, _ in org_heads()} | b["group_nouns"]
            | b["function_words"] | b["clause_openers"] | b["predicates"] | b["clause_verbs"] | {"แห่ง", "ใน"}))
        self.ends = tuple(b["predicates"] | {"ว่า"})
        self.inside = tuple(p for p in position_words() if len(p) >= 6)

    def __contains__(self, part: str) -> bool:
        return (part in self.words or part.startswith(self.starts) or part.endswith(self.ends)
                or any(p in part for p in self.inside))


def _is_name(part: str, not_names: NotNames) -> bool:
    return len(part) >= 2 and set(part) <= THAI_NAME_CHARS and part not in not_names


def from_releases(folder: Path, not_names) -> tuple[Counter, Counter]:
    """Titled full names (นายชาญศิลป์ ตรีนุชกร) read with a regular expression, not with
    the pipeline, so that the names mined do not depend on the names mined before."""
    from pipeline.lexicon import trie_pattern
    from pipeline.loading import load_file

    written = re.compile(rf"(?<![\u0e01-\u0e4e])(?:{trie_pattern(honorifics())}) ?([\u0e01-\u0e4e]+) ([\u0e01-\u0e4e]+)(?=[ ,)\n]|$)")
    releases: Counter = Counter()
    for path in sorted(folder.glob("*.txt")):
        try:
            text = load_file(path).text
        except Exception:  # an unreadable release teaches nothing
            continue
        releases.update({m.groups() for m in written.finditer(text)})
    given, family = Counter(), Counter()
    for (g, f), n in releases.items():
        if n >= MIN_RELEASES and _is_name(g, not_names) and _is_name(f, not_names):
            given[g] += 1
            family[f] += 1
    return given, family


def _evident(counts: Counter) -> set[str]:
    """Names seen often enough: a dictionary word (คุณ, พิเศษ, สนธิ) only when it is a
    name MIN_FOR_WORDS times or more."""
    dictionary = frozenset(thai_words())
    return {n for n, c in counts.items() if n not in dictionary or c >= MIN_FOR_WORDS}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("releases", type=Path, help="folder of unlabeled releases (*.txt)")
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "pipeline" / "data" / "lexicon" / MINED_NAMES_FILE)
    args = ap.parse_args()
    not_names = NotNames()
    given, family = from_releases(args.releases, not_names)
    given, family = _evident(given), _evident(family)
    rows = sorted({("given", n) for n in given} | {("family", n) for n in family})
    header = (
        "# Thai given and family names mined by training/mine_names.py (its docstring says how):\n"
        f"# titled full names written in {MIN_RELEASES} or more of the 2,000 unlabeled releases\n"
        "# (../shared/corpus/unlabeled).  They add to PyThaiNLP's name lists.\n"
        f"# A dictionary word is kept when it is a name {MIN_FOR_WORDS} times or more.\n"
        f"# {len(given)} given names, {len(family)} family names.\n"
    )
    args.output.write_text(header + "".join(f"{kind}\t{name}\n" for kind, name in rows), encoding="utf-8")
    print(f"{args.output}: {len(rows)} names")


if __name__ == "__main__":
    main()
