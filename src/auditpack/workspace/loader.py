"""Load a workspace (auditpack.yaml plus its own catalogs and controls), checking every reference."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import validation
from ..controls.library import (
    control_problems,
    load_starter_library,
    locator,
    merge,
    read_control_file,
)
from ..controls.model import Control, ControlSet
from ..controls.vocabulary import it_functions
from ..errors import Problem, WorkspaceError
from ..frameworks import Library, load_library
from ..yamlfile import Key, YamlDocument
from .model import WorkspaceFile

WORKSPACE_FILE = "auditpack.yaml"
OVERRIDABLE = frozenset({"title", "statement", "function", "frequency", "satisfies",
                         "evidence", "tags"})


@dataclass
class Workspace:
    """A loaded, checked workspace: its file, catalogs and effective controls."""

    root: Path
    file: WorkspaceFile
    doc: YamlDocument
    catalogs: Library
    controls: ControlSet
    not_applicable: dict[str, str] = field(default_factory=dict)
    out_of_scope: dict[str, str] = field(default_factory=dict)

    @property
    def as_of(self) -> Any:
        """Return the workspace's as-of date."""
        return self.file.organization.as_of

    def active_controls(self) -> list[Control]:
        """Return the controls that apply: not marked not applicable, and mapped to the scope."""
        return [c for c in self.controls.controls
                if c.id not in self.not_applicable and c.id not in self.out_of_scope]


def workspace_path(root: Path) -> Path:
    """Return the auditpack.yaml of a workspace folder, or raise a clear error."""
    path = root / WORKSPACE_FILE
    if not path.is_file():
        raise WorkspaceError(f"no {WORKSPACE_FILE} here", str(root),
                             "pass --workspace DIR, or create one with `auditpack init DIR`")
    return path


def load_workspace(root: Path, as_of: dt.date | None = None) -> Workspace:
    """Load and check a workspace; raise one WorkspaceError listing every problem.

    `as_of` stands in for the file's `organization.as_of` (a package built `--as-of` another
    day is judged at that day: evidence age, leavers, escalation tests).
    """
    path = workspace_path(root)
    doc = validation.read_document(path)
    data = validation.jsonable(doc.data)
    problems = validation.schema_problems(doc, "auditpack", "workspace", data)
    validation.raise_if(problems, "workspace", str(path), WorkspaceError)
    try:
        wsf = WorkspaceFile.model_validate(data)
    except ValidationError as exc:
        validation.raise_if(validation.model_problems(doc, exc), "workspace", str(path),
                            WorkspaceError)
        raise  # pragma: no cover
    if as_of is not None:
        wsf = wsf.model_copy(update={
            "organization": wsf.organization.model_copy(update={"as_of": as_of})})
    catalog_dir = root / "catalogs"
    catalogs = load_library([catalog_dir] if catalog_dir.is_dir() else [])
    problems = _scope_problems(wsf, doc, catalogs) + _party_problems(wsf, doc)
    controls, found = _controls(root, wsf, doc, catalogs)
    problems += found + _control_ref_problems(wsf, doc, controls)
    validation.raise_if(problems, "workspace", str(path), WorkspaceError)
    na = {n.control: n.reason for n in wsf.controls.not_applicable}
    return Workspace(root, wsf, doc, catalogs, controls, na, _out_of_scope(wsf, controls))


def _out_of_scope(wsf: WorkspaceFile, controls: ControlSet) -> dict[str, str]:
    """Find controls that satisfy no framework in scope (e.g. PCI-only ones without PCI)."""
    in_scope = {ref.split("@")[0] for ref in wsf.scope.frameworks}
    return {c.id: "maps only to frameworks outside the scope: " + ", ".join(sorted(c.satisfies))
            for c in controls.controls if not in_scope & set(c.satisfies)}


def _scope_problems(wsf: WorkspaceFile, doc: YamlDocument, catalogs: Library) -> list[Problem]:
    """Check that the frameworks and exclusions name real catalogs and requirements."""
    out: list[Problem] = []
    known = ", ".join(sorted(catalogs.defaults))
    for i, ref in enumerate(wsf.scope.frameworks):
        if (ref.split("@")[0] not in catalogs.defaults) or ("@" in ref and ref not in catalogs.catalogs):
            out.append(Problem(f"unknown catalog '{ref}'", doc.where(["scope", "frameworks", i]),
                               f"use one of: {known}"))
    for i, exc in enumerate(wsf.scope.exclusions):
        at: list[Key] = ["scope", "exclusions", i]
        if exc.catalog not in wsf.scope.frameworks:
            out.append(Problem(f"'{exc.catalog}' is not in scope.frameworks",
                               doc.where(at + ["catalog"]), "exclude only from a framework in scope"))
            continue
        cat = catalogs.get(exc.catalog)
        for k, req in enumerate(exc.requirements):
            if not cat.has(req):
                out.append(Problem(f"'{req}' is not a requirement of {cat.id}",
                                   doc.where(at + ["requirements", k]),
                                   "fix the id (see `auditpack catalog show`)"))
    return out


