"""No exception on real text: every release of ../shared/corpus/unlabeled (2,000 real
BMA and government releases) and every line of the ThaiNER train and val files goes
through analyze().  The only errors allowed are the documented input errors; releases
in another language (the site's English pages, about 1%) are skipped with their reason.

Slow (about two minutes on one core): marked ``slow``; CI runs it.
"""

from __future__ import annotations

import re
import traceback

import pytest

from pipeline import analyze, analyze_file
from pipeline.errors import InputError

from .conftest import SHARED, shared_or_skip

pytestmark = pytest.mark.slow

THAINER = SHARED / "datasets" / "thainer" / "v1.5"
TAG = re.compile(r"\[/?[A-Z_]+\]")


def _run(inputs, analyse):
    crashes, skipped = [], []
    for name, payload in inputs:
        try:
            analyse(payload)
        except InputError as exc:  # documented: not Thai, empty, ... (each says why)
            skipped.append((name, f"{exc.code}: {exc.message}"))
        except Exception:
            crashes.append(f"{name}: {traceback.format_exc(limit=-3)}")
    return crashes, skipped


def test_every_unlabeled_release(capsys):
    files = sorted(shared_or_skip(SHARED / "corpus" / "unlabeled").glob("*.txt"))
    crashes, skipped = _run(((p.name, p) for p in files), analyze_file)
    assert crashes == []
    with capsys.disabled():
        print(f"\n{len(files)} releases, {len(skipped)} skipped: " + ", ".join(f"{n} ({r.split(':')[0]})" for n, r in skipped))
    assert len(skipped) <= len(files) // 50  # the site's English releases, about 1%


@pytest.mark.parametrize("split", ["train", "val"])
def test_every_thainer_line(split):
    path = shared_or_skip(THAINER / f"{split}.txt")
    lines = [TAG.sub("", line).strip() for line in path.read_text(encoding="utf-8-sig").splitlines()]
    lines = [(f"{split}.txt:{i}", line) for i, line in enumerate(lines, 1) if line]
    crashes, skipped = _run(lines, analyze)
    assert crashes == []
    # only lines that are mostly Latin (source URLs, English quotes) are refused, never a
    # short Thai line (a headline such as สงสัยติดหวัดนก)
    assert len(skipped) <= len(lines) // 50, skipped[:10]
