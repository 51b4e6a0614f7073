"""The review's inputs, indexed: people, matters, walls and break-glass grants, by their keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


def key(name: str) -> str:
    """Compare names and ids case-insensitively."""
    return name.strip().casefold()


def _date(value: Any) -> dt.date | None:
    """Read an ISO date (or the date of an ISO timestamp)."""
    return dt.date.fromisoformat(str(value)[:10]) if value else None


def _when(value: Any) -> dt.datetime | None:
    """Read an ISO timestamp (naive ones are taken as UTC)."""
    if not value:
        return None
    found = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return found if found.tzinfo else found.replace(tzinfo=dt.timezone.utc)


@dataclass
class AccessInputs:
    """The normalised records the review reads (the ACL is streamed once, the rest is small)."""

    acl: Iterable[dict[str, Any]]
    users: Iterable[dict[str, Any]] = ()
    memberships: Iterable[dict[str, Any]] = ()
    matters: Iterable[dict[str, Any]] = ()
    walls: Iterable[dict[str, Any]] = ()
    break_glass: Iterable[dict[str, Any]] = ()


@dataclass(frozen=True)
class Person:
    """A directory user as the review needs it."""

    id: str
    name: str
    employment_type: str | None
    active: bool
    end_date: dt.date | None
    guest: bool


@dataclass(frozen=True)
class Matter:
    """A matter list entry."""

    id: str
    privileged: bool | None
    closed: dt.date | None


@dataclass(frozen=True)
class Grant:
    """A break-glass register entry."""

    engineer: str
    matter: str
    ticket: str
    granted: dt.datetime | None
    expires: dt.datetime | None
    revoked: dt.datetime | None

    def in_force(self, at: dt.datetime) -> bool:
        """Say whether the grant covers the moment `at`: begun, not expired, not yet removed.

        The one break-glass rule: the review's findings and the package's listing both ask it.
        """
        begun = self.granted is None or self.granted <= at
        return begun and self.expires is not None and at <= self.expires and \
            (self.revoked is None or self.revoked > at)

    def expired(self, at: dt.datetime) -> bool:
        """Say whether the grant's window ended before the moment `at`."""
        return self.expires is not None and self.expires < at


@dataclass
class Index:
    """People by every id they go by; matters, walls and break-glass grants by matter."""

    people: dict[str, Person] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    matters: dict[str, Matter] = field(default_factory=dict)
    excluded: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # matter -> (wall, person)
    included: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # matter -> wall -> people
    grants: list[Grant] = field(default_factory=list)

    def canon(self, name: str) -> str:
        """Return the person id a login, UPN or id stands for (itself when unknown)."""
        return self.aliases.get(key(name), name.strip())

    def privileged(self, matter: str, unknown: bool) -> bool:
        """Say whether a matter is privileged; `unknown` for one the matter list does not flag."""
        info = self.matters.get(key(matter))
        return unknown if info is None or info.privileged is None else info.privileged

    def closed_on(self, matter: str, as_of: dt.date) -> dt.date | None:
        """Return the date a matter closed, when it closed on or before `as_of` (else None)."""
        info = self.matters.get(key(matter))
        return info.closed if info is not None and info.closed is not None \
            and info.closed <= as_of else None

    def matter_of(self, *candidates: str | None) -> str:
        """Return the matter a workspace belongs to: its id, or the number its name starts with."""
        for c in candidates:
            if c and key(c) in self.matters:
                return self.matters[key(c)].id
            first = c.split()[0] if c and c.strip() else ""
            if first and key(first) in self.matters:
                return self.matters[key(first)].id
        named = next((c for c in candidates if c and " " in c.strip()), None)  # "1000-001 Project X"
        if named:
            return named.split()[0]
        return next((c.strip() for c in candidates if c and c.strip()), "?")


def build_index(inputs: AccessInputs) -> Index:
    """Index the directory, matter list, walls and break-glass register."""
    ix = Index()
    for u in inputs.users:
        pid = u.get("login") or u.get("upn") or u.get("user_id")
        if not pid:
            continue
        person = Person(pid, u.get("name") or pid, u.get("employment_type"),
                        u.get("status") != "disabled", _date(u.get("end_date")),
                        (u.get("user_type") or "") == "guest")
        ix.people[pid] = person
        for alias in (u.get("login"), u.get("upn"), u.get("user_id")):
            if alias:
                ix.aliases.setdefault(key(alias), pid)
    for m in inputs.matters:
        if m.get("matter"):
            ix.matters[key(m["matter"])] = Matter(m["matter"], m.get("privileged"), _date(m.get("closed")))
    for w in inputs.walls:
        if w.get("side") == "excluded" and w.get("person"):
            for matter in w.get("matters") or ():
                ix.excluded.setdefault(ix.matter_of(matter), []).append(
                    (w.get("wall_id") or "?", ix.canon(w["person"])))
        elif w.get("side") == "included" and w.get("person"):
            for matter in w.get("matters") or ():
                ix.included.setdefault(ix.matter_of(matter), {}).setdefault(
                    w.get("wall_id") or "?", []).append(ix.canon(w["person"]))
    for g in inputs.break_glass:
        if g.get("engineer") and g.get("matter"):
            ix.grants.append(Grant(ix.canon(g["engineer"]), ix.matter_of(g["matter"]),
                                   g.get("ticket") or "?", _when(g.get("granted")),
                                   _when(g.get("expires")), _when(g.get("revoked"))))
    return ix
