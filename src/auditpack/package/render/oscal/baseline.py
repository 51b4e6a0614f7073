"""The package's baseline: its catalogs as OSCAL, and a profile selecting the requirements in scope.

The SSP's `import-profile` points at `profile.json`, which imports each catalog from
`catalogs/<catalog id>.json` beside it (relative hrefs, so the package resolves offline)
and includes the requirements in scope by their OSCAL control ids. Requirements that do
not apply are excluded by id, and the profile's remarks give the reasons.
"""

from __future__ import annotations

from typing import Any

from ....frameworks.library import Library
from ....oscal.uuids import stable_uuid
from ...model.views import FrameworkView
from .document import Context, checked, requirement_token, text

PROFILE_FILE = "profile.json"
CATALOGS = "catalogs"
EPOCH = "2000-01-01T00:00:00Z"


def catalog_file(framework: FrameworkView) -> str:
    """Where the package's OSCAL catalog of a framework is, relative to oscal/."""
    return f"{CATALOGS}/{framework.id}.json"


def framework_catalog(framework: FrameworkView, catalogs: Library) -> dict[str, Any]:
    """A framework's catalog as an OSCAL catalog document (validated), from the library
    the package was built with (the workspace's: built-in catalogs and its own)."""
    from ....oscal.catalog_export import export_catalog  # it imports this package's document module

    return export_catalog(catalogs.get(f"{framework.id}@{framework.version}"))


def _not_applicable_remarks(ctx: Context) -> str | None:
    """The requirements left out as not applicable, grouped by reason."""
    by_reason: dict[str, list[str]] = {}
    for req in ctx.requirements():
        if req.status == "not_applicable":
            reason = text(req.reason, "no reason recorded")
            by_reason.setdefault(reason, []).append(f"{req.catalog} {req.id}")
    if not by_reason:
        return None
    lines = [f"- {', '.join(ids)}: {reason}" for reason, ids in by_reason.items()]
    return "Excluded as not applicable:\n\n" + "\n".join(lines)


def _import(framework: FrameworkView) -> dict[str, Any] | None:
    """One catalog's import: the requirements in scope included, the others excluded."""
    selected = [requirement_token(r) for r in framework.requirements
                if r.status != "not_applicable"]
    if not selected:
        return None
    out: dict[str, Any] = {"href": catalog_file(framework),
                           "include-controls": [{"with-ids": list(dict.fromkeys(selected))}]}
    excluded = [requirement_token(r) for r in framework.requirements
                if r.status == "not_applicable"]
    if excluded:
        out["exclude-controls"] = [{"with-ids": list(dict.fromkeys(excluded))}]
    return out


def profile(ctx: Context) -> dict[str, Any]:
    """Return the profile of the requirements in scope (validated)."""
    m = ctx.model
    metadata = ctx.metadata(f"{m.legal_name}: requirements in scope as of {m.as_of}")
    remarks = _not_applicable_remarks(ctx)
    if remarks:
        metadata["remarks"] = remarks
    imports = [i for i in (_import(f) for f in m.frameworks) if i is not None]
    body = {"uuid": stable_uuid("profile", m.package_name), "metadata": metadata,
            "imports": imports, "merge": {"as-is": True}}
    return checked({"profile": body}, "profile")
