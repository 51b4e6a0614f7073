"""Load control files (the starter library and a workspace's own), checking every reference."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from pydantic import ValidationError

from .. import validation
from ..errors import Problem, WorkspaceError
from ..frameworks import Library
from ..validation import Source, model_problems, read_document
from ..yamlfile import Key, YamlDocument
from .model import Control, ControlSet, OrganisationalOnly
from .statement import statement_problem
from .vocabulary import evidence_kinds, it_functions


def starter_files() -> list[Traversable]:
    """Return the starter library's files, sorted by name."""
    folder = files(__package__) / "library"
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


Locate = Callable[[list[Key]], str]


def locator(doc: YamlDocument, prefix: list[Key]) -> Locate:
    """Return a function that locates keys under `prefix` in a document."""
    def locate(keys: list[Key]) -> str:
        return doc.where([*prefix, *keys])
    return locate


def sub_locator(loc: Locate, prefix: list[Key]) -> Locate:
    """Return a locator for keys under `prefix` of another locator."""
    def locate(keys: list[Key]) -> str:
        return loc([*prefix, *keys])
    return locate


def control_problems(ctl: dict[str, Any], loc: Locate, catalogs: Library) -> list[Problem]:
    """Check a schema-valid control's function, evidence, requirement ids and statement."""
    out: list[Problem] = []
    if ctl["function"] not in it_functions():
        out.append(Problem(f"unknown function '{ctl['function']}'", loc(["function"]),
                           f"use one of: {', '.join(it_functions())}"))
    for j, need in enumerate(ctl["evidence"]):
        out.extend(_evidence_problems(need, sub_locator(loc, ["evidence", j])))
    for cat_id, req_ids in ctl["satisfies"].items():
        out.extend(_id_problems(cat_id, [(r, ["satisfies", cat_id, k]) for k, r in
                                         enumerate(req_ids)], ["satisfies", cat_id], loc, catalogs))
    problem = statement_problem(ctl["statement"])
    if problem:
        out.append(Problem(problem, loc(["statement"]),
                           "see docs/control-format.md for the statement variables"))
    return out


def _evidence_problems(need: dict[str, Any], loc: Locate) -> list[Problem]:
    """Check an evidence need against the evidence-kind vocabulary."""
    kind = evidence_kinds().get(need["kind"])
    if kind is None:
        return [Problem(f"unknown evidence kind '{need['kind']}'", loc(["kind"]),
                        "use a kind from controls/evidence_kinds.yaml")]
    out = []
    if "collector" in need and need["collector"] not in kind.collectors:
        out.append(Problem(f"collector '{need['collector']}' does not collect {kind.id}",
                           loc(["collector"]), f"use one of: {', '.join(kind.collectors)}"))
    if "check" in need and need["check"] != kind.check:
        out.append(Problem(f"check '{need['check']}' does not test {kind.id}", loc(["check"]),
                           f"use {kind.check}" if kind.check else "remove the check"))
    return out


def _id_problems(cat_id: str, ids: list[tuple[str, list[Key]]], cat_at: list[Key],
                 loc: Locate, catalogs: Library) -> list[Problem]:
    """Check that a catalog exists and each requirement id in it exists and is assessable."""
    if cat_id not in catalogs.defaults:
        return [Problem(f"unknown catalog '{cat_id}'", loc(cat_at),
                        f"use one of: {', '.join(sorted(catalogs.defaults))}")]
    cat = catalogs.get(cat_id)
    out = []
    for req_id, at in ids:
        if not cat.has(req_id):
            out.append(Problem(f"'{req_id}' is not a requirement of {cat_id}", loc(at),
                               "fix the id (see `auditpack catalog show`)"))
        elif not cat.requirement(req_id).assessable:
            out.append(Problem(f"'{req_id}' of {cat_id} is a heading, not an assessable "
                               "requirement", loc(at), "map to the requirements under it"))
    return out


def _org_only_problems(doc: YamlDocument, catalogs: Library) -> list[Problem]:
    """Check the organisational-only table's catalog and requirement ids."""
    out: list[Problem] = []
    for i, row in enumerate(doc.data.get("organisational_only", [])):
        out.extend(_id_problems(row["catalog"], [(row["requirement"], ["requirement"])],
                                ["catalog"], locator(doc, ["organisational_only", i]),
                                catalogs))
    return out


def read_control_file(source: Source, catalogs: Library,
                      origin: str = "starter") -> tuple[ControlSet, list[Problem]]:
    """Parse and check one control file; return what loaded and every problem found."""
    doc = read_document(source)
    problems = validation.schema_problems(doc, __package__ or "auditpack.controls",
                                          "control-library")
    if problems:
        return ControlSet(), problems
    for i, ctl in enumerate(doc.data.get("controls", [])):
        problems.extend(control_problems(ctl, locator(doc, ["controls", i]),
                                         catalogs))
    problems.extend(_org_only_problems(doc, catalogs))
    try:
        controls = tuple(Control.model_validate({**c, "origin": origin})
                         for c in doc.data.get("controls", []))
        exempt = tuple(OrganisationalOnly.model_validate(r)
                       for r in doc.data.get("organisational_only", []))
    except ValidationError as exc:
        return ControlSet(), problems + model_problems(doc, exc)
    return ControlSet(controls=controls, organisational_only=exempt), problems


def merge(sets: Sequence[tuple[ControlSet, str]]) -> tuple[ControlSet, list[Problem]]:
    """Join control sets in order; a control id defined twice is a problem."""
    seen: dict[str, str] = {}
    controls: list[Control] = []
    exempt: list[OrganisationalOnly] = []
    problems: list[Problem] = []
    for cset, where in sets:
        for ctl in cset.controls:
            if ctl.id in seen:
                problems.append(Problem(f"control '{ctl.id}' is defined twice (also in "
                                        f"{seen[ctl.id]})", where,
                                        "rename your control, or override the starter one "
                                        "under controls.overrides in auditpack.yaml"))
                continue
            seen[ctl.id] = where
            controls.append(ctl)
        exempt.extend(cset.organisational_only)
    return ControlSet(controls=tuple(controls), organisational_only=tuple(exempt)), problems


def load_starter_library(catalogs: Library) -> ControlSet:
    """Load the shipped starter controls; any problem is a bug in the package data."""
    sets = []
    problems: list[Problem] = []
    for f in starter_files():
        cset, found = read_control_file(f, catalogs)
        sets.append((cset, str(f)))
        problems.extend(found)
    merged, dupes = merge(sets)
    validation.raise_if(problems + dupes, "starter control library", "controls/library",
                        WorkspaceError)
    return merged
