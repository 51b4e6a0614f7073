"""Run the checks for every control, from the store alone."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from ...controls.model import Control, EvidenceNeed
from ...workspace.loader import Workspace
from ..collectors.base import RECORDS_MEDIA_TYPE
from ..model import EvidenceItem, EvidenceMeta
from ..sources import Source
from ..store import EvidenceStore
from . import access, backup, cadence, endpoint, identity  # noqa: F401  (registers the checks)
from .base import REGISTRY, CheckInput
from .model import SEVERITY, ControlResult, NeedResult, Outcome, Status

CHECKS_VERSION = "1"
Pair = tuple[EvidenceItem, EvidenceItem | None]
Known = Callable[[str, CheckInput], Outcome | None]  # (check name, its input) -> an outcome


def latest_by_source(store: EvidenceStore) -> dict[str, EvidenceItem]:
    """Return the newest item of every artifact stream."""
    return {item.source_id: item for item in store.latest()}


def pairs_by_source(latest: dict[str, EvidenceItem]) -> dict[str, list[Pair]]:
    """Return every source's newest artifacts, each raw one paired with the records
    derived from it.

    A source may have several streams: one per file of a folder (`id/<path>`), an
    attachment (`id/attachment`), records (`id/records`, or per ZIP member); source ids are
    slugs (no '/'), so a stream belongs to the source named before its first '/'. A raw
    item with several records (a ZIP holding several tables) gives one pair per table, so
    every table reaches the checks; a raw item without records gives (raw, None).
    """
    streams: dict[str, list[EvidenceItem]] = defaultdict(list)
    for sid, item in latest.items():
        streams[sid.split("/", 1)[0]].append(item)
    return {spec_id: _paired(items) for spec_id, items in streams.items()}


def _paired(mine: list[EvidenceItem]) -> list[Pair]:
    """Pair one source's raw items with their records, in stream order."""
    mine = sorted(mine, key=lambda i: i.source_id)
    records: dict[str | None, list[EvidenceItem]] = defaultdict(list)
    for item in mine:
        if item.meta.media_type == RECORDS_MEDIA_TYPE:
            records[item.meta.derived_from].append(item)
    pairs: list[Pair] = []
    for item in mine:
        if item.meta.media_type != RECORDS_MEDIA_TYPE:
            derived: list[EvidenceItem | None] = list(records.get(item.evidence_id, ()))
            pairs.extend((item, rec) for rec in derived or [None])
    return pairs


# control -> evidence kind -> the pairs of each source serving it (lists shared between
# controls: a source serving every control is not copied once per control)
Index = dict[str, dict[str, list[list[Pair]]]]


def _pairs(ws: Workspace, sources: list[Source], latest: dict[str, EvidenceItem]) -> Index:
    """Index, per control, the newest (raw, records) items of each evidence kind serving it."""
    grouped = pairs_by_source(latest)
    all_ids = [c.id for c in ws.controls.controls]
    index: Index = defaultdict(lambda: defaultdict(list))
    for source in sources:
        by_kind: dict[str, list[Pair]] = defaultdict(list)
        for raw, records in grouped.get(source.spec.id, []):
            kind = raw.meta.kind or source.spec.kind or source.collector.kind
            if kind is not None:
                by_kind[kind].append((raw, records))
        for cid in source.spec.controls or all_ids:
            for kind, found in by_kind.items():
                index[cid][kind].append(found)
    return index


def _of(pairs: dict[str, list[list[Pair]]], kind: str) -> list[Pair]:
    """Return the pairs of one kind serving a control, every source's in turn."""
    return [pair for found in pairs.get(kind, ()) for pair in found]


@dataclass(frozen=True)
class PlannedNeed:
    """One evidence need, judged as far as it can be without running its check.

    Missing, stale and untested needs are decided here (`result`); a need whose check
    must run carries the check and its input instead. Either way the evidence the
    result will rest on is known (`evidence`), before any check runs.
    """

    need: EvidenceNeed
    evidence: tuple[str, ...]
    result: NeedResult | None = None
    check: str = ""
    data: CheckInput | None = None

    def run(self, known: Known | None = None) -> NeedResult:
        """Return the need's result, running its check when one is due.

        `known` may give the outcome of a check over this very input, worked out already
        by the caller (a package build runs the matter-access review once for its listing);
        when it gives none, the check runs.
        """
        if self.result is not None:
            return self.result
        assert self.data is not None
        outcome = known(self.check, self.data) if known is not None else None
        if outcome is None:
            outcome = REGISTRY[self.check].run(self.data)
        return NeedResult(kind=self.need.kind, check=self.check, status=outcome.status,
                          summary=outcome.summary, figures=outcome.figures,
                          exceptions=outcome.exceptions, evidence=self.evidence)


def _found(pairs: dict[str, list[list[Pair]]],
           kind: str) -> tuple[tuple[str, ...], EvidenceItem | None]:
    """Return the evidence ids of one kind serving a control, and its newest raw item."""
    found = _of(pairs, kind)
    ids = tuple(dict.fromkeys(e.evidence_id for raw, rec in found for e in (raw, rec)
                              if e is not None))  # a ZIP of several tables is one raw item
    newest = max((raw for raw, _ in found), key=lambda i: i.meta.as_of, default=None)
    return ids, newest


