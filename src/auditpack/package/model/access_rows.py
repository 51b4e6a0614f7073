"""The rows of the Access Review and Provider Access sheets, from the grants the sampler kept.

Each row carries the findings its grant has (matched by person, matter and path) and, for a
provider engineer, the break-glass tickets and windows on the matter.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ...access.inputs import Grant, Index
from ...access.model import AccessFinding
from .access_sampler import FINDING_ROW_CAP, ROW_CAP, WRITE_LEVELS, Kept, RowSampler
from .access_views import AccessRowView, ProviderRowView

PROVIDER_CAP = 20_000       # rows of the Provider Access sheet
EVERYONE = "Everyone (default security)"
CATEGORY_LABELS = {
    "provider_standing_access": "Provider standing access",
    "expired_break_glass": "Expired break-glass",
    "wall_breach": "Ethical wall breach",
    "wall_not_included": "Not on the wall's included side",
    "leaver_access": "Leaver access",
    "direct_grant": "Direct user grant",
    "public_privileged_matter": "Public privileged matter",
    "closed_matter_write": "Write access to a closed matter",
}


def label(category: str) -> str:
    """Return a finding category's name as the package shows it."""
    return CATEGORY_LABELS.get(category) or category.replace("_", " ").capitalize()


def _labels(found: Sequence[AccessFinding]) -> tuple[str | None, str | None]:
    """Return the findings' labels and details, or None."""
    if not found:
        return None, None
    labels = "; ".join(dict.fromkeys(label(f.category) for f in found))
    return labels, "\n".join(f.detail for f in found)


def path_text(path: tuple[str, ...], folder: str | None) -> str:
    """Describe how access is given: the group chain (innermost first), direct, default security."""
    where = f" (folder {folder})" if folder else ""
    if path and path[0].startswith("default security"):
        return f"{path[0]} (every active internal user)"
    if not path:
        return "direct" + where
    return " ⊂ ".join(path) + where


def window(g: Grant, now: dt.datetime) -> str:
    """Describe a break-glass grant's window and whether it is in force (the review's rule)."""
    def at(when: dt.datetime | None) -> str:
        return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M") if when else "?"
    text = f"{at(g.granted)} to {at(g.expires)} UTC"
    if g.revoked:
        text += f"; removed {at(g.revoked)}"
    state = "in force" if g.in_force(now) else "expired" if g.expired(now) else "not in force"
    return f"{text} ({state} at the as-of date)"


class FindingMatcher:
    """Find the findings a grant carries."""

    def __init__(self, findings: Sequence[AccessFinding]) -> None:
        self.by_pair: dict[tuple[str, str], list[AccessFinding]] = defaultdict(list)
        self.by_subject: dict[str, list[AccessFinding]] = defaultdict(list)
        self.by_matter: dict[str, list[AccessFinding]] = defaultdict(list)
        for f in findings:
            if f.category in ("closed_matter_write", "public_privileged_matter"):
                self.by_matter[f.subject].append(f)
            elif f.matter and "," not in f.matter:
                self.by_pair[(f.subject, f.matter)].append(f)
            else:
                self.by_subject[f.subject].append(f)

    def of(self, row: Kept) -> list[AccessFinding]:
        """Return the findings of one kept grant."""
        matter, person, access, path, _ = row
        if person == "*":
            return [f for f in self.by_matter.get(matter, ()) if f.category == "public_privileged_matter"]
        found = list(self.by_pair.get((person, matter), ()))
        found += [f for f in self.by_subject.get(person, ())
                  if (f.category == "direct_grant" and not path)
                  or (f.category == "leaver_access" and f.path == path)]
        found += [f for f in self.by_matter.get(matter, ())
                  if f.category == "closed_matter_write" and access in WRITE_LEVELS]
        return found


