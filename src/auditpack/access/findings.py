"""The findings of a matter-access review, judged one matter at a time, one category at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .groups import Roster
from .inputs import Grant
from .model import NAMES, READ, WRITE, AccessRow
from .state import Best, MatterACL, ReviewState

EVERYONE = ("public", "view")
Effective = tuple[int, tuple[str, ...], str | None]   # level, group path, folder


def via(path: tuple[str, ...], folder: str | None) -> str:
    """Describe how access is given: a direct entry, or the group path (innermost first)."""
    where = f" on folder {folder}" if folder else ""
    if path and path[0].startswith("default security"):
        return f"through {path[0]}"
    if not path:
        return f"by a direct user entry{where}"
    return f"via group {' ⊂ '.join(path)}{where}"


def _people(names: list[str], count: int) -> str:
    """Return up to five names, then how many more."""
    return ", ".join(names[:5]) + (f" and {count - 5} more" if count > 5 else "")


@dataclass
class MatterAccess:
    """One matter's effective access, as each category's judge reads it."""

    mid: str
    acl: MatterACL
    best: Best                  # explicit access per user: level, group path, folder
    ws_denied: set[str]         # denied on the workspace itself (or by its deny list)
    direct: set[str]            # users with a user entry of their own
    admitted: Roster | None     # the security-policy allow list, if any
    privileged: bool
    closed_on: dt.date | None   # the closing date, when closed at the as-of date
    open_to: set[str]           # whom default security opens the matter to (the allow list permitting)
    by_default: int             # pairs default security adds to the explicit ones

    @property
    def everyone(self) -> bool:
        """Say whether default security opens the matter to every eligible user."""
        return self.acl.default in EVERYONE

    @property
    def default_path(self) -> tuple[str, ...]:
        """Return the path that stands for default security."""
        return (f"default security '{self.acl.default}'",)

    def effective(self, user: str) -> Effective | None:
        """Return a user's access: explicit, else read through default security, else None."""
        if user in self.best:
            return self.best[user]
        if self.everyone and user in self.open_to and user not in self.ws_denied:
            return (READ, self.default_path, None)
        return None


def _matter_access(state: ReviewState, mid: str, acl: MatterACL) -> MatterAccess:
    """Evaluate one matter's ACL and count its pairs in the totals."""
    best, denied, ws_denied, direct = state.evaluate(acl)
    admitted = state.allowed(acl)
    privileged = state.ix.privileged(mid, state.policy.unknown_matters_privileged)
    closed_on = state.ix.closed_on(mid, state.as_of)
    open_to: set[str] = set()
    if acl.default in EVERYONE:
        open_to = state.eligible if admitted is None else admitted.people() & state.eligible
    taken = sum(1 for u in set(best) | ws_denied if u in open_to)
    state.totals["explicit_pairs"] += len(best)
    state.totals["denied_pairs"] += len(denied - set(best))
    if acl.default in EVERYONE:
        state.totals["default_security_pairs"] += len(open_to) - taken
    return MatterAccess(mid, acl, best, ws_denied, direct, admitted, privileged, closed_on,
                        open_to, len(open_to) - taken)


def judge_matter(state: ReviewState, mid: str, acl: MatterACL) -> None:
    """Compute one matter's effective access and record its findings, category by category."""
    m = _matter_access(state, mid, acl)
    _list_rows(state, m)
    if m.everyone:
        _judge_public(state, m)
        _count_default_leavers(state, m)
    _judge_leavers(state, m)
    covered = _judge_providers(state, m)
    _count_direct(state, m, covered)
    _judge_closed(state, m)
    _judge_default_providers(state, m)
    screened = _judge_excluded(state, m)
    walls = state.ix.included.get(mid) if state.policy.inclusive_walls else None
    if walls:
        by_default = m.open_to.difference(m.best, m.ws_denied)
        for wall, side in walls.items():
            _judge_included(state, m, wall, state.roster(side), by_default, screened)


def _list_rows(state: ReviewState, m: MatterAccess) -> None:
    """Hand every row to `on_row` (default security as person "*"); keep the grants for a diff."""
    if state.on_row and m.everyone:
        state.on_row(AccessRow("*", m.mid, NAMES[READ], m.default_path, None))
    for user, (level, path, folder) in m.best.items():
        if state.on_row:
            state.on_row(AccessRow(user, m.mid, NAMES[level], path, folder))
        if state.grants is not None:
            state.grants[f"{user}\t{m.mid}"] = NAMES[level]


