"""The compiled OSCAL schemas give jsonschema's verdict: on every OSCAL export of both demos,
on many broken variants of them, item schema by item schema, and on probe values for every
definition; and they refuse what they do not implement, leaving it to jsonschema. Also: the
fast JSON writer of the exports writes exactly what json.dumps(indent=2) writes."""

from __future__ import annotations

import collections
import datetime as dt
import enum
import json
import random
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from auditpack.evidence.collect import collect
from auditpack.evidence.store import EvidenceStore
from auditpack.frameworks.library import load_library
from auditpack.oscal import validate
from auditpack.oscal.catalog_export import export_catalog
from auditpack.oscal.compiled import Unsupported, compile_schema
from auditpack.oscal.export import oscal_documents
from auditpack.oscal.export.assessment import OBSERVATION, RESOURCE
from auditpack.oscal.export.document import dumps, indented
from auditpack.oscal.validate import (
    MODELS,
    oscal_item_problems,
    oscal_problems,
    oscal_validator,
)
from auditpack.package.build import build_package
from auditpack.scaffold import copy_demo
from auditpack.workspace import load_workspace

COLLECTED_AT = dt.datetime(2026, 9, 30, 6, 0, tzinfo=dt.timezone.utc)
FIXTURES = Path(__file__).parent / "fixtures"
Path_ = tuple[str, ...]  # a schema path from the definitions, as oscal_item_problems takes


