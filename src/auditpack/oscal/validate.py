"""Validate OSCAL documents against the vendored official OSCAL JSON Schemas.

The schemas use Unicode property classes (`\\p{L}`, `\\p{N}`) in `pattern`, which Python's
`re` cannot compile, so the `pattern` keyword is backed by the `regex` package here.

A document is first given a verdict by jsonschema-rs (a maintained validator in Rust whose
regex engine knows Unicode property classes): about 3 ms for the demo's 2.7 MB SSP, against
0.5 s for jsonschema. Only a document it rejects is run through jsonschema, for the list of
problems with their JSON paths.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import regex

from ..errors import AuditpackError, Problem

OSCAL_VERSION = "1.1.3"
# model name (the document's root key) -> vendored schema file stem
SCHEMA_FILES = {"catalog": "catalog", "profile": "profile", "component-definition": "component",
                "system-security-plan": "ssp", "assessment-plan": "assessment-plan",
                "assessment-results": "assessment-results",
                "plan-of-action-and-milestones": "poam"}
MODELS = tuple(SCHEMA_FILES)
DEFINITIONS = "#/definitions/"


@cache
def _compiled(pattern: str) -> Any:
    return regex.compile(pattern)


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[
        jsonschema.ValidationError]:
    """The `pattern` keyword, with `regex` semantics (Unicode property classes)."""
    if isinstance(instance, str) and not _compiled(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


def _local_ref(schema: dict[str, Any], base: Any) -> Any:
    """The `$ref` keyword for refs into the schema's own definitions, looked up directly.

    Every ref in NIST's generated schemas is `#/definitions/<name>`; resolving them through
    the generic resolver costs about half of the validation time of a large document.
    """
    definitions: dict[str, Any] = schema.get("definitions", {})
    generic = base.VALIDATORS["$ref"]

    def ref(validator: Any, ref: str, instance: Any, subschema: Any) -> Iterator[
            jsonschema.ValidationError]:
        target = definitions.get(ref[len(DEFINITIONS):]) if ref.startswith(DEFINITIONS) else None
        if target is None:
            yield from generic(validator, ref, instance, subschema)
        else:
            yield from validator.descend(instance, target)

    return ref


@cache
def oscal_validator(model: str) -> jsonschema.protocols.Validator:
    """Return a validator for an OSCAL 1.1.3 model, named by its root key (e.g. 'catalog')."""
    if model not in MODELS:
        raise ValueError(f"no vendored OSCAL schema for {model!r}; known: {', '.join(MODELS)}")
    path = files(__package__) / "schemas" / OSCAL_VERSION / f"oscal_{SCHEMA_FILES[model]}_schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    base = jsonschema.validators.validator_for(schema)
    extend: Any = jsonschema.validators.extend  # untyped in types-jsonschema
    cls = extend(base, {"pattern": _pattern, "$ref": _local_ref(schema, base)})
    validator: jsonschema.protocols.Validator = cls(schema)
    return validator


@cache
def _verdict(model: str, path: tuple[str, ...] | None) -> jsonschema_rs.Validator:
    """jsonschema-rs's validator for a model's schema, or for one item schema inside it."""
    root: dict[str, Any] = oscal_validator(model).schema  # type: ignore[assignment]
    if path is None:
        return jsonschema_rs.validator_for(root)
    schema: Any = root["definitions"]
    for step in path:
        schema = schema[step]
    # the item schema's refs lead into the root's definitions
    wrapped = {"$schema": root["$schema"], "definitions": root["definitions"], "allOf": [schema]}
    return jsonschema_rs.validator_for(wrapped)


def _passes(data: Any, model: str, path: tuple[str, ...] | None) -> bool:
    """True if jsonschema-rs finds the document valid (if not, jsonschema says why)."""
    return _verdict(model, path).is_valid(data)


def oscal_problems(data: Any, model: str, where: str) -> list[Problem]:
    """Check a document against the OSCAL schema of `model`; one problem per violation.

    Each problem's location is `where` followed by the violation's JSON path, e.g.
    `catalog.json $.catalog.groups[0].controls[3].id`.
    """
    if _passes(data, model, None):
        return []
    errors = sorted(oscal_validator(model).iter_errors(data),
                    key=lambda e: [str(p) for p in e.absolute_path])
    return [Problem(_message(err), f"{where} {err.json_path}",
                    f"fix the value to follow the OSCAL {OSCAL_VERSION} {model} model")
            for err in errors]


@cache
def _item_validator(model: str, path: tuple[str, ...]) -> Any:
    """Return a validator for one item schema inside a model's schema (made once)."""
    validator = oscal_validator(model)
    schema: Any = validator.schema["definitions"]  # type: ignore[index]
    for step in path:
        schema = schema[step]
    return validator.evolve(schema=schema)


def oscal_item_problems(item: Any, model: str, path: tuple[str, ...], where: str) -> list[Problem]:
    """Check one item of a long list against its schema: `path` leads from the schema's
    definitions to the item schema, e.g. ("<definition>",) or ("<definition>", "properties",
    "resources", "items"). Used to validate a document written item by item."""
    if _passes(item, model, path):
        return []
    errors = sorted(_item_validator(model, path).iter_errors(item),
                    key=lambda e: [str(p) for p in e.absolute_path])
    return [Problem(_message(err), f"{where} {err.json_path}",
                    f"fix the value to follow the OSCAL {OSCAL_VERSION} {model} model")
            for err in errors]


def _message(err: jsonschema.ValidationError) -> str:
    """Shorten jsonschema's messages, which may quote whole subtrees."""
    text = str(err.message)
    return text if len(text) <= 300 else text[:297] + "..."


def validate_oscal(data: Any, model: str, where: str,
                   error: type[AuditpackError] = AuditpackError) -> None:
    """Raise one error listing every OSCAL schema violation of a document, if any."""
    problems = oscal_problems(data, model, where)
    if problems:
        raise error(f"{len(problems)} OSCAL {OSCAL_VERSION} {model} schema violation(s)", where,
                    "the file must be a valid OSCAL JSON document; fix each listed path",
                    problems=problems)


def read_oscal_file(path: Path) -> tuple[Any, str]:
    """Read an OSCAL JSON file; return the document and its model (its root key)."""
    where = str(path)
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AuditpackError("no such file", where, "check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditpackError(f"cannot read the file ({exc})", where,
                             "pass a UTF-8 OSCAL JSON file") from None
    except json.JSONDecodeError as exc:
        raise AuditpackError(f"not valid JSON: {exc.msg}",
                             f"{where}, line {exc.lineno}, column {exc.colno}",
                             "OSCAL XML and YAML are not read: pass OSCAL JSON") from None
    roots = [key for key in MODELS if isinstance(document, dict) and key in document]
    if len(roots) != 1:
        raise AuditpackError("not an OSCAL document: its root must be one object named by "
                             "its model", where, f"the root key is one of: {', '.join(MODELS)}")
    return document, roots[0]


def validate_oscal_file(path: Path) -> str:
    """Validate an OSCAL JSON file against the schema of its model; return the model.

    Raises one AuditpackError listing every violation with its JSON path.
    """
    document, model = read_oscal_file(path)
    validate_oscal(document, model, str(path))
    return model