def _plan_need(ws: Workspace, store: EvidenceStore, control: Control, need: EvidenceNeed,
               pairs: dict[str, list[list[Pair]]], period: Period | None) -> PlannedNeed:
    """Judge one evidence need: missing, stale, then the check (or not_tested)."""
    ids, newest = _found(pairs, need.kind)
    if newest is None:
        return PlannedNeed(need, (), NeedResult(
            kind=need.kind, check=need.check, status="missing",
            summary=f"no {need.kind.replace('_', ' ')} evidence collected"))
    spec = REGISTRY.get(need.check or "")
    stale = None if spec and spec.judges_age else _staleness(ws, control, need, newest, period)
    if stale:
        return PlannedNeed(need, ids, NeedResult(kind=need.kind, check=need.check,
                                                 status="stale", summary=stale, evidence=ids))
    if spec is None:
        return PlannedNeed(need, ids, NeedResult(
            kind=need.kind, check=None, status="not_tested", evidence=ids,
            summary="evidence on file and current; no automated check (for the assessor "
                    "to review)"))
    data = CheckInput(store, ws.as_of, {k: _of(pairs, k) for k in spec.kinds},
                      dict(ws.file.evidence.check_options.get(spec.name, {})), need.kind)
    needed = spec.kinds if spec.require_all else (need.kind,)
    missing = [k for k in needed if not pairs.get(k)]  # each source's list is non-empty
    if missing:
        return PlannedNeed(need, ids, NeedResult(
            kind=need.kind, check=spec.name, status="missing", evidence=ids,
            summary=f"{spec.name} also needs {', '.join(missing)} evidence"))
    return PlannedNeed(need, data.used(*spec.kinds), check=spec.name, data=data)


Period = tuple[dt.date, dt.date]


def _staleness(ws: Workspace, control: Control, need: EvidenceNeed,
               newest: EvidenceItem, period: Period | None = None) -> str | None:
    """Explain why the newest evidence is too old or misses the period, else return None."""
    start, end = newest.meta.covers_start, newest.meta.covers_end
    if period and start and end and (start > period[0] or end < period[1]):
        return (f"newest evidence covers {start} to {end}, not the whole period "
                f"{period[0]} to {period[1]}")
    limit = control.max_age_days(need)
    if limit is None:  # event-driven: the evidence must fall inside the period
        if period and not period[0] <= newest.meta.as_of <= period[1]:
            return (f"newest evidence is dated {newest.meta.as_of}, outside the period "
                    f"{period[0]} to {period[1]}")
        return None
    age = (ws.as_of - newest.meta.as_of).days
    if age > limit:
        return (f"newest evidence is dated {newest.meta.as_of}, {age} days before "
                f"{ws.as_of}; a {control.frequency} control allows {limit}")
    return None


@dataclass
class CheckPlan:
    """Every active control's needs, judged as far as they can be before any check runs."""

    controls: tuple[tuple[str, tuple[PlannedNeed, ...]], ...]
    latest: dict[str, EvidenceItem]  # the newest item of every stream, by stream

    @cached_property
    def items(self) -> dict[str, EvidenceItem]:
        """The newest item of every stream, by evidence id."""
        return {i.evidence_id: i for i in self.latest.values()}

    def evidence_ids(self) -> set[str]:
        """The evidence every result will rest on: known before the checks run."""
        return {e for _, needs in self.controls for n in needs for e in n.evidence}

    def run(self, known: Known | None = None) -> list[ControlResult]:
        """Run the due checks; return a result for every control (its worst need decides).

        See `PlannedNeed.run` for `known`.
        """
        results = []
        for control, planned in self.controls:
            needs = tuple(n.run(known) for n in planned)
            status: Status = min((n.status for n in needs), key=lambda s: SEVERITY[s])
            results.append(ControlResult(control=control, status=status, needs=needs))
        return results


def plan_checks(ws: Workspace, sources: list[Source], store: EvidenceStore,
                period: Period | None = None) -> CheckPlan:
    """Judge every active control's needs as far as possible without running a check.

    The store's custody log is verified first (`EvidenceStore.verified_head`): an index
    row, custody entry or recorded head that does not hold raises IntegrityError naming it.
    """
    store.verified_head()
    latest = latest_by_source(store)
    pairs = _pairs(ws, sources, latest)
    return CheckPlan(tuple(
        (control.id, tuple(_plan_need(ws, store, control, n, pairs.get(control.id, {}), period)
                           for n in control.evidence))
        for control in ws.active_controls()), latest)


def run_checks(ws: Workspace, sources: list[Source], store: EvidenceStore,
               period: Period | None = None) -> list[ControlResult]:
    """Return a result for every active control; its worst need decides its status.

    With a `period` (the package's), evidence must cover it: a source's stated coverage
    must span it, and event-driven evidence must fall inside it.
    """
    return plan_checks(ws, sources, store, period).run()


def store_results(store: EvidenceStore, results: list[ControlResult], as_of: dt.date,
                  now: dt.datetime) -> list[EvidenceItem]:
    """Record each result as derived evidence pointing at its inputs (unchanged ones are skipped)."""
    latest = latest_by_source(store)
    blobs = []
    for result in results:
        body = json.dumps(result.model_dump(mode="json"), sort_keys=True, indent=1).encode()
        source_id = f"check/{result.control}"
        sha, size = store.put_stream([body])
        if source_id in latest and latest[source_id].sha256 == sha:
            continue
        meta = EvidenceMeta(source_id=source_id, collector="checks",
                            collector_version=CHECKS_VERSION,
                            original_name=f"{result.control}.check.json",
                            media_type="application/json", as_of=as_of,
                            parameters={"inputs": list(result.evidence)},
                            controls=(result.control,), kind="check_result",
                            derived_from=result.evidence[0] if result.evidence else None)
        blobs.append((sha, size, meta))
    return store.add_group(blobs, now) if blobs else []
