"""Read exported tables (CSV or XLSX) row by row, with headers matched loosely and bad input named."""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zipfile import BadZipFile
from typing import Any

from ..errors import EvidenceError

SNIFF_BYTES = 1 << 16
MAX_LINE_CHARS = 8 << 20  # no export row is this long; a longer line is refused as it is read
csv.field_size_limit(MAX_LINE_CHARS)


def header_key(name: object) -> str:
    """Normalise a header for matching: case-, space-, underscore- and dash-insensitive."""
    return re.sub(r"[\s_\-.]+", "", str(name or "").replace("\ufeff", "")).casefold()


@dataclass(frozen=True)
class Table:
    """An export being read: its headers (as written and normalised) and where it is."""

    path: Path
    headers: tuple[str, ...]
    keys: tuple[str, ...]
    encoding: str

    def has(self, *names: str) -> bool:
        """Tell whether every named column is present."""
        return all(header_key(n) in self.keys for n in names)


def detect_encoding(path: Path) -> str:
    """Pick the encoding: a BOM first, then UTF-8, then Windows-1252 (which reads anything)."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the sniff window
            return "utf-8"
        return "cp1252"


def _csv_rows(path: Path, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) of a CSV file, streaming, one bounded line at a time."""
    with path.open("r", encoding=encoding, newline="") as handle:
        lines = _BoundedLines(handle, path)
        try:
            sample = handle.read(4096)
            handle.seek(0)
            delimiter = ";" if sample.count(";") > sample.count(",") and "\t" not in sample else ","
            if sample.count("\t") > sample.count(","):
                delimiter = "\t"
            reader = csv.reader(lines, delimiter=delimiter)
            for fields in reader:
                yield reader.line_num, fields
        except UnicodeDecodeError as exc:
            where = f"{path}:{lines.number + 1}" if lines.number else str(path)
            raise EvidenceError(f"not valid {encoding} text ({exc.reason})", where,
                                "export the file as UTF-8") from None
        except csv.Error as exc:
            raise EvidenceError(f"malformed CSV: {exc}", f"{path}:{lines.number}",
                                "re-export the file; it may be truncated") from None


class _BoundedLines:
    """The lines of a text file, each read with a limit, so one huge line never sits in memory."""

    def __init__(self, handle: Any, path: Path) -> None:
        self.handle = handle
        self.path = path
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line: str = self.handle.readline(MAX_LINE_CHARS + 1)
        if not line:
            raise StopIteration
        self.number += 1
        if len(line) > MAX_LINE_CHARS:
            raise EvidenceError(f"line {self.number} is longer than {MAX_LINE_CHARS:,} characters",
                                f"{self.path}:{self.number}",
                                "this is not a table export (one line is one row); check the file")
        return line


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number, cells as text) of the first sheet of a workbook, read-only."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    # SyntaxError: lxml's, for a part that is not XML
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:
        raise EvidenceError(f"cannot read the workbook: {exc}", str(path),
                            "export it again as .xlsx or .csv") from None
    try:
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, ["" if v is None else cell_text_of(v) for v in row]
    finally:
        book.close()


def cell_text_of(value: Any) -> str:
    """Render a workbook cell as the text an export would have held."""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def open_table(path: Path, label: str | None = None
               ) -> tuple[Table, Iterator[tuple[int, dict[str, str]]]]:
    """Open an export: return its header and an iterator of (line, {normalised key: value}).

    `label` names the file in messages when it is not where the user put it (a ZIP member).
    """
    table, rows = open_rows(path, label)
    keys = table.keys
    return table, ((line, dict(zip(keys, fields))) for line, fields in rows)


def open_rows(path: Path, label: str | None = None
              ) -> tuple[Table, Iterator[tuple[int, list[str]]]]:
    """Open an export: return its header and an iterator of (line, cells in header order).

    Every row yielded has exactly one cell per header (blank rows are skipped, trailing
    empty cells dropped); a short or long row is a located error. `label` names the file
    in messages when it is not where the user put it (a ZIP member).
    """
    shown = label or str(path)
    if not path.is_file():
        raise EvidenceError("file not found", shown, "check the source's path")
    if path.stat().st_size == 0:
        raise EvidenceError("the file is empty", shown, "export it again")
    is_xlsx = path.suffix.lower() in (".xlsx", ".xlsm")
    encoding = "xlsx" if is_xlsx else detect_encoding(path)
    rows = _xlsx_rows(path) if is_xlsx else _csv_rows(path, encoding)
    header: list[str] | None = None
    for _, fields in rows:
        if fields and fields[0].startswith("#TYPE "):
            continue  # Windows PowerShell 5.1 Export-Csv writes this line unless -NoTypeInformation
        if any(f.strip() for f in fields):
            header = [f.strip() for f in fields]
            break
    if header is None:
        raise EvidenceError("the file has no header row", shown, "export it with headers")
    while header and not header[-1]:
        header.pop()
    keys = tuple(header_key(h) for h in header)
    dupes = sorted({h for h, k in zip(header, keys) if keys.count(k) > 1})
    if dupes:
        raise EvidenceError(f"duplicate column(s): {', '.join(dupes)}", shown,
                            "remove or rename the repeated columns")
    table = Table(Path(shown), tuple(header), keys, encoding)
    return table, _fitted(table, rows)


def _fitted(table: Table, rows: Iterator[tuple[int, list[str]]]
            ) -> Iterator[tuple[int, list[str]]]:
    """Skip blank rows and check each row's width against the header (a located error)."""
    width = len(table.keys)
    for line, fields in rows:
        # the common row has the right width and a first cell: decide it with two cheap tests
        if len(fields) == width and fields[0].strip():
            yield line, fields
            continue
        if not any(f.strip() for f in fields):
            continue
        while len(fields) > width and not fields[-1]:
            fields = fields[:-1]
        if len(fields) != width:
            raise EvidenceError(f"row has {len(fields)} field(s), the header has {width}",
                                f"{table.path}:{line}",
                                "the export may be truncated or hold an unquoted delimiter")
        yield line, fields  # values are trimmed when read (export.Row)