def _how(m: MatterAccess, level: int, path: tuple[str, ...], folder: str | None) -> str:
    """Describe a grant: its level, the matter's workspace and the path that gives it."""
    return f"{NAMES[level]} on {m.acl.name} {via(path, folder)}"


def _judge_public(state: ReviewState, m: MatterAccess) -> None:
    """Record a privileged matter that default security opens to the library."""
    if not (m.privileged and state.policy.public_privileged_is_finding):
        return
    why = "every user of the library can read it" if m.admitted is None else \
        "only its security-policy allow list keeps the rest of the library out; " \
        f"it gives {m.by_default} more of those allowed read"
    state.add("public_privileged_matter", m.mid, m.mid,
              f"{m.acl.name}: privileged matter with default security '{m.acl.default}' ({why})")


def _count_default_leavers(state: ReviewState, m: MatterAccess) -> None:
    """Count the matters default security still opens to each leaver's active account."""
    for p in state.active_leavers:
        if p.id not in m.best and p.id not in m.ws_denied and p.id in m.open_to:
            state.leaver_default[p.id] = state.leaver_default.get(p.id, 0) + 1


def _judge_leavers(state: ReviewState, m: MatterAccess) -> None:
    """Record a leaver's direct entry; count a leaver's group paths (one finding per membership)."""
    for user, (level, path, folder) in m.best.items():
        person = state.ix.people.get(user)
        if not person or not state.left(person):
            continue
        if path:
            seen = state.leaver_groups.setdefault((user, path), [])
            if len(seen) < 3:
                seen.append(m.mid)
            state.leaver_counts[(user, path)] = state.leaver_counts.get((user, path), 0) + 1
        else:
            state.add("leaver_access", user, m.mid, f"{person.name} left on {person.end_date}; "
                      f"still has {_how(m, level, path, folder)}", path)


def _judge_providers(state: ReviewState, m: MatterAccess) -> set[str]:
    """Record providers' standing access to a privileged matter; return those break-glass covers."""
    covered: set[str] = set()
    for user, (level, path, folder) in m.best.items():
        person = state.ix.people.get(user)
        if not person or person.employment_type not in state.policy.provider_types:
            continue
        state.held.add((user, m.mid))
        if not m.privileged:
            continue
        mine = [g for g in state.ix.grants if g.engineer == user and g.matter == m.mid]
        if any(g.in_force(state.now) for g in mine):
            covered.add(user)
            continue
        note = "".join(f"; break-glass ticket {g.ticket} expired {g.expires:%Y-%m-%d}"
                       for g in mine if g.expired(state.now)) or "; no break-glass entry covers it"
        state.add("provider_standing_access", user, m.mid, f"{person.name}: standing "
                  f"{_how(m, level, path, folder)} on a privileged matter{note}", path)
    return covered


def _count_direct(state: ReviewState, m: MatterAccess, covered: set[str]) -> None:
    """Count each person's direct entries the policy forbids (one finding per person, later)."""
    if state.policy.allow_direct_grants:
        return
    for user in m.best:
        if user in m.direct and user not in covered:
            state.direct_counts[user] = state.direct_counts.get(user, 0) + 1
            examples = state.direct_examples.setdefault(user, [])
            if len(examples) < 3:
                examples.append(m.mid)


def _judge_closed(state: ReviewState, m: MatterAccess) -> None:
    """Record one finding per closed matter people can still write to (the fix: make it read-only)."""
    if m.closed_on is None or not state.policy.closed_matters_read_only:
        return
    writers = [user for user, (level, _, _) in m.best.items() if level >= WRITE]
    if writers:
        state.add("closed_matter_write", m.mid, m.mid,
                  f"{m.acl.name} closed on {m.closed_on} but {len(writers)} "
                  f"{'person' if len(writers) == 1 else 'people'} can still write: "
                  f"{_people(sorted(writers), len(writers))} (closed matters are read-only)")


