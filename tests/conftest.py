"""Shared fixtures.  Tests that read ../shared (the gold corpus beside the checkout)
skip with a clear reason when it is absent: it exists for developers and CI, not for
a user who clones the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
OUTPUTS = ROOT / "outputs"
SHARED = Path(os.environ.get("THAIPRESS_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "dev"
SEED = SAMPLES / "bma-smart-change-2565.txt"


def shared_or_skip(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpus is only beside the checkout for developers and CI")
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return shared_or_skip(CORPUS)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text):
    from pipeline import analyze

    return analyze(seed_text, path="samples/bma-smart-change-2565.txt")


@pytest.fixture(scope="session")
def nlp():
    from pipeline.orchestrate import get_nlp

    return get_nlp()
