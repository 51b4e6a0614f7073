"""A data sheet: shaded header, one row per item, frozen panes and an autofilter."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ....sanitize import write_text
from .cells import Cell, Column, Sheet, fit_text
from .formats import Formats

MAX_ROWS = 1_048_576          # Excel's rows per sheet, the header included


def write_table(book: Any, fmt: Formats, name: str, columns: Sequence[Column],
                rows: Iterable[Sequence[Cell]], freeze_cols: int = 0,
                header_height: float | None = None) -> Any:
    """Write a data sheet: shaded header, frozen panes, an autofilter over the data."""
    ws = book.add_worksheet(name)
    out = Sheet(ws, fmt, columns)
    for j, column in enumerate(columns):
        write_text(ws, 0, j, fit_text(column.header), fmt.header)
    last = 0
    left_off = 0
    limit = MAX_ROWS - 2  # keep the sheet's last row for the note of rows left off
    for row in rows:
        if last >= limit:
            left_off += 1
            continue
        last += 1
        out.write_row(last, row)
    if left_off:
        last += 1
        write_text(ws, last, 0, f"... {left_off:,} more rows left off: a sheet holds at most "
                       f"{MAX_ROWS:,} rows", fmt.label)
    for j, width in enumerate(out.widths):
        ws.set_column(j, j, width)
    if header_height is not None:
        ws.set_row(0, header_height)
    ws.freeze_panes(1, freeze_cols)
    ws.autofilter(0, 0, last, len(columns) - 1)
    return ws