def _party_problems(wsf: WorkspaceFile, doc: YamlDocument) -> list[Problem]:
    """Check that party and person ids are unique and escalation levels are not repeated."""
    out: list[Problem] = []
    parties: set[str] = set()
    people: set[str] = set()
    for i, party in enumerate(wsf.parties):
        if party.id in parties:
            out.append(Problem(f"party id '{party.id}' is used twice",
                               doc.where(["parties", i, "id"]), "give each party its own id"))
        parties.add(party.id)
        for j, person in enumerate(party.people):
            if person.id in people or person.id in parties:
                out.append(Problem(f"person id '{person.id}' is used twice (or is a party id)",
                                   doc.where(["parties", i, "people", j, "id"]),
                                   "give each person a unique id"))
            people.add(person.id)
    seen: set[str] = set()
    for i, path in enumerate(wsf.escalation):
        if path.severity in seen:
            out.append(Problem(f"severity {path.severity} has two escalation paths",
                               doc.where(["escalation", i, "severity"]), "merge them into one"))
        seen.add(path.severity)
    for name in wsf.raci.functions:
        if name not in it_functions():
            out.append(Problem(f"unknown IT function '{name}'",
                               doc.where(["raci", "functions", name]),
                               f"use one of: {', '.join(it_functions())}"))
    return out


def _safe_file(root: Path, rel: str) -> Path | None:
    """Resolve a workspace-relative path, refusing anything that escapes the workspace."""
    target = (root / rel).resolve()
    return target if target.is_relative_to(root.resolve()) else None


def _controls(root: Path, wsf: WorkspaceFile, doc: YamlDocument,
              catalogs: Library) -> tuple[ControlSet, list[Problem]]:
    """Build the effective controls: starter library, own files, then overrides."""
    sets: list[tuple[ControlSet, str]] = []
    problems: list[Problem] = []
    if wsf.controls.starter:
        sets.append((load_starter_library(catalogs), "the starter library"))
    for i, rel in enumerate(wsf.controls.files):
        where = doc.where(["controls", "files", i])
        target = _safe_file(root, rel)
        if target is None or not target.is_file():
            problems.append(Problem(f"control file '{rel}' " + ("is outside the workspace"
                                    if target is None else "does not exist"), where,
                                    "give a path inside the workspace, relative to it"))
            continue
        cset, found = read_control_file(target, catalogs, origin="workspace")
        problems.extend(found)
        sets.append((cset, str(target)))
    merged, dupes = merge(sets)
    overridden, found = _apply_overrides(merged, wsf, doc, catalogs)
    return overridden, problems + dupes + found


def _apply_overrides(cset: ControlSet, wsf: WorkspaceFile, doc: YamlDocument,
                     catalogs: Library) -> tuple[ControlSet, list[Problem]]:
    """Replace fields of existing controls; each result is checked like any control."""
    by_id = cset.by_id()
    problems: list[Problem] = []
    for cid, changes in wsf.controls.overrides.items():
        at: list[Key] = ["controls", "overrides", cid]
        if cid not in by_id:
            problems.append(Problem(f"override of unknown control '{cid}'", doc.where(at),
                                    "use the id of a starter or workspace control"))
            continue
        bad = sorted(set(changes) - OVERRIDABLE)
        if bad:
            problems.append(Problem(f"cannot override {', '.join(bad)}", doc.where(at + [bad[0]]),
                                    f"override only: {', '.join(sorted(OVERRIDABLE))}"))
            continue
        merged = {**by_id[cid].model_dump(mode="json", exclude={"origin"}, exclude_none=True),
                  **changes}
        found = _override_problems(merged, doc, at, catalogs)
        problems.extend(found)
        if not found:
            by_id[cid] = Control.model_validate({**merged, "origin": by_id[cid].origin})
    controls = tuple(by_id[c.id] for c in cset.controls)
    return ControlSet(controls=controls, organisational_only=cset.organisational_only), problems


def _override_problems(merged: dict[str, Any], doc: YamlDocument, at: list[Key],
                       catalogs: Library) -> list[Problem]:
    """Check an overridden control against the control schema and the references."""
    check = validation.validator("auditpack.controls", "control-library")
    errors = list(check.iter_errors({"controls": [merged]}))
    if errors:
        return [Problem(str(e.message), doc.where(at + list(e.absolute_path)[2:]),
                        "fix the overridden field") for e in errors]
    return control_problems(merged, locator(doc, at), catalogs)


def _control_ref_problems(wsf: WorkspaceFile, doc: YamlDocument,
                          controls: ControlSet) -> list[Problem]:
    """Check that not-applicable entries and RACI overrides name real controls."""
    ids = set(controls.by_id())
    out: list[Problem] = []
    seen: set[str] = set()
    for i, na in enumerate(wsf.controls.not_applicable):
        if na.control not in ids:
            out.append(Problem(f"unknown control '{na.control}'",
                               doc.where(["controls", "not_applicable", i, "control"]),
                               "use the id of a starter or workspace control"))
        elif na.control in seen:
            out.append(Problem(f"control '{na.control}' is marked not applicable twice",
                               doc.where(["controls", "not_applicable", i]), "keep one entry"))
        seen.add(na.control)
    for cid in wsf.raci.controls:
        if cid not in ids:
            out.append(Problem(f"RACI override for unknown control '{cid}'",
                               doc.where(["raci", "controls", cid]),
                               "use the id of a starter or workspace control"))
    return out
