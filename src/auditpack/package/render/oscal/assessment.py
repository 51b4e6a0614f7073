"""The assessment plan (minimal) and the assessment results for the package's period.

Results: one result for the period; an observation per evidence file (when it was
collected, when it expires under the strictest freshness window of the controls that
cite it, and the file in the package with its sha256); an observation per tested
evidence need of a control (the check, its outcome, and the files it read); a finding per
requirement in scope, satisfied when its controls pass, not satisfied otherwise, related
to its controls' need observations. Requirements that do not apply get no finding.

Findings point at the need observations rather than at every file: a control resting on
20,000 files and satisfying 40 requirements is then 40 references, not 800,000.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from ....oscal.uuids import stable_uuid
from ...model.views import EvidenceRef, RequirementView
from .components import implemented_controls
from .document import (
    MARK,
    Context,
    LongList,
    checked,
    prop,
    requirement_token,
    streamed,
    text,
    timestamp,
)
from .ssp import implemented_requirement_uuid

PLAN_FILE = "assessment-plan.json"
SSP_FILE = "system-security-plan.json"


def observation_uuid(evidence_id: str) -> str:
    """The observation of one evidence file (the same in the results and the POA&M)."""
    return stable_uuid("observation", evidence_id)


def need_observation_uuid(control_id: str, index: int) -> str:
    """The observation of one evidence need of a control (its check and outcome)."""
    return stable_uuid("need-observation", control_id, str(index))


LISTED_FILES = 50  # a need reading more files names them by source (each has its observation)


def _need_evidence(files: list[str], refs: dict[str, EvidenceRef]) -> list[dict[str, Any]]:
    """The files a need read: each by its resource, or by source when there are many."""
    if len(files) <= LISTED_FILES:
        return [{"href": f"#{_resource_uuid(e)}", "description": f"Evidence file {e}."}
                for e in files]
    by_source: dict[str, list[str]] = {}
    for e in files:  # a folder source's files are streams "<source>/<path>" of one source
        by_source.setdefault(refs[e].source.split("/", 1)[0], []).append(e)
    return [{"description": f"{len(ids)} evidence files of source {source} ({ids[0]} to "
                            f"{ids[-1]}); each file is an observation of its own.",
             "props": [prop("source", source), prop("file-count", str(len(ids)))]}
            for source, ids in by_source.items()]


def need_observations(ctx: Context, known: set[str]) -> list[dict[str, Any]]:
    """One observation per evidence need with files in the package: what was tested, how."""
    out = []
    refs = {e.evidence_id: e for e in ctx.model.evidence}
    # many needs rest on the same files (a folder source serving many controls): each list
    # of files is looked through once
    files_of: dict[tuple[str, ...], list[str]] = {}
    listed: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for c in ctx.model.controls:
        for i, n in enumerate(c.needs):
            if n.evidence not in files_of:
                files_of[n.evidence] = [e for e in dict.fromkeys(n.evidence) if e in known]
            files = files_of[n.evidence]
            if not files:
                continue
            if n.evidence not in listed:
                listed[n.evidence] = _need_evidence(files, refs)
            out.append({
                "uuid": need_observation_uuid(c.id, i),
                "title": text(f"{c.id} {n.kind}: {n.status.replace('_', ' ')}", c.id),
                "description": text(f"{c.id} {c.title} - {n.kind}"
                                    + (f", check {n.check}" if n.check else "")
                                    + f": {n.status.replace('_', ' ')}. {n.summary}", c.id),
                "methods": ["TEST" if n.check else "EXAMINE"],
                "props": [prop("control", c.id), prop("evidence-kind", n.kind),
                          prop("status", n.status)],
                "relevant-evidence": listed[n.evidence],
                "collected": timestamp(ctx.model.built_at)})
    return out


def _resource_uuid(evidence_id: str) -> str:
    return stable_uuid("evidence-resource", evidence_id)


def reviewed_controls(ctx: Context) -> dict[str, Any]:
    """Every requirement in scope, by OSCAL control id."""
    ids = list(dict.fromkeys(requirement_token(r) for r in ctx.requirements()
                             if r.status != "not_applicable"))
    selection: dict[str, Any] = ({"include-controls": [{"control-id": i} for i in ids]}
                                 if ids else {"include-all": {}})
    return {"description": "The requirements in scope of the package.",
            "control-selections": [selection]}


def assessment_plan(ctx: Context) -> dict[str, Any]:
    """Return a minimal assessment plan (validated): the requirements in scope and the period."""
    m = ctx.model
    body = {"uuid": stable_uuid("assessment-plan", m.package_name),
            "metadata": ctx.metadata(f"{m.legal_name}: assessment plan, {m.period_start} to "
                                     f"{m.period_end}"),
            "import-ssp": {"href": SSP_FILE},
            "reviewed-controls": reviewed_controls(ctx),
            "tasks": [{"uuid": stable_uuid("assessment-task", m.package_name), "type": "action",
                       "title": "Collect the evidence and run auditpack's checks",
                       "description": ("Every control's evidence is collected from the systems' "
                                       "own exports and tested by auditpack's checks."),
                       "timing": {"within-date-range": {"start": timestamp(m.period_start),
                                                        "end": _end(m.period_end)}}}]}
    return checked({"assessment-plan": body}, "assessment-plan")


def _end(day: dt.date) -> str:
    return timestamp(dt.datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=dt.timezone.utc))


def expiry(ctx: Context) -> dict[str, dt.date]:
    """When each evidence file stops being fresh: its as-of date plus the strictest window."""
    strictest: dict[tuple[str, ...], int] = {}  # each list of files once, with its strictest window
    for control in ctx.model.controls:
        for need in control.needs:
            if need.max_age_days is not None:
                days = strictest.get(need.evidence, need.max_age_days)
                strictest[need.evidence] = min(days, need.max_age_days)
    windows: dict[str, int] = {}
    for files, days in strictest.items():
        for eid in files:
            windows[eid] = min(windows.get(eid, days), days)
    return {e.evidence_id: e.as_of + dt.timedelta(days=windows[e.evidence_id])
            for e in ctx.model.evidence if e.evidence_id in windows}


def _describe(e: EvidenceRef) -> str:
    parts = [f"{e.evidence_id}: {e.kind or 'evidence'} from source {e.source} "
             f"(collector {e.collector}), as of {e.as_of}"]
    if e.covers_start and e.covers_end:
        parts.append(f"covering {e.covers_start} to {e.covers_end}")
    if e.record_count is not None:
        parts.append(f"{e.record_count} records")
    if e.supplied_by:
        parts.append(f"supplied by {e.supplied_by}")
    if e.derived_from:
        parts.append(f"derived from {e.derived_from}")
    return ", ".join(parts) + "."


def observation(e: EvidenceRef, expires: dt.date | None) -> dict[str, Any]:
    """One evidence file as an observation with its package path and sha256."""
    obs: dict[str, Any] = {
        "uuid": observation_uuid(e.evidence_id), "title": f"{e.evidence_id} {e.original_name}",
        "description": _describe(e), "methods": ["TEST" if e.derived_from else "EXAMINE"],
        "relevant-evidence": [{
            "href": f"#{_resource_uuid(e.evidence_id)}",
            "description": f"The package file {e.path}.",
            "props": [prop("package-path", e.path), prop("sha256", e.sha256),
                      prop("evidence-id", e.evidence_id)]}],
        "collected": timestamp(e.collected_at)}
    if expires is not None:
        obs["expires"] = timestamp(expires)
    return obs


def evidence_resource(e: EvidenceRef) -> dict[str, Any]:
    """A back-matter resource: an evidence file, relative to oscal/, with its SHA-256."""
    return {"uuid": _resource_uuid(e.evidence_id), "title": f"{e.evidence_id} {e.original_name}",
            "rlinks": [{"href": f"../{e.path}",
                        "media-type": text(e.media_type, "application/octet-stream"),
                        "hashes": [{"algorithm": "SHA-256", "value": e.sha256}]}]}


def evidence_resources(refs: list[EvidenceRef]) -> list[dict[str, Any]]:
    """Back-matter resources: each evidence file, relative to oscal/, with its SHA-256."""
    return [evidence_resource(e) for e in refs]


def _finding(ctx: Context, req: RequirementView, known: set[str]) -> dict[str, Any]:
    controls = implemented_controls(ctx, req)
    satisfied = req.status == "pass"
    lines = [f"{req.catalog} {req.id}: {req.status.replace('_', ' ')} (coverage: "
             f"{req.coverage.replace('_', ' ')})."]
    for c in controls:
        lines += [f"{c.id} {c.title} - {n.status}: {text(n.summary, n.kind)}" for n in c.needs]
    if not controls and req.reason:
        lines.append(req.reason)
    finding: dict[str, Any] = {
        "uuid": stable_uuid("finding", req.catalog, req.id),
        "title": text(f"{req.id} {req.title}", req.id), "description": "\n\n".join(lines),
        "props": [prop("requirement", req.id), prop("catalog", req.catalog),
                  prop("status", req.status)],
        "target": {"type": "objective-id", "target-id": requirement_token(req),
                   "status": {"state": "satisfied" if satisfied else "not-satisfied",
                              "reason": "pass" if satisfied else
                              "fail" if req.status == "fail" else "other"}},
        "implementation-statement-uuid": implemented_requirement_uuid(req)}
    related = [need_observation_uuid(c.id, i) for c in controls
               for i, n in enumerate(c.needs) if any(e in known for e in n.evidence)]
    if related:
        finding["related-observations"] = [{"observation-uuid": u} for u in related]
    return finding


OBSERVATION = ("oscal-ar-oscal-assessment-common:observation",)
RESOURCE = ("oscal-ar-oscal-metadata:back-matter", "properties", "resources", "items")


def assessment_results_stream(ctx: Context) -> Iterator[bytes]:
    """Yield the assessment-results document, validated as it is written.

    The observations (one per evidence file, then one per tested need) and the back-matter
    resources are produced and written one at a time: at 20,000 files they are most of
    the document, which is never held whole.
    """
    m = ctx.model
    expires = expiry(ctx)
    known = {e.evidence_id for e in m.evidence}
    needs = need_observations(ctx, known)

    def observations() -> Iterator[dict[str, Any]]:
        for e in m.evidence:
            yield observation(e, expires.get(e.evidence_id))
        yield from needs

    def resources() -> Iterator[dict[str, Any]]:
        return (evidence_resource(e) for e in m.evidence)

    result: dict[str, Any] = {
        "uuid": stable_uuid("result", m.package_name),
        "title": f"{m.legal_name}: results for {m.period_start} to {m.period_end}",
        "description": (f"auditpack's checks of every control in scope, from the evidence in the "
                        f"package, as of {m.as_of}."),
        "start": timestamp(m.period_start), "end": _end(m.period_end),
        "reviewed-controls": reviewed_controls(ctx)}
    lists: dict[str, LongList] = {}
    count = len(m.evidence) + len(needs)
    if count:
        lists["observations"] = LongList(count, observations, OBSERVATION)
        result["observations"] = [MARK.format("observations")]
    findings = [_finding(ctx, r, known) for r in ctx.requirements() if r.status != "not_applicable"]
    if findings:
        result["findings"] = findings
    body: dict[str, Any] = {"uuid": stable_uuid("assessment-results", m.package_name),
                            "metadata": ctx.metadata(f"{m.legal_name}: assessment results as of "
                                                     f"{m.as_of}"),
                            "import-ap": {"href": PLAN_FILE}, "results": [result]}
    if m.evidence:
        lists["resources"] = LongList(len(m.evidence), resources, RESOURCE)
        body["back-matter"] = {"resources": [MARK.format("resources")]}
    yield from streamed({"assessment-results": body}, "assessment-results", lists)


def assessment_results(ctx: Context) -> dict[str, Any]:
    """Return the assessment-results document (validated), whole: for small packages and tests."""
    parsed: dict[str, Any] = json.loads(b"".join(assessment_results_stream(ctx)))
    return parsed
