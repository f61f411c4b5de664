"""The JSON Schema (draft 2020-12) of one output document, shipped in the package,
and validation of every output against it.

Every output is validated on the hot path by jsonschema-rs (compiled, Rust): 0.02 ms a
release where jsonschema takes 5.2 ms and fastjsonschema 0.4 ms (which implements
drafts up to 7 only; measured on 40 dev releases).  jsonschema stays the reference: it
checks the schema itself, writes the messages of an invalid document, and a test keeps
the two in agreement (tests/test_schema_validators.py).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import jsonschema_rs
from jsonschema import Draft202012Validator

from ..errors import SchemaValidationError


@lru_cache(maxsize=1)
def schema() -> dict:
    with resources.files("pipeline").joinpath("data/thaipress.schema.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    """A validator of the schema with its ``$defs`` written in place (the same schema;
    following ``$ref`` costs jsonschema about a tenth of the time of a validation)."""
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(_inline(schema(), schema().get("$defs", {})))


@lru_cache(maxsize=1)
def fast_validator():
    """The compiled validator of the hot path (jsonschema-rs, draft 2020-12)."""
    return jsonschema_rs.Draft202012Validator(schema())


def _inline(node, defs: dict):
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/"):
            target = _inline(defs[ref.rsplit("/", 1)[1]], defs)
            return {**target, **{k: _inline(v, defs) for k, v in node.items() if k != "$ref"}}
        return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def _short(message: str, limit: int = 160) -> str:
    """jsonschema's message quotes the instance whole (a 68 kB document): cut it."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


def validate(document: dict) -> None:
    """Raise :class:`SchemaValidationError` naming the first problems found."""
    if fast_validator().is_valid(document):
        return
    errors = [(list(e.absolute_path), e.message) for e in validator().iter_errors(document)]
    if not errors:  # the reference sees none: say what the compiled validator saw
        errors = [(list(e.instance_path), e.message) for e in fast_validator().iter_errors(document)]
    errors.sort(key=lambda e: [str(x) for x in e[0]])
    lines = [f"/{'/'.join(map(str, path))}: {_short(message)}" for path, message in errors[:5]]
    more = f" (+{len(errors) - 5} more)" if len(errors) > 5 else ""
    raise SchemaValidationError("output does not match the JSON Schema: " + "; ".join(lines) + more)
