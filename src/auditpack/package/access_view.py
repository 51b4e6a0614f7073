"""Assemble the package's matter-access view: run the review once (access.review), keep a bounded scope.

Effective access can run to tens of millions of (person, matter) pairs, so the Access
Review sheet does not list them all. It lists every grant on a privileged matter (up to
ROW_CAP, the rest counted), every grant that carries a finding, and one row per privileged
matter that default security opens to everyone; the totals count every pair. Rows are
picked while the review streams the ACL, so memory stays bounded by the caps.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..access.inputs import AccessInputs, Grant, Index, build_index, key
from ..access.model import (
    CATEGORY_CONTROLS,
    AccessFinding,
    AccessPolicy,
    AccessReview,
    AccessRow,
)
from ..access.review import review_access
from ..evidence.checks.access import KINDS, NEEDED, has_records, inputs_of, policy_of
from ..evidence.checks.base import CheckInput
from ..evidence.checks.engine import Pair, latest_by_source, pairs_by_source
from ..evidence.model import EvidenceItem
from ..evidence.sources import load_sources
from ..evidence.store import EvidenceStore
from ..workspace import Workspace
from .model import ControlView
from .model_access import (
    AccessFindingView,
    AccessRowView,
    AccessSourceView,
    AccessView,
    PolicySettingView,
    ProviderRowView,
)
from .pseudonymise import NameTable, extra_matter_text, name_table

ROW_CAP = 25_000            # grants on privileged matters listed (without a finding)
FINDING_ROW_CAP = 50_000    # grants with a finding listed
CANDIDATE_CAP = 200_000     # grants of watched people held while the review runs
PROVIDER_CAP = 20_000       # rows of the Provider Access sheet
FINDINGS_PER_CATEGORY = 200  # findings the view names per category (all are counted)
WRITE_LEVELS = ("write", "full")

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
KIND_LABELS = {
    "dms_acl": "DMS access control lists (iManage / NetDocuments)",
    "user_directory": "Directory users (employment type, status, end date)",
    "group_membership": "Directory groups and nested membership",
    "matter_list": "Matter list (privilege flag, open and closed dates)",
    "ethical_walls": "Ethical walls (excluded and included people)",
    "break_glass_register": "Break-glass register (provider engineer, matter, ticket, window)",
}
POLICY_MEANINGS = {
    "allow_direct_grants": "a user entry on a matter (not through a named group) is allowed",
    "provider_types": "employment types counted as provider engineers",
    "unknown_matters_privileged": "a matter missing from the matter list counts as privileged",
    "closed_matters_read_only": "write access to a closed matter is a finding",
    "public_privileged_is_finding": "default security 'public' or 'view' on a privileged matter "
                                    "is a finding",
    "default_security_includes_providers": "default security opens matters to provider "
                                           "engineers too",
    "leaver_grace_days": "days after a leaver's end date before remaining access is a finding",
    "inclusive_walls": "a wall with an included side admits only those people (and the wall "
                       "administrators)",
    "wall_admins": "people or groups cleared for every walled matter (never for a wall that "
                   "excludes them)",
}

Kept = tuple[str, str, str, tuple[str, ...], str | None]   # matter, person, access, path, folder


def access_input(ws: Workspace, store: EvidenceStore,
                 latest: dict[str, EvidenceItem] | None = None) -> CheckInput:
    """Collect the newest items of every kind the review reads, from every source.

    `latest` is the store's newest item of every stream, when already read.
    """
    grouped = pairs_by_source(latest if latest is not None else latest_by_source(store))
    by_kind: dict[str, list[Pair]] = defaultdict(list)
    for source in load_sources(ws):
        for raw, records in grouped.get(source.spec.id, []):
            kind = raw.meta.kind or source.spec.kind or source.collector.kind
            if kind in KINDS:
                by_kind[kind].append((raw, records))
    return CheckInput(store, ws.as_of, dict(by_kind),
                      dict(ws.file.evidence.check_options.get("matter_access", {})), "dms_acl")


def may_name_matters(data: CheckInput) -> bool:
    """Say whether the review's inputs could give client or matter names to pseudonymise.

    Names come from a matter list and from the ACL's workspace names; without either, no
    evidence file needs a pseudonymised rendition.
    """
    return bool(data.items_by_kind.get("matter_list") or data.items_by_kind.get("dms_acl"))


@dataclass
class AccessAssembly:
    """The access view (None without the review's inputs) and the names to pseudonymise."""

    view: AccessView | None
    names: NameTable | None


@dataclass
class _Collector:
    """Pick the rows the package lists while the review streams (bounded by the caps)."""

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
        """Say whether a matter is privileged (unknown matters as the policy says)."""
        found = self._privileged.get(mid)
        if found is None:
            info = self.ix.matters.get(key(mid))
            found = self._privileged[mid] = self.policy.unknown_matters_privileged \
                if info is None or info.privileged is None else info.privileged
        return found

    def closed(self, mid: str) -> bool:
        """Say whether a matter is closed at the as-of date."""
        found = self._closed.get(mid)
        if found is None:
            info = self.ix.matters.get(key(mid))
            found = self._closed[mid] = info is not None and info.closed is not None \
                and info.closed <= self.as_of
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


@dataclass
class AccessRun:
    """The matter-access review, run once for the package: its input and what it found.

    `review` is None when the inputs are incomplete (then only the matter list, if any,
    gives names to pseudonymise).
    """

    data: CheckInput
    matters: list[dict[str, Any]]
    extra: list[tuple[str, str, bool]]  # identifying columns of the raw matter list
    review: AccessReview | None = None
    policy: AccessPolicy | None = None
    ix: Index | None = None
    rows: _Collector | None = None


def run_access_review(ws: Workspace, store: EvidenceStore,
                      data: CheckInput | None = None) -> AccessRun:
    """Run the review, keeping the rows the package lists (`data`: see `access_input`)."""
    data = data if data is not None else access_input(ws, store)
    matters = list(data.records("matter_list")) if has_records(data, "matter_list") else []
    extra = [t for raw, _ in data.items_by_kind.get("matter_list", [])
             for t in extra_matter_text(store, raw.sha256)]
    if not all(has_records(data, k) for k in ("dms_acl", *NEEDED)):
        return AccessRun(data, matters, extra)
    policy = policy_of(data)
    inputs = inputs_of(data)
    ix = build_index(AccessInputs(acl=(), users=inputs.users, matters=inputs.matters,
                                  walls=inputs.walls, break_glass=inputs.break_glass))
    providers = {p.id for p in ix.people.values() if p.employment_type in policy.provider_types}
    leavers = {p.id for p in ix.people.values() if p.end_date is not None and p.end_date < ws.as_of}
    walled = {person for pairs in ix.excluded.values() for _, person in pairs}
    rows = _Collector(ix, policy, ws.as_of, providers | leavers | walled,
                      reach=dict.fromkeys(providers, 0))
    inputs.acl = rows.acl(inputs.acl)
    review = review_access(inputs, policy, ws.as_of, on_row=rows)
    return AccessRun(data, matters, extra, review, policy, ix, rows)


def assemble_access(ws: Workspace, store: EvidenceStore, controls: Sequence[ControlView],
                    frameworks: Sequence[str], data: CheckInput | None = None,
                    run: AccessRun | None = None) -> AccessAssembly:
    """Build the package's access view and the names to pseudonymise.

    `run` is the review already run (`run_access_review`), else it runs here over `data`
    (the review's input, when already gathered).
    """
    run = run if run is not None else run_access_review(ws, store, data)
    if run.review is None or run.policy is None or run.ix is None or run.rows is None:
        if not run.matters:
            return AccessAssembly(None, None)
        names = name_table(run.matters, {}, run.extra)
        return AccessAssembly(None, names if names.pattern is not None else None)
    names = name_table(run.matters, run.rows.workspaces, run.extra)
    view = _view(run.data, run.policy, run.ix, run.rows, run.review.totals, run.review.findings,
                 controls, frameworks)
    return AccessAssembly(view, names if names.pattern is not None else None)


# ---- the view ----------------------------------------------------------------------------------


def _path_text(path: tuple[str, ...], folder: str | None) -> str:
    """Describe how access is given: the group chain (innermost first), direct, default security."""
    where = f" (folder {folder})" if folder else ""
    if path and path[0].startswith("default security"):
        return f"{path[0]} (every active internal user)"
    if not path:
        return "direct" + where
    return " ⊂ ".join(path) + where


def _window(g: Grant, now: dt.datetime) -> str:
    """Describe a break-glass grant's window and whether it is in force."""
    def at(when: dt.datetime | None) -> str:
        return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M") if when else "?"
    text = f"{at(g.granted)} to {at(g.expires)} UTC"
    if g.revoked:
        text += f"; removed {at(g.revoked)}"
    state = "in force" if g.in_force(now) else "expired" if g.expired(now) else "not in force"
    return f"{text} ({state} at the as-of date)"


class _Matcher:
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


def label(category: str) -> str:
    """Return a finding category's name as the package shows it."""
    return CATEGORY_LABELS.get(category) or category.replace("_", " ").capitalize()


def _labels(found: Sequence[AccessFinding]) -> tuple[str | None, str | None]:
    """Return the findings' labels and details, or None."""
    if not found:
        return None, None
    labels = "; ".join(dict.fromkeys(label(f.category) for f in found))
    return labels, "\n".join(f.detail for f in found)


def _view(data: CheckInput, policy: AccessPolicy, ix: Index, rows: _Collector,
          totals: dict[str, int], findings: Sequence[AccessFinding], controls: Sequence[ControlView],
          frameworks: Sequence[str]) -> AccessView:
    """Build the view from the review's totals, findings and the rows kept."""
    now = dt.datetime.combine(data.as_of, dt.time.max, dt.timezone.utc)
    match = _Matcher(findings)
    grants: dict[tuple[str, str], list[Grant]] = defaultdict(list)
    for g in ix.grants:
        grants[(g.engineer, g.matter)].append(g)

    def row_view(kept: Kept, found: Sequence[AccessFinding]) -> AccessRowView:
        matter, person, access, path, folder = kept
        who = ix.people.get(person)
        shown = _path_text(path, folder)
        live = [g for g in grants.get((person, matter), ()) if g.in_force(now)]
        if live:
            shown = f"break-glass, ticket {live[0].ticket} ({shown})"
        label, detail = _labels(found)
        return AccessRowView(
            matter=matter, privileged=rows.privileged(matter), closed=rows.closed(matter),
            person="Everyone (default security)" if person == "*" else who.name if who else person,
            login="*" if person == "*" else person, employment_type=who.employment_type if who else None,
            access=access, path=shown, finding=label, detail=detail)

    listed: list[tuple[Kept, list[AccessFinding]]] = []
    left_off = rows.left_off
    for k in rows.candidates:
        found = match.of(k)
        if found and len(listed) < FINDING_ROW_CAP:
            listed.append((k, found))
        elif found:
            left_off += 1
        elif rows.privileged(k[0]):   # a watched person's grant on a privileged matter
            if len(rows.privileged_rows) < ROW_CAP:
                rows.privileged_rows.append(k)
            else:
                left_off += 1
    listed += [(k, match.of(k)) for k in rows.privileged_rows]
    views = sorted((row_view(k, f) for k, f in listed),
                   key=lambda r: (r.matter, r.person != "Everyone (default security)", r.person, r.login))
    privileged_matters = sum(1 for m in rows.matters | {m.id for m in ix.matters.values()}
                             if rows.privileged(m))
    full = {**totals, "privileged_matters": privileged_matters, "rows_listed": len(views),
            "findings": len(findings)}
    categories = list(dict.fromkeys([*CATEGORY_CONTROLS, *(f.category for f in findings)]))
    providers, providers_left = _provider_rows(ix, rows, listed, match, grants, now)
    return AccessView(
        as_of=data.as_of, policy=_policy(policy, data.options), sources=_sources(data),
        totals=full, by_category={c: sum(1 for f in findings if f.category == c)
                                  for c in categories},
        category_labels={c: label(c) for c in categories},
        category_controls={c: CATEGORY_CONTROLS.get(c, ()) for c in categories},
        findings=tuple(_finding_view(f, ix, controls, frameworks) for f in _named(findings)),
        rows=tuple(views), rows_left_off=left_off, row_cap=ROW_CAP,
        providers=providers, providers_left_off=providers_left,
        scope=_scope(full, left_off, data))


def _scope(totals: dict[str, int], left_off: int, data: CheckInput) -> str:
    """Say in words what the Access Review sheet lists, and where the rest is."""
    acl = ", ".join(data.used("dms_acl")) or "the DMS ACL export"
    text = (f"Listed: every grant on a privileged matter, every grant that carries a finding, and "
            f"one row per privileged matter that default security opens to everyone "
            f"({totals['rows_listed']:,} rows). In all, {totals.get('effective_pairs', 0):,} "
            f"effective access pairs ({totals.get('explicit_pairs', 0):,} from ACL entries, "
            f"{totals.get('default_security_pairs', 0):,} from default security) across "
            f"{totals.get('matters', 0):,} matters.")
    if left_off:
        text += (f" {left_off:,} more grants are not listed: the sheet holds at most {ROW_CAP:,} "
                 f"grants on privileged matters and {FINDING_ROW_CAP:,} grants with a finding.")
    return text + (f" Every pair can be recomputed from evidence {acl} with "
                   "`auditpack access review`.")


def _named(findings: Sequence[AccessFinding]) -> list[AccessFinding]:
    """Return the findings the view names: the first FINDINGS_PER_CATEGORY of each category."""
    seen: dict[str, int] = defaultdict(int)
    out = []
    for f in findings:
        seen[f.category] += 1
        if seen[f.category] <= FINDINGS_PER_CATEGORY:
            out.append(f)
    return out


def _policy(policy: AccessPolicy, options: dict[str, Any]) -> tuple[PolicySettingView, ...]:
    """Describe each policy setting, its value and whether auditpack.yaml sets it."""
    out = []
    for name in AccessPolicy.model_fields:
        value = getattr(policy, name)
        shown = ", ".join(value) if isinstance(value, tuple) else \
            ("yes" if value else "no") if isinstance(value, bool) else str(value)
        out.append(PolicySettingView(name=name, value=shown,
                                     source="auditpack.yaml" if name in options else "default",
                                     meaning=POLICY_MEANINGS.get(name) or
                                     AccessPolicy.model_fields[name].description or ""))
    return tuple(out)


def _sources(data: CheckInput) -> tuple[AccessSourceView, ...]:
    """List the review's inputs with their evidence ids and file names."""
    out = []
    for kind in KINDS:
        pairs = data.items_by_kind.get(kind, [])
        if pairs:
            out.append(AccessSourceView(kind=kind, label=KIND_LABELS.get(kind, kind),
                                        evidence=data.used(kind),
                                        files=tuple(raw.meta.original_name for raw, _ in pairs)))
    return tuple(out)


def _finding_view(f: AccessFinding, ix: Index, controls: Sequence[ControlView],
                  frameworks: Sequence[str]) -> AccessFindingView:
    """Describe a finding with the in-scope requirements its controls satisfy."""
    by_id = {c.id: c for c in controls}
    reqs: dict[str, list[str]] = {}
    for cid in f.controls:
        control = by_id.get(cid)
        for fw, ids in (control.satisfies.items() if control else ()):
            if fw in frameworks:
                reqs.setdefault(fw, []).extend(r for r in ids if r not in reqs.get(fw, []))
    ordered = {fw: tuple(reqs[fw]) for fw in frameworks if fw in reqs}
    person = ix.people.get(f.subject)
    return AccessFindingView(category=f.category, label=label(f.category),
                             subject=f.subject, person=person.name if person else None,
                             matter=f.matter, detail=f.detail, path=" ⊂ ".join(f.path),
                             controls=f.controls, requirements=ordered)


def _provider_rows(ix: Index, rows: _Collector, listed: list[tuple[Kept, list[AccessFinding]]],
                   match: _Matcher, grants: dict[tuple[str, str], list[Grant]],
                   now: dt.datetime) -> tuple[tuple[ProviderRowView, ...], int]:
    """One row per provider engineer and matter they reach or hold break-glass on."""
    held: dict[str, list[Kept]] = defaultdict(list)
    for kept in rows.candidates:
        if kept[1] in rows.reach:
            held[kept[1]].append(kept)
    out: list[ProviderRowView] = []
    left = 0
    people = sorted((ix.people[p] for p in rows.reach), key=lambda p: (p.name, p.id))
    for p in people:
        base: dict[str, Any] = {"person": p.name, "login": p.id,
                                "matters_reachable": rows.reach[p.id]}
        mine = sorted(held.get(p.id, ()))
        matters = {k[0] for k in mine}
        lapsed = sorted({g.matter for (eng, _), gs in grants.items() if eng == p.id for g in gs}
                        - matters)
        if not mine and not lapsed:
            out.append(ProviderRowView(**base, matter=None, privileged=None, access="none",
                                       path=None, finding=None, detail="no matter access"))
            continue
        for kept in mine:
            if len(out) >= PROVIDER_CAP:
                left += 1
                continue
            out.append(_provider_row(base, kept, match.of(kept), grants, rows, now))
        for matter in lapsed:
            found = list(match.by_pair.get((p.id, matter), ()))
            out.append(_provider_row(base, (matter, p.id, "none", (), None), found, grants,
                                     rows, now, held=False))
    return tuple(out), left


def _provider_row(base: dict[str, Any], kept: Kept, found: Sequence[AccessFinding],
                  grants: dict[tuple[str, str], list[Grant]], rows: _Collector, now: dt.datetime,
                  held: bool = True) -> ProviderRowView:
    """Describe one provider grant with its break-glass tickets and windows."""
    matter, person, access, path, folder = kept
    mine = sorted(grants.get((person, matter), ()), key=lambda g: (g.granted or now, g.ticket))
    label, detail = _labels(found)
    return ProviderRowView(**base, matter=matter, privileged=rows.privileged(matter),
                           access=access if held else "none",
                           path=_path_text(path, folder) if held else None,
                           ticket=", ".join(g.ticket for g in mine) or None,
                           window="\n".join(_window(g, now) for g in mine) or None,
                           finding=label, detail=detail)

