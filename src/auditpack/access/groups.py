"""Nested group resolution: every member of a group however deep, with the path, cycle-safe."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

Path = tuple[str, ...]


def _key(name: str) -> str:
    """Compare names case-insensitively."""
    return name.strip().casefold()


class GroupGraph:
    """Direct membership edges; users and groups reached through nesting, by breadth-first search."""

    def __init__(self, edges: Iterable[dict[str, Any]], canon: Callable[[str], str] = str) -> None:
        """Load `group, member, member_type` edges; `canon` maps a user's name to its person id."""
        self.names: dict[str, str] = {}
        raw: list[tuple[str, str, str | None]] = []
        for edge in edges:
            group, member = edge.get("group"), edge.get("member")
            if not group or not member:
                continue
            self.names.setdefault(_key(group), group.strip())
            raw.append((_key(group), member.strip(), edge.get("member_type")))
        self.subgroups: dict[str, list[str]] = {}
        self.users: dict[str, list[str]] = {}
        self.parents: dict[str, list[str]] = {}
        for group, member, kind in raw:
            if kind == "group" or (kind is None and _key(member) in self.names):
                self.names.setdefault(_key(member), member)
                self.subgroups.setdefault(group, []).append(_key(member))
                self.parents.setdefault(_key(member), []).append(group)
            else:
                person = canon(member)
                self.users.setdefault(group, []).append(person)
                self.parents.setdefault("user:" + person, []).append(group)
        self._members: dict[str, dict[str, Path]] = {}

    def is_group(self, name: str) -> bool:
        """Say whether a name is a known group."""
        return _key(name) in self.names

    def name(self, key: str) -> str:
        """Return a group's name as the export spells it."""
        return self.names.get(key, key)

    def members(self, group: str) -> dict[str, Path]:
        """Return every user in a group, each with its path (innermost group first, `group` last)."""
        start = _key(group)
        if start in self._members:
            return self._members[start]
        found: dict[str, Path] = {}
        seen = {start}
        queue: deque[tuple[str, Path]] = deque([(start, (self.name(start),))])
        while queue:
            current, path = queue.popleft()
            for user in self.users.get(current, ()):
                found.setdefault(user, path)
            for sub in self.subgroups.get(current, ()):
                if sub not in seen:   # a cycle, or a second route: the first (shortest) path wins
                    seen.add(sub)
                    queue.append((sub, (self.name(sub), *path)))
        self._members[start] = found
        return found

    def groups_of(self, person: str) -> dict[str, Path]:
        """Return every group a person is in, each with its path (the person's direct group first)."""
        found: dict[str, Path] = {}
        queue: deque[tuple[str, Path]] = deque(
            (g, (self.name(g),)) for g in self.parents.get("user:" + person, ()))
        while queue:
            current, path = queue.popleft()
            if self.name(current) in found:
                continue
            found[self.name(current)] = path
            for parent in self.parents.get(current, ()):
                if self.name(parent) not in found:
                    queue.append((parent, (*path, self.name(parent))))
        return found

    def cyclic(self) -> list[str]:
        """Return the groups that contain themselves through nesting (a cycle in the directory)."""
        out = []
        for start in self.names:
            seen: set[str] = set()
            stack = list(self.subgroups.get(start, ()))
            while stack:
                current = stack.pop()
                if current == start:
                    out.append(self.name(start))
                    break
                if current not in seen:
                    seen.add(current)
                    stack.extend(self.subgroups.get(current, ()))
        return sorted(out)


class Roster:
    """A list of people and groups (resolved through nesting): who is on it, and through which group."""

    def __init__(self, graph: GroupGraph, names: Iterable[str], canon: Callable[[str], str] = str) -> None:
        """Split `names` into users (by person id) and groups (their members, cached by `graph`)."""
        self.users: set[str] = set()
        self.groups: list[dict[str, Path]] = []
        for name in names:
            if not name or not name.strip():
                continue
            if graph.is_group(name):
                self.groups.append(graph.members(name))
            else:
                self.users.add(canon(name))
        self._people: set[str] | None = None

    def __bool__(self) -> bool:
        """Say whether the list names anyone (an empty list restricts nothing)."""
        return bool(self.users or self.groups)

    def __contains__(self, person: object) -> bool:
        """Say whether a person is on the list, by name or through a group however nested."""
        return person in self.users or any(person in members for members in self.groups)

    def path(self, person: str) -> Path | None:
        """Return how a person is on the list: () when named, the group path, or None when not."""
        if person in self.users:
            return ()
        return next((members[person] for members in self.groups if person in members), None)

    def people(self) -> set[str]:
        """Return everyone on the list (computed once)."""
        if self._people is None:
            self._people = set(self.users).union(*self.groups)
        return self._people
