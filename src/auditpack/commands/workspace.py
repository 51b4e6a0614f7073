"""Workspace commands: init, validate, coverage and raci."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from ..console import err_console, print_table
from ..errors import AuditpackError
from ..workspace.coverage import STATUSES, coverage
from ..workspace.raci_matrix import raci_matrix, write_raci_xlsx
from ..workspace.review import validate_workspace
from ..workspace.scaffold import DEMOS, INDUSTRIES, copy_demo, init_workspace
from .common import emit_json, format_option, workspace_option


def _today() -> dt.date:
    """Return today, or the day of SOURCE_DATE_EPOCH when it is set (reproducible runs)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


@click.command("init")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--industry", type=click.Choice(INDUSTRIES), default="general", show_default=True,
              help="Pick frameworks and roles for a financial firm, a law firm or anyone.")
@click.option("--name", help="The organisation's legal name (default: from DIRECTORY).")
@click.option("--hipaa", is_flag=True,
              help="Also put the HIPAA Security Rule in scope (you create, receive, keep or "
                   "send electronic protected health information, e.g. as a business "
                   "associate), with HHS OCR among the regulators.")
@click.option("--demo", type=click.Choice(DEMOS),
              help="Copy a bundled demo workspace instead of the blank template.")
def init_cmd(directory: Path, industry: str, name: str | None, demo: str | None,
             hipaa: bool) -> None:
    """Create a commented, working workspace in DIRECTORY (never overwrites one)."""
    if demo:
        written = copy_demo(directory, demo)
    else:
        label = name or directory.resolve().name.replace("-", " ").replace("_", " ").title()
        written = init_workspace(directory, industry, label, _today(), hipaa)
    click.echo(f"wrote {written}")
    click.echo(f"next: edit it, then run `auditpack validate --workspace {directory}`")


@click.command("validate")
@workspace_option
@click.option("--strict", is_flag=True, help="Exit 1 when there are findings.")
@format_option
def validate_cmd(workspace_dir: Path, strict: bool, fmt: str) -> None:
    """Check a workspace: every error (exit 2), then the RACI and escalation findings."""
    review = validate_workspace(workspace_dir)
    ws = review.workspace
    if fmt == "json":
        emit_json({"valid": True, "controls": len(ws.controls.controls),
                   "not_applicable": len(ws.not_applicable), "out_of_scope": len(ws.out_of_scope),
                   "frameworks": list(ws.file.scope.frameworks),
                   "findings": [f.model_dump() for f in review.findings]})
    else:
        starter = sum(1 for c in ws.controls.controls if c.origin == "starter")
        click.echo(f"{ws.file.organization.legal_name}: workspace is valid — "
                   f"{len(ws.controls.controls)} controls ({starter} starter, "
                   f"{len(ws.controls.controls) - starter} own, {len(ws.not_applicable)} not "
                   f"applicable, {len(ws.out_of_scope)} outside the frameworks in scope), "
                   f"frameworks: {', '.join(ws.file.scope.frameworks)}")
        if review.findings:
            print_table(f"{len(review.findings)} finding(s)",
                        [f.model_dump() for f in review.findings],
                        ["severity", "subject", "message", "fix"], keep_whole=("severity",))
        else:
            click.echo("no findings")
    if strict and review.findings:
        raise SystemExit(1)


@click.command("coverage")
@workspace_option
@click.option("--framework", "frameworks", multiple=True,
              help="Only this framework (repeatable); default: every framework in scope.")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="List only requirements with this status (repeatable).")
@format_option
def coverage_cmd(workspace_dir: Path, frameworks: tuple[str, ...], statuses: tuple[str, ...],
                 fmt: str) -> None:
    """Show which in-scope requirements the controls satisfy, directly or via crosswalk."""
    review = validate_workspace(workspace_dir)
    ws = review.workspace
    for ref in frameworks:
        if ref not in ws.file.scope.frameworks:
            raise AuditpackError(f"'{ref}' is not in this workspace's scope", "--framework",
                                 f"use one of: {', '.join(ws.file.scope.frameworks)}")
    result = coverage(ws, list(frameworks) or None)
    if fmt == "json":
        emit_json([{**fc.model_dump(mode="json"), "in_scope": fc.in_scope} for fc in result])
        return
    print_table("Coverage", [{"framework": fc.catalog, "in scope": fc.in_scope, **fc.counts}
                             for fc in result],
                ["framework", "in scope", *STATUSES], keep_whole=("framework",))
    for fc in result:
        rows = [r.model_dump() for r in fc.requirements if not statuses or r.status in statuses]
        for r in rows:
            r["controls"] = ", ".join(r["controls"])
            r["via"] = "; ".join(r["via"])
        print_table(f"{fc.title} {fc.version}", rows,
                    ["requirement", "status", "controls", "via", "reason", "title"],
                    keep_whole=("requirement", "status"))


@click.command("raci")
@workspace_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "xlsx"]), default="table",
              show_default=True, help="Output format (xlsx needs -o).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write (for --format xlsx).")
def raci_cmd(workspace_dir: Path, fmt: str, output: Path | None) -> None:
    """Show the RACI matrix (functions x named people) and its findings."""
    review = validate_workspace(workspace_dir)
    wsf = review.workspace.file
    findings = [f for f in review.findings if f.code.startswith("raci-")]
    columns, rows = raci_matrix(wsf)
    if fmt == "xlsx":
        if output is None:
            raise AuditpackError("--format xlsx needs an output file", "-o",
                                 "add -o raci.xlsx")
        write_raci_xlsx(wsf, findings, output)
        click.echo(f"wrote {output}")
    elif fmt == "json":
        emit_json({"people": [c.__dict__ for c in columns],
                   "rows": [{"key": r.key, "title": r.title, "letters": r.letters} for r in rows],
                   "findings": [f.model_dump() for f in findings]})
    else:
        table = [{"function": r.title, **{c.person: r.letters.get(c.person, "") for c in columns}}
                 for r in rows]
        print_table("RACI", table, ["function", *[c.person for c in columns]],
                    keep_whole=("function",))
        for c in columns:
            err_console.print(f"{c.person}: {c.name}, {c.role} ({c.party})", markup=False)
        for f in findings:
            err_console.print(f"finding: {f}", markup=False)
