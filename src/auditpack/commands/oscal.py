"""`auditpack oscal ...`: the package's OSCAL exports, and catalogs as OSCAL."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import click

from ..errors import AuditpackError
from .common import AuditpackGroup, catalog_dir_option, library, workspace_option


@click.group("oscal", cls=AuditpackGroup)
def oscal_group() -> None:
    """Export the package and the catalogs as OSCAL 1.1.3 JSON (validated), or check a file."""


def _as_of(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AuditpackError(f"'{value}' is not a date", "--as-of",
                             "use an ISO date, e.g. 2026-09-30") from None


@oscal_group.command("export")
@workspace_option
@click.option("--framework", "frameworks", multiple=True, help="Only this framework (repeatable).")
@click.option("--as-of", "as_of", help="The date the exports speak for (default: the workspace's).")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              required=True, help="Folder to write the OSCAL files into.")
def oscal_export(workspace_dir: Path, frameworks: tuple[str, ...], as_of: str | None,
                 out_dir: Path) -> None:
    """Write the package's OSCAL files without building the package.

    component-definition.json, system-security-plan.json, assessment-plan.json,
    assessment-results.json, plan-of-action-and-milestones.json, and the SSP's baseline:
    profile.json over catalogs/<id>.json. The same files the package carries under
    oscal/, each validated against the OSCAL 1.1.3 schema.
    """
    from ..package.model.assemble import assemble_model
    from ..package.model.pseudonymise import write_renditions
    from ..package.render.oscal import write_oscal

    assembled = assemble_model(workspace_dir, list(frameworks) or None, _as_of(as_of))
    try:
        model = assembled.model
        if assembled.names is not None:
            # as in the package: evidence naming clients or matters is referred to by the
            # path and hash of its pseudonymised rendition
            with tempfile.TemporaryDirectory(prefix="auditpack-oscal-") as tmp:
                model, _ = write_renditions(assembled.store, model, assembled.names, Path(tmp))
        written = write_oscal(out_dir, model, assembled.workspace.catalogs)
    finally:
        assembled.close()
    for path in written:
        click.echo(str(path))


@oscal_group.command("export-catalog")
@click.argument("catalog_id")
@catalog_dir_option
@click.option("-o", "--output", "out_file", type=click.Path(path_type=Path, dir_okay=False),
              required=True, help="The JSON file to write.")
def oscal_export_catalog(catalog_id: str, catalog_dirs: tuple[Path, ...], out_file: Path) -> None:
    """Write a catalog (e.g. nist-csf-2.0, or id@version) as an OSCAL catalog in JSON."""
    from ..oscal.catalog_export import export_catalog
    from ..package.render.oscal.document import dumps

    cat = library(catalog_dirs).get(catalog_id)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_bytes(dumps(export_catalog(cat)))
    click.echo(f"wrote {cat.key} ({len(cat.requirements)} requirements) to {out_file}")


@oscal_group.command("validate")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def oscal_validate(file: Path) -> None:
    """Check an OSCAL JSON file against the OSCAL 1.1.3 schema of its model.

    Prints "valid", or every violation with its JSON path and exits 2 (as for a file
    that cannot be read or is not OSCAL).
    """
    from ..oscal.validate import OSCAL_VERSION, validate_oscal_file

    model = validate_oscal_file(file)
    click.echo(f"valid: {file} is an OSCAL {OSCAL_VERSION} {model}")
