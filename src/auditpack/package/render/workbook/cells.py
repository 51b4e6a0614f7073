"""Cells of the workbook: the values a row holds, and writing them safely to a sheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ....sanitize import looks_rich, write_text, xml_text
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
    text = xml_text(value)
    if len(text) <= MAX_CELL:
        return text
    note = f" [... truncated: {len(text):,} characters in all]"
    return text[: MAX_CELL - len(note)] + note


def fit_text_width(value: object) -> tuple[str, int]:
    """Return `fit_text(value)` and the length of its longest line."""
    text = fit_text(value)
    if "\n" in text:
        return text, max(map(len, text.split("\n")))
    return text, len(text)


def safe_link(path: str) -> bool:
    """Tell whether a path is a plain relative path inside the package (worth a hyperlink)."""
    if len(path) < 2 or "\\" in path or ":" in path or "#" in path or path.startswith("/"):
        return False  # (one character: XlsxWriter 3.3's Url fails on it, IndexError)
    if looks_rich(path):
        return False  # write_url writes its text itself, not through sanitize.write_text
    # No "..": the same test as PurePosixPath(path).parts, which only drops "" and ".".
    return ".." not in path.split("/") and len("external:" + path) <= MAX_URL


class Sheet:
    """A worksheet and the state writing cells needs (links written, column widths).

    Every text cell is sanitised by `fit_text` and written with `sanitize.write_text`.
    """

    def __init__(self, sheet: Any, fmt: Formats, columns: Sequence[Column]) -> None:
        self.sheet = sheet
        self.fmt = fmt
        self.columns = columns
        self.links = 0
        self.widths = [min(c.cap, max(8, len(c.header) + 2)) for c in columns]
        self.caps = [c.cap for c in columns]
        self.styles = [fmt.wrap if c.wrap else fmt.center if c.center else fmt.text
                       for c in columns]

    def write(self, row: int, col: int, value: Cell) -> None:
        """Write one value with the method its type calls for (text always with write_text)."""
        if value is None:
            return
        writer = _WRITERS.get(type(value)) or _writer(value)
        width = writer(self, row, col, value)
        if col < len(self.widths) and width + 2 > self.widths[col]:
            self.widths[col] = min(self.caps[col], width + 2)

    def write_row(self, row: int, values: Sequence[Cell]) -> None:
        """Write a row's values from the first column on, as `write` does each."""
        for col, value in enumerate(values):
            self.write(row, col, value)

    # Each writer writes one value and returns the width it needs (0: the column's as is).

    def _text(self, row: int, col: int, value: object) -> int:
        text, width = fit_text_width(value)
        if not text:
            return 0
        style = self.styles[col] if col < len(self.styles) else self.fmt.text
        write_text(self.sheet, row, col, text, style)
        return width

    def _bool(self, row: int, col: int, value: bool) -> int:
        return self._text(row, col, "yes" if value else "no")

    def _link(self, row: int, col: int, value: Link) -> int:
        text = fit_text(value.path)
        if text and self.links < MAX_LINKS and safe_link(text):
            status = self.sheet.write_url(row, col, "external:" + text, self.fmt.link,
                                          string=text)
            if status == 0:
                self.links += 1
            else:
                write_text(self.sheet, row, col, text, self.fmt.text)
        elif text:
            write_text(self.sheet, row, col, text, self.fmt.text)
        return len(text)

    def _status(self, row: int, col: int, value: Status) -> int:
        text = fit_text(LABELS.get(value.value, value.value))
        if text:
            write_text(self.sheet, row, col, text, self.fmt.status.get(value.value, self.fmt.text))
        return len(text)

    def _datetime(self, row: int, col: int, value: dt.datetime) -> int:
        self.sheet.write_datetime(row, col, naive_utc(value), self.fmt.datetime)
        return 19

    def _date(self, row: int, col: int, value: dt.date) -> int:
        self.sheet.write_datetime(row, col, value, self.fmt.date)
        return 10

    def _integer(self, row: int, col: int, value: int) -> int:
        self.sheet.write_number(row, col, value, self.fmt.integer)
        return len(f"{value:,}")

    def _float(self, row: int, col: int, value: float) -> int:
        self.sheet.write_number(row, col, value, self.fmt.number)
        return len(f"{value:.1f}")


# The writer of each type of value (a subclass: the first it is an instance of; else text).
_WRITERS: dict[type, Callable[[Sheet, int, int, Any], int]] = {
    bool: Sheet._bool, Link: Sheet._link, Status: Sheet._status, dt.datetime: Sheet._datetime,
    dt.date: Sheet._date, int: Sheet._integer, float: Sheet._float, str: Sheet._text}


def _writer(value: object) -> Callable[[Sheet, int, int, Any], int]:
    """Return the writer for a value whose type is not in _WRITERS itself."""
    for kind, writer in _WRITERS.items():
        if isinstance(value, kind):
            return writer
    return Sheet._text
