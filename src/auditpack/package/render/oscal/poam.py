"""The plan of action and milestones: one POA&M item (and its risk) per package finding."""

from __future__ import annotations

from typing import Any

from ....oscal.uuids import stable_uuid
from ...model.views import PoamItem
from .assessment import SSP_FILE, evidence_resources, expiry, observation, observation_uuid
from .document import Context, checked, prop, text, timestamp


def _risk(item: PoamItem) -> dict[str, Any]:
    """The finding as an open risk, due by its deadline, with the planned remediation."""
    risk: dict[str, Any] = {
        "uuid": stable_uuid("risk", item.id), "title": text(f"{item.id} {item.subject}", item.id),
        "description": text(item.finding, item.subject),
        "statement": f"{item.severity.capitalize()} severity finding from the {item.source} review.",
        "props": [prop("severity", item.severity)],
        "status": item.status, "deadline": timestamp(item.due),
        "remediations": [{"uuid": stable_uuid("remediation", item.id), "lifecycle": "planned",
                          "title": f"Remediate {item.id}",
                          "description": text(item.remediation, "to be decided"),
                          "props": [prop("owner", item.owner)]}]}
    if item.evidence:
        risk["related-observations"] = [{"observation-uuid": observation_uuid(e)}
                                        for e in item.evidence]
    return risk


def _item(item: PoamItem) -> dict[str, Any]:
    props = [prop("finding-id", item.id), prop("severity", item.severity),
             prop("source", item.source), prop("owner", item.owner),
             prop("due", item.due.isoformat()), prop("status", item.status)]
    if item.control:
        props.append(prop("control", item.control))
    entry: dict[str, Any] = {
        "uuid": stable_uuid("poam-item", item.id), "title": text(f"{item.id} {item.subject}", item.id),
        "description": text(item.finding, item.subject), "props": props,
        "related-risks": [{"risk-uuid": stable_uuid("risk", item.id)}],
        "remarks": (f"Remediation: {item.remediation.rstrip('.')}. Owner: {item.owner}. "
                    f"Due {item.due}.")}
    if item.evidence:
        entry["related-observations"] = [{"observation-uuid": observation_uuid(e)}
                                         for e in item.evidence]
    return entry


def plan_of_action(ctx: Context) -> dict[str, Any]:
    """Return the plan-of-action-and-milestones document (validated)."""
    m = ctx.model
    items = list(m.poam)
    cited = {e for item in items for e in item.evidence}
    refs = [e for e in m.evidence if e.evidence_id in cited]
    # an item may cite evidence that is not in the package: it is then named, not linked
    linked = {e.evidence_id for e in refs}
    items = [i.model_copy(update={"evidence": tuple(e for e in i.evidence if e in linked)})
             for i in items]
    expires = expiry(ctx)
    body: dict[str, Any] = {
        "uuid": stable_uuid("plan-of-action-and-milestones", m.package_name),
        "metadata": ctx.metadata(f"{m.legal_name}: plan of action and milestones as of {m.as_of}"),
        "import-ssp": {"href": SSP_FILE},
        "system-id": {"identifier-type": "https://ietf.org/rfc/rfc4122", "id": ctx.org_uuid}}
    if refs:
        body["observations"] = [observation(e, expires.get(e.evidence_id)) for e in refs]
    if items:
        body["risks"] = [_risk(i) for i in items]
    # OSCAL requires at least one item: a clean package says so in a marked placeholder
    body["poam-items"] = [_item(i) for i in items] or [{
        "uuid": stable_uuid("poam-item", "none"), "title": "No open findings",
        "description": f"auditpack found nothing to remediate as of {m.as_of}.",
        "props": [prop("placeholder", "true")]}]
    if refs:
        body["back-matter"] = {"resources": evidence_resources(refs)}
    return checked({"plan-of-action-and-milestones": body}, "plan-of-action-and-milestones")
