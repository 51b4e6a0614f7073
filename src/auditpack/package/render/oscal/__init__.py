"""Export the package as OSCAL 1.1.3 JSON: its catalogs and the profile of the requirements
in scope (the SSP's baseline), component definition, SSP, assessment plan and results,
POA&M. Each document reads only the PackageModel (and the catalogs it was built with) and is
validated against its official schema before it is written."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ....frameworks.library import Library
from ...model.views import FrameworkView, PackageModel
from .assessment import assessment_plan, assessment_results, assessment_results_stream
from .baseline import PROFILE_FILE, catalog_file, framework_catalog, profile
from .components import component_definition
from .document import Context, OscalExportBug, dumps
from .poam import plan_of_action
from .ssp import system_security_plan

FOLDER = "oscal"
DOCUMENTS: dict[str, Callable[[Context], dict[str, Any]]] = {
    PROFILE_FILE: profile,
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


def _writers(ctx: Context) -> dict[str, Callable[[], Iterator[bytes]]]:
    """Every file of the export (path relative to oscal/) -> what yields its bytes."""
    def catalog(framework: FrameworkView) -> Callable[[], Iterator[bytes]]:
        return lambda: iter([dumps(framework_catalog(framework, ctx.catalogs))])

    def document(name: str) -> Callable[[], Iterator[bytes]]:
        if name in STREAMS:
            return lambda: STREAMS[name](ctx)
        return lambda: iter([dumps(DOCUMENTS[name](ctx))])

    writers = {catalog_file(f): catalog(f) for f in ctx.model.frameworks}
    writers.update({name: document(name) for name in DOCUMENTS})
    return writers


def oscal_documents(model: PackageModel, catalogs: Library) -> dict[str, bytes]:
    """Return every OSCAL export of a package model: path in oscal/ -> JSON bytes (each
    validated). `catalogs` is the library the model was assembled with (the workspace's)."""
    return {name: b"".join(write()) for name, write in _writers(Context(model, catalogs)).items()}


def write_oscal(folder: Path, model: PackageModel, catalogs: Library) -> list[Path]:
    """Write the OSCAL exports into `folder` (created if needed); return the files written.

    `catalogs` is the library the model was assembled with (the workspace's).

    Each document is validated as it is written, into a temporary name; only when all are
    complete are they renamed into place, so a bug never leaves a partial set behind.
    """
    writers = _writers(Context(model, catalogs))
    targets = {name: folder / name for name in writers}
    # side by side in `folder` (catalogs/x.json as .catalogs-x.json.partial): sub-folders are
    # made only once every document is complete
    partial = {name: folder / f".{name.replace('/', '-')}.partial" for name in writers}
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for name, path in partial.items():
            with path.open("wb") as out:
                for chunk in writers[name]():
                    out.write(chunk)
    except BaseException:
        for path in partial.values():
            path.unlink(missing_ok=True)
        raise
    for name, path in partial.items():
        targets[name].parent.mkdir(parents=True, exist_ok=True)
        path.replace(targets[name])
    return list(targets.values())
