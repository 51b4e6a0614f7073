"""What every command shares: the group class, common options, JSON output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import AuditpackError
from ..frameworks import Library, load_library
from ..frameworks.library import DEFAULT_CATALOG_DIR
from .group import AuditpackGroup, UserError

__all__ = ["AuditpackGroup", "UserError", "catalog_dir_option", "emit_json", "format_option",
           "library", "workspace_option"]

F = TypeVar("F", bound=Callable[..., Any])


def catalog_dir_option(func: F) -> F:
    """Add --catalog-dir, a folder of the user's own catalogs (repeatable)."""
    return click.option(
        "--catalog-dir", "catalog_dirs", multiple=True, type=click.Path(path_type=Path),
        help="Folder of your own catalogs (YAML) and crosswalks (in crosswalks/). "
             "Repeatable; default ./catalogs when it exists.")(func)


def format_option(func: F) -> F:
    """Add --format table|json."""
    return click.option("--format", "fmt", type=click.Choice(["table", "json"]),
                        default="table", show_default=True, help="Output format.")(func)


def library(catalog_dirs: tuple[Path, ...]) -> Library:
    """Load the built-ins plus the given folders (or ./catalogs when none is given)."""
    dirs = list(catalog_dirs) or ([DEFAULT_CATALOG_DIR] if DEFAULT_CATALOG_DIR.is_dir() else [])
    for d in dirs:
        if not d.is_dir():
            raise AuditpackError("catalog folder not found", str(d),
                                 "create it or pass an existing folder to --catalog-dir")
    return load_library(dirs)


def emit_json(data: Any) -> None:
    """Write JSON to stdout, readable and stable."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def workspace_option(func: F) -> F:
    """Add --workspace DIR (default: the current folder)."""
    return click.option("--workspace", "workspace_dir", type=click.Path(path_type=Path,
                        file_okay=False), default=Path("."), show_default=True,
                        help="The workspace folder (holding auditpack.yaml).")(func)
