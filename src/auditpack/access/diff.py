"""What changed since the previous review: grants added, removed or changed; findings new or resolved."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from .model import AccessFinding, AccessReview


class GrantChange(BaseModel):
    """One person's access to one matter, before and after (None: no access)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    person: str
    matter: str
    before: str | None
    after: str | None


class AccessDiff(BaseModel):
    """The difference between two reviews."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    previous_as_of: dt.date
    as_of: dt.date
    new_grants: list[GrantChange] = Field(default_factory=list)
    removed_grants: list[GrantChange] = Field(default_factory=list)
    changed_grants: list[GrantChange] = Field(default_factory=list)
    new_findings: list[AccessFinding] = Field(default_factory=list)
    resolved_findings: list[AccessFinding] = Field(default_factory=list)

    def summary(self) -> str:
        """Say in one line what changed."""
        return (f"since the review as of {self.previous_as_of}: {len(self.new_grants)} new grant(s), "
                f"{len(self.removed_grants)} removed, {len(self.changed_grants)} changed; "
                f"{len(self.new_findings)} new finding(s), {len(self.resolved_findings)} resolved")


def diff_reviews(previous: AccessReview, current: AccessReview) -> AccessDiff:
    """Compare two reviews' explicit grants (when both kept them) and their findings."""
    before, after = previous.grants or {}, current.grants or {}

    def change(k: str) -> GrantChange:
        person, _, matter = k.partition("\t")
        return GrantChange(person=person, matter=matter, before=before.get(k), after=after.get(k))

    old = {f.key: f for f in previous.findings}
    new = {f.key: f for f in current.findings}
    return AccessDiff(
        previous_as_of=previous.as_of, as_of=current.as_of,
        new_grants=[change(k) for k in sorted(after.keys() - before.keys())],
        removed_grants=[change(k) for k in sorted(before.keys() - after.keys())],
        changed_grants=[change(k) for k in sorted(before.keys() & after.keys()) if before[k] != after[k]],
        new_findings=[f for k, f in new.items() if k not in old],
        resolved_findings=[f for k, f in old.items() if k not in new])
