"""The compiled validator of the hot path (jsonschema-rs) and the reference (jsonschema)
agree: on every sample's output, on documents broken in every way hypothesis finds,
and on each error path of validate()."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import SchemaValidationError
from pipeline.output.schema import fast_validator, validate, validator

from .conftest import OUTPUTS, SAMPLES

# the output of each bundled sample (not the feed, the run report or the state file)
SAMPLE_OUTPUTS = sorted(OUTPUTS / f"{p.stem}.json" for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
DOCS = [json.loads(p.read_text(encoding="utf-8")) for p in SAMPLE_OUTPUTS]


def agree(doc) -> bool:
    ref = not any(True for _ in validator().iter_errors(doc))
    assert fast_validator().is_valid(doc) == ref, json.dumps(doc, ensure_ascii=False)[:500]
    return ref


def test_every_sample_output_is_valid_for_both():
    assert DOCS and all(agree(d) for d in DOCS)


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):
            yield from _paths(v, path + (i,))


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False),
                   st.text(max_size=12), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.integers(0, 10**6), where=st.integers(0, 10**6), action=st.sampled_from(["set", "drop", "add"]), value=VALUES)
def test_broken_documents_are_judged_alike(which, where, action, value):
    doc = copy.deepcopy(DOCS[which % len(DOCS)])
    paths = [p for p in _paths(doc) if p]
    path = paths[where % len(paths)]
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if action == "set":
        parent[last] = value
    elif action == "drop":
        del parent[last]
    elif isinstance(parent, dict):
        parent["x_unknown_key"] = value
    else:
        parent.append(value)
    agree(doc)


@pytest.mark.parametrize("break_it, where", [
    (lambda d: d.pop("dates"), "dates"),
    (lambda d: d["dates"].append({"date": "not a date"}), "/dates/"),
    (lambda d: d.update(flags=[{"code": "x", "severity": "fatal", "message": "m"}]), "/flags/0"),
    (lambda d: d.update(people="นาย ก"), "/people"),
])
def test_validate_names_what_is_wrong(break_it, where):
    doc = copy.deepcopy(DOCS[0])
    break_it(doc)
    assert not agree(doc)
    with pytest.raises(SchemaValidationError) as info:
        validate(doc)
    assert "does not match the JSON Schema" in str(info.value) and where in str(info.value)
