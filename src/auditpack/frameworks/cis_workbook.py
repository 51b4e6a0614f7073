"""Read CIS's official Controls v8.1 workbook into a catalog dict in auditpack's format."""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from ..errors import CatalogError
from ..yamlfile import dump_yaml

CATALOG_ID = "cis-controls-v8"
CATALOG_TITLE = "CIS Critical Security Controls"
PUBLISHER = "Center for Internet Security"
PUBLISHED = "2024-06"  # the workbook's cover page reads "June 2024"
SOURCE_URL = "https://www.cisecurity.org/controls/v8-1"
LICENSE_URL = "https://creativecommons.org/licenses/by-nc-nd/4.0/"
DEFAULT_IMPORT_VERSION = "8.1-cis-text"
LEVELS = ["control", "safeguard"]

# Column keys mapped to the header each must carry (compared after _header_key).
COLUMNS: dict[str, str] = {
    "control": "CIS Control",
    "safeguard": "CIS Safeguard",
    "asset_type": "Asset Type",
    "security_function": "Security Function",
    "title": "Title",
    "description": "Description",
    "ig1": "IG1",
    "ig2": "IG2",
    "ig3": "IG3",
}
IG_KEYS = ("ig1", "ig2", "ig3")
HEADER_SCAN_ROWS = 20
HINT = (
    "pass the official 'CIS Controls Version 8.1' .xlsx downloaded from "
    "https://www.cisecurity.org/controls/v8-1 (sheet 'Controls V8')"
)

Row = tuple[Any, ...]


def clean_text(value: Any) -> str:
    """Return a cell as text with non-breaking spaces made plain and the ends trimmed."""
    if value is None:
        return ""
    return str(value).replace("\xa0", " ").strip()


def _header_key(value: Any) -> str:
    """Normalise a header cell for comparison: lower case, no spaces of any kind."""
    return re.sub(r"\s+", "", clean_text(value)).lower()


