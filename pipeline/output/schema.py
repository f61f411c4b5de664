"""The JSON Schema (draft 2020-12) of one output document, shipped in the package,
and validation of every output against it."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

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


def validate(document: dict) -> None:
    """Raise :class:`SchemaValidationError` naming the first problems found."""
    errors = sorted(validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        lines = [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]]
        more = f" (+{len(errors) - 5} more)" if len(errors) > 5 else ""
        raise SchemaValidationError("output does not match the JSON Schema: " + "; ".join(lines) + more)
