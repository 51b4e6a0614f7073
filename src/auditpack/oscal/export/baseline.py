"""The package's baseline: its catalogs as OSCAL, and a profile selecting the requirements in scope.

The SSP's `import-profile` points at `profile.json`, which imports each catalog from
`catalogs/<catalog id>.json` beside it (relative hrefs, so the package resolves offline)
and includes the requirements in scope by their OSCAL control ids. Requirements that do
not apply are excluded by id, and the profile's remarks give the reasons.
"""

from __future__ import annotations

from typing import Any

from ...errors import AuditpackError
from ...frameworks.library import builtin_catalog_path
from ...frameworks.loader import load_catalog
from ...frameworks.model import Catalog
from ...package.model import FrameworkView
from ..uuids import stable_uuid
from ..validate import OSCAL_VERSION
from .document import Context, checked, framework_name, requirement_token, text

PROFILE_FILE = "profile.json"
CATALOGS = "catalogs"
EPOCH = "2000-01-01T00:00:00Z"


def catalog_file(framework: FrameworkView) -> str:
    """Where the package's OSCAL catalog of a framework is, relative to oscal/."""
    return f"{CATALOGS}/{framework.id}.json"


def _builtin(framework: FrameworkView) -> Catalog | None:
    """The built-in catalog of a framework, if it is one (same id and version).

    The package model does not carry its catalogs, so they are read again here; a
    workspace's own catalog is not found and gets `requirements_catalog` instead.
    """
    path = builtin_catalog_path(framework.id)
    if not path.is_file():
        return None
    try:
        catalog = load_catalog(path)
    except AuditpackError:
        return None
    return catalog if catalog.version == framework.version else None


def framework_catalog(framework: FrameworkView) -> dict[str, Any]:
    """A framework's catalog as an OSCAL catalog document (validated)."""
    from ..catalog_export import export_catalog  # it imports this package's document module

    catalog = _builtin(framework)
    return export_catalog(catalog) if catalog is not None else requirements_catalog(framework)


def requirements_catalog(framework: FrameworkView) -> dict[str, Any]:
    """An OSCAL catalog of the framework's requirements in the package, one control each.

    For a catalog auditpack cannot read back from the model (a workspace's own): its
    headings are not in the package, so its requirements stand side by side.
    """
    controls = []
    for req in framework.requirements:
        token = requirement_token(req)
        control: dict[str, Any] = {"id": token, "title": text(req.title, req.id),
                                   "props": [{"name": "label", "value": req.id}]}
        if req.text and req.text.strip():
            control["parts"] = [{"id": f"{token}_smt", "name": "statement",
                                 "prose": req.text.strip()}]
        controls.append(control)
    unique = list({c["id"]: c for c in controls}.values())
    metadata: dict[str, Any] = {
        "title": text(framework_name(framework), framework.id), "last-modified": EPOCH,
        "version": text(framework.version, "1"), "oscal-version": OSCAL_VERSION,
        "remarks": (f"The requirements of {framework.id} in this package, written by auditpack "
                    "from the package model (the catalog's headings are not in it).")}
    if framework.source:
        metadata["links"] = [{"href": framework.source, "rel": "canonical"}]
    body: dict[str, Any] = {"uuid": stable_uuid("catalog", framework.id, framework.version),
                            "metadata": metadata}
    if unique:
        body["controls"] = unique
    return checked({"catalog": body}, "catalog")


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
