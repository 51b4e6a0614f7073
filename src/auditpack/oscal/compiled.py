"""Compile a draft-07 JSON schema into nested closures that give a fast valid/invalid verdict.

jsonschema spends most of its time building validators and error paths as it descends; a
verdict needs neither. The compiler knows exactly the keywords NIST's OSCAL schemas use, with
jsonschema's draft-07 semantics (and `pattern` searched with `regex`, as in `validate.py`),
and raises `Unsupported` for any other, so it can never pass what jsonschema would reject.
Only `#/definitions/<name>` refs are followed; each definition is compiled once, and a ref
back into a definition still being compiled (recursion) goes through the table.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import regex

Check = Callable[[Any], bool]

DEFINITIONS = "#/definitions/"
# keywords that assert nothing here: annotations, and `format` (no format checker is used)
IGNORED = frozenset({"title", "description", "$id", "$schema", "$comment", "definitions",
                     "format", "contentEncoding"})
KEYWORDS = frozenset({"type", "properties", "required", "additionalProperties", "items",
                      "minItems", "enum", "anyOf", "allOf", "pattern", "minimum"})
OBJECT = ("properties", "required", "additionalProperties")
ARRAY = ("items", "minItems")


class Unsupported(ValueError):
    """The schema uses something the compiler does not implement; use jsonschema instead."""


def _is_number(x: Any) -> bool:
    return not isinstance(x, bool) and isinstance(x, numbers.Number)


def _is_integer(x: Any) -> bool:  # draft 6+: a float with an integral value is an integer
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict), "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str), "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None, "number": _is_number, "integer": _is_integer}


def _always(x: Any) -> bool:
    return True


def _never(x: Any) -> bool:
    return False


def compile_schema(root: dict[str, Any], schema: Any = None) -> Check:
    """Return a verdict function for `schema` (by default `root`), whose refs lead into
    `root["definitions"]`. Raises `Unsupported` if anything reachable is not implemented."""
    return _Compiler(root.get("definitions", {})).schema(root if schema is None else schema)


class _Compiler:
    """Compiles the subschemas of one schema, sharing the checks of its definitions."""

    def __init__(self, definitions: dict[str, Any]) -> None:
        self.definitions = definitions
        self.done: dict[str, Check] = {}
        self.busy: set[str] = set()

    def ref(self, ref: Any) -> Check:
        """A `$ref`: the definition's check, or a look-up of it while it is being compiled."""
        local = isinstance(ref, str) and ref.startswith(DEFINITIONS)
        name = ref[len(DEFINITIONS):] if local else None
        if name is None or name not in self.definitions:
            raise Unsupported(f"$ref {ref!r} is not a definition of this schema")
        if name in self.done:
            return self.done[name]
        if name in self.busy:
            done = self.done
            return lambda x: done[name](x)
        self.busy.add(name)
        self.done[name] = check = self.schema(self.definitions[name])
        self.busy.discard(name)
        return check

    def schema(self, schema: Any) -> Check:
        """One (sub)schema: its keywords' checks, all of which must pass."""
        if schema is True or schema is False:
            return _always if schema else _never
        if not isinstance(schema, dict):
            raise Unsupported(f"a schema must be an object or a boolean, not {schema!r}")
        if "$ref" in schema:  # draft 7: the siblings of $ref are ignored
            return self.ref(schema["$ref"])
        unknown = set(schema) - KEYWORDS - IGNORED
        if unknown:
            raise Unsupported(f"unsupported keyword(s): {', '.join(sorted(unknown))}")
        kind = schema.get("type")
        if kind is not None and (not isinstance(kind, str) or kind not in TYPES):
            raise Unsupported(f"unsupported type {kind!r}")
        # each type's keywords apply only to instances of that type (compiled even if moot);
        # the keywords of the schema's own type are checked with the type, in one closure
        checks: list[Check] = []
        own: Check | None = None
        for name, build in (("object", self.object), ("array", self.array),
                            ("string", self.string), ("number", self.number)):
            typed = kind == name or (kind == "integer" and name == "number")
            body = build(schema, typed)
            if body is not None and typed:
                own = body
            elif body is not None and kind is None:
                checks.append(body)
        if kind is not None:
            if own is None or kind == "integer":
                checks.append(TYPES[kind])
            if own is not None:
                checks.append(own)
        if "enum" in schema:
            checks.append(_enum(schema["enum"]))
        for key, combine in (("allOf", _all), ("anyOf", _any)):
            if key in schema:
                subs = schema[key]
                if not isinstance(subs, list) or not subs:
                    raise Unsupported(f"{key} must be a non-empty array")
                checks.append(combine([self.schema(s) for s in subs]))
        return _all(checks)

    def object(self, schema: dict[str, Any], typed: bool) -> Check | None:
        """properties, required, additionalProperties (bool or schema), for dicts only.

        Each of these builders returns None if the schema has none of its keywords, else a
        check that a value of another type passes, or fails if `typed` (type says this one).
        """
        if not any(k in schema for k in OBJECT):
            return None
        properties = schema.get("properties", {})
        required = schema.get("required", [])
        extra = schema.get("additionalProperties", True)
        if not isinstance(properties, dict) or not isinstance(required, list) or not all(
                isinstance(r, str) for r in required):
            raise Unsupported("properties must be an object and required an array of strings")
        props = {name: self.schema(sub) for name, sub in properties.items()}
        others = None if extra is True else self.schema(extra)
        needed = tuple(required)

        def check(x: Any) -> bool:
            if not isinstance(x, dict):
                return not typed
            for name in needed:
                if name not in x:
                    return False
            for name, value in x.items():
                sub = props.get(name, others)
                if sub is not None and not sub(value):
                    return False
            return True

        return check

    def array(self, schema: dict[str, Any], typed: bool) -> Check | None:
        """items (one schema for every item) and minItems, for lists only."""
        if not any(k in schema for k in ARRAY):
            return None
        items = schema.get("items", True)
        if isinstance(items, list):
            raise Unsupported("items as an array of schemas")
        least = schema.get("minItems", 0)
        if not isinstance(least, int) or isinstance(least, bool):
            raise Unsupported(f"minItems {least!r}")
        each = self.schema(items)
        if typed:
            return lambda x: isinstance(x, list) and len(x) >= least and all(map(each, x))
        return lambda x: not isinstance(x, list) or (len(x) >= least and all(map(each, x)))

    def string(self, schema: dict[str, Any], typed: bool) -> Check | None:
        """pattern (searched, with `regex` semantics), for strings only."""
        if "pattern" not in schema:
            return None
        if not isinstance(schema["pattern"], str):
            raise Unsupported(f"pattern {schema['pattern']!r}")
        search = regex.compile(schema["pattern"]).search
        if typed:
            return lambda x: isinstance(x, str) and search(x) is not None
        return lambda x: not isinstance(x, str) or search(x) is not None

    def number(self, schema: dict[str, Any], typed: bool) -> Check | None:
        """minimum, for numbers (not bools) only."""
        if "minimum" not in schema:
            return None
        least = schema["minimum"]
        if not _is_number(least):
            raise Unsupported(f"minimum {least!r}")
        # as jsonschema: only `instance < minimum` fails (so NaN passes)
        if typed:
            return lambda x: _is_number(x) and not x < least
        return lambda x: not _is_number(x) or not x < least


def _all(checks: list[Check]) -> Check:
    checks = [c for c in checks if c is not _always]
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, then = checks
        return lambda x: first(x) and then(x)
    return lambda x: all(c(x) for c in checks)


def _any(checks: list[Check]) -> Check:
    return lambda x: any(c(x) for c in checks)


def _enum(values: Any) -> Check:
    """enum of strings: jsonschema compares a string to a string with ==, else not equal."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise Unsupported(f"enum other than of strings: {values!r}")
    allowed = frozenset(values)
    return lambda x: isinstance(x, str) and x in allowed
