"""Evidence commands: collect, check, evidence list/show/history, store verify."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn

from ..console import err_console, print_table
from ..errors import IntegrityError
from ..evidence.checks.engine import run_checks, store_results
from ..evidence.collect import collect
from ..evidence.model import EvidenceItem
from ..evidence.sources import load_sources
from ..evidence.store import EvidenceStore
from ..workspace.loader import load_workspace
from .common import AuditpackGroup, emit_json, format_option, workspace_option

# What a terminal may act on (C0, DEL, C1: escapes, bells, cursor moves) or that reorders
# what is shown (bidirectional overrides); file names and sources can hold any of them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # json escapes C0


def _visible(text: object) -> str:
    """Return text with every control or direction character written as an escape."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))


def _cells(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Make rows safe for a table: no control characters, no Rich markup taken as markup."""
    return [{k: v if v is None or isinstance(v, (int, list)) else escape(_visible(v))
             for k, v in row.items()} for row in rows]


def _emit_json(data: Any) -> None:
    """Write JSON to stdout, with the characters json leaves raw (DEL, C1, bidi) escaped too."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    click.echo(_RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def _row(item: EvidenceItem) -> dict[str, object]:
    """Describe an item for a table or JSON."""
    m = item.meta
    return {"evidence_id": item.evidence_id, "source": m.source_id, "version": item.version,
            "kind": m.kind, "collector": m.collector, "file": m.original_name,
            "records": m.record_count, "as_of": m.as_of.isoformat(),
            "collected_at": item.collected_at.isoformat(), "sha256": item.sha256,
            "size": item.size, "supplied_by": m.supplied_by, "derived_from": m.derived_from,
            "controls": list(m.controls)}


@click.command("collect")
@workspace_option
@click.option("--source", "only", multiple=True, help="Collect only this source (repeatable).")
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
def collect_cmd(workspace_dir: Path, only: tuple[str, ...], quiet: bool) -> None:
    """Run the workspace's evidence collectors and record what they gather."""
    ws = load_workspace(workspace_dir)
    total = len(load_sources(ws)) if not only else len(only)
    show = not quiet and err_console.is_terminal
    with EvidenceStore.open(workspace_dir) as store, Progress(
            TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
            console=err_console, disable=not show) as bar:
        task = bar.add_task("collecting", total=total)
        items = collect(ws, store, list(only) or None,
                        progress=lambda src, added: bar.update(
                            task, advance=1, description=f"collected {src.spec.id}"))
    if quiet:
        return
    for item in items:
        encoding = item.meta.parameters.get("encoding")
        note = f"  (read as {encoding})" if encoding not in (None, "utf-8", "xlsx") else ""
        click.echo(f"{item.evidence_id}  {_visible(item.meta.source_id)}  v{item.version}  "
                   f"{item.meta.record_count if item.meta.record_count is not None else '-'} "
                   f"record(s)  sha256 {item.sha256[:12]}{note}")
    click.echo(f"{len(items)} item(s) recorded")


@click.command("check")
@workspace_option
@format_option
def check_cmd(workspace_dir: Path, fmt: str) -> None:
    """Test every control against the evidence in the store: pass, fail, stale, missing, not_tested."""
    ws = load_workspace(workspace_dir)
    sources = load_sources(ws)
    with EvidenceStore.open(workspace_dir) as store:
        results = run_checks(ws, sources, store)
        store_results(store, results, ws.as_of, _now())
    if fmt == "json":
        emit_json([r.model_dump(mode="json") for r in results])
        return
    rows = [{"control": r.control, "status": r.status,
             "summary": "; ".join(n.summary for n in r.needs),
             "exceptions": sum(len(n.exceptions) for n in r.needs),
             "evidence": ", ".join(r.evidence[:4])} for r in results]
    print_table("Checks", rows, ["control", "status", "summary", "exceptions", "evidence"],
                keep_whole=("control", "status"))
    counts = {s: sum(1 for r in results if r.status == s)
              for s in ("pass", "fail", "stale", "missing", "not_tested")}
    click.echo(", ".join(f"{k}: {v}" for k, v in counts.items()))


def _now() -> dt.datetime:
    """Return the current time in UTC."""
    return dt.datetime.now(dt.timezone.utc)


@click.group("evidence", cls=AuditpackGroup)
def evidence() -> None:
    """List and inspect the evidence in the store."""


@evidence.command("list")
@workspace_option
@click.option("--all", "everything", is_flag=True, help="Every version, not only the newest.")
@format_option
def evidence_list(workspace_dir: Path, everything: bool, fmt: str) -> None:
    """List the evidence items (the newest version of each source by default)."""
    with EvidenceStore.open(workspace_dir) as store:
        items = store.items() if everything else store.latest()
    rows = [_row(i) for i in items]
    if fmt == "json":
        _emit_json(rows)
    else:
        print_table("Evidence", _cells(rows), ["evidence_id", "source", "version", "kind", "file",
                                       "records", "as_of", "collected_at"],
                    keep_whole=("evidence_id", "source"))


@evidence.command("show")
@click.argument("evidence_id")
@workspace_option
def evidence_show(evidence_id: str, workspace_dir: Path) -> None:
    """Show everything recorded about one evidence item."""
    with EvidenceStore.open(workspace_dir) as store:
        item = store.get(evidence_id)
    _emit_json({**_row(item), "parameters": item.meta.parameters,
               "collector_version": item.meta.collector_version,
               "media_type": item.meta.media_type,
               "covers": [str(item.meta.covers_start or ""), str(item.meta.covers_end or "")]})


@evidence.command("history")
@click.argument("source_id")
@workspace_option
@format_option
def evidence_history(source_id: str, workspace_dir: Path, fmt: str) -> None:
    """List every version collected from one source, oldest first."""
    with EvidenceStore.open(workspace_dir) as store:
        rows = [_row(i) for i in store.items(source_id)]
    if fmt == "json":
        _emit_json(rows)
    else:
        print_table(f"History of {escape(_visible(source_id))}", _cells(rows),
                    ["evidence_id", "version", "as_of", "collected_at", "records", "sha256"],
                    keep_whole=("evidence_id", "sha256"))


@click.group("store", cls=AuditpackGroup)
def store_group() -> None:
    """Look after the evidence store."""


@store_group.command("verify")
@workspace_option
def store_verify(workspace_dir: Path) -> None:
    """Re-hash every blob, re-check the custody chain and its recorded heads; exit 2 if wrong."""
    with EvidenceStore.open(workspace_dir) as store:
        problems = store.verify()
        count = len(store.items())
    if problems:
        raise IntegrityError(f"the evidence store failed verification ({len(problems)} problem(s))",
                             str(workspace_dir / ".auditpack"),
                             "restore .auditpack from a backup; do not build a package from it",
                             problems=problems)
    click.echo(f"store verified: {count} item(s), every blob and the custody chain intact, "
               "every recorded head reached")
