"""The workbook's matter-access sheets: Access Review (by matter) and Provider Access (by person)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ....sanitize import write_text
from ...model.access_views import AccessView
from ...model.views import PackageModel
from .cells import Cell, Column, fit_text
from .formats import Formats
from .table import write_table

ACCESS_SHEETS = ("Access Review", "Provider Access")   # only when the package has the review

ACCESS_COLUMNS = (
    Column("Matter", 14), Column("Privileged", 10), Column("Closed", 8),
    Column("Person", 26), Column("Login", 18), Column("Employment type", 18),
    Column("Effective access", 12), Column("Path (group chain, innermost first)", 44, wrap=True),
    Column("Finding", 26, wrap=True), Column("Finding detail", 70, wrap=True),
)
PROVIDER_COLUMNS = (
    Column("Person", 26), Column("Login", 18), Column("Matters reachable", 10),
    Column("Matter", 14), Column("Privileged", 10), Column("Effective access", 12),
    Column("Path", 40, wrap=True), Column("Break-glass ticket", 16),
    Column("Break-glass window", 44, wrap=True), Column("Finding", 26, wrap=True),
    Column("Finding detail", 70, wrap=True),
)


def _access_rows(view: AccessView) -> Iterator[Sequence[Cell]]:
    """Yield one row per listed grant."""
    for r in view.rows:
        yield (r.matter, r.privileged, r.closed, r.person, r.login, r.employment_type, r.access,
               r.path, r.finding, r.detail)


def _provider_rows(view: AccessView) -> Iterator[Sequence[Cell]]:
    """Yield one row per provider engineer and matter."""
    for r in view.providers:
        yield (r.person, r.login, r.matters_reachable, r.matter, r.privileged, r.access, r.path,
               r.ticket, r.window, r.finding, r.detail)


def _note(ws: Any, fmt: Formats, row: int, lines: Sequence[str]) -> None:
    """Write notes under a table, one a row, in bold."""
    for i, line in enumerate(lines):
        write_text(ws, row + i, 0, fit_text(line), fmt.label)


def write_access_sheets(book: Any, fmt: Formats, model: PackageModel) -> None:
    """Write the Access Review and Provider Access sheets when the package has the review."""
    view = model.access
    if view is None:
        return
    ws = write_table(book, fmt, ACCESS_SHEETS[0], ACCESS_COLUMNS, _access_rows(view), freeze_cols=1)
    notes = [f"Scope: {view.scope}"]
    if model.names is not None:
        notes.append(f"Names: {model.names.method}")
    _note(ws, fmt, len(view.rows) + 2, notes)
    ws = write_table(book, fmt, ACCESS_SHEETS[1], PROVIDER_COLUMNS, _provider_rows(view),
                     freeze_cols=1)
    notes = ["Every provider engineer in the directory, each matter they reach through the ACL, "
             "and each break-glass grant on the register (in force, expired or removed)."]
    if view.providers_left_off:
        notes.append(f"{view.providers_left_off:,} more provider grants are not listed.")
    _note(ws, fmt, len(view.providers) + 2, notes)
