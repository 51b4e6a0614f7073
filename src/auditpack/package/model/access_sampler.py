"""The row sampler: the grants the package's access listing may show, picked while the review streams.

Effective access can run to tens of millions of (person, matter) pairs, so the sampler keeps
only what the Access Review and Provider Access sheets can list: the grants of watched
people (providers, leavers, walled people), direct entries the policy forbids, write access
to closed matters, and grants on privileged matters, each kind up to its cap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ...access.inputs import Index
from ...access.model import AccessPolicy, AccessRow

ROW_CAP = 25_000            # grants on privileged matters listed (without a finding)
FINDING_ROW_CAP = 50_000    # grants with a finding listed
CANDIDATE_CAP = 200_000     # grants of watched people held while the review runs
WRITE_LEVELS = ("write", "full")

Kept = tuple[str, str, str, tuple[str, ...], str | None]   # matter, person, access, path, folder


@dataclass
class RowSampler:
    """Sample the grants the package lists while the review streams the ACL (bounded by the caps)."""

    ix: Index
    policy: AccessPolicy
    as_of: dt.date
    watch: set[str]
    privileged_rows: list[Kept] = field(default_factory=list)
    candidates: list[Kept] = field(default_factory=list)
    left_off: int = 0
    reach: dict[str, int] = field(default_factory=dict)
    matters: set[str] = field(default_factory=set)
    workspaces: dict[str, set[str]] = field(default_factory=dict)
    _privileged: dict[str, bool] = field(default_factory=dict)
    _closed: dict[str, bool] = field(default_factory=dict)

    def privileged(self, mid: str) -> bool:
        """Say whether a matter is privileged (unknown matters as the policy says), the review's rule."""
        found = self._privileged.get(mid)
        if found is None:
            found = self._privileged[mid] = self.ix.privileged(
                mid, self.policy.unknown_matters_privileged)
        return found

    def closed(self, mid: str) -> bool:
        """Say whether a matter is closed at the as-of date."""
        found = self._closed.get(mid)
        if found is None:
            found = self._closed[mid] = self.ix.closed_on(mid, self.as_of) is not None
        return found

    def __call__(self, row: AccessRow) -> None:
        """Keep a row of a watched person, a direct entry the policy forbids, or a privileged matter."""
        kept: Kept = (row.matter, row.person, row.access, row.path, row.folder)
        self.matters.add(row.matter)
        if row.person == "*":
            if self.privileged(row.matter):
                self.candidates.append(kept)
            return
        if row.person in self.reach:
            self.reach[row.person] += 1
        watched = (row.person in self.watch or (not row.path and not self.policy.allow_direct_grants)
                   or (row.access in WRITE_LEVELS and self.closed(row.matter)))
        if watched and len(self.candidates) < CANDIDATE_CAP:
            self.candidates.append(kept)
        elif self.privileged(row.matter):
            if len(self.privileged_rows) < ROW_CAP:
                self.privileged_rows.append(kept)
            else:
                self.left_off += 1
        elif watched:
            self.left_off += 1

    def acl(self, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Pass the ACL records through, noting each workspace's name (for pseudonyms)."""
        memo: dict[tuple[Any, Any, Any], str] = {}
        for rec in records:
            ws_key = (rec.get("workspace_id"), rec.get("workspace_name"), rec.get("cabinet"))
            if ws_key not in memo:
                memo[ws_key] = mid = self.ix.matter_of(*ws_key)
                if rec.get("workspace_name"):   # a cabinet is a practice area, not a matter
                    self.workspaces.setdefault(mid, set()).add(str(rec["workspace_name"]))
            yield rec
