"""Coverage: which in-scope requirements the organisation's controls satisfy, and how."""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..frameworks.mapping import Edge, Node, graph
from ..frameworks.model import Catalog, Requirement
from .loader import Workspace
from .model import Scope

Status = Literal["covered", "via_crosswalk", "organisational", "not_applicable", "uncovered"]
STATUSES: tuple[Status, ...] = ("covered", "via_crosswalk", "organisational", "not_applicable",
                                "uncovered")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RequirementCoverage(_Frozen):
    """One assessable requirement: its status, the controls behind it, and the reason."""

    catalog: str
    requirement: str
    title: str
    status: Status
    controls: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    reason: str | None = None


class FrameworkCoverage(_Frozen):
    """Coverage of one framework in scope."""

    catalog: str
    title: str
    version: str
    counts: dict[str, int]
    requirements: tuple[RequirementCoverage, ...]

    @property
    def in_scope(self) -> int:
        """Return the number of requirements in scope (all but not applicable)."""
        return sum(v for k, v in self.counts.items() if k != "not_applicable")


def scope_reason(cat: Catalog, req: Requirement, scope: Scope) -> str | None:
    """Return why a requirement is out of scope, or None when it is in scope."""
    for exc in scope.exclusions:
        if exc.catalog.split("@")[0] == cat.id and _under(cat, req.id, set(exc.requirements)):
            return exc.reason
    attrs = req.attributes
    ig = scope.cis_implementation_group
    if "implementation_groups" in attrs and ig not in attrs["implementation_groups"]:
        return f"not in CIS implementation group {ig} (scope: IG{ig})"
    pci = scope.pci
    if pci is not None and cat.id.startswith("pci-dss"):
        if attrs.get("service_providers_only") and pci.entity_type != "service_provider":
            return "applies to service providers only; the organisation is a merchant"
        if attrs.get("appendix") == "A1" and not pci.multi_tenant_provider:
            return "Appendix A1 applies to multi-tenant service providers only"
        if attrs.get("appendix") == "A3" and not pci.designated_entity:
            return "Appendix A3 applies to designated entities (DESV) only"
    return None


def _under(cat: Catalog, req_id: str, roots: set[str]) -> bool:
    """Tell whether a requirement is one of `roots` or below one of them."""
    current: str | None = req_id
    while current is not None:
        if current in roots:
            return True
        current = cat.requirement(current).parent
    return False


def coverage(ws: Workspace, frameworks: list[str] | None = None) -> list[FrameworkCoverage]:
    """Compute coverage for each framework in scope (or the ones asked for)."""
    direct: dict[tuple[str, str], list[str]] = defaultdict(list)
    na: dict[tuple[str, str], list[str]] = defaultdict(list)
    for ctl in ws.controls.controls:
        target = na if ctl.id in ws.not_applicable else direct
        for cat_id, ids in ctl.satisfies.items():
            for rid in ids:
                target[(cat_id, rid)].append(ctl.id)
    org_only = {(o.catalog, o.requirement): o.reason for o in ws.controls.organisational_only}
    edges = graph(ws.catalogs)
    result = []
    for ref in frameworks or list(ws.file.scope.frameworks):
        cat = ws.catalogs.get(ref)
        rows = tuple(_row(ws, cat, r, direct, na, org_only, edges) for r in cat.assessable())
        counts: dict[str, int] = {s: sum(1 for r in rows if r.status == s) for s in STATUSES}
        result.append(FrameworkCoverage(catalog=cat.id, title=cat.title, version=cat.version,
                                        counts=counts, requirements=rows))
    return result


def _row(ws: Workspace, cat: Catalog, req: Requirement,
         direct: dict[tuple[str, str], list[str]], na: dict[tuple[str, str], list[str]],
         org_only: dict[tuple[str, str], str],
         edges: dict[Node, list[Edge]]) -> RequirementCoverage:
    """Decide one requirement's status."""
    key = (cat.id, req.id)

    def row(status: Status, controls: list[str] | tuple[str, ...] = (),
            via: list[str] | tuple[str, ...] = (), reason: str | None = None) -> RequirementCoverage:
        return RequirementCoverage(catalog=cat.id, requirement=req.id, title=req.label,
                                   status=status, controls=tuple(controls), via=tuple(via),
                                   reason=reason)

    reason = scope_reason(cat, req, ws.file.scope)
    if reason:
        return row("not_applicable", reason=reason)
    if direct.get(key):
        return row("covered", direct[key])
    if na.get(key):
        return row("not_applicable", na[key],
                   reason="; ".join(f"{c}: {ws.not_applicable[c]}" for c in na[key]))
    via: dict[str, None] = {}
    controls: dict[str, None] = {}
    for edge in edges.get(key, []):
        for cid in direct.get(edge.to, []):
            via[f"{edge.to[0]} {edge.to[1]} ({edge.relationship})"] = None
            controls[cid] = None
    if controls:
        return row("via_crosswalk", list(controls), list(via))
    if key in org_only:
        return row("organisational", reason=org_only[key])
    return row("uncovered")
