"""Models of the organisation's controls and of the starter library's exemptions."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Frequency = Literal["continuous", "daily", "weekly", "monthly", "quarterly", "semiannual",
                    "annual", "event"]

# How old evidence may be, in days, for a control run at each frequency: one cycle plus a
# margin for the time it takes to run and file it. "event" evidence must fall in the period.
MAX_AGE_DAYS: dict[str, int | None] = {
    "continuous": 31, "daily": 2, "weekly": 8, "monthly": 35, "quarterly": 100,
    "semiannual": 190, "annual": 380, "event": None,
}


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EvidenceNeed(_Frozen):
    """What proves a control: a kind of evidence, how to get it, which check tests it."""

    kind: str
    description: str
    collector: str | None = None
    check: str | None = None
    max_age_days: int | None = None


class Control(_Frozen):
    """An organisation's safeguard, owned through the RACI and mapped to requirements."""

    id: str
    title: str
    statement: str
    function: str
    frequency: Frequency
    satisfies: dict[str, tuple[str, ...]]
    evidence: tuple[EvidenceNeed, ...]
    tags: tuple[str, ...] = ()
    origin: Literal["starter", "workspace"] = "starter"

    def max_age_days(self, need: EvidenceNeed) -> int | None:
        """Return how old this evidence may be: its own limit, else the frequency's."""
        return need.max_age_days if need.max_age_days is not None else MAX_AGE_DAYS[self.frequency]


class OrganisationalOnly(_Frozen):
    """A requirement no control in the library can satisfy, and why."""

    catalog: str
    requirement: str
    reason: str


class ControlSet(_Frozen):
    """Controls in their library order, plus the organisational-only exemptions."""

    controls: tuple[Control, ...] = ()
    organisational_only: tuple[OrganisationalOnly, ...] = Field(default_factory=tuple)

    def by_id(self) -> dict[str, Control]:
        """Index the controls by id."""
        return {c.id: c for c in self.controls}
