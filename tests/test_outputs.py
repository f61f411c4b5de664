"""outputs/ holds what ``thaipress batch samples -o outputs`` writes; it must be current."""

import json

import pytest

from pipeline.batch import find_inputs, output_path
from pipeline.orchestrate import analyze_file
from pipeline.output.schema import validate

from .conftest import OUTPUTS, SAMPLES

STALE = "outputs/ is stale: run `thaipress batch samples -o outputs` and commit the result"


def sample_paths():
    return [(p, p.relative_to(SAMPLES).as_posix()) for p in find_inputs(SAMPLES)]


@pytest.mark.parametrize("path, rel", sample_paths(), ids=[rel for _, rel in sample_paths()])
def test_each_output_is_current_and_valid(path, rel):
    out = output_path(OUTPUTS, SAMPLES.joinpath(rel).relative_to(SAMPLES))
    assert out.exists(), STALE
    written = json.loads(out.read_text(encoding="utf-8"))
    validate(written)
    assert written == analyze_file(path, display_path=rel), STALE


def test_jsonl_and_feed_match_the_documents():
    docs = [json.loads(line) for line in (OUTPUTS / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d["source"]["path"] for d in docs] == [rel for _, rel in sample_paths()], STALE
    feed = json.loads((OUTPUTS / "feed.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in feed["items"]] == [d["source"]["path"] for d in docs], STALE
    assert all(item["content_text"] == d["text"] for item, d in zip(feed["items"], docs)), STALE