class RowLister:
    """Turn the grants the sampler kept into the sheets' rows, each with its findings."""

    def __init__(self, ix: Index, sampler: RowSampler, findings: Sequence[AccessFinding],
                 as_of: dt.date) -> None:
        self.ix, self.sampler = ix, sampler
        self.now = dt.datetime.combine(as_of, dt.time.max, dt.timezone.utc)
        self.match = FindingMatcher(findings)
        self.grants: dict[tuple[str, str], list[Grant]] = defaultdict(list)
        for g in ix.grants:
            self.grants[(g.engineer, g.matter)].append(g)

    def access_rows(self) -> tuple[tuple[AccessRowView, ...], int]:
        """Return the Access Review sheet's rows (by matter, then person) and the grants left off."""
        rows = self.sampler
        listed: list[tuple[Kept, list[AccessFinding]]] = []
        left_off = rows.left_off
        for k in rows.candidates:
            found = self.match.of(k)
            if found and len(listed) < FINDING_ROW_CAP:
                listed.append((k, found))
            elif found:
                left_off += 1
            elif rows.privileged(k[0]):   # a watched person's grant on a privileged matter
                if len(rows.privileged_rows) < ROW_CAP:
                    rows.privileged_rows.append(k)
                else:
                    left_off += 1
        listed += [(k, self.match.of(k)) for k in rows.privileged_rows]
        views = sorted((self._row(k, f) for k, f in listed),
                       key=lambda r: (r.matter, r.person != EVERYONE, r.person, r.login))
        return tuple(views), left_off

    def _row(self, kept: Kept, found: Sequence[AccessFinding]) -> AccessRowView:
        """Describe one grant: who, which matter, the path (or break-glass ticket), its findings."""
        matter, person, access, path, folder = kept
        who = self.ix.people.get(person)
        shown = path_text(path, folder)
        live = [g for g in self.grants.get((person, matter), ()) if g.in_force(self.now)]
        if live:
            shown = f"break-glass, ticket {live[0].ticket} ({shown})"
        labels, detail = _labels(found)
        return AccessRowView(
            matter=matter, privileged=self.sampler.privileged(matter),
            closed=self.sampler.closed(matter),
            person=EVERYONE if person == "*" else who.name if who else person,
            login="*" if person == "*" else person, employment_type=who.employment_type if who else None,
            access=access, path=shown, finding=labels, detail=detail)

    def provider_rows(self) -> tuple[tuple[ProviderRowView, ...], int]:
        """One row per provider engineer and matter they reach or hold break-glass on."""
        rows = self.sampler
        held: dict[str, list[Kept]] = defaultdict(list)
        for kept in rows.candidates:
            if kept[1] in rows.reach:
                held[kept[1]].append(kept)
        out: list[ProviderRowView] = []
        left = 0
        people = sorted((self.ix.people[p] for p in rows.reach), key=lambda p: (p.name, p.id))
        for p in people:
            base: dict[str, Any] = {"person": p.name, "login": p.id,
                                    "matters_reachable": rows.reach[p.id]}
            mine = sorted(held.get(p.id, ()))
            matters = {k[0] for k in mine}
            lapsed = sorted({g.matter for (eng, _), gs in self.grants.items() if eng == p.id
                             for g in gs} - matters)
            if not mine and not lapsed:
                out.append(ProviderRowView(**base, matter=None, privileged=None, access="none",
                                           path=None, finding=None, detail="no matter access"))
                continue
            for kept in mine:
                if len(out) >= PROVIDER_CAP:
                    left += 1
                    continue
                out.append(self._provider_row(base, kept, self.match.of(kept)))
            for matter in lapsed:
                found = list(self.match.by_pair.get((p.id, matter), ()))
                out.append(self._provider_row(base, (matter, p.id, "none", (), None), found,
                                              held=False))
        return tuple(out), left

    def _provider_row(self, base: dict[str, Any], kept: Kept, found: Sequence[AccessFinding],
                      held: bool = True) -> ProviderRowView:
        """Describe one provider grant with its break-glass tickets and windows."""
        matter, person, access, path, folder = kept
        mine = sorted(self.grants.get((person, matter), ()),
                      key=lambda g: (g.granted or self.now, g.ticket))
        labels, detail = _labels(found)
        return ProviderRowView(**base, matter=matter, privileged=self.sampler.privileged(matter),
                               access=access if held else "none",
                               path=path_text(path, folder) if held else None,
                               ticket=", ".join(g.ticket for g in mine) or None,
                               window="\n".join(window(g, self.now) for g in mine) or None,
                               finding=labels, detail=detail)
