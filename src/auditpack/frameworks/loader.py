"""Load and validate one catalog or crosswalk file, reporting every problem at once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from .. import validation
from ..errors import CatalogError, Problem
from ..validation import Source, model_problems, read_document
from ..yamlfile import YamlDocument
from .model import Catalog, Crosswalk

__all__ = ["Source", "load_catalog", "load_crosswalk", "read_crosswalk", "read_document"]


def schema_problems(doc: YamlDocument, name: str) -> list[Problem]:
    """Check a document against the shipped catalog or crosswalk schema."""
    return validation.schema_problems(doc, __package__ or "auditpack.frameworks", name)


def structure_problems(doc: YamlDocument) -> list[Problem]:
    """Check ids, parents, levels and cycles of a schema-valid catalog."""
    reqs: list[dict[str, Any]] = doc.data["requirements"]
    levels: list[str] = doc.data["levels"]
    problems: list[Problem] = []
    first_index: dict[str, int] = {}
    for i, req in enumerate(reqs):
        if req["id"] in first_index:
            problems.append(Problem(
                f"duplicated requirement id '{req['id']}' (first at line "
                f"{doc.line(['requirements', first_index[req['id']]])})",
                doc.where(["requirements", i, "id"]), "give each requirement a unique id"))
        else:
            first_index[req["id"]] = i
        if req["level"] not in levels:
            problems.append(Problem(
                f"unknown level '{req['level']}'", doc.where(["requirements", i, "level"]),
                f"use one of the catalog's levels: {', '.join(levels)}"))
    by_id = {r["id"]: r for r in reqs}
    for i, req in enumerate(reqs):
        problems.extend(_parent_problems(doc, i, req, by_id, levels))
    problems.extend(_cycle_problems(doc, reqs, first_index))
    return problems


def _parent_problems(doc: YamlDocument, i: int, req: dict[str, Any],
                     by_id: dict[str, dict[str, Any]], levels: list[str]) -> list[Problem]:
    """Check that a requirement's parent exists and sits at a higher level."""
    parent_id = req.get("parent")
    if parent_id is None:
        return []
    where = doc.where(["requirements", i, "parent"])
    parent = by_id.get(parent_id)
    if parent is None:
        return [Problem(f"parent '{parent_id}' of '{req['id']}' does not exist", where,
                        "use the id of another requirement in this catalog, or null")]
    if parent_id == req["id"]:
        return []  # reported as a cycle
    if (req["level"] in levels and parent["level"] in levels
            and levels.index(parent["level"]) >= levels.index(req["level"])):
        return [Problem(f"'{req['id']}' is at level '{req['level']}' but its parent "
                        f"'{parent_id}' is at level '{parent['level']}'", where,
                        "a parent must be at a higher level (earlier in `levels`)")]
    return []


def _cycle_problems(doc: YamlDocument, reqs: list[dict[str, Any]],
                    first_index: dict[str, int]) -> list[Problem]:
    """Report each parent cycle once, naming its members."""
    parent = {r["id"]: r.get("parent") for r in reqs}
    reported: set[str] = set()
    problems: list[Problem] = []
    for start in parent:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in parent and node not in path:
            if node in reported:
                break
            path.append(node)
            node = parent[node]
        if node is not None and node in path and node not in reported:
            cycle = path[path.index(node):]
            reported.update(cycle)
            problems.append(Problem(
                "parent cycle: " + " -> ".join(cycle + [node]),
                doc.where(["requirements", first_index[node], "parent"]),
                "break the cycle: one of these must have another parent or null"))
    return problems


def raise_if(problems: Iterable[Problem], what: str, path: str) -> None:
    """Raise one CatalogError listing every problem, if there are any."""
    validation.raise_if(problems, what, path, CatalogError)


def load_catalog(source: Source) -> Catalog:
    """Load one catalog file, validated by the schema, the structure rules and the model."""
    doc = read_document(source)
    problems = schema_problems(doc, "catalog")
    if not problems:
        problems = structure_problems(doc)
    raise_if(problems, "catalog", doc.path)
    try:
        return Catalog.model_validate(doc.data)
    except ValidationError as exc:
        raise_if(model_problems(doc, exc), "catalog", doc.path)
        raise  # pragma: no cover - raise_if always raises here


def read_crosswalk(source: Source) -> tuple[Crosswalk, YamlDocument]:
    """Load a crosswalk file and keep its document for line look-ups."""
    doc = read_document(source)
    problems = schema_problems(doc, "crosswalk")
    if not problems:
        problems = _source_key_problems(doc)
    raise_if(problems, "crosswalk", doc.path)
    try:
        return Crosswalk.model_validate(doc.data), doc
    except ValidationError as exc:
        raise_if(model_problems(doc, exc), "crosswalk", doc.path)
        raise  # pragma: no cover


def load_crosswalk(source: Source) -> Crosswalk:
    """Load one crosswalk file (ids are resolved when loaded into a Library)."""
    return read_crosswalk(source)[0]


def _source_key_problems(doc: YamlDocument) -> list[Problem]:
    """Check that every mapping names a declared source, and no pair is given twice."""
    keys = set(doc.data["sources"])
    problems: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()
    for i, m in enumerate(doc.data["mappings"]):
        if m["source"] not in keys:
            problems.append(Problem(f"unknown source '{m['source']}'",
                                    doc.where(["mappings", i, "source"]),
                                    f"use one of: {', '.join(sorted(keys))}"))
        pair = (m["from_id"], m["to_id"], m["source"])
        if pair in seen:
            problems.append(Problem(f"mapping {pair[0]} -> {pair[1]} from '{pair[2]}' is given twice",
                                    doc.where(["mappings", i]), "keep one of them"))
        seen.add(pair)
    return problems
