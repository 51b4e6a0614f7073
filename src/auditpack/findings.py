"""Findings: what an examiner would write up, with the thing concerned and the fix."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Severity = Literal["high", "medium", "low"]


class Finding(BaseModel):
    """One finding: a rule broken by the workspace's data (not a crash, not a parse error)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    severity: Severity
    subject: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"[{self.severity}] {self.subject}: {self.message} (fix: {self.fix})"
