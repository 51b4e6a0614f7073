"""The findings of a matter-access review, judged one matter at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .inputs import Grant, key
from .model import NAMES, READ, WRITE, AccessRow

if TYPE_CHECKING:
    from .groups import Roster
    from .review import Best, _Review, _Workspace

EVERYONE = ("public", "view")


def via(path: tuple[str, ...], folder: str | None) -> str:
    """Describe how access is given: a direct entry, or the group path (innermost first)."""
    where = f" on folder {folder}" if folder else ""
    if path and path[0].startswith("default security"):
        return f"through {path[0]}"
    if not path:
        return f"by a direct user entry{where}"
    return f"via group {' ⊂ '.join(path)}{where}"


def _valid(state: _Review, g: Grant) -> bool:
    """Say whether a break-glass grant covers the as-of date."""
    started = g.granted is None or g.granted <= state.now
    return started and g.expires is not None and state.now <= g.expires and \
        (g.revoked is None or g.revoked > state.now)


def judge_matter(state: _Review, mid: str, ws: _Workspace) -> None:
    """Compute one matter's effective access and record its findings."""
    policy, ix = state.policy, state.ix
    best, denied, ws_denied, direct = state.evaluate(ws)
    admitted = state.allowed(ws)
    info = ix.matters.get(key(mid))
    privileged = info.privileged if info and info.privileged is not None \
        else policy.unknown_matters_privileged
    closed = info is not None and info.closed is not None and info.closed <= state.as_of
    everyone = ws.default in EVERYONE
    open_to: set[str] = set()   # whom default security opens the matter to (the allow list permitting)
    if everyone:
        open_to = state.eligible if admitted is None else admitted.people() & state.eligible
    default_path = (f"default security '{ws.default}'",)
    state.totals["explicit_pairs"] += len(best)
    state.totals["denied_pairs"] += len(denied - set(best))
    if everyone:
        taken = sum(1 for u in set(best) | ws_denied if u in open_to)
        state.totals["default_security_pairs"] += len(open_to) - taken
        if state.on_row:
            state.on_row(AccessRow("*", mid, NAMES[READ], default_path, None))
        if privileged and policy.public_privileged_is_finding:
            why = "every user of the library can read it" if admitted is None else \
                "only its security-policy allow list keeps the rest of the library out; " \
                f"it gives {len(open_to) - taken} more of those allowed read"
            state.add("public_privileged_matter", mid, mid,
                      f"{ws.name}: privileged matter with default security '{ws.default}' ({why})")
        for p in state.active_leavers:
            if p.id not in best and p.id not in ws_denied and p.id in open_to:
                state.leaver_default[p.id] = state.leaver_default.get(p.id, 0) + 1

    def effective(user: str) -> tuple[int, tuple[str, ...], str | None] | None:
        if user in best:
            return best[user]
        if everyone and user in open_to and user not in ws_denied:
            return (READ, default_path, None)
        return None

    writers: list[str] = []
    for user, (level, path, folder) in best.items():
        if state.on_row:
            state.on_row(AccessRow(user, mid, NAMES[level], path, folder))
        if state.grants is not None:
            state.grants[f"{user}\t{mid}"] = NAMES[level]
        how = f"{NAMES[level]} on {ws.name} {via(path, folder)}"
        person = ix.people.get(user)
        covered = False
        if person and state.left(person):
            if path:   # one finding per group membership, however many matters it opens
                seen = state.leaver_groups.setdefault((user, path), [])
                if len(seen) < 3:
                    seen.append(mid)
                state.leaver_counts[(user, path)] = state.leaver_counts.get((user, path), 0) + 1
            else:
                state.add("leaver_access", user, mid,
                          f"{person.name} left on {person.end_date}; still has {how}", path)
        if person and person.employment_type in policy.provider_types:
            state.held.add((user, mid))
            if privileged:
                mine = [g for g in ix.grants if g.engineer == user and g.matter == mid]
                covered = any(_valid(state, g) for g in mine)
                if not covered:
                    lapsed = [g for g in mine if g.expires and g.expires < state.now]
                    note = "".join(f"; break-glass ticket {g.ticket} expired {g.expires:%Y-%m-%d}"
                                   for g in lapsed) or "; no break-glass entry covers it"
                    state.add("provider_standing_access", user, mid,
                              f"{person.name}: standing {how} on a privileged matter{note}", path)
        if user in direct and not policy.allow_direct_grants and not covered:
            state.direct_counts[user] = state.direct_counts.get(user, 0) + 1   # one finding per person
            examples = state.direct_examples.setdefault(user, [])
            if len(examples) < 3:
                examples.append(mid)
        if closed and level >= WRITE and policy.closed_matters_read_only:
            writers.append(user)
    if writers:   # one finding per matter: the fix is to make the workspace read-only
        names = ", ".join(sorted(writers)[:5]) + (f" and {len(writers) - 5} more" if len(writers) > 5 else "")
        state.add("closed_matter_write", mid, mid,
                  f"{ws.name} closed on {info.closed if info else '?'} but {len(writers)} "
                  f"{'person' if len(writers) == 1 else 'people'} can still write: {names} "
                  "(closed matters are read-only)")
    if everyone and privileged and policy.default_security_includes_providers:
        for p in state.providers:
            if p.id not in best and effective(p.id):
                state.add("provider_standing_access", p.id, mid,
                          f"{p.name}: read on {ws.name} through default security '{ws.default}'",
                          default_path)
    screened: set[str] = set()
    for wall, listed in ix.excluded.get(mid, ()):
        for user in (state.graph.members(listed) if state.graph.is_group(listed) else (listed,)):
            screened.add(user)
            found = effective(user)
            if found:
                level, path, folder = found
                state.add("wall_breach", user, mid,
                          f"{_name(state, user)} is excluded by wall {wall} but has {NAMES[level]} "
                          f"on {ws.name} {via(path, folder)}", path)
    walls = ix.included.get(mid) if policy.inclusive_walls else None
    if walls:
        by_default = open_to.difference(best, ws_denied)
        for wall, side in walls.items():
            judge_included(state, mid, ws, wall, state.roster(side), best, by_default, screened)