@pytest.fixture(scope="module", params=["credit-union", "law-firm"])
def exports(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A demo's five OSCAL exports (parsed), built as in test_export, and its catalogs."""
    demo = str(request.param)
    root = tmp_path_factory.mktemp(demo) / demo
    copy_demo(root, demo)
    with EvidenceStore.open(root) as store:
        collect(load_workspace(root), store, now=COLLECTED_AT)
    model = build_package(root, tmp_path_factory.mktemp(f"{demo}-out")).model
    docs = {name: json.loads(body) for name, body in oscal_documents(model).items()}
    library = load_library()
    for framework in model.frameworks:
        docs[f"{framework.id}_catalog.json"] = export_catalog(library.get(framework.id))
    return docs


def model_of(doc: dict[str, Any]) -> str:
    (model,) = doc
    assert model in MODELS
    return model


_checks: dict[tuple[str, Path_], tuple[Callable[[Any], bool], Callable[[Any], bool]]] = {}


def verdicts(model: str, path: Path_, value: Any) -> tuple[bool, bool]:
    """(compiled, jsonschema) verdicts on `value` for the schema at `path` (() = the root)."""
    if (model, path) not in _checks:
        validator = oscal_validator(model)
        root: Any = validator.schema
        schema = root
        if path:
            schema = root["definitions"]
            for step in path:
                schema = schema[step]
        # (not evolve for the root: its $schema would pick the stock draft-07 validator)
        slow = validator.evolve(schema=schema) if path else validator
        _checks[model, path] = (compile_schema(root, schema), slow.is_valid)
    compiled, is_valid = _checks[model, path]
    return compiled(value), is_valid(value)


def instances(doc: dict[str, Any]) -> dict[Path_, list[Any]]:
    """Every value in a document by its schema path, found by following properties, items
    and $refs of the schema alongside the document (anyOf/allOf are not entered)."""
    model = model_of(doc)
    root: Any = oscal_validator(model).schema
    found: dict[Path_, list[Any]] = {}

    def walk(value: Any, path: Path_, schema: Any) -> None:
        while "$ref" in schema:
            path = (schema["$ref"].rsplit("/", 1)[1],)
            schema = root["definitions"][path[0]]
        found.setdefault(path, []).append(value)
        if isinstance(value, dict):
            for key, child in value.items():
                if key in schema.get("properties", {}):
                    walk(child, (*path, "properties", key), schema["properties"][key])
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            for child in value:
                walk(child, (*path, "items"), schema["items"])

    walk(doc[model], (), root["properties"][model])
    found.pop((), None)
    return found


def replacements(value: Any) -> list[Any]:
    """Values to put in place of `value`: wrong types, broken patterns and enums, near misses."""
    if isinstance(value, bool):
        return [not value, 1, 0, "true", None]
    if isinstance(value, (int, float)):
        return [True, False, float(value), int(value), value + 0.5, -1, -1.0, str(value), None]
    if isinstance(value, str):
        return ["", " " + value, value + " ", value + "\n", "zz-" + value, value.upper(),
                value + ":x", "x", 1, 1.0, True, None, [value], {"x": value}]
    if isinstance(value, list):
        return [[], value[:1], value[:1] + [1], value + value[:1], tuple(value), "x", {}, None]
    return [{}, [value], "x", None]


def variants(value: Any) -> Iterator[Any]:
    """Variants of a value changed at its top or one level down: each key deleted, an unknown
    key added, each member replaced (see `replacements`), lists emptied or given a bad item."""
    yield from replacements(value)
    if isinstance(value, dict):
        yield {**value, "zz-unknown": "x"}
        for key, child in value.items():
            yield {k: v for k, v in value.items() if k != key}
            for other in replacements(child):
                yield {**value, key: other}
    elif isinstance(value, list) and value:
        for other in replacements(value[0]):
            yield [other, *value[1:]]


def trimmed(value: Any) -> Any:
    """A value with every list in it cut to its first two items (still valid: the schemas
    only ever ask for one), so that large items are cheap to vary."""
    if isinstance(value, dict):
        return {k: trimmed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [trimmed(v) for v in value[:2]]
    return value


def test_every_export_is_valid_by_both(exports: dict[str, Any]) -> None:
    for name, doc in exports.items():
        assert verdicts(model_of(doc), (), doc) == (True, True), name
        assert oscal_problems(doc, model_of(doc), name) == []


@pytest.mark.parametrize("name,model", [("mini-catalog.json", "catalog"),
                                        ("NIST_CSF_v2.0_catalog.json", "catalog"),
                                        ("mini-baseline_profile.json", "profile")])
def test_fixture_documents_are_valid_by_both(name: str, model: str) -> None:
    doc = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    assert verdicts(model, (), doc) == (True, True)
    wrong = json.loads(json.dumps(doc).replace('"uuid": "', '"uuid": "x', 1))
    assert verdicts(model, (), wrong) == (False, False)


def test_broken_items_get_jsonschema_verdict(exports: dict[str, Any]) -> None:
    """For every item schema met in the exports, its smallest, largest and two middling
    instances (`trimmed`), each changed in every way `variants` knows: the verdicts are equal."""
    wrong: list[str] = []
    seen = {True: 0, False: 0}
    for name, doc in exports.items():
        model = model_of(doc)
        for path, values in instances(doc).items():
            values = sorted(values, key=lambda v: len(json.dumps(v)))
            picked = (values[0], values[len(values) // 4], values[len(values) // 2], values[-1])
            for value in {id(v): v for v in picked}.values():
                for variant in variants(trimmed(value)):
                    fast, slow = verdicts(model, path, variant)
                    seen[slow] += 1
                    if fast != slow:
                        wrong.append(f"{name} {path}: {json.dumps(variant)[:200]} "
                                     f"compiled {fast}, jsonschema {slow}")
    assert wrong == []
    assert seen[True] > 1000 and seen[False] > 5000, seen


def test_broken_documents_get_jsonschema_verdict(exports: dict[str, Any]) -> None:
    """Whole documents, each changed at places chosen at random (seeded): a few in the
    document itself, many in its `trimmed` copy (cheap to validate whole)."""
    for name, whole in exports.items():
        model = model_of(whole)
        rng = random.Random(name)
        for doc, count in ((whole, 1), (trimmed(whole), 30)):
            spots: list[tuple[Any, Any]] = []  # (container, key or index) of every value

            def walk(node: Any) -> None:
                members = node.items() if isinstance(node, dict) else enumerate(node)
                for key, child in list(members):
                    spots.append((node, key))
                    if isinstance(child, (dict, list)):
                        walk(child)

            walk(doc)
            for container, key in rng.sample(spots, count):
                old = container[key]
                for new in rng.sample(list(variants(old)), 2):
                    container[key] = new
                    fast, slow = verdicts(model, (), doc)
                    container[key] = old
                    assert fast == slow, f"{name}: {key} = {json.dumps(new)[:200]}"
            assert verdicts(model, (), doc) == (True, True)


PROBES: list[Any] = [None, True, False, 0, 1, -1, 1.0, -1.0, 1.5, 0.0, 2**70, float("nan"),
                     "", "x", " x", "a b", "x:y", "TCP", "https://example.org/x",
                     "5f1e9d3c-2b7a-4c1e-9f0a-1a2b3c4d5e6f", "2026-09-30T06:00:00Z",
                     "2026-02-30T06:00:00Z", [], ["x"], [{}], {}, {"x": 1},
                     ("x",), Decimal("1"), Decimal("-1.5"), float("inf")]  # not from JSON


@pytest.mark.parametrize("model", MODELS)
def test_every_definition_gives_jsonschema_verdict_on_probes(model: str) -> None:
    definitions: Any = oscal_validator(model).schema["definitions"]  # type: ignore[index]
    wrong = [(name, probe) for name in definitions for probe in PROBES
             if len(set(verdicts(model, (name,), probe))) != 1]
    assert wrong == []


@pytest.mark.parametrize("value,valid", [
    (0, True), (443, True), (1.0, True), (0.0, True), (-0.0, True), (2**70, True),
    (1.5, False), (-1, False), (-1.0, False), (True, False), (False, False), ("1", False),
    (None, False), (float("nan"), False), (float("inf"), False)])
def test_integer_fields_as_jsonschema(value: Any, valid: bool) -> None:
    """Non-negative integers: a float with an integral value counts, a bool does not."""
    path = ("oscal-ar-oscal-implementation-common:port-range",)
    assert verdicts("assessment-results", path, {"start": value}) == (valid, valid)
    assert verdicts("assessment-results", ("NonNegativeIntegerDatatype",), value) == (valid, valid)


def test_streamed_item_schemas_give_jsonschema_verdict(exports: dict[str, Any]) -> None:
    """The item schemas the streamed results are checked by, as oscal_item_problems takes them."""
    body = exports["assessment-results.json"]["assessment-results"]
    for path, items in ((OBSERVATION, body["results"][0]["observations"]),
                        (RESOURCE, body["back-matter"]["resources"])):
        for item in items[:3]:
            assert oscal_item_problems(item, "assessment-results", path, "x") == []
            for variant in variants(item):
                fast, slow = verdicts("assessment-results", path, variant)
                assert fast == slow, json.dumps(variant)[:200]
                assert bool(oscal_item_problems(variant, "assessment-results", path, "x")) != slow


def jsonschema_problems(validator: Any, data: Any) -> list[tuple[str, str]]:
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [(f"x {e.json_path}", e.message) for e in errors]


def test_problems_of_an_invalid_document_are_jsonschema_s(exports: dict[str, Any]) -> None:
    doc = json.loads(json.dumps(exports["assessment-plan.json"]))
    plan = doc["assessment-plan"]
    plan["uuid"] = "not-a-uuid"
    del plan["metadata"]["title"]
    plan["metadata"]["zz-unknown"] = 1
    problems = oscal_problems(doc, "assessment-plan", "x")
    assert [(p.location, p.message) for p in problems] == jsonschema_problems(
        oscal_validator("assessment-plan"), doc)
    assert {p.location for p in problems} == {"x $['assessment-plan'].uuid",
                                              "x $['assessment-plan'].metadata"}
    item = {**exports["assessment-results.json"]["assessment-results"]["back-matter"][
        "resources"][0], "uuid": "x"}
    problems = oscal_item_problems(item, "assessment-results", RESOURCE, "x")
    reference = validate._item_validator("assessment-results", RESOURCE)
    assert [(p.location, p.message) for p in problems] == jsonschema_problems(reference, item)
    assert [p.location for p in problems] == ["x $.uuid"]


@pytest.mark.parametrize("schema", [
    {"type": "string", "maxLength": 3},
    {"type": ["string", "null"]},
    {"type": "date"},
    {"items": [{"type": "string"}]},
    {"enum": ["a", 1]},
    {"$ref": "https://example.org/schema.json"},
    {"$ref": "#/definitions/missing"},
    {"not": {"type": "string"}},
    {"properties": {"a": {"oneOf": [{"type": "string"}]}}},
    {"definitions": {"deep": {"type": "object", "patternProperties": {"^x": {}}}},
     "properties": {"a": {"items": {"$ref": "#/definitions/deep"}}}},
])
def test_an_unsupported_keyword_is_refused(schema: dict[str, Any]) -> None:
    with pytest.raises(Unsupported):
        compile_schema(schema)


def test_ref_siblings_are_ignored_and_recursion_works() -> None:
    """As in draft 7, keywords beside $ref (even unsupported ones) are ignored."""
    kids = {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/node"}}
    node = {"type": "object", "additionalProperties": False, "required": ["id"],
            "properties": {"id": {"type": "string", "pattern": "^n"}, "kids": kids}}
    schema = {"definitions": {"node": node},
              "$ref": "#/definitions/node", "type": "string", "maxLength": 0}
    check = compile_schema(schema)
    deep: dict[str, Any] = {"id": "n0"}
    for i in range(1, 50):
        deep = {"id": f"n{i}", "kids": [deep]}
    cases = [(deep, True), ({"id": "n", "kids": [{"id": "n1"}, {"id": "n2"}]}, True),
             ({"id": "n", "kids": [{"id": "n1"}, {"id": "x2"}]}, False),
             ({"id": "n", "kids": [{"id": "n1", "kids": []}]}, False),
             ({"id": "n", "kids": [{"id": "n1", "other": 1}]}, False), ("n", False)]
    reference = jsonschema.Draft7Validator(schema)
    assert [(check(value), reference.is_valid(value)) for value, _ in cases] == [
        (valid, valid) for _, valid in cases]


def test_a_schema_the_compiler_refuses_is_left_to_jsonschema(
        exports: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(root: Any, schema: Any = None) -> Callable[[Any], bool]:
        raise Unsupported("refused for the test")

    doc = exports["plan-of-action-and-milestones.json"]
    broken = json.loads(json.dumps(doc).replace('"uuid": "', '"uuid": "x', 1))
    validate._fast_check.cache_clear()
    monkeypatch.setattr(validate, "compile_schema", refuse)
    try:
        assert validate._fast_check("plan-of-action-and-milestones", None) is None
        assert oscal_problems(doc, "plan-of-action-and-milestones", "x") == []
        assert [p.location for p in oscal_problems(broken, "plan-of-action-and-milestones", "x")
                ] == ["x $['plan-of-action-and-milestones'].uuid"]
    finally:
        validate._fast_check.cache_clear()


class Label(str):
    """A str subclass (json.dumps writes it as a string)."""


class Level(enum.IntEnum):
    LOW = 1


ODD_VALUES: list[Any] = [
    {"é": "ü\u2028\u2029\x00\x1f\x7f\"\\\n\t\r/\U0001f600", "": ""},
    [1, -2, 1.5, 1e300, 1e-7, -0.0, 2**70, True, False, None, 0],
    [[], {}, [[]], {"a": {}}, [{}], ""], [], {}, "x", 3, None,
    # each of these alone, each one a value only json.dumps itself writes
    {"a": 1, 1: "int key"}, {"a": 1, 2.5: "float key"}, {"a": 1, True: "bool key"},
    {"a": 1, None: "none key"}, {"a": 1, Label("k"): 1}, {"a": [1, Label("sub")]},
    [1, ("a", ("b",))], [1, float("nan")], [1, float("inf")], [1, float("-inf")],
    [1, Level.LOW], [1, collections.OrderedDict(a=1)],
]


def test_dumps_writes_the_bytes_json_dumps_writes(exports: dict[str, Any]) -> None:
    """`indented` (behind `dumps` and `streamed`) is `json.dumps(indent=2)` exactly."""
    for value in [*exports.values(), *ODD_VALUES, deep_list(300)]:
        expected = json.dumps(value, indent=2, ensure_ascii=False)
        assert indented(value) == expected
        assert indented(value, "    ") == expected.replace("\n", "\n    ")
        assert dumps({"x": value}) == (json.dumps({"x": value}, indent=2, ensure_ascii=False)
                                       + "\n").encode("utf-8")
    cycle: list[Any] = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference"):
        indented({"a": cycle})
    for odd in (object(), Decimal("1.5")):
        with pytest.raises(TypeError, match="not JSON serializable"):
            indented({"a": [odd]})


def deep_list(depth: int) -> list[Any]:
    value: list[Any] = ["bottom"]
    for i in range(depth):
        value = [i, value, {"k": value[:1]}]
    return value
