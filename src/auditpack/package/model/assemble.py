"""Assemble the package's model from a workspace, its store and the catalogs."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ... import __version__
from ...errors import WorkspaceError
from ...evidence.checks.access import known_review
from ...evidence.checks.engine import plan_checks
from ...evidence.checks.model import SEVERITY, ControlResult
from ...evidence.sources import load_sources
from ...evidence.store import STORE_DIR, EvidenceStore
from ...requests.store import list_path
from ...workspace.coverage import FrameworkCoverage, coverage
from ...workspace.escalation import months_before
from ...workspace.loader import Workspace
from ...workspace.review import Review, validate_workspace
from ...workspace.scope_decisions import approval_text
from .access import access_input, assemble_access, run_access_review
from .evidence_files import evidence_refs
from .poam import poam_items
from .pseudonymise import NameTable, pseudonymise_model
from .requests import load_request_list, request_list_view
from .views import (
    ControlView,
    EvidenceRef,
    ExceptionView,
    ExclusionView,
    FrameworkView,
    NeedView,
    NotApplicableView,
    PackageModel,
    PersonView,
    RequirementView,
)
from .workspace_views import (
    escalation_views,
    function_title,
    notification_views,
    owners,
    party_views,
    people,
    person_view,
    raci_views,
    statement,
)

SHORT = {"ftc-safeguards": "ftc", "nist-csf-2.0": "csf", "cis-controls-v8": "cis",
         "pci-dss-4.0.1": "pci", "nist-sp-800-207": "zt", "hipaa-security": "hipaa"}
Period = tuple[dt.date, dt.date]


@dataclass
class Assembled:
    """The model, and the store it refers to (for copying evidence files)."""

    model: PackageModel
    store: EvidenceStore
    workspace: Workspace
    names: NameTable | None = None   # client and matter names to pseudonymise in evidence files

    def close(self) -> None:
        """Close the store; remove it when it was only an empty stand-in."""
        close_store(self.store)


def close_store(store: EvidenceStore) -> None:
    """Close a store; remove it when it was only an empty stand-in."""
    store.close()
    if store.root.name.startswith(EMPTY_STORE_PREFIX):
        shutil.rmtree(store.root, ignore_errors=True)


def build_time(as_of: dt.date) -> dt.datetime:
    """Return the package's timestamp: SOURCE_DATE_EPOCH when set, else the as-of date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc)


def package_name(slug: str, frameworks: list[str], as_of: dt.date) -> str:
    """Return <org>-<scope>-<as-of>, ASCII."""
    scope = "-".join(SHORT.get(f.split("@")[0], f.split("@")[0]) for f in frameworks)
    return re.sub(r"[^a-z0-9.-]+", "-", f"{slug}-{scope}-{as_of.isoformat()}".lower())


EMPTY_STORE_PREFIX = "auditpack-empty-store-"


def open_store(root: Path) -> EvidenceStore:
    """Open the workspace's store; with none yet, an empty one that nothing will write to."""
    if (root / STORE_DIR / "index.sqlite").exists():
        return EvidenceStore.open(root)
    return EvidenceStore(Path(tempfile.mkdtemp(prefix=EMPTY_STORE_PREFIX)))


def verify_store(root: Path) -> None:
    """Verify the workspace's store's custody log and recorded heads (IntegrityError)."""
    store = open_store(root)
    try:
        store.verified_head()
    finally:
        close_store(store)


