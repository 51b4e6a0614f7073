"""Pydantic models of a workspace's auditpack.yaml."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Letter = Literal["R", "A", "C", "I"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organization(_Frozen):
    """The facts about the organisation that statements and the package print."""

    legal_name: str
    short_name: str
    slug: str
    industry: Literal["financial", "legal", "general"]
    headcount: int | None = None
    locations: tuple[str, ...] = ()
    regulators: tuple[str, ...] = ()
    as_of: dt.date
    security_lead: str | None = None  # how statements name the security program's lead


class PciScope(_Frozen):
    """How PCI DSS applies: merchant or service provider, and the special appendices."""

    entity_type: Literal["merchant", "service_provider"]
    multi_tenant_provider: bool = False
    designated_entity: bool = False
    saq: str | None = None
    notes: str | None = None


class Exclusion(_Frozen):
    """Requirements (with everything under them) out of scope, and why."""

    catalog: str
    requirements: tuple[str, ...]
    reason: str
    approved_by: str | None = None   # person id or party-id:role who decided it
    approved_on: dt.date | None = None


class Scope(_Frozen):
    """Frameworks in scope and what is excluded."""

    frameworks: tuple[str, ...]
    cis_implementation_group: Literal[1, 2, 3] = 3
    pci: PciScope | None = None
    exclusions: tuple[Exclusion, ...] = ()


class Person(_Frozen):
    """A named person of a party."""

    id: str
    name: str
    role: str
    email: str | None = None
    phone: str | None = None
    until: dt.date | None = None


class Oversight(_Frozen):
    """How a service provider is overseen (16 CFR 314.4(f); CSF GV.SC; CIS 15)."""

    criticality: Literal["high", "medium", "low"]
    access: str | None = None               # the information and systems it can reach
    contract_start: dt.date | None = None
    contract_end: dt.date | None = None     # None: evergreen or auto-renewing
    assurance: str | None = None            # e.g. "SOC 2 Type II"
    assurance_period_end: dt.date | None = None
    last_review: dt.date | None = None      # the last documented oversight review
    review_reference: str | None = None


class Party(_Frozen):
    """The internal team or a provider, with its people."""

    id: str
    name: str
    kind: Literal["internal", "provider"]
    services: tuple[str, ...] = ()
    contract: str | None = None
    oversight: Oversight | None = None
    people: tuple[Person, ...] = ()


class RaciRow(_Frozen):
    """Who is Responsible, Accountable, Consulted and Informed: person ids or party:role."""

    R: tuple[str, ...] = ()
    A: tuple[str, ...] = ()
    C: tuple[str, ...] = ()
    I: tuple[str, ...] = ()  # noqa: E741 - the RACI letter
    notes: str | None = None

    @field_validator("R", "A", "C", "I", mode="before")
    @classmethod
    def _as_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def letters(self) -> list[tuple[Letter, str]]:
        """Return every (letter, reference) pair in R, A, C, I order."""
        return [(k, ref) for k in ("R", "A", "C", "I") for ref in getattr(self, k)]


class Raci(_Frozen):
    """The RACI per IT function, with per-control overrides."""

    functions: dict[str, RaciRow]
    controls: dict[str, RaciRow] = Field(default_factory=dict)


class EscalationStep(_Frozen):
    """One step of an escalation route."""

    to: str
    within_minutes: int
    via: str | None = None


class EscalationPath(_Frozen):
    """A severity level's trigger, first responder, route and when it was last tested."""

    severity: Literal["P1", "P2", "P3", "P4"]
    name: str
    trigger: str
    first_responder: str
    route: tuple[EscalationStep, ...]
    last_tested: dt.date | None = None
    test_reference: str | None = None


class Notification(_Frozen):
    """A regulator's (or client's) notification clock: who files, by when, after what."""

    regulator: str
    rule: str | None = None                 # e.g. "12 CFR 748.1(c)"
    trigger: str
    within_hours: int | None = None         # None: "without unreasonable delay" and the like
    deadline: str | None = None             # the rule's own words for the deadline
    owner: str                              # person id or party-id:role who files it
    via: str | None = None
    escalation: tuple[Literal["P1", "P2", "P3", "P4"], ...] = ("P1",)  # levels that reach it


class NotApplicable(_Frozen):
    """A control the organisation does not operate, with the justification."""

    control: str
    reason: str
    approved_by: str | None = None
    approved_on: dt.date | None = None


class ControlsConfig(_Frozen):
    """Which controls apply: starter library, own files, overrides, not applicable."""

    starter: bool = True
    files: tuple[str, ...] = ()
    overrides: dict[str, dict[str, Any]] = Field(default_factory=dict)
    not_applicable: tuple[NotApplicable, ...] = ()


class EvidenceConfig(BaseModel):
    """Evidence sources (their fields belong to the collectors)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    sources: tuple[dict[str, Any], ...] = ()
    check_options: dict[str, dict[str, Any]] = Field(default_factory=dict)


class WorkspaceFile(_Frozen):
    """The whole of auditpack.yaml."""

    version: Literal[1]
    organization: Organization
    scope: Scope
    parties: tuple[Party, ...]
    raci: Raci
    escalation: tuple[EscalationPath, ...] = ()
    notifications: tuple[Notification, ...] = ()
    controls: ControlsConfig = ControlsConfig()
    evidence: EvidenceConfig = EvidenceConfig()

    def people(self) -> dict[str, tuple[Party, Person]]:
        """Index every person by id, with their party."""
        return {p.id: (party, p) for party in self.parties for p in party.people}
