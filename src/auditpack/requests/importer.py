"""Read an examiner's request list from XLSX or CSV into a RequestList."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from zipfile import BadZipFile

from ..errors import AuditpackError
from ..evidence.tabular import cell_text_of, detect_encoding
from ..frameworks import Library
from .columns import (
    COLUMNS_HINT,
    NUMBER,
    detect_columns,
    parse_columns,
    parse_date,
    resolve_columns,
    role_of,
)
from .model import Request, RequestList
from .refs import find_references

HEADER_SCAN = 30  # rows searched for the header (a title block sits above it)
Row = tuple[int, list[str]]


def read_rows(path: Path) -> list[Row]:
    """Return (row or line number, cells as text) for every row of the file."""
    if not path.is_file():
        raise AuditpackError("file not found", str(path), "check the path")
    if path.stat().st_size == 0:
        raise AuditpackError("the file is empty", str(path), "export the request list again")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return list(_xlsx_rows(path))
    if path.suffix.lower() == ".xls":
        raise AuditpackError("old .xls workbooks are not read", str(path), "save it as .xlsx or .csv")
    return list(_csv_rows(path))


def _csv_rows(path: Path) -> Iterator[Row]:
    """Yield the rows of a CSV (comma, semicolon or tab separated), in any usual encoding."""
    encoding = detect_encoding(path)
    with path.open("r", encoding=encoding, newline="") as handle:
        sample = handle.read(8192)
        handle.seek(0)
        delimiter = max((",", ";", "\t"), key=sample.count)
        reader = csv.reader(handle, delimiter=delimiter)
        start = 1
        try:
            for fields in reader:
                yield start, fields
                start = reader.line_num + 1
        except (UnicodeDecodeError, csv.Error) as exc:
            raise AuditpackError(f"cannot read the CSV: {exc}", f"{path}:{reader.line_num}",
                                 "export the list again as UTF-8 CSV or XLSX") from None


def _xlsx_rows(path: Path) -> Iterator[Row]:
    """Yield the rows of the first sheet of a workbook, read-only."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    # SyntaxError: lxml's, for a part that is not XML
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:
        raise AuditpackError(f"cannot read the workbook: {exc}", str(path),
                             "save it again as .xlsx or export it as CSV") from None
    try:
        for number, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            yield number, ["" if v is None else cell_text_of(v) for v in row]
    finally:
        book.close()


def _find_header(rows: list[Row], spec: dict[str, str] | None) -> int:
    """Return the index of the header row: the first row naming a number or text column."""
    best, best_hits = -1, 0
    for i, (_, cells) in enumerate(rows[:HEADER_SCAN]):
        roles = {role_of(c) for c in cells if c.strip()} - {None}
        named = spec and any(c.strip() and c.strip() in spec.values() for c in cells)
        hits = len(roles) + (10 if named else 0)
        if hits > best_hits and ("text" in roles or "number" in roles or named):
            best, best_hits = i, hits
    return best


def import_list(path: Path, list_id: str, library: Library, columns: str | None = None,
                label: str | None = None) -> RequestList:
    """Read a request list file; raise located errors for anything that cannot be read."""
    shown = label or str(path)
    rows = [(n, [c.strip() for c in cells]) for n, cells in read_rows(path)]
    rows = [(n, cells) for n, cells in rows if any(cells)]  # spacer rows
    if not rows:
        raise AuditpackError("the file has no rows", shown, "export the request list again")
    spec = parse_columns(columns) if columns else None
    h = _find_header(rows, spec)
    if h < 0 and not spec:
        raise AuditpackError("no header row naming the request column found in the first "
                             f"{HEADER_SCAN} rows", shown, COLUMNS_HINT)
    header = rows[h][1] if h >= 0 else []
    body = rows[h + 1:]
    where = f"{shown}:{rows[h][0]}" if h >= 0 else shown
    cols = (resolve_columns(spec, header, where) if spec
            else detect_columns(header, [c for _, c in body], where))
    if "number" not in cols or "text" not in cols:
        raise AuditpackError("both the number and the text column are needed", "--columns",
                             COLUMNS_HINT)
    title = next((c for _, cells in rows[:max(h, 0)] for c in cells if c), None)
    requests = _requests(body, cols, shown, library)
    return RequestList(id=list_id, title=title or path.stem, source=path.name, requests=requests)


def _get(cells: list[str], cols: dict[str, int], role: str) -> str:
    """Return the cell of a role, or '' when the role has no column or the row is short."""
    i = cols.get(role)
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _requests(body: list[Row], cols: dict[str, int], shown: str,
              library: Library) -> list[Request]:
    """Turn data rows into requests: headings become areas; blanks and duplicates are errors."""
    out: list[Request] = []
    seen: dict[str, int] = {}
    numbers = [_get(c, cols, "number") for _, c in body]
    area_of: dict[str, str] = {}
    for line, cells in body:
        number, text = _get(cells, cols, "number"), _get(cells, cols, "text")
        if not number and not text:
            continue  # a row with notes only in other columns
        if not number:
            raise AuditpackError("this request has no number", f"{shown}:{line}",
                                 "give it the examiner's number, or " + COLUMNS_HINT)
        if _is_heading(number, text, numbers):
            area_of[number] = text or number
            continue
        if not text:
            raise AuditpackError(f"request {number} has no text", f"{shown}:{line}",
                                 "fill in the request text, or " + COLUMNS_HINT)
        if number in seen:
            raise AuditpackError(f"request number {number} is used twice (first on line "
                                 f"{seen[number]})", f"{shown}:{line}",
                                 "give each request its own number as the examiner wrote it")
        seen[number] = line
        ref_text = _get(cells, cols, "refs")
        due_raw = _get(cells, cols, "due")
        area = _get(cells, cols, "area") or _parent_area(number, area_of)
        out.append(Request(number=number, text=text, area=area or None,
                           due=(parse_date(due_raw) or due_raw) or None,
                           references=find_references(ref_text, library) if ref_text else [],
                           reference_text=ref_text or None, source_row=line))
    if not out:
        raise AuditpackError("the list holds no requests", shown,
                             "check that the rows below the header hold numbered requests")
    return out


def _is_heading(number: str, text: str, numbers: list[str]) -> bool:
    """Tell whether a row is a section heading: short text and other rows numbered under it."""
    if len(text.split()) > 8 or not NUMBER.match(number):
        return False
    return any(n != number and re.match(re.escape(number) + r"[.\-(]", n) for n in numbers)


def _parent_area(number: str, area_of: dict[str, str]) -> str | None:
    """Return the title of the nearest heading this number sits under."""
    for head in sorted(area_of, key=len, reverse=True):
        if re.match(re.escape(head) + r"[.\-(]", number):
            return area_of[head]
    return None
