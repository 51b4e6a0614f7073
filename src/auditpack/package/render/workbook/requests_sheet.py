"""The Requests sheets and the Summary's "Requests needing attention" block.

Requests: one row per request in the examiner's order (status shaded, the folder's index
linked). Request Evidence: one row per request and evidence file, each file linked, because
a cell holds one hyperlink only. Both exist only when the package answers a request list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from ....sanitize import write_text
from ...model.request_views import REQUEST_LABELS, RequestView
from ...model.requests import request_owners
from ...model.views import PackageModel
from ..request_folders import INDEX, copy_path
from .cells import Cell, Column, Link, Sheet, fit_text
from .formats import FILLS, Formats
from .table import write_table

REQUEST_SHEETS = ("Requests", "Request Evidence")
REQUEST_FILLS = {"open": FILLS["fail"], "partial": FILLS["missing"], "answered": FILLS["pass"],
                 "not_applicable": FILLS["not_tested"]}
STATUS_COLUMN = 4
MAX_ASKED = 160              # characters of a request's text in the Summary block
MAX_ATTENTION = 25           # requests listed in the Summary block; the rest on Requests

REQUEST_COLUMNS = (
    Column("Number", 10), Column("Area", 18, wrap=True), Column("Request", 60, wrap=True),
    Column("Due", 12), Column("Status", 15), Column("Owner", 26, wrap=True),
    Column("Controls", 22, wrap=True), Column("Requirements", 24, wrap=True),
    Column("Evidence", 24, wrap=True), Column("Response", 60, wrap=True),
    Column("Why not answered", 50, wrap=True), Column("Suggested (not confirmed)", 20),
    Column("Folder index", 50),
)
EVIDENCE_COLUMNS = (
    Column("Request", 10), Column("Status", 15), Column("Evidence", 10),
    Column("File in package", 50), Column("SHA-256", 66), Column("Copy in request folder", 50),
    Column("Controls", 24, wrap=True), Column("Collected (UTC)", 20), Column("As of", 12),
)


def _due(value: str | None) -> Cell:
    """Return a due date as a date when it is one, else the text as written."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value


def _owners(model: PackageModel, r: RequestView) -> str:
    """Return the request's owners by name."""
    return ", ".join(p.name for p in request_owners(model, r))


def _request_rows(model: PackageModel) -> Iterator[Sequence[Cell]]:
    """Yield one row per request, in the examiner's order."""
    assert model.requests is not None
    for r in model.requests.requests:
        suggested = ", ".join(r.suggested) if r.status == "open" else None
        yield (r.number, r.area, r.text, _due(r.due), REQUEST_LABELS[r.status],
               _owners(model, r), ", ".join(r.controls), "\n".join(r.requirements),
               ", ".join(r.evidence), r.response_text(), "\n".join(r.reasons) or None,
               suggested, Link(f"{r.folder}/{INDEX}"))


def _evidence_rows(model: PackageModel) -> Iterator[Sequence[Cell]]:
    """Yield one row per request and evidence file, each file linked."""
    assert model.requests is not None
    for r in model.requests.requests:
        for eid in r.evidence:
            ref = model.evidence_ref(eid)
            if ref is None:
                continue
            controls = ", ".join(c for c in r.controls if eid in model.control(c).evidence)
            yield (r.number, REQUEST_LABELS[r.status], eid, Link(ref.path), ref.sha256,
                   copy_path(r, ref.path), controls or None, ref.collected_at, ref.as_of)


def _shade(book: Any, ws: Any, statuses: Sequence[str], col: int) -> None:
    """Rewrite a status column's cells with their fill (rows in sheet order, header first)."""
    formats = {s: book.add_format({"valign": "top", "bg_color": fill})
               for s, fill in REQUEST_FILLS.items()}
    for row, status in enumerate(statuses, start=1):
        write_text(ws, row, col, REQUEST_LABELS[status], formats[status])


def write_request_sheets(book: Any, fmt: Formats, model: PackageModel) -> None:
    """Write the Requests and Request Evidence sheets (nothing without a request list)."""
    if model.requests is None:
        return
    items = model.requests.requests
    ws = write_table(book, fmt, "Requests", REQUEST_COLUMNS, _request_rows(model), freeze_cols=1)
    _shade(book, ws, [r.status for r in items], STATUS_COLUMN)
    ws = write_table(book, fmt, "Request Evidence", EVIDENCE_COLUMNS, _evidence_rows(model),
                     freeze_cols=1)
    _shade(book, ws, [r.status for r in items for e in r.evidence
                      if model.evidence_ref(e) is not None], 1)


ATTENTION_HEADERS = ("Request", "What is asked, and what is missing", "Owner")


def write_attention(ws: Any, out: Sheet, model: PackageModel, row: int) -> int:
    """Write the Summary's "Requests needing attention" block at `row`; return the next free row.

    Open requests come first, then partial ones, each in the examiner's order. Without a
    request list nothing is written and `row` is returned unchanged.
    """
    rl = model.requests
    if rl is None:
        return row
    counts = rl.counts()
    fmt = out.fmt
    write_text(ws, row, 0, fit_text(f"Requests needing attention - {rl.title}"), fmt.section)
    write_text(ws, row + 1, 0, fit_text(
        f"{len(rl.requests)} requests: " + ", ".join(
            f"{n} {REQUEST_LABELS[s].lower()}" for s, n in counts.items() if n)
        + ". Every request is on the Requests sheet."), fmt.label)
    row += 2
    attention = rl.attention()
    if not attention:
        write_text(ws, row, 0, "Every request is answered or not applicable.", fmt.text)
        return row + 2
    for j, header in enumerate(ATTENTION_HEADERS):
        write_text(ws, row, j, header, fmt.header)
    row += 1
    for r in attention[:MAX_ATTENTION]:
        asked = r.text if len(r.text) <= MAX_ASKED else r.text[: MAX_ASKED - 1].rstrip() + "…"
        out.write(row, 0, f"{r.number}: {REQUEST_LABELS[r.status]}")
        out.write(row, 1, asked + "".join(f"\nMissing: {why}" for why in r.reasons))
        out.write(row, 2, _owners(model, r))
        row += 1
    if len(attention) > MAX_ATTENTION:
        write_text(ws, row, 0, f"... and {len(attention) - MAX_ATTENTION} more: filter the "
                       "Requests sheet by Status", fmt.label)
        row += 1
    return row + 1