def assemble_model(root: Path, frameworks: list[str] | None = None,
                   as_of: dt.date | None = None, period: Period | None = None,
                   requests: str | None = None, reveal_names: bool = False) -> Assembled:
    """Check the workspace, run the checks from the store, and describe everything.

    With `requests` (a list id in the workspace's requests/), the model also answers that
    examiner request list. Client and matter names are pseudonymised as the last step,
    unless `reveal_names`. The store stays open, in the result (`Assembled.close`).
    """
    request_list = load_request_list(root, requests) if requests else None  # fail fast
    review = validate_workspace(root, as_of)  # every check and rule judges at this day
    ws = review.workspace
    chosen = _frameworks(ws, frameworks)
    day = as_of or ws.as_of
    span = period or (months_before(day, 12) + dt.timedelta(days=1), day)  # the year to as-of
    store = open_store(root)
    try:
        plan = plan_checks(ws, load_sources(ws), store, span)
        run = run_access_review(ws, store, access_input(ws, store, plan.latest))
        known = known_review(run.data, run.review) if run.review is not None else None
        results = {r.control: r for r in plan.run(known)}  # the review runs once, not twice
        controls = _controls(ws, results)
        evidence = evidence_refs(ws, store, {e for c in controls for e in c.evidence},
                                 plan.items)
        model = _model(review, chosen, day, span, controls, evidence)
        if request_list is not None:  # before any pass that rewrites the whole model
            model = model.model_copy(update={"requests": request_list_view(
                model, request_list, str(list_path(root, str(requests))))})
        access = assemble_access(ws, store, controls, [f.id for f in model.frameworks],
                                 run=run)
        names = access.names.view(not reveal_names) if access.names else None
        model = model.model_copy(update={"access": access.view, "names": names})
        if access.names is not None and not reveal_names:  # last: every text of the model
            return Assembled(pseudonymise_model(model, access.names), store, ws, access.names)
        return Assembled(model, store, ws)
    except BaseException:
        close_store(store)
        raise


def _model(review: Review, chosen: list[str], day: dt.date, span: Period,
           controls: list[ControlView], evidence: list[EvidenceRef]) -> PackageModel:
    """Describe the workspace, its frameworks, controls and evidence (no requests, no access)."""
    ws = review.workspace
    org = ws.file.organization
    approvals = {n.control: approval_text(ws.file, n.approved_by, n.approved_on)
                 for n in ws.file.controls.not_applicable}
    raci_people, raci_rows = raci_views(ws.file)
    prepared, signer = _signatories(ws)
    return PackageModel(
        tool_version=__version__, package_name=package_name(org.slug, chosen, day),
        built_at=build_time(day), legal_name=org.legal_name, short_name=org.short_name,
        industry=org.industry, headcount=org.headcount, locations=org.locations,
        regulators=org.regulators, as_of=day, period_start=span[0], period_end=span[1],
        prepared_by=prepared, signer=signer,
        cis_implementation_group=ws.file.scope.cis_implementation_group
        if any(f.startswith("cis-") for f in chosen) else None,
        pci_entity_type=ws.file.scope.pci.entity_type if ws.file.scope.pci else None,
        exclusions=tuple(ExclusionView(catalog=e.catalog, requirements=e.requirements,
                                       reason=e.reason,
                                       approved=approval_text(ws.file, e.approved_by,
                                                              e.approved_on))
                         for e in ws.file.scope.exclusions),
        parties=party_views(ws.file), raci_people=raci_people, raci=raci_rows,
        escalation=escalation_views(ws.file, list(review.findings)),
        notifications=notification_views(ws.file),
        frameworks=tuple(_framework(ws, fc, {c.id: c for c in controls})
                         for fc in coverage(ws, chosen)),
        controls=tuple(controls), evidence=tuple(evidence),
        poam=poam_items(ws, controls, list(review.findings), prepared, day),
        not_applicable=tuple(NotApplicableView(control=c.id, title=c.title,
                                               reason=c.not_applicable_reason or "",
                                               approved=approvals.get(c.id))
                             for c in controls if c.status == "not_applicable"),
        out_of_scope=tuple(NotApplicableView(control=c.id, title=c.title,
                                             reason=c.not_applicable_reason or "")
                           for c in controls if c.status == "out_of_scope"),
        control_status_counts=_counts(controls))


def _frameworks(ws: Workspace, asked: list[str] | None) -> list[str]:
    """Return the frameworks to report on: all in scope, or the ones asked for."""
    scope = list(ws.file.scope.frameworks)
    for ref in asked or []:
        if ref not in scope:
            raise WorkspaceError(f"'{ref}' is not in this workspace's scope", "--framework",
                                 f"use one of: {', '.join(scope)}")
    return list(asked) if asked else scope