def _name(state: _Review, user: str) -> str:
    """Return a person's display name (the id when the directory does not know it)."""
    person = state.ix.people.get(user)
    return person.name if person else user


def judge_included(state: _Review, mid: str, ws: _Workspace, wall: str, included: Roster,
                   best: Best, by_default: set[str], screened: set[str]) -> None:
    """Record who reaches a matter behind an inclusionary wall without being on its included side.

    The wall admins (the policy's `wall_admins`) are cleared for every walled matter; people
    the wall excludes are wall breaches already; a valid break-glass grant covers a provider.
    """
    covered = {g.engineer for g in state.ix.grants if g.matter == mid and _valid(state, g)}
    cleared = included.people() | state.wall_admins.people() | screened | covered
    for user, (level, path, folder) in best.items():
        if user not in cleared:
            state.add("wall_not_included", user, mid,
                      f"{_name(state, user)} is not on the included side of wall {wall} but has "
                      f"{NAMES[level]} on {ws.name} {via(path, folder)}", path)
    others = sorted(by_default - cleared)
    if others:
        names = ", ".join(_name(state, u) for u in others[:5]) + \
            (f" and {len(others) - 5} more" if len(others) > 5 else "")
        state.add("wall_not_included", mid, mid,
                  f"{ws.name}: default security '{ws.default}' opens the matter behind wall {wall} "
                  f"to {len(others)} {'person' if len(others) == 1 else 'people'} not on its "
                  f"included side: {names}", (f"default security '{ws.default}'",))


def judge_register(state: _Review) -> None:
    """Record expired break-glass grants never removed (or removed late), and the per-person findings."""
    for g in state.ix.grants:
        if g.expires is None or g.expires >= state.now:
            continue
        held = (g.engineer, g.matter) in state.held
        if g.revoked is None:
            state.add("expired_break_glass", g.engineer, g.matter,
                      f"ticket {g.ticket}: break-glass on {g.matter} expired {g.expires:%Y-%m-%d %H:%M}"
                      f" with no removal recorded{'; the access is still held' if held else ''}")
        elif g.revoked > g.expires:
            state.add("expired_break_glass", g.engineer, g.matter,
                      f"ticket {g.ticket}: break-glass on {g.matter} removed "
                      f"{g.revoked:%Y-%m-%d %H:%M}, after it expired {g.expires:%Y-%m-%d %H:%M}")
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
