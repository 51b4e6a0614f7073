"""Export the package as OSCAL 1.1.3 JSON: component definition, SSP, assessment plan and
results, POA&M. Each document reads only the PackageModel and is validated against its
official schema before it is written."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ...package.model import PackageModel
from .assessment import assessment_plan, assessment_results, assessment_results_stream
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

# documents written item by item (their long lists are never held whole)
STREAMS: dict[str, Callable[[Context], Iterator[bytes]]] = {
    "assessment-results.json": assessment_results_stream,
}

__all__ = ["DOCUMENTS", "FOLDER", "STREAMS", "OscalExportBug", "oscal_documents", "write_oscal"]


def _chunks(name: str, ctx: Context) -> Iterator[bytes]:
    """Yield one document's bytes, streamed where it can be."""
    if name in STREAMS:
        yield from STREAMS[name](ctx)
    else:
        yield dumps(DOCUMENTS[name](ctx))


def oscal_documents(model: PackageModel) -> dict[str, bytes]:
    """Return every OSCAL export of a package model: file name -> JSON bytes (each validated)."""
    ctx = Context(model)
    return {name: b"".join(_chunks(name, ctx)) for name in DOCUMENTS}


def write_oscal(folder: Path, model: PackageModel) -> list[Path]:
    """Write the OSCAL exports into `folder` (created if needed); return the files written.

    Each document is validated as it is written, into a temporary name; only when all five
    are complete are they renamed into place, so a bug never leaves a partial set behind.
    """
    ctx = Context(model)
    folder.mkdir(parents=True, exist_ok=True)
    partial = {name: folder / f".{name}.partial" for name in DOCUMENTS}
    try:
        for name, path in partial.items():
            with path.open("wb") as out:
                for chunk in _chunks(name, ctx):
                    out.write(chunk)
    except BaseException:
        for path in partial.values():
            path.unlink(missing_ok=True)
        raise
    written = []
    for name, path in partial.items():
        path.replace(folder / name)
        written.append(folder / name)
    return written