def _judge_default_providers(state: ReviewState, m: MatterAccess) -> None:
    """Record providers that default security opens a privileged matter to (when the policy lets it)."""
    if not (m.everyone and m.privileged and state.policy.default_security_includes_providers):
        return
    for p in state.providers:
        if p.id not in m.best and m.effective(p.id):
            state.add("provider_standing_access", p.id, m.mid,
                      f"{p.name}: read on {m.acl.name} through default security '{m.acl.default}'",
                      m.default_path)


def _judge_excluded(state: ReviewState, m: MatterAccess) -> set[str]:
    """Record wall breaches: people a wall excludes who reach the matter. Return everyone excluded."""
    screened: set[str] = set()
    for wall, listed in state.ix.excluded.get(m.mid, ()):
        for user in (state.graph.members(listed) if state.graph.is_group(listed) else (listed,)):
            screened.add(user)
            found = m.effective(user)
            if found:
                level, path, folder = found
                state.add("wall_breach", user, m.mid,
                          f"{_name(state, user)} is excluded by wall {wall} but has "
                          f"{_how(m, level, path, folder)}", path)
    return screened


def _name(state: ReviewState, user: str) -> str:
    """Return a person's display name (the id when the directory does not know it)."""
    person = state.ix.people.get(user)
    return person.name if person else user


def _judge_included(state: ReviewState, m: MatterAccess, wall: str, included: Roster,
                    by_default: set[str], screened: set[str]) -> None:
    """Record who reaches a matter behind an inclusionary wall without being on its included side.

    The wall admins (the policy's `wall_admins`) are cleared for every walled matter; people
    the wall excludes are wall breaches already; a valid break-glass grant covers a provider.
    """
    covered = {g.engineer for g in state.ix.grants if g.matter == m.mid and g.in_force(state.now)}
    cleared = included.people() | state.wall_admins.people() | screened | covered
    for user, (level, path, folder) in m.best.items():
        if user not in cleared:
            state.add("wall_not_included", user, m.mid,
                      f"{_name(state, user)} is not on the included side of wall {wall} but has "
                      f"{_how(m, level, path, folder)}", path)
    others = sorted(by_default - cleared)
    if others:
        names = _people([_name(state, u) for u in others[:5]], len(others))
        state.add("wall_not_included", m.mid, m.mid,
                  f"{m.acl.name}: default security '{m.acl.default}' opens the matter behind wall "
                  f"{wall} to {len(others)} {'person' if len(others) == 1 else 'people'} not on "
                  f"its included side: {names}", m.default_path)


def judge_register(state: ReviewState) -> None:
    """Record expired break-glass grants never removed (or removed late), and the per-person findings."""
    for g in state.ix.grants:
        _judge_break_glass(state, g)
    for user, count in sorted(state.direct_counts.items()):
        examples = ", ".join(state.direct_examples[user])
        state.add("direct_grant", user, examples if count == 1 else None,
                  f"{count} direct user entr{'y' if count == 1 else 'ies'} (e.g. {examples}): "
                  "access should come through a named group")
    for (user, path), count in sorted(state.leaver_counts.items()):
        person = state.ix.people[user]
        examples = ", ".join(state.leaver_groups[(user, path)])
        state.add("leaver_access", user, examples if count == 1 else None,
                  f"{person.name} left on {person.end_date} but is still in group "
                  f"{' ⊂ '.join(path)}, which opens {count} matter(s) (e.g. {examples})", path)
    for user, count in sorted(state.leaver_default.items()):
        person = state.ix.people[user]
        state.add("leaver_access", user, None,
                  f"{person.name} left on {person.end_date} but the account is still active: "
                  f"default security opens {count} matter(s) to it")


def _judge_break_glass(state: ReviewState, g: Grant) -> None:
    """Record a break-glass grant that expired with no removal recorded, or was removed late."""
    if g.expires is None or not g.expired(state.now):
        return
    if g.revoked is None:
        held = (g.engineer, g.matter) in state.held
        state.add("expired_break_glass", g.engineer, g.matter,
                  f"ticket {g.ticket}: break-glass on {g.matter} expired {g.expires:%Y-%m-%d %H:%M}"
                  f" with no removal recorded{'; the access is still held' if held else ''}")
    elif g.revoked > g.expires:
        state.add("expired_break_glass", g.engineer, g.matter,
                  f"ticket {g.ticket}: break-glass on {g.matter} removed "
                  f"{g.revoked:%Y-%m-%d %H:%M}, after it expired {g.expires:%Y-%m-%d %H:%M}")
