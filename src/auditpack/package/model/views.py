"""Everything the package's documents show, assembled once and rendered by each writer.

The DOCX and XLSX writers read only this model: they never reach back into the
workspace, the store or the catalogs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .access_views import AccessView, NamesView, Rendition
from .request_views import RequestListView

CheckStatus = Literal["pass", "fail", "stale", "missing", "not_tested"]
CoverageStatus = Literal["covered", "via_crosswalk", "organisational", "not_applicable",
                         "uncovered"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonView(_Frozen):
    """A named person, with role and party."""

    id: str
    name: str
    role: str
    party: str
    internal: bool
    email: str | None = None
    left_on: dt.date | None = None


class OversightView(_Frozen):
    """How a provider is overseen: criticality, access, contract, assurance, last review."""

    criticality: Literal["high", "medium", "low"]
    access: str | None = None
    contract_start: dt.date | None = None
    contract_end: dt.date | None = None
    assurance: str | None = None
    assurance_period_end: dt.date | None = None
    last_review: dt.date | None = None
    review_reference: str | None = None


class PartyView(_Frozen):
    """The internal team or a provider, with its people."""

    id: str
    name: str
    kind: Literal["internal", "provider"]
    services: tuple[str, ...] = ()
    contract: str | None = None
    oversight: OversightView | None = None
    people: tuple[PersonView, ...] = ()


class EvidenceRef(_Frozen):
    """One evidence file in the package (the same E-id everywhere)."""

    evidence_id: str
    path: str                      # inside the package, e.g. evidence/E-0001_entra-mfa.csv
    sha256: str
    size: int
    source: str
    collector: str
    kind: str | None
    original_name: str
    media_type: str
    collected_at: dt.datetime
    as_of: dt.date
    covers_start: dt.date | None = None
    covers_end: dt.date | None = None
    supplied_by: str | None = None  # the party's name
    record_count: int | None = None
    derived_from: str | None = None
    parameters: dict[str, Any] = Field(default_factory=dict)
    rendition: Rendition | None = None  # set when the file is a pseudonymised rendition


class ExceptionView(_Frozen):
    """A named exception found by a check."""

    control: str
    subject: str
    detail: str
    category: str


class NeedView(_Frozen):
    """One evidence need of a control and how it was tested."""

    kind: str
    description: str
    check: str | None
    status: CheckStatus
    summary: str
    evidence: tuple[str, ...] = ()
    figures: dict[str, Any] = Field(default_factory=dict)
    exceptions: tuple[ExceptionView, ...] = ()
    max_age_days: int | None = None  # how old its evidence may be (None: event-driven)


class ControlView(_Frozen):
    """A control as the examiner reads it: statement for this organisation, owners, results."""

    id: str
    title: str
    statement: str
    function: str                  # the IT function's title
    frequency: str
    status: CheckStatus | Literal["not_applicable", "out_of_scope"]
    accountable: tuple[PersonView, ...] = ()
    responsible: tuple[PersonView, ...] = ()
    needs: tuple[NeedView, ...] = ()
    satisfies: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    not_applicable_reason: str | None = None
    origin: Literal["starter", "workspace"] = "starter"

    @property
    def evidence(self) -> tuple[str, ...]:
        """Return every evidence id this control's results rest on."""
        return tuple(dict.fromkeys(e for n in self.needs for e in n.evidence))


class RequirementView(_Frozen):
    """One assessable requirement in scope: coverage and the worst status of its controls."""

    catalog: str
    id: str
    title: str
    text: str | None
    text_source: str | None
    coverage: CoverageStatus
    controls: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    reason: str | None = None
    status: CheckStatus | Literal["not_applicable", "uncovered", "organisational"]
    oscal_id: str | None = None    # the OSCAL control id, for catalogs imported from OSCAL


class FrameworkView(_Frozen):
    """A framework in scope with its requirements."""

    id: str
    title: str
    version: str
    publisher: str
    license_name: str | None
    source: str | None = None      # the catalog's source document (URL)
    counts: dict[str, int]         # coverage statuses
    status_counts: dict[str, int]  # pass/fail/stale/missing/not_tested/... over requirements
    readiness_pct: float           # requirements in scope whose controls pass, in percent
    # requirements in scope whose controls all have current evidence and no failed check
    # (passed, or on file for the assessor to review), in percent
    evidenced_pct: float
    requirements: tuple[RequirementView, ...]


