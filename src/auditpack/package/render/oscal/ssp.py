"""The system security plan: the organisation as the system, its requirements by component."""

from __future__ import annotations

from typing import Any

from ....oscal.uuids import stable_uuid
from ...model.views import RequirementView
from .baseline import PROFILE_FILE
from .components import control_props, describe, implemented_controls
from .document import Context, checked, framework_name, prop, requirement_token, text

INFORMATION = {
    "financial": ("Customer financial information",
                  "Nonpublic personal information of customers and members (accounts, "
                  "transactions, identity data) protected under the FTC Safeguards Rule."),
    "legal": ("Client and matter information",
              "Client confidences, matter files and privileged communications held in the "
              "document management system."),
}
GENERAL = ("Organisational information",
           "Information the organisation processes in the course of its business.")


def implemented_requirement_uuid(req: RequirementView) -> str:
    """The SSP implemented requirement of a requirement (findings point at it)."""
    return stable_uuid("ssp-requirement", req.catalog, req.id)


def _by_components(ctx: Context, req: RequirementView) -> list[dict[str, Any]]:
    """One statement per party that implements the requirement; else the organisation's own."""
    controls = implemented_controls(ctx, req)
    out = []
    for party in ctx.model.parties:
        mine = [c for c in controls if party in ctx.implementers(c)]
        if mine:
            entry: dict[str, Any] = {
                "component-uuid": ctx.component_uuid(party),
                "uuid": stable_uuid("ssp-by-component", party.id, req.catalog, req.id),
                "description": describe(mine), "props": control_props(mine, req),
                "implementation-status": {"state": "implemented"}}
            roles = ctx.responsible_roles(mine)
            if roles:
                entry["responsible-roles"] = roles
            out.append(entry)
    if out:
        return out
    reason = ("Met by the organisation as a whole (no single control): "
              f"{req.reason or 'see the narrative'}" if req.coverage == "organisational"
              else "No control implements this requirement yet; see the POA&M.")
    return [{"component-uuid": this_system_uuid(ctx),
             "uuid": stable_uuid("ssp-by-component", "this-system", req.catalog, req.id),
             "description": reason,
             "implementation-status": {"state": "implemented" if req.coverage == "organisational"
                                       else "planned"}}]


def this_system_uuid(ctx: Context) -> str:
    """The component standing for the organisation as a whole."""
    return stable_uuid("this-system", ctx.model.package_name)


def _components(ctx: Context) -> list[dict[str, Any]]:
    m = ctx.model
    out: list[dict[str, Any]] = [{
        "uuid": this_system_uuid(ctx), "type": "this-system", "title": text(m.legal_name, "system"),
        "description": f"{m.legal_name}'s information security programme, as a whole.",
        "status": {"state": "operational"}}]
    for party in m.parties:
        out.append({"uuid": ctx.component_uuid(party), "type": "service",
                    "title": text(party.name, party.id),
                    "description": (f"{party.name}, the internal team." if party.kind == "internal"
                                    else f"{party.name}, a provider."),
                    "props": [prop("party-kind", party.kind)],
                    "status": {"state": "operational"}})
    return out


def _users(ctx: Context) -> list[dict[str, Any]]:
    """One user entry per party: its people act in the RACI roles they hold."""
    out = []
    for party in ctx.model.parties:
        out.append({"uuid": stable_uuid("ssp-user", party.id), "title": text(party.name, party.id),
                    "description": "; ".join(f"{p.name} ({p.role})" for p in party.people)
                    or party.name,
                    "props": [prop("party-kind", party.kind)]})
    return out or [{"uuid": stable_uuid("ssp-user", "organisation"), "title": "Staff"}]


def _characteristics(ctx: Context) -> dict[str, Any]:
    m = ctx.model
    title, description = INFORMATION.get(m.industry, GENERAL)
    scope = "; ".join(framework_name(f) for f in m.frameworks)
    where = ", ".join(m.locations)
    return {
        "system-ids": [{"identifier-type": "https://ietf.org/rfc/rfc4122", "id": ctx.org_uuid}],
        "system-name": text(m.legal_name, "the organisation"),
        "system-name-short": text(m.short_name, m.legal_name),
        "description": (f"{m.legal_name} ({m.industry}) treated as one system: its information "
                        f"security programme, assessed against {scope} as of {m.as_of}."),
        "system-information": {"information-types": [{
            "uuid": stable_uuid("information-type", m.industry), "title": title,
            "description": description}]},
        "status": {"state": "operational"},
        "authorization-boundary": {"description": (
            f"The whole organisation{f' at {where}' if where else ''}, with the services its "
            f"providers run for it ({', '.join(p.name for p in m.parties if p.kind == 'provider') or 'none'}).")},
    }


def system_security_plan(ctx: Context) -> dict[str, Any]:
    """Return the system-security-plan document (validated)."""
    m = ctx.model
    reqs = [r for r in ctx.requirements() if r.status != "not_applicable"]
    left_out = len(ctx.requirements()) - len(reqs)
    description = ("Every requirement the profile selects, with the statements of the controls "
                   "that implement it, by the party that carries them out.")
    if left_out:
        description += (f" {left_out} requirement(s) that do not apply are excluded by the "
                        f"profile ({PROFILE_FILE}), whose remarks give the reasons.")
    body: dict[str, Any] = {
        "uuid": stable_uuid("system-security-plan", m.package_name),
        "metadata": ctx.metadata(f"{m.legal_name}: system security plan as of {m.as_of}"),
        "import-profile": {"href": PROFILE_FILE},
        "system-characteristics": _characteristics(ctx),
        "system-implementation": {"users": _users(ctx), "components": _components(ctx)},
        "control-implementation": {
            "description": description,
            "implemented-requirements": [{
                "uuid": implemented_requirement_uuid(r), "control-id": requirement_token(r),
                "props": [prop("requirement", r.id), prop("catalog", r.catalog),
                          prop("coverage", r.coverage)],
                "by-components": _by_components(ctx, r)} for r in reqs]},
    }
    return checked({"system-security-plan": body}, "system-security-plan")
