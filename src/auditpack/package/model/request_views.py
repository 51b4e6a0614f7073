"""The package's view of an examiner's request list: each request, its answer and its status.

Kept apart from model.py (which holds it as `PackageModel.requests`) so the request part
can grow without touching the shared model. Owners are not copied here: they are the
Accountable people of the mapped controls, read from the model's controls.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

RequestStatus = Literal["answered", "partial", "open", "not_applicable"]
# The order requests needing attention are listed in, then the rest.
REQUEST_STATUSES: tuple[RequestStatus, ...] = ("open", "partial", "answered", "not_applicable")
REQUEST_LABELS: dict[str, str] = {"answered": "Answered", "partial": "Partial", "open": "Open",
                                  "not_applicable": "Not applicable"}


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RequestView(_Frozen):
    """One request as the examiner wrote it, with the confirmed answer and its status."""

    number: str
    text: str
    area: str | None = None
    due: str | None = None
    status: RequestStatus
    reasons: tuple[str, ...] = ()         # why a request is partial or open
    response: str | None = None
    attestation: str | None = None
    not_applicable: str | None = None
    controls: tuple[str, ...] = ()        # confirmed, then reached through requirements
    requirements: tuple[str, ...] = ()    # "ftc-safeguards 314.4(c)(5)"
    evidence: tuple[str, ...] = ()        # E-ids in the package, in number order
    suggested: tuple[str, ...] = ()       # unconfirmed suggested controls, best first
    folder: str                           # requests/<number>_<slug>

    def response_text(self) -> str:
        """Return the organisation's own words: response, attestation, not-applicable reason."""
        parts = []
        if self.not_applicable:
            parts.append(f"Not applicable: {self.not_applicable}")
        if self.response:
            parts.append(self.response)
        if self.attestation:
            parts.append(f"Attestation: {self.attestation}")
        return "\n".join(parts)


class RequestListView(_Frozen):
    """The request list the package answers, in the examiner's order."""

    id: str
    title: str
    issuer: str | None = None
    source: str | None = None
    due: str | None = None
    requests: tuple[RequestView, ...]

    def counts(self) -> dict[str, int]:
        """Count the requests by status, in REQUEST_STATUSES order."""
        return {s: sum(1 for r in self.requests if r.status == s) for s in REQUEST_STATUSES}

    def attention(self) -> list[RequestView]:
        """Return the open requests, then the partial ones, each in the examiner's order."""
        return [r for s in ("open", "partial") for r in self.requests if r.status == s]
