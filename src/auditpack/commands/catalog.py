"""`auditpack catalog ...`: list, show, search, map and import framework catalogs."""

from __future__ import annotations

from pathlib import Path

import click

from ..console import err_console, print_table
from ..errors import AuditpackError
from ..frameworks.library import DEFAULT_CATALOG_DIR, install_user_catalog
from ..frameworks.mapping import map_requirement
from ..frameworks.rows import catalog_rows, link_rows, requirement_rows
from ..frameworks.search import search
from .common import AuditpackGroup, catalog_dir_option, emit_json, format_option, library


@click.group(cls=AuditpackGroup)
def catalog() -> None:
    """List, show, search and cross-map the framework catalogs."""


@catalog.command("list")
@catalog_dir_option
@format_option
def catalog_list(catalog_dirs: tuple[Path, ...], fmt: str) -> None:
    """List the catalogs: id, title, version, licence and assessable requirements."""
    lib = library(catalog_dirs)
    rows = catalog_rows(lib)
    if fmt == "json":
        emit_json(rows)
    else:
        print_table("Catalogs", rows, ["id", "version", "title", "assessable", "license_name", "origin"])


@catalog.command("show")
@click.argument("catalog_id")
@click.argument("req_id", required=False)
@catalog_dir_option
@format_option
def catalog_show(catalog_id: str, req_id: str | None, catalog_dirs: tuple[Path, ...],
                 fmt: str) -> None:
    """Show a catalog's requirements, or one requirement and its children.

    CATALOG_ID is an id such as nist-csf-2.0, or id@version.
    """
    cat = library(catalog_dirs).get(catalog_id)
    if req_id is not None and not cat.has(req_id):
        raise AuditpackError(f"'{req_id}' is not a requirement of {cat.id}", "REQ_ID",
                             f"see `auditpack catalog show {cat.id}` for the ids")
    reqs = requirement_rows(cat, req_id)
    if fmt == "json":
        head = {k: v for k, v in cat.model_dump(mode="json").items() if k != "requirements"}
        emit_json({**head, "requirements": reqs})
    else:
        print_table(f"{cat.title} {cat.version}", reqs, ["id", "level", "title", "text"])


@catalog.command("search")
@click.argument("text")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000),
              help="How many results to show.")
@catalog_dir_option
@format_option
def catalog_search(text: str, limit: int, catalog_dirs: tuple[Path, ...], fmt: str) -> None:
    """Find requirements across catalogs whose id, title or text match TEXT, ranked."""
    hits = search(library(catalog_dirs).default_catalogs(), text, limit)
    rows = [{"catalog": h.catalog, "id": h.requirement.id, "score": h.score,
             "title": h.requirement.title, "text": h.requirement.text} for h in hits]
    if fmt == "json":
        emit_json(rows)
    elif not rows:
        err_console.print(f"no requirement matches '{text}'", markup=False)
    else:
        print_table(f"Requirements matching '{text}'", rows, ["catalog", "id", "score", "title", "text"])


@catalog.command("map")
@click.argument("catalog_id")
@click.argument("req_id")
@click.option("--hops", default=2, show_default=True, type=click.IntRange(1, 2),
              help="Follow crosswalks this many steps (2 adds indirect links).")
@catalog_dir_option
@format_option
def catalog_map(catalog_id: str, req_id: str, hops: int, catalog_dirs: tuple[Path, ...],
                fmt: str) -> None:
    """Show every requirement crosswalked to REQ_ID, with relationship and source."""
    lib = library(catalog_dirs)
    rows = link_rows(lib, map_requirement(lib, catalog_id, req_id, hops))
    if fmt == "json":
        emit_json(rows)
    elif not rows:
        err_console.print(f"no crosswalk links {catalog_id} {req_id}", markup=False)
    else:
        print_table(f"{catalog_id} {req_id} maps to", rows,
                    ["catalog", "id", "relationship", "link", "via", "source", "title"])


@catalog.command("import-cis")
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--catalog-dir", "catalog_dir", type=click.Path(path_type=Path, file_okay=False),
              default=DEFAULT_CATALOG_DIR, show_default=True,
              help="Folder to install the catalog into.")
@click.option("--force", is_flag=True, help="Replace an earlier import.")
def catalog_import_cis(workbook: Path, catalog_dir: Path, force: bool) -> None:
    """Install the official CIS Controls v8.1 text from your licensed CIS workbook.

    WORKBOOK is the .xlsx that CIS distributes (sheet "Controls V8"). The text stays
    under CIS's licence (CC BY-NC-ND 4.0) and is installed as a user catalog, which is
    then preferred over the built-in paraphrased one.
    """
    from ..frameworks.cis_workbook import read_cis_workbook  # openpyxl only when needed

    data = read_cis_workbook(workbook)
    target = install_user_catalog(data, catalog_dir, force)
    click.echo(f"installed {data['id']} {data['version']} "
               f"({sum(1 for r in data['requirements'] if r['level'] == 'safeguard')} safeguards) "
               f"to {target}")


@catalog.command("import-oscal")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--id", "catalog_id", default=None,
              help="Catalog id (a lower-case slug); default: from the file name, "
                   "e.g. nist-sp-800-53-rev5.")
@click.option("--catalog", "base_ref", default=None, metavar="ID",
              help="FILE is an OSCAL profile: select its controls from this imported "
                   "catalog (id or id@version) into a scoped catalog.")
@click.option("--catalog-dir", "catalog_dir", type=click.Path(path_type=Path, file_okay=False),
              default=DEFAULT_CATALOG_DIR, show_default=True,
              help="Folder to install the catalog into (and, with --catalog, to find it in).")
@click.option("--force", is_flag=True, help="Replace an earlier import.")
def catalog_import_oscal(file: Path, catalog_id: str | None, base_ref: str | None,
                         catalog_dir: Path, force: bool) -> None:
    """Install an OSCAL catalog or profile (JSON), such as NIST SP 800-53 rev5, as a user catalog.

    FILE is validated against the OSCAL 1.1.3 schema. Groups become headings, controls
    and enhancements become requirements with their statement text and parameters shown
    as [Assignment: ...]; withdrawn controls are dropped and counted. With --catalog ID,
    FILE is a profile (e.g. a baseline) resolved against that catalog: include-controls
    and exclude-controls select, merge combines (as-is or flat), and modify sets parameter
    values and adds or removes parts; what cannot be applied is listed in the catalog's
    notes (see docs/oscal.md).
    """
    if base_ref is not None:
        from ..frameworks.library import load_library
        from ..oscal.profile_import import resolve_profile

        base = load_library([catalog_dir] if catalog_dir.is_dir() else []).get(base_ref)
        scoped, pstats = resolve_profile(file, base, catalog_id)
        target = install_user_catalog(scoped, catalog_dir, force)
        click.echo(f"installed {scoped['id']} {scoped['version']} ({pstats.selected} "
                   f"requirements selected from {base.key}, {pstats.excluded} excluded) "
                   f"to {target}")
        return
    from ..oscal.catalog_import import read_oscal_catalog_with_stats

    data, stats = read_oscal_catalog_with_stats(file, catalog_id)
    target = install_user_catalog(data, catalog_dir, force)
    click.echo(f"installed {data['id']} {data['version']} ({stats.controls} requirements from "
               f"controls, {stats.groups} groups; {len(stats.withdrawn)} withdrawn dropped) "
               f"to {target}")
