"""Turn workspace objects into the package's views: people, owners, statements, escalation."""

from __future__ import annotations

from typing import Any

from ...controls.model import Control
from ...controls.statement import render_statement
from ...controls.vocabulary import it_functions
from ...findings import Finding
from ...workspace.loader import Workspace
from ...workspace.model import Party, Person, WorkspaceFile
from ...workspace.notifications import deadline_text, reached_by
from ...workspace.raci import effective_row, resolve
from ...workspace.raci_matrix import raci_matrix
from .views import (
    EscalationStepView,
    EscalationView,
    NotificationView,
    OversightView,
    PartyView,
    PersonView,
    RaciRowView,
)


def person_view(party: Party, person: Person) -> PersonView:
    """Describe a person for the package."""
    return PersonView(id=person.id, name=person.name, role=person.role, party=party.name,
                      internal=party.kind == "internal", email=person.email,
                      left_on=person.until)


def party_views(wsf: WorkspaceFile) -> tuple[PartyView, ...]:
    """Describe every party and its people."""
    return tuple(PartyView(id=p.id, name=p.name, kind=p.kind, services=p.services,
                           contract=p.contract,
                           oversight=OversightView.model_validate(p.oversight.model_dump())
                           if p.oversight else None,
                           people=tuple(person_view(p, person) for person in p.people))
                 for p in wsf.parties)


def people(wsf: WorkspaceFile, refs: tuple[str, ...]) -> tuple[PersonView, ...]:
    """Resolve RACI references to the people they name (unresolvable ones are dropped)."""
    out: list[PersonView] = []
    for ref in refs:
        out.extend(person_view(party, p) for party, p in resolve(wsf, ref).people)
    return tuple(dict.fromkeys(out))


def owners(wsf: WorkspaceFile, control: Control) -> tuple[tuple[PersonView, ...],
                                                           tuple[PersonView, ...]]:
    """Return a control's Accountable and Responsible people."""
    row = effective_row(wsf, control)
    if row is None:
        return (), ()
    return people(wsf, row.A), people(wsf, row.R)


def security_lead(wsf: WorkspaceFile) -> str:
    """Return how statements name the security program's lead.

    The workspace's own title wins; otherwise the FTC Safeguards Rule's term when that rule
    is in scope (16 CFR 314.4(a)), and a plain title for everyone else (a law firm has no
    Qualified Individual).
    """
    if wsf.organization.security_lead:
        return wsf.organization.security_lead
    ftc = any(f.split("@")[0] == "ftc-safeguards" for f in wsf.scope.frameworks)
    return "Qualified Individual" if ftc else "Information Security Officer"


def statement_context(wsf: WorkspaceFile) -> dict[str, Any]:
    """Return the organisation facts a statement may use."""
    org = wsf.organization
    internal = next((p.name for p in wsf.parties if p.kind == "internal"), org.short_name)
    provider = next((p.name for p in wsf.parties if p.kind == "provider"),
                    "the managed service provider")
    return {"org": {"legal_name": org.legal_name, "short_name": org.short_name,
                    "industry": org.industry, "headcount": org.headcount,
                    "locations": list(org.locations), "regulators": list(org.regulators),
                    "as_of": org.as_of.isoformat()},
            "internal": internal, "provider": provider, "security_lead": security_lead(wsf)}


def statement(ws: Workspace, control: Control) -> str:
    """Render a control's statement for this organisation (in the sandbox)."""
    return render_statement(control.statement, statement_context(ws.file), control.id)


def function_title(function_id: str) -> str:
    """Return an IT function's title."""
    fn = it_functions().get(function_id)
    return fn.title if fn else function_id


def raci_views(wsf: WorkspaceFile) -> tuple[tuple[PersonView, ...], tuple[RaciRowView, ...]]:
    """Return the RACI matrix's people and rows."""
    columns, rows = raci_matrix(wsf)
    index = wsf.people()
    cols = tuple(person_view(*index[c.person]) for c in columns)
    return cols, tuple(RaciRowView(key=r.key, title=r.title, letters=dict(r.letters),
                                   unresolved=r.unresolved) for r in rows)


def escalation_views(wsf: WorkspaceFile, findings: list[Finding]) -> tuple[EscalationView, ...]:
    """Describe each escalation path, with its testing finding when there is one."""
    out = []
    for path in sorted(wsf.escalation, key=lambda p: p.severity):
        note = next((f.message for f in findings if f.code in ("escalation-untested",
                     "escalation-stale") and f.subject.startswith(f"escalation {path.severity} ")),
                    None)
        out.append(EscalationView(
            severity=path.severity, name=path.name, trigger=path.trigger,
            first_responder=_name(wsf, path.first_responder),
            route=tuple(_step(wsf, s.to, s.within_minutes, s.via) for s in path.route),
            last_tested=path.last_tested, test_reference=path.test_reference, finding=note))
    return tuple(out)


def notification_views(wsf: WorkspaceFile) -> tuple[NotificationView, ...]:
    """Describe each notification clock, with the escalation levels that reach its owner."""
    out = []
    for n in wsf.notifications:
        owners = {p.id for _, p in resolve(wsf, n.owner).people}
        reached = reached_by(wsf, n)
        out.append(NotificationView(
            regulator=n.regulator, rule=n.rule, trigger=n.trigger, deadline=deadline_text(n),
            owner=_name(wsf, n.owner), via=n.via, escalation=n.escalation,
            reached_by=tuple(lvl for lvl in n.escalation if owners & reached.get(lvl, set()))))
    return tuple(out)


def _name(wsf: WorkspaceFile, ref: str) -> str:
    """Return the names a reference resolves to, or the reference itself."""
    found = resolve(wsf, ref).people
    return ", ".join(p.name for _, p in found) if found else ref


def _step(wsf: WorkspaceFile, ref: str, minutes: int, via: str | None) -> EscalationStepView:
    """Describe one escalation step."""
    found = resolve(wsf, ref).people
    if not found:
        return EscalationStepView(to=ref, role=None, party=None, within_minutes=minutes, via=via)
    party, person = found[0]
    return EscalationStepView(to=person.name, role=person.role, party=party.name,
                              within_minutes=minutes, via=via)
