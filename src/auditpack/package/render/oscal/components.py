"""The component definition: one component per party, with the requirements it implements.

A party implements a requirement through the controls its people are Responsible for
(Accountable when a control names no Responsible). Each implemented requirement carries
the controls' statements and `responsible-roles` from the RACI.
"""

from __future__ import annotations

from typing import Any

from ....oscal.uuids import stable_uuid
from ...model.views import ControlView, PartyView, RequirementView
from .baseline import catalog_file
from .document import Context, checked, framework_name, prop, requirement_token, text


def implemented_controls(ctx: Context, req: RequirementView) -> list[ControlView]:
    """The controls that implement a requirement in this package (not the inapplicable ones)."""
    found = [ctx.controls[c] for c in req.controls if c in ctx.controls]
    return [c for c in found if c.status not in ("not_applicable", "out_of_scope")]


def describe(controls: list[ControlView]) -> str:
    """The controls' statements, one paragraph each, headed by the control's id and title."""
    return "\n\n".join(f"{c.id} {c.title}: {text(c.statement, c.title)}" for c in controls)


def control_props(controls: list[ControlView], req: RequirementView) -> list[dict[str, Any]]:
    """Props naming the requirement as published and the auditpack controls behind it."""
    props = [prop("requirement", req.id), prop("catalog", req.catalog)]
    props += [prop("control", c.id) for c in controls]
    return props


def _component(ctx: Context, party: PartyView) -> dict[str, Any]:
    """One party as a component, with its implemented requirements per framework."""
    implementations = []
    for framework in ctx.model.frameworks:
        rows = []
        for req in framework.requirements:
            mine = [c for c in implemented_controls(ctx, req) if party in ctx.implementers(c)]
            if not mine:
                continue
            rows.append({"uuid": stable_uuid("component-requirement", party.id, req.catalog, req.id),
                         "control-id": requirement_token(req), "description": describe(mine),
                         "props": control_props(mine, req),
                         **({"responsible-roles": roles}
                            if (roles := ctx.responsible_roles(mine)) else {})})
        if rows:
            implementations.append({
                "uuid": stable_uuid("component-implementation", party.id, framework.id),
                "source": catalog_file(framework),
                "description": f"{party.name}'s part in meeting {framework_name(framework)}.",
                "props": [prop("catalog", framework.id)],
                "implemented-requirements": rows})
    kind = "the organisation's internal team" if party.kind == "internal" else "a provider"
    services = f" Services: {', '.join(party.services)}." if party.services else ""
    component: dict[str, Any] = {
        "uuid": ctx.component_uuid(party), "type": "service", "title": text(party.name, party.id),
        "description": f"{party.name}, {kind}.{services}",
        "props": [prop("party-kind", party.kind)],
        "responsible-roles": [{"role-id": "provider" if party.kind == "provider" else "responsible",
                               "party-uuids": [ctx.party_uuid(party)]}]}
    if implementations:
        component["control-implementations"] = implementations
    return component


def component_definition(ctx: Context) -> dict[str, Any]:
    """Return the component-definition document (validated)."""
    m = ctx.model
    body: dict[str, Any] = {
        "uuid": stable_uuid("component-definition", m.package_name),
        "metadata": ctx.metadata(f"{m.legal_name}: parties and the requirements they implement")}
    if m.parties:
        body["components"] = [_component(ctx, party) for party in m.parties]
    return checked({"component-definition": body}, "component-definition")
