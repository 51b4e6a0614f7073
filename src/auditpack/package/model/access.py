"""Assemble the package's matter-access view: run the review once (access.review), keep a bounded scope.

Effective access can run to tens of millions of (person, matter) pairs, so the Access
Review sheet does not list them all. It lists every grant on a privileged matter (up to
ROW_CAP, the rest counted), every grant that carries a finding, and one row per privileged
matter that default security opens to everyone; the totals count every pair. Rows are
picked while the review streams the ACL (access_sampler.py), so memory stays bounded by the
caps; access_rows.py turns them into the sheets' rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ...access.inputs import AccessInputs, Index, build_index
from ...access.model import CATEGORY_CONTROLS, AccessFinding, AccessPolicy, AccessReview
from ...access.review import review_access
from ...evidence.checks.access import KINDS, NEEDED, has_records, inputs_of, policy_of
from ...evidence.checks.base import CheckInput
from ...evidence.checks.engine import Pair, latest_by_source, pairs_by_source
from ...evidence.model import EvidenceItem
from ...evidence.sources import load_sources
from ...evidence.store import EvidenceStore
from ...workspace.loader import Workspace
from .access_rows import RowLister, label
from .access_sampler import FINDING_ROW_CAP, ROW_CAP, RowSampler
from .access_views import AccessFindingView, AccessSourceView, AccessView, PolicySettingView
from .pseudonyms import NameTable, extra_matter_text, name_table
from .views import ControlView

FINDINGS_PER_CATEGORY = 200  # findings the view names per category (all are counted)

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
    sampler: RowSampler | None = None


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
    sampler = RowSampler(ix, policy, ws.as_of, providers | leavers | walled,
                         reach=dict.fromkeys(providers, 0))
    inputs.acl = sampler.acl(inputs.acl)
    review = review_access(inputs, policy, ws.as_of, on_row=sampler)
    return AccessRun(data, matters, extra, review, policy, ix, sampler)


def assemble_access(ws: Workspace, store: EvidenceStore, controls: Sequence[ControlView],
                    frameworks: Sequence[str], data: CheckInput | None = None,
                    run: AccessRun | None = None) -> AccessAssembly:
    """Build the package's access view and the names to pseudonymise.

    `run` is the review already run (`run_access_review`), else it runs here over `data`
    (the review's input, when already gathered).
    """
    run = run if run is not None else run_access_review(ws, store, data)
    if run.review is None or run.policy is None or run.ix is None or run.sampler is None:
        if not run.matters:
            return AccessAssembly(None, None)
        names = name_table(run.matters, {}, run.extra)
        return AccessAssembly(None, names if names.pattern is not None else None)
    names = name_table(run.matters, run.sampler.workspaces, run.extra)
    view = _view(run.data, run.review, run.policy, run.ix, run.sampler, controls, frameworks)
    return AccessAssembly(view, names if names.pattern is not None else None)


def _view(data: CheckInput, review: AccessReview, policy: AccessPolicy, ix: Index,
          sampler: RowSampler, controls: Sequence[ControlView],
          frameworks: Sequence[str]) -> AccessView:
    """Build the view from the review's totals, findings and the rows the sampler kept."""
    findings = review.findings
    lister = RowLister(ix, sampler, findings, data.as_of)
    rows, left_off = lister.access_rows()
    privileged_matters = sum(1 for m in sampler.matters | {m.id for m in ix.matters.values()}
                             if sampler.privileged(m))
    full = {**review.totals, "privileged_matters": privileged_matters, "rows_listed": len(rows),
            "findings": len(findings)}
    categories = list(dict.fromkeys([*CATEGORY_CONTROLS, *(f.category for f in findings)]))
    providers, providers_left = lister.provider_rows()
    return AccessView(
        as_of=data.as_of, policy=_policy(policy, data.options), sources=_sources(data),
        totals=full, by_category={c: sum(1 for f in findings if f.category == c)
                                  for c in categories},
        category_labels={c: label(c) for c in categories},
        category_controls={c: CATEGORY_CONTROLS.get(c, ()) for c in categories},
        findings=tuple(_finding_view(f, ix, controls, frameworks) for f in _named(findings)),
        rows=rows, rows_left_off=left_off, row_cap=ROW_CAP,
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
