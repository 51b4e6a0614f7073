"""Export the package as OSCAL 1.1.3 JSON: component definition, SSP, assessment plan and
results, POA&M. Each document reads only the PackageModel and is validated against its
official schema before it is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...package.model import PackageModel
from .assessment import assessment_plan, assessment_results
from .components import component_definition
from .document import Context, OscalExportBug, dumps
from .poam import plan_of_action
from .ssp import system_security_plan

FOLDER = "oscal"
DOCUMENTS: dict[str, Callable[[Context], dict[str, Any]]] = {
    "component-definition.json": component_definition,
    "system-security-plan.json": system_security_plan,
    "assessment-plan.json": assessment_plan,
    "assessment-results.json": assessment_results,
    "plan-of-action-and-milestones.json": plan_of_action,
}

__all__ = ["DOCUMENTS", "FOLDER", "OscalExportBug", "oscal_documents", "write_oscal"]


def oscal_documents(model: PackageModel) -> dict[str, bytes]:
    """Return every OSCAL export of a package model: file name -> JSON bytes (each validated)."""
    ctx = Context(model)
    return {name: dumps(build(ctx)) for name, build in DOCUMENTS.items()}


def write_oscal(folder: Path, model: PackageModel) -> list[Path]:
    """Write the OSCAL exports into `folder` (created if needed); return the files written.

    Every document is built and validated before any is written, so a bug never leaves a
    partial set behind.
    """
    documents = oscal_documents(model)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, body in documents.items():
        (folder / name).write_bytes(body)
        written.append(folder / name)
    return written