class RaciRowView(_Frozen):
    """One IT function (or control override) of the RACI matrix."""

    key: str
    title: str
    letters: dict[str, str]        # person id -> letters, e.g. "A", "RI"
    unresolved: tuple[str, ...] = ()  # letters naming nobody, e.g. "R: msp:Security Architect"


class EscalationStepView(_Frozen):
    """One step of an escalation route."""

    to: str                        # the person's name (or the unresolved reference)
    role: str | None
    party: str | None
    within_minutes: int
    via: str | None = None


class EscalationView(_Frozen):
    """A severity level's path and when it was last tested."""

    severity: str
    name: str
    trigger: str
    first_responder: str
    route: tuple[EscalationStepView, ...]
    last_tested: dt.date | None
    test_reference: str | None
    finding: str | None            # e.g. "never tested", or None when current


class NotificationView(_Frozen):
    """A notification clock: regulator, rule, trigger, deadline, who files and how."""

    regulator: str
    rule: str | None
    trigger: str
    deadline: str                  # "72 hours", "30 days", or the rule's words
    owner: str                     # the person's name (or the unresolved reference)
    via: str | None
    reached_by: tuple[str, ...]    # escalation levels whose route reaches the owner
    escalation: tuple[str, ...]    # levels that should reach the owner


class PoamItem(_Frozen):
    """One finding and its remediation: what, who, by when, status."""

    id: str                        # F-001 …
    source: Literal["check", "raci", "escalation", "provider", "notification", "scope"]
    severity: Literal["high", "medium", "low"]
    subject: str
    finding: str
    remediation: str
    owner: str                     # a person's name, or "unassigned"
    due: dt.date
    status: Literal["open"] = "open"
    control: str | None = None
    evidence: tuple[str, ...] = ()


class NotApplicableView(_Frozen):
    """A control the organisation does not operate, and why."""

    control: str
    title: str
    reason: str
    approved: str | None = None    # "Name (Role), YYYY-MM-DD", or None when not recorded


class ExclusionView(_Frozen):
    """Requirements out of scope, and why."""

    catalog: str
    requirements: tuple[str, ...]
    reason: str
    approved: str | None = None


class PackageModel(_Frozen):
    """The whole package's content."""

    tool_version: str
    package_name: str              # <org>-<scope>-<as-of>
    built_at: dt.datetime          # from the as-of date or SOURCE_DATE_EPOCH: reproducible
    legal_name: str
    short_name: str
    industry: str
    headcount: int | None
    locations: tuple[str, ...]
    regulators: tuple[str, ...]
    as_of: dt.date
    period_start: dt.date
    period_end: dt.date
    prepared_by: PersonView | None  # the Accountable for compliance documentation
    signer: PersonView | None       # who signs off (Qualified Individual / accountable owner)
    cis_implementation_group: int | None
    pci_entity_type: str | None
    exclusions: tuple[ExclusionView, ...]
    parties: tuple[PartyView, ...]
    raci_people: tuple[PersonView, ...]
    raci: tuple[RaciRowView, ...]
    escalation: tuple[EscalationView, ...]
    notifications: tuple[NotificationView, ...] = ()
    frameworks: tuple[FrameworkView, ...]
    controls: tuple[ControlView, ...]
    evidence: tuple[EvidenceRef, ...]
    poam: tuple[PoamItem, ...]
    not_applicable: tuple[NotApplicableView, ...]
    out_of_scope: tuple[NotApplicableView, ...]
    control_status_counts: dict[str, int]
    signature_fingerprint: str | None = None
    access: AccessView | None = None       # the matter-access review, when the workspace has one
    names: NamesView | None = None         # how client and matter names are shown
    requests: RequestListView | None = None  # the examiner's request list, when answered

    def control(self, control_id: str) -> ControlView:
        """Return one control by id."""
        return next(c for c in self.controls if c.id == control_id)

    def evidence_ref(self, evidence_id: str) -> EvidenceRef | None:
        """Return the package file of an evidence id, when it is in the package."""
        # a map built once per evidence tuple (packages hold 20,000 files; a copy may swap it)
        cached = self.__dict__.get("_evidence_index")
        if cached is None or cached[0] is not self.evidence:
            cached = (self.evidence, {e.evidence_id: e for e in self.evidence})
            self.__dict__["_evidence_index"] = cached
        found: EvidenceRef | None = cached[1].get(evidence_id)
        return found