def _controls(ws: Workspace, results: dict[str, ControlResult]) -> list[ControlView]:
    """Describe every control with its statement, owners and results."""
    out = []
    for control in ws.controls.controls:
        accountable, responsible = owners(ws.file, control)
        result = results.get(control.id)
        reason = ws.not_applicable.get(control.id) or ws.out_of_scope.get(control.id)
        status = (result.status if result else
                  "not_applicable" if control.id in ws.not_applicable else "out_of_scope")
        needs = tuple(NeedView(kind=n.kind, description=need.description, check=n.check,
                               status=n.status, summary=n.summary, evidence=n.evidence,
                               figures=n.figures, max_age_days=control.max_age_days(need),
                               exceptions=tuple(ExceptionView(control=control.id, subject=e.subject,
                                                              detail=e.detail, category=e.category)
                                                for e in n.exceptions))
                      for n, need in zip(result.needs, control.evidence)) if result else ()
        out.append(ControlView(id=control.id, title=control.title, statement=statement(ws, control),
                               function=function_title(control.function),
                               frequency=control.frequency, status=status,
                               accountable=accountable, responsible=responsible, needs=needs,
                               satisfies=control.satisfies, not_applicable_reason=reason,
                               origin=control.origin))
    return out


def _framework(ws: Workspace, fc: FrameworkCoverage,
               controls: dict[str, ControlView]) -> FrameworkView:
    """Describe one framework: its requirements, their coverage and the controls' status."""
    cat = ws.catalogs.get(fc.catalog)
    rows = []
    for r in fc.requirements:
        req = cat.requirement(r.requirement)
        statuses = [str(controls[c].status) for c in r.controls if c in controls]
        worst = min(statuses, key=lambda s: SEVERITY.get(s, 9)) if statuses else ""
        if r.status in ("covered", "via_crosswalk") and worst in SEVERITY:
            status = worst
        else:
            status = r.status if r.status in ("not_applicable", "organisational") else "uncovered"
        rows.append(RequirementView.model_validate({
            "catalog": fc.catalog, "id": r.requirement, "title": req.label,
            "text": req.text if req.title else None, "text_source": req.text_source,
            "coverage": r.status, "controls": r.controls, "via": r.via, "reason": r.reason,
            "status": status, "oscal_id": req.attributes.get("oscal_id")}))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    in_scope = [r for r in rows if r.status != "not_applicable"]
    ready = sum(1 for r in in_scope if r.status == "pass")
    evidenced = sum(1 for r in in_scope if r.status in ("pass", "not_tested"))
    return FrameworkView(id=cat.id, title=cat.title, version=cat.version,
                         publisher=cat.publisher, license_name=cat.license_name,
                         source=cat.source,
                         counts=fc.counts, status_counts=counts,
                         readiness_pct=round(100.0 * ready / len(in_scope), 1) if in_scope else 100.0,
                         evidenced_pct=round(100.0 * evidenced / len(in_scope), 1)
                         if in_scope else 100.0,
                         requirements=tuple(rows))


def _signatories(ws: Workspace) -> tuple[PersonView | None, PersonView | None]:
    """Return who prepared the package (compliance documentation's A) and who signs it off."""
    row = ws.file.raci.functions.get("compliance_documentation")
    prepared = people(ws.file, row.A)[0] if row and people(ws.file, row.A) else None
    qualified = [p for party in ws.file.parties for p in party.people
                 if "qualified individual" in p.role.casefold()]
    if qualified:
        party = next(pt for pt in ws.file.parties if qualified[0] in pt.people)
        return prepared, person_view(party, qualified[0])
    risk = ws.file.raci.functions.get("risk_assessment")
    signer = people(ws.file, risk.A)[0] if risk and people(ws.file, risk.A) else prepared
    return prepared, signer


def _counts(controls: list[ControlView]) -> dict[str, int]:
    """Count controls by status."""
    order = ("pass", "fail", "stale", "missing", "not_tested", "not_applicable", "out_of_scope")
    return {s: sum(1 for c in controls if c.status == s) for s in order}
