"""Terminal output shared by the CLI commands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

console = Console(highlight=False, soft_wrap=False)
if not console.is_terminal:  # piped or captured: wide lines beat columns folded to 80
    console.width = 160
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def print_table(title: str, rows: Sequence[dict[str, Any]], columns: Sequence[str],
                keep_whole: Sequence[str] = ("id", "catalog", "version")) -> None:
    """Print rows as a table with the given columns, in order; ids are never wrapped."""
    table = Table(title=title, show_lines=False)
    for col in columns:
        table.add_column(col.replace("_", " "), overflow="fold", no_wrap=col in keep_whole)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    console.print(table)
