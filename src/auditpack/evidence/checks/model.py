"""What a check returns, and the result per control."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["pass", "fail", "stale", "missing", "not_tested"]
# Worst first: a control is as bad as its worst piece of evidence.
SEVERITY: dict[str, int] = {"fail": 0, "missing": 1, "stale": 2, "not_tested": 3, "pass": 4}


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Exception_(_Frozen):
    """One named exception: who or what fails, and why."""

    subject: str
    detail: str
    category: str = "exception"


class Outcome(_Frozen):
    """What one check found in the evidence it read."""

    status: Literal["pass", "fail", "not_tested"]
    summary: str
    figures: dict[str, Any] = Field(default_factory=dict)
    exceptions: tuple[Exception_, ...] = ()


class NeedResult(_Frozen):
    """The result for one evidence need of a control."""

    kind: str
    check: str | None
    status: Status
    summary: str
    evidence: tuple[str, ...] = ()
    figures: dict[str, Any] = Field(default_factory=dict)
    exceptions: tuple[Exception_, ...] = ()


class ControlResult(_Frozen):
    """A control's overall status (its worst need) and each need's result."""

    control: str
    status: Status
    needs: tuple[NeedResult, ...]

    @property
    def evidence(self) -> tuple[str, ...]:
        """Return every evidence id the result rests on."""
        return tuple(dict.fromkeys(e for n in self.needs for e in n.evidence))
