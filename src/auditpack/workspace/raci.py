"""RACI: resolve each letter to named people and find what an examiner would write up."""

from __future__ import annotations

from dataclasses import dataclass

from ..controls.model import Control
from ..controls.vocabulary import it_functions
from ..findings import Finding
from .model import Party, Person, RaciRow, WorkspaceFile


@dataclass(frozen=True)
class Resolved:
    """The people a RACI reference names (empty when it names nobody), and why not."""

    ref: str
    people: tuple[tuple[Party, Person], ...]
    problem: str | None = None


def resolve(wsf: WorkspaceFile, ref: str) -> Resolved:
    """Resolve 'person-id' or 'party-id:role' to people; a bare party id names no person."""
    people = wsf.people()
    if ref in people:
        return Resolved(ref, (people[ref],))
    party_id, _, role = ref.partition(":")
    party = next((p for p in wsf.parties if p.id == party_id), None)
    if party is None:
        return Resolved(ref, (), f"'{ref}' is not a person or a party")
    if not role:
        return Resolved(ref, (), f"'{ref}' names the company {party.name}, not a person")
    match = tuple((party, p) for p in party.people if p.role.casefold() == role.casefold())
    if not match:
        return Resolved(ref, (), f"nobody at {party.name} has the role '{role}'")
    return Resolved(ref, match)


def row_findings(wsf: WorkspaceFile, row: RaciRow, subject: str,
                 regulatory: bool) -> list[Finding]:
    """Apply the RACI rules to one row (a function's, or a control's override)."""
    out: list[Finding] = []
    if not row.A:
        out.append(Finding(code="raci-no-accountable", severity="high", subject=subject,
                           message="no one is Accountable",
                           fix="name exactly one Accountable person"))
    elif len(row.A) > 1:
        out.append(Finding(code="raci-several-accountable", severity="high", subject=subject,
                           message=f"{len(row.A)} Accountable entries ({', '.join(row.A)})",
                           fix="keep exactly one Accountable; make the others R or C"))
    if not row.R:
        out.append(Finding(code="raci-no-responsible", severity="high", subject=subject,
                           message="no one is Responsible",
                           fix="name at least one Responsible person"))
    for letter, ref in row.letters():
        out.extend(_letter_findings(wsf, letter, resolve(wsf, ref), subject, regulatory))
    return out


def _letter_findings(wsf: WorkspaceFile, letter: str, res: Resolved, subject: str,
                     regulatory: bool) -> list[Finding]:
    """Check that one letter names a current person (and an internal one when it must)."""
    if res.problem:
        return [Finding(code="raci-unresolved", severity="high", subject=subject,
                        message=f"{letter} {res.problem}",
                        fix="name a person id, or party-id:role of a named person")]
    out: list[Finding] = []
    as_of = wsf.organization.as_of
    gone = [p for _, p in res.people if p.until is not None and p.until < as_of]
    for person in gone:
        out.append(Finding(code="raci-person-left", severity="high", subject=subject,
                           message=f"{letter} {person.name} left on {person.until}",
                           fix="assign a current person"))
    if letter == "A" and regulatory and any(party.kind != "internal" for party, _ in res.people):
        names = ", ".join(f"{p.name} ({party.name})" for party, p in res.people)
        out.append(Finding(code="raci-accountable-external", severity="high", subject=subject,
                           message=f"regulatory function is accountable to a provider: {names}",
                           fix="make an internal person Accountable; the provider may be R"))
    return out


def raci_findings(wsf: WorkspaceFile, controls: list[Control]) -> list[Finding]:
    """Check every RACI row, control override, and controls whose function has no row."""
    functions = it_functions()
    out: list[Finding] = []
    for fid, row in wsf.raci.functions.items():
        fn = functions.get(fid)
        out.extend(row_findings(wsf, row, f"function {fn.title if fn else fid}",
                                bool(fn and fn.regulatory)))
    by_id = {c.id: c for c in controls}
    for cid, row in wsf.raci.controls.items():
        fn = functions.get(by_id[cid].function) if cid in by_id else None
        out.extend(row_findings(wsf, row, f"control {cid}", bool(fn and fn.regulatory)))
    missing: dict[str, list[str]] = {}
    for ctl in controls:
        if ctl.function not in wsf.raci.functions and ctl.id not in wsf.raci.controls:
            missing.setdefault(ctl.function, []).append(ctl.id)
    for fid, ids in missing.items():
        title = functions[fid].title if fid in functions else fid
        out.append(Finding(code="raci-function-missing", severity="medium",
                           subject=f"function {title}",
                           message=f"no RACI row, but {len(ids)} control(s) belong to it: "
                                   + ", ".join(ids[:8]) + (" …" if len(ids) > 8 else ""),
                           fix=f"add raci.functions.{fid} with R and A"))
    return out


def effective_row(wsf: WorkspaceFile, control: Control) -> RaciRow | None:
    """Return the RACI row that governs a control: its override, else its function's."""
    return wsf.raci.controls.get(control.id) or wsf.raci.functions.get(control.function)
