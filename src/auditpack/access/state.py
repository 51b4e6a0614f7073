"""The state of one matter-access review: the indexes, each matter's packed ACL, the findings so far.

`load` streams the DMS ACL records once, packing each entry under its matter; `evaluate`
turns one matter's ACL into effective access per person. The judging is in findings.py.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .groups import GroupGraph, Roster
from .inputs import AccessInputs, Index, Person, build_index
from .model import CATEGORY_CONTROLS, DENY, LEVELS, AccessFinding, AccessPolicy, AccessRow

Best = dict[str, tuple[int, tuple[str, ...], str | None]]


@dataclass
class MatterACL:
    """One matter's access-control list in the DMS (its workspace's security), packed.

    Each entry is principal << 20 | folder << 4 | level.
    """

    name: str                     # the DMS workspace's name
    default: str | None = None
    deny: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()   # the security policy's allow list: when set, only they get in
    folders: list[str | None] = field(default_factory=lambda: [None])
    codes: array[int] = field(default_factory=lambda: array("q"))


class ReviewState:
    """The state of one review: the indexes, the packed ACLs, and the findings so far."""

    def __init__(self, inputs: AccessInputs, policy: AccessPolicy, as_of: dt.date,
                 on_row: Callable[[AccessRow], None] | None, keep_grants: bool) -> None:
        self.policy, self.as_of, self.on_row = policy, as_of, on_row
        self.now = dt.datetime.combine(as_of, dt.time.max, dt.timezone.utc)
        self.ix: Index = build_index(inputs)
        self.graph = GroupGraph(inputs.memberships, self.ix.canon)
        self.principals: list[tuple[str, bool]] = []
        self.acls: dict[str, MatterACL] = {}
        self.findings: list[AccessFinding] = []
        self.grants: dict[str, str] | None = {} if keep_grants else None
        self.totals: dict[str, int] = dict.fromkeys(
            ("acl_entries", "matters", "explicit_pairs", "default_security_pairs", "denied_pairs",
             "unknown_principals", "allow_list_blocked_pairs"), 0)
        self.rosters: dict[tuple[str, ...], Roster] = {}
        self.wall_admins = self.roster(policy.wall_admins)
        self.held: set[tuple[str, str]] = set()
        self.leaver_default: dict[str, int] = {}
        self.leaver_groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        self.leaver_counts: dict[tuple[str, tuple[str, ...]], int] = {}
        self.direct_counts: dict[str, int] = {}
        self.direct_examples: dict[str, list[str]] = {}
        people = self.ix.people.values()
        self.eligible = {p.id for p in people if self._eligible(p)}
        self.providers = [p for p in people if p.employment_type in policy.provider_types]
        self.active_leavers = [p for p in people if p.id in self.eligible and self.left(p)]

    def _eligible(self, p: Person) -> bool:
        """Say whether default security (public/view) opens matters to this person."""
        provider = p.employment_type in self.policy.provider_types
        return p.active and not p.guest and (not provider or self.policy.default_security_includes_providers)

    def roster(self, names: Iterable[str]) -> Roster:
        """Return the roster of a list of people and groups (one per distinct list)."""
        names = tuple(names)
        found = self.rosters.get(names)
        if found is None:
            found = self.rosters[names] = Roster(self.graph, names, self.ix.canon)
        return found

    def allowed(self, acl: MatterACL) -> Roster | None:
        """Return the workspace's security-policy allow list, or None when it has none."""
        return self.roster(acl.allow) if acl.allow else None

    def left(self, p: Person) -> bool:
        """Say whether the person's end date (plus grace) has passed."""
        return p.end_date is not None and \
            p.end_date + dt.timedelta(days=self.policy.leaver_grace_days) < self.as_of

    def add(self, category: str, subject: str, matter: str | None, detail: str,
            path: tuple[str, ...] = ()) -> None:
        """Record a finding with the controls it tests."""
        self.findings.append(AccessFinding(category=category, subject=subject, matter=matter,
                                           detail=detail, path=path,
                                           controls=CATEGORY_CONTROLS[category]))

    def load(self, records: Iterable[dict[str, Any]]) -> None:
        """Stream the ACL records once, packing each entry under its matter."""
        matter_of: dict[tuple[Any, Any, Any], str] = {}
        pidx: dict[tuple[str, Any], int] = {}
        n = 0
        for rec in records:
            n += 1
            ws_key = (rec.get("workspace_id"), rec.get("workspace_name"), rec.get("cabinet"))
            mid = matter_of.get(ws_key)
            if mid is None:
                mid = matter_of[ws_key] = self.ix.matter_of(*ws_key)
            acl = self.acls.get(mid)
            if acl is None:
                acl = self.acls[mid] = MatterACL(rec.get("workspace_name") or mid)
            folder = rec.get("folder_id")
            if folder is None and rec.get("default_security"):
                acl.default = rec["default_security"]
            if rec.get("deny_list") and not acl.deny:
                acl.deny = tuple(rec["deny_list"])
            if rec.get("allow_list") and not acl.allow:
                acl.allow = tuple(rec["allow_list"])
            principal, level = rec.get("principal"), LEVELS.get(rec.get("access") or "")
            if not principal or level is None:
                continue
            try:
                fidx = acl.folders.index(folder)
            except ValueError:
                fidx = len(acl.folders)
                acl.folders.append(folder)
            ptype = rec.get("principal_type")
            p = pidx.get((principal, ptype))
            if p is None:
                group = ptype == "group" or (ptype is None and self.graph.is_group(principal))
                name = principal if group else self.ix.canon(principal)
                if not group and name not in self.ix.people:
                    self.totals["unknown_principals"] += 1
                p = pidx[(principal, ptype)] = len(self.principals)
                self.principals.append((name, group))
            acl.codes.append(p << 20 | fidx << 4 | level)
        self.totals["acl_entries"] = n

    def expand(self, name: str, group: bool) -> Iterable[tuple[str, tuple[str, ...]]]:
        """Return the users a principal stands for, each with its group path."""
        return self.graph.members(name).items() if group else ((name, ()),)

    def evaluate(self, acl: MatterACL) -> tuple[Best, set[str], set[str], set[str]]:
        """Return best access per user (deny beats allow per container), denied, workspace-denied, direct.

        A security-policy allow list admits only the people it names (directly or through a
        group, however nested); the deny list and `no_access` entries beat it.
        """
        allow: dict[int, dict[str, tuple[int, tuple[str, ...]]]] = {}
        deny: dict[int, set[str]] = {}
        direct: set[str] = set()
        for code in acl.codes:
            level, fidx = code & 15, (code >> 4) & 0xFFFF
            name, group = self.principals[code >> 20]
            if level == DENY:
                deny.setdefault(fidx, set()).update(u for u, _ in self.expand(name, group))
                continue
            if not group:
                direct.add(name)
            box = allow.setdefault(fidx, {})
            for user, path in self.expand(name, group):
                current = box.get(user)
                if current is None or level > current[0]:
                    box[user] = (level, path)
        walled: set[str] = set()
        for name in acl.deny:
            if self.graph.is_group(name):
                walled.update(self.graph.members(name))
            else:
                walled.add(self.ix.canon(name))
        best: Best = {}
        denied: set[str] = set()
        outside: set[str] = set()
        admitted = self.allowed(acl)
        for fidx, box in allow.items():
            blocked = deny.get(fidx, set())
            for user, (level, path) in box.items():
                if user in blocked or user in walled:
                    denied.add(user)
                elif admitted is not None and user not in admitted:
                    outside.add(user)
                elif user not in best or level > best[user][0]:
                    best[user] = (level, path, acl.folders[fidx])
        for blocked in deny.values():
            denied.update(blocked)
        self.totals["allow_list_blocked_pairs"] += len(outside - denied)
        return best, denied | walled, deny.get(0, set()) | walled, direct & set(best)
