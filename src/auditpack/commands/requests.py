"""Request-list commands: import an examiner's list, or start from a built-in one."""

from __future__ import annotations

from pathlib import Path

import click

from ..requests.model import RequestList
from ..requests.store import builtin_lists, check_id, load_builtin, slug, write_list
from ..requests.suggest import add_suggestions
from ..workspace.loader import Workspace, load_workspace
from .common import AuditpackGroup, workspace_option


@click.group("requests", cls=AuditpackGroup)
def requests_group() -> None:
    """Answer an examiner's request list (PBC list) item by item."""


def _finish(ws: Workspace, rl: RequestList, force: bool, origin: str) -> None:
    """Add suggestions, write the list and print a summary."""
    confident = add_suggestions(rl.requests, ws)
    path = write_list(ws.root, rl, force=force)
    cited = sum(1 for r in rl.requests if r.references)
    click.echo(f"wrote {path}: {len(rl.requests)} request(s) from {origin}; "
               f"{confident} with a confident top suggestion, {cited} citing a framework "
               f"requirement, {len(rl.requests) - confident} to map by hand")
    click.echo("next: review each request's suggestions and fill in its `answer`")


@requests_group.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@workspace_option
@click.option("--id", "list_id", help="Id of the list (default: from the file name).")
@click.option("--columns", help="Which column is which, e.g. number=A,text=C,due=E,area=B,refs=F "
                                "(letters or header names); needed when detection is unsure.")
@click.option("--force", is_flag=True, help="Replace an existing list with the same id.")
def import_cmd(file: Path, workspace_dir: Path, list_id: str | None, columns: str | None,
               force: bool) -> None:
    """Import an XLSX or CSV request list into requests/<id>.yaml with suggested answers."""
    from ..requests.importer import import_list

    lid = list_id or slug(file.stem)
    check_id(lid)
    ws = load_workspace(workspace_dir)
    rl = import_list(file, lid, ws.catalogs, columns)
    _finish(ws, rl, force, str(file))


@requests_group.command("new")
@click.option("--from", "source", required=True, type=click.Choice(builtin_lists()),
              help="The built-in list to start from.")
@workspace_option
@click.option("--id", "list_id", help="Id of the list (default: the built-in list's id).")
@click.option("--force", is_flag=True, help="Replace an existing list with the same id.")
def new_cmd(source: str, workspace_dir: Path, list_id: str | None, force: bool) -> None:
    """Start a request list from a built-in one (FTC Safeguards, FINRA, cyber insurance)."""
    ws = load_workspace(workspace_dir)
    rl = load_builtin(source)
    if list_id:
        check_id(list_id)
        rl.id = list_id
    _finish(ws, rl, force, f"the built-in list '{source}'")