def file_sha256(path: Path) -> str:
    """Return the sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _match_header(row: Row) -> dict[str, int]:
    """Map each known column key to its index in a candidate header row."""
    wanted = {_header_key(name): key for key, name in COLUMNS.items()}
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = wanted.get(_header_key(cell))
        if key is not None and key not in found:
            found[key] = index
    return found


class _Table(NamedTuple):
    """The controls table: where its header is, the rows after it, and the column map."""

    sheet: str
    header_row: int
    rows: Iterator[Row]
    columns: dict[str, int]


def _find_table(path: Path, workbook: Any) -> _Table:
    """Locate the sheet and header row by their header names."""
    best: tuple[int, str, dict[str, int]] = (0, "", {})
    for sheet in workbook.worksheets:
        rows = sheet.iter_rows(values_only=True)
        for row_no, row in zip(range(1, HEADER_SCAN_ROWS + 1), rows):
            columns = _match_header(row)
            if len(columns) == len(COLUMNS):
                return _Table(sheet.title, row_no, rows, columns)
            if len(columns) > best[0]:
                best = (len(columns), sheet.title, columns)
    count, sheet_name, columns = best
    missing = [name for key, name in COLUMNS.items() if key not in columns]
    where = f"the closest sheet, '{sheet_name}', lacks" if count else "no sheet has any of"
    raise CatalogError(
        f"{path.name} is not the CIS Controls v8.1 workbook: {where} the column(s) "
        + ", ".join(repr(name) for name in missing),
        location=str(path),
        hint=HINT,
    )


def _row_error(path: Path, where: str, message: str, hint: str = HINT) -> CatalogError:
    """Build the error for one bad row of the controls sheet."""
    return CatalogError(f"{path.name}: {message}", location=where, hint=hint)


def _control_number(value: Any, path: Path, where: str) -> int:
    """Parse the 'CIS Control' cell (an int, or text like '3\\xa0') as a control number."""
    text = clean_text(value)
    if not text.isdigit():
        raise _row_error(path, where, f"'CIS Control' is {text!r}, expected a control number")
    return int(text)


def _check_safeguard_id(raw: Any, rebuilt: str, path: Path, where: str) -> None:
    """Fail unless the stored number equals the id rebuilt from row order (3.1 == 3.10)."""
    try:
        same = float(clean_text(raw)) == float(rebuilt)
    except ValueError:
        same = False
    if not same:
        hint = "ids are rebuilt from row order; use the workbook unsorted and unfiltered"
        message = f"safeguard {clean_text(raw)!r} is out of order, expected {rebuilt}"
        raise _row_error(path, where, message, hint)


def _control(number: int, row: Row, cols: dict[str, int]) -> dict[str, Any]:
    """Build the requirement for a control header row."""
    return {
        "id": str(number),
        "parent": None,
        "level": "control",
        "title": clean_text(row[cols["title"]]),
        "text": clean_text(row[cols["description"]]),
        "text_source": "official",
        "assessable": False,
        "attributes": {},
    }


def _safeguard(sid: str, parent: str, row: Row, cols: dict[str, int]) -> dict[str, Any]:
    """Build the requirement for a safeguard row."""
    groups = [n for n, key in enumerate(IG_KEYS, start=1) if clean_text(row[cols[key]])]
    return {
        "id": sid,
        "parent": parent,
        "level": "safeguard",
        "title": clean_text(row[cols["title"]]),
        "text": clean_text(row[cols["description"]]),
        "text_source": "official",
        "assessable": True,
        "attributes": {
            "asset_type": clean_text(row[cols["asset_type"]]),
            "security_function": clean_text(row[cols["security_function"]]),
            "implementation_groups": groups,
        },
    }


def _requirements(path: Path, table: _Table) -> list[dict[str, Any]]:
    """Turn the data rows into controls followed by their safeguards, in sheet order."""
    cols = table.columns
    width = max(cols.values()) + 1
    result: list[dict[str, Any]] = []
    control: int | None = None
    seen: set[int] = set()
    count = 0
    for row_no, raw in enumerate(table.rows, start=table.header_row + 1):
        row = tuple(raw) + (None,) * (width - len(raw))
        if not any(clean_text(cell) for cell in row):
            continue
        here = f"{path}, sheet '{table.sheet}', row {row_no}"
        number = _control_number(row[cols["control"]], path, here)
        if clean_text(row[cols["safeguard"]]) == "":
            if number in seen:
                raise _row_error(path, here, f"control {number} appears twice")
            control, count = number, 0
            seen.add(number)
            result.append(_control(number, row, cols))
            continue
        if number != control:
            raise _row_error(path, here, f"a safeguard of control {number} is outside that control")
        count += 1
        sid = f"{number}.{count}"
        _check_safeguard_id(row[cols["safeguard"]], sid, path, here)
        result.append(_safeguard(sid, str(number), row, cols))
    if not result:
        raise CatalogError(f"{path.name}: the controls table has no rows", str(path), HINT)
    return result


def _header(path: Path, version: str, sha256: str) -> dict[str, Any]:
    """Build the catalog header for a catalog imported from the user's own workbook."""
    return {
        "id": CATALOG_ID,
        "title": CATALOG_TITLE,
        "version": version,
        "publisher": PUBLISHER,
        "published": PUBLISHED,
        "source": SOURCE_URL,
        "license_name": "CC BY-NC-ND 4.0 (your licensed CIS copy)",
        "license": (
            "CIS Controls content © Center for Internet Security, Inc., licensed under "
            f"CC BY-NC-ND 4.0 ({LICENSE_URL}). This catalog holds the official CIS text, "
            "imported by `auditpack catalog import-cis` from the user's own licensed copy of "
            "the CIS workbook, for the user's own non-commercial use only. Do not "
            "redistribute it; commercial use needs CIS's prior approval. See "
            "https://www.cisecurity.org/controls/ for the current guidance."
        ),
        "origin": {
            "document": "CIS Critical Security Controls Version 8.1, June 2024",
            "data": [f"{path.name}: the user's own licensed CIS workbook, sha256 {sha256}"],
            "notes": (
                "Imported by auditpack catalog import-cis. Ids are rebuilt from row order; "
                "non-breaking spaces are normalised; text is otherwise verbatim."
            ),
        },
        "levels": list(LEVELS),
    }


def read_cis_workbook(path: Path, version: str = DEFAULT_IMPORT_VERSION) -> dict[str, Any]:
    """Read the official CIS v8.1 workbook into a catalog dict with CIS's own text.

    `version` defaults to "8.1-cis-text" so that an imported user catalog does not collide
    with the built-in paraphrased catalog, whose version is "8.1"; tools/build_cis.py
    passes "8.1" and then replaces the texts and the licence header.
    """
    path = Path(path)
    if not path.is_file():
        raise CatalogError(f"{path.name}: no such file", location=str(path), hint=HINT)
    sha256 = file_sha256(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise CatalogError(
            f"{path.name} could not be opened as an .xlsx workbook: {exc}",
            location=str(path),
            hint=HINT,
        ) from exc
    try:
        requirements = _requirements(path, _find_table(path, workbook))
    finally:
        workbook.close()
    return {**_header(path, version, sha256), "requirements": requirements}


def write_catalog_yaml(data: dict[str, Any], path: Path, comment: str | None = None) -> None:
    """Write a catalog dict as YAML, deterministically, replacing the file atomically."""
    body = dump_yaml(data, width=10_000)  # libyaml's emitter where it gives the same text
    head = "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines()) if comment else ""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(head + body, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
