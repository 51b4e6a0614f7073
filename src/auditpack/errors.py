"""The one exception hierarchy: every user error carries a location and a hint."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where, what, and what to do."""

    message: str
    location: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        head = f"{self.location}: {self.message}" if self.location else self.message
        return f"{head} (hint: {self.hint})" if self.hint else head


class AuditpackError(Exception):
    """A user-facing error: bad input, not a bug. The CLI prints it and exits 2."""

    def __init__(
        self,
        message: str,
        location: str | None = None,
        hint: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint
        self.problems: list[Problem] = list(problems or [])

    @classmethod
    def from_problems(cls, summary: str, problems: list[Problem]) -> AuditpackError:
        """Build one error that lists every problem found."""
        return cls(summary, problems=problems)

    def __str__(self) -> str:
        lines = [str(Problem(self.message, self.location, self.hint))]
        lines.extend(f"  - {p}" for p in self.problems)
        return "\n".join(lines)


class CatalogError(AuditpackError):
    """A framework catalog or crosswalk is missing or invalid."""


class WorkspaceError(AuditpackError):
    """A workspace file is missing or invalid."""


class EvidenceError(AuditpackError):
    """Evidence could not be collected, stored or read."""


class RenderError(AuditpackError):
    """A document or template could not be rendered."""


class IntegrityError(AuditpackError):
    """A hash, signature or custody record does not match."""
