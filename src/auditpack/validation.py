"""Validate YAML documents against shipped JSON Schemas and models, collecting every problem."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
from pydantic import ValidationError

from .errors import AuditpackError, Problem
from .yamlfile import YamlDocument, duplicate_keys, load_yaml

Source = Path | Traversable


@cache
def _schema(package: str, name: str) -> dict[str, Any]:
    """Read the schema `<package>/schemas/<name>.schema.json`, its local refs inlined."""
    text = (files(package) / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    jsonschema.validators.validator_for(schema).check_schema(schema)
    inlined: dict[str, Any] = _inline_refs(schema, schema.get("$defs", {}))
    return inlined


@cache
def validator(package: str, name: str) -> jsonschema.protocols.Validator:
    """Return a compiled validator for the schema `<package>/schemas/<name>.schema.json`."""
    schema = _schema(package, name)
    return jsonschema.validators.validator_for(schema)(schema)


@cache
def verdict(package: str, name: str) -> jsonschema_rs.Validator:
    """Return jsonschema-rs's validator for the same schema: a fast yes or no.

    Only a document it rejects goes through jsonschema (`validator`), which says why.
    """
    return jsonschema_rs.validator_for(_schema(package, name))


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """Replace local '#/$defs/x' references by their definitions (validation is ~2x faster)."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/") and set(node) <= {"$ref", "description", "title"}:
            return _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline_refs(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline_refs(v, defs) for v in node]
    return node


def read_document(source: Source) -> YamlDocument:
    """Read a YAML file from disk or from package data."""
    if isinstance(source, Path):
        return load_yaml(source)
    return load_yaml(str(source), source.read_text(encoding="utf-8"))


def jsonable(data: Any) -> Any:
    """Turn YAML dates into ISO strings so JSON Schema and pydantic see the same values."""
    if isinstance(data, dict):
        return {k: jsonable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [jsonable(v) for v in data]
    if isinstance(data, (dt.date, dt.datetime)):
        return data.isoformat()
    return data


def schema_problems(doc: YamlDocument, package: str, name: str, data: Any = None) -> list[Problem]:
    """Check a document against a shipped JSON Schema; one problem per violation."""
    data = doc.data if data is None else data
    problems = duplicate_keys(doc.root, doc.path)
    if not isinstance(data, dict):
        return problems + [Problem(f"expected a {name} (a YAML mapping) but found "
                                   f"{type(data).__name__}", doc.path,
                                   f"see the {name} format in docs/")]
    if verdict(package, name).is_valid(data):
        return problems
    errors = sorted(validator(package, name).iter_errors(data),
                    key=lambda e: [str(p) for p in e.absolute_path])
    for err in errors:
        problems.append(Problem(_describe(err), doc.where(list(err.absolute_path)), _hint(err)))
    return problems


def _describe(err: jsonschema.ValidationError) -> str:
    """Turn a jsonschema error into a sentence a file's author understands."""
    if err.validator == "anyOf" and "requirement" in str(err.schema_path):
        return "a requirement needs a 'title' or a 'text'"
    if err.validator == "not":  # only relative paths use "not" in our schemas
        return (f"'{err.instance}' must be a path relative to this folder, inside it "
                "(no leading '/', drive letter or '..')")
    if err.validator == "additionalProperties":
        return f"unknown field: {err.message.split('(')[-1].rstrip(')')}"
    return str(err.message)


def _hint(err: jsonschema.ValidationError) -> str:
    """Suggest a fix for a schema violation."""
    if err.validator == "required":
        return "add the missing field"
    if err.validator == "additionalProperties":
        return "remove the field or fix its spelling"
    if err.validator in ("pattern", "enum", "type", "format"):
        return "fix the value's form"
    return "see the file format in docs/"


def model_problems(doc: YamlDocument, exc: ValidationError) -> list[Problem]:
    """Convert pydantic errors into problems with lines."""
    return [Problem(e["msg"], doc.where([k for k in e["loc"] if isinstance(k, (str, int))]),
                    "see the file format in docs/") for e in exc.errors()]


def raise_if(problems: Iterable[Problem], what: str, path: str,
             error: type[AuditpackError] = AuditpackError) -> None:
    """Raise one error listing every problem, if there are any."""
    found = list(problems)
    if found:
        raise error(f"{len(found)} problem(s) in this {what}", path,
                    "fix each listed line, then run again", problems=found)
