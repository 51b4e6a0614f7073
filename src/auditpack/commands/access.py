"""Access commands: the matter-access review (effective access per person and matter, findings)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import click

from ..access.diff import AccessDiff, diff_reviews
from ..access.model import AccessReview
from ..access.review import review_access
from ..console import print_table
from ..errors import EvidenceError
from ..evidence.checks.access import KINDS, NEEDED, has_records, inputs_of, policy_of
from ..evidence.model import EvidenceMeta
from ..evidence.store import EvidenceStore
from ..package.access_view import access_input
from ..workspace import Workspace, load_workspace
from .common import AuditpackGroup, emit_json, format_option, workspace_option


@click.group("access", cls=AuditpackGroup)
def access() -> None:
    """Review who can open which client matter in the DMS."""


def _requirements(ws: Workspace, controls: tuple[str, ...]) -> dict[str, list[str]]:
    """Return the in-scope framework requirements the given controls satisfy, per framework."""
    by_id = {c.id: c for c in ws.controls.controls}
    scope = set(ws.file.scope.frameworks)
    out: dict[str, list[str]] = defaultdict(list)
    for cid in controls:
        control = by_id.get(cid)
        for framework, reqs in (control.satisfies.items() if control else ()):
            if framework in scope:
                out[framework].extend(r for r in reqs if r not in out[framework])
    return dict(out)


REVIEW_SOURCE = "access/review"


def _record(store: EvidenceStore, review: AccessReview, inputs: tuple[str, ...]) -> AccessReview | None:
    """Store the review as derived evidence (unless unchanged); return the previous one, if any."""
    previous = store.items(REVIEW_SOURCE)
    last = previous[-1] if previous else None
    body = json.dumps(review.model_dump(mode="json"), sort_keys=True).encode()
    sha, size = store.put_stream([body])
    if last is None or last.sha256 != sha:
        meta = EvidenceMeta(source_id=REVIEW_SOURCE, collector="access", collector_version="1",
                            original_name="matter-access-review.json", media_type="application/json",
                            as_of=review.as_of, parameters={"inputs": list(inputs)},
                            controls=("DMS-01", "DMS-02"), kind="matter_access_review",
                            derived_from=inputs[0] if inputs else None)
        store.add(sha, size, meta, dt.datetime.now(dt.timezone.utc))
    if last is None:
        return None
    with store.open_blob(last.sha256) as handle:
        return AccessReview.model_validate_json(handle.read())


def run_review(ws: Workspace, workspace_dir: Path) -> tuple[AccessReview, AccessDiff | None]:
    """Run the review over the store's newest records, record it, and diff it with the previous one."""
    with EvidenceStore.open(workspace_dir) as store:
        data = access_input(ws, store)
        missing = [k for k in ("dms_acl", *NEEDED) if not has_records(data, k)]
        if missing:
            raise EvidenceError(f"no {', '.join(missing)} records in the store", str(workspace_dir),
                                "add the sources to auditpack.yaml and run `auditpack collect`")
        review = review_access(inputs_of(data), policy_of(data), ws.as_of, keep_grants=True)
        previous = _record(store, review, data.used(*KINDS))
    return review, diff_reviews(previous, review) if previous else None


@access.command("review")
@workspace_option
@format_option
def review_cmd(workspace_dir: Path, fmt: str) -> None:
    """Review effective matter access and its findings; record it and show changes since the last review."""
    ws = load_workspace(workspace_dir)
    review, diff = run_review(ws, workspace_dir)
    findings: list[dict[str, Any]] = [
        {**f.model_dump(mode="json"), "requirements": _requirements(ws, f.controls)}
        for f in review.findings]
    if fmt == "json":
        emit_json({"as_of": review.as_of.isoformat(), "totals": review.totals,
                   "by_category": review.by_category(), "findings": findings,
                   "diff": diff.model_dump(mode="json") if diff else None})
        return
    t = review.totals
    click.echo(f"{t['people']} people, {t['groups']} groups, {t['matters']} matters, "
               f"{t['acl_entries']} ACL entries: {t['effective_pairs']} effective access pairs "
               f"({t['explicit_pairs']} from ACL entries, {t['default_security_pairs']} from "
               f"default security), {t['denied_pairs']} denied"
               + (f", {t['allow_list_blocked_pairs']} held back by security-policy allow lists"
                  if t.get('allow_list_blocked_pairs') else ""))
    rows = [{"category": f["category"], "subject": f["subject"], "matter": f["matter"],
             "detail": f["detail"], "controls": ", ".join(f["controls"])} for f in findings]
    print_table("Matter access findings", rows,
                ["category", "subject", "matter", "detail", "controls"],
                keep_whole=("category", "subject", "matter"))
    click.echo(", ".join(f"{c}: {n}" for c, n in review.by_category().items()))
    if diff:
        click.echo(diff.summary())
        for f in diff.resolved_findings:
            click.echo(f"  resolved: {f.category} {f.subject} {f.matter or ''}".rstrip())
        for f in diff.new_findings:
            click.echo(f"  new: {f.category} {f.subject} {f.matter or ''}".rstrip())
