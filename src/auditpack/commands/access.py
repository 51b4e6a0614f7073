"""Access commands: the matter-access review (effective access per person and matter, findings)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

import click

from ..access.history import review_and_record
from ..console import print_table
from ..evidence.store import EvidenceStore
from ..package.model.access import access_input
from ..workspace.loader import Workspace, load_workspace
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


@access.command("review")
@workspace_option
@format_option
def review_cmd(workspace_dir: Path, fmt: str) -> None:
    """Review effective matter access and its findings; record it and show changes since the last review."""
    ws = load_workspace(workspace_dir)
    with EvidenceStore.open(workspace_dir) as store:
        review, diff = review_and_record(access_input(ws, store), dt.datetime.now(dt.timezone.utc))
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
