"""Pydantic models of an examiner's request list and the answer to each request."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SuggestionKind = Literal["control", "requirement", "evidence_kind"]
LIST_ID = r"^[a-z0-9][a-z0-9._-]*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Suggestion(_Model):
    """A control, requirement or evidence kind a request most likely concerns."""

    kind: SuggestionKind
    id: str
    catalog: str | None = None
    title: str | None = None
    score: float
    reason: str
    confident: bool = False


class Answer(_Model):
    """How a request is answered: mapped items, a written response, or not applicable."""

    controls: list[str] = Field(default_factory=list)
    requirements: list[str] = Field(default_factory=list)
    evidence_kinds: list[str] = Field(default_factory=list)
    response: str | None = None
    attestation: str | None = None
    not_applicable: str | None = None

    def is_empty(self) -> bool:
        """Tell whether nothing has been filled in yet."""
        return not (self.controls or self.requirements or self.evidence_kinds or self.response
                    or self.attestation or self.not_applicable)


class Request(_Model):
    """One numbered request, as the examiner wrote it, with suggestions and the answer."""

    number: str
    text: str
    area: str | None = None
    due: str | None = None
    references: list[str] = Field(default_factory=list)
    reference_text: str | None = None
    source_row: int | None = None
    suggestions: list[Suggestion] = Field(default_factory=list)
    answer: Answer = Field(default_factory=Answer)

    @field_validator("number", mode="before")
    @classmethod
    def _number_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, (int, float)) else value

    @property
    def confident(self) -> bool:
        """Tell whether the top control suggestion is marked confident."""
        tops = [s for s in self.suggestions if s.kind == "control"]
        return bool(tops) and tops[0].confident


class RequestList(_Model):
    """A whole request list: where it came from and its requests in the examiner's order."""

    version: Literal[1] = 1
    id: str = Field(pattern=LIST_ID)
    title: str
    issuer: str | None = None
    source: str | None = None
    due: str | None = None
    requests: list[Request]

    def numbers(self) -> list[str]:
        """Return the request numbers in order."""
        return [r.number for r in self.requests]
