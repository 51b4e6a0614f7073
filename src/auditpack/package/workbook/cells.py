"""Cells of the workbook: the values a row holds, and writing them safely to a sheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from ...sanitize import cell_text
from .formats import LABELS, Formats

MAX_CELL = 32_767             # Excel's characters per cell
MAX_LINKS = 65_530            # Excel's hyperlinks per sheet
MAX_URL = 2_079               # Excel's characters per hyperlink


@dataclass(frozen=True)
class Link:
    """A cell that opens a file beside the workbook (its path relative to the package root)."""

    path: str


@dataclass(frozen=True)
class Status:
    """A status cell, shaded by its value."""

    value: str


Cell = str | int | float | dt.date | dt.datetime | Link | Status | None


@dataclass(frozen=True)
class Column:
    """A column of a data sheet: its header, widest width, and whether its text wraps."""

    header: str
    cap: int = 30
    wrap: bool = False
    center: bool = False


def naive_utc(when: dt.datetime) -> dt.datetime:
    """Return a datetime in UTC without tzinfo (naive values are taken as UTC already)."""
    if when.tzinfo is not None:
        when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return when


def fit_text(value: object) -> str:
    """Return cell-safe text within Excel's limit of characters per cell."""
    text = cell_text(value)
    if len(text) <= MAX_CELL:
        return text
    note = f" [... truncated: {len(text):,} characters in all]"
    return text[: MAX_CELL - len(note)] + note


def safe_link(path: str) -> bool:
    """Tell whether a path is a plain relative path inside the package (worth a hyperlink)."""
    if not path or "\\" in path or ":" in path or "#" in path or path.startswith("/"):
        return False
    parts = PurePosixPath(path).parts
    return ".." not in parts and len("external:" + path) <= MAX_URL


class Sheet:
    """A worksheet and the state writing cells needs (links written, column widths)."""

    def __init__(self, sheet: Any, fmt: Formats, columns: Sequence[Column]) -> None:
        self.sheet = sheet
        self.fmt = fmt
        self.columns = columns
        self.links = 0
        self.widths = [min(c.cap, max(8, len(c.header) + 2)) for c in columns]

    def write(self, row: int, col: int, value: Cell) -> None:
        """Write one value with the method its type calls for (text always with write_string)."""
        sheet, fmt = self.sheet, self.fmt
        spec = self.columns[col] if col < len(self.columns) else Column("")
        width = 0
        if value is None:
            return
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if isinstance(value, Link):
            text = fit_text(value.path)
            if text and self.links < MAX_LINKS and safe_link(text):
                status = sheet.write_url(row, col, "external:" + text, fmt.link, string=text)
                if status == 0:
                    self.links += 1
                else:
                    sheet.write_string(row, col, text, fmt.text)
            elif text:
                sheet.write_string(row, col, text, fmt.text)
            width = len(text)
        elif isinstance(value, Status):
            text = fit_text(LABELS.get(value.value, value.value))
            if text:
                sheet.write_string(row, col, text, fmt.status.get(value.value, fmt.text))
            width = len(text)
        elif isinstance(value, dt.datetime):
            sheet.write_datetime(row, col, naive_utc(value), fmt.datetime)
            width = 19
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, col, value, fmt.date)
            width = 10
        elif isinstance(value, int):
            sheet.write_number(row, col, value, fmt.integer)
            width = len(f"{value:,}")
        elif isinstance(value, float):
            sheet.write_number(row, col, value, fmt.number)
            width = len(f"{value:.1f}")
        else:
            text = fit_text(value)
            if not text:
                return
            style = fmt.wrap if spec.wrap else fmt.center if spec.center else fmt.text
            sheet.write_string(row, col, text, style)
            if col < len(self.widths) and self.widths[col] < self.columns[col].cap:
                width = max(len(line) for line in text.split("\n"))
        if col < len(self.widths) and width + 2 > self.widths[col]:
            self.widths[col] = min(self.columns[col].cap, width + 2)
