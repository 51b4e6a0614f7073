"""The RACI matrix: IT functions down, named people across, letters in the cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..controls.vocabulary import it_functions
from ..findings import Finding
from ..sanitize import write_text, xml_text
from .model import WorkspaceFile
from .raci import resolve


@dataclass(frozen=True)
class Column:
    """A person in the matrix."""

    person: str
    name: str
    role: str
    party: str
    internal: bool


@dataclass(frozen=True)
class MatrixRow:
    """One IT function (or control override) and each person's letters."""

    key: str
    title: str
    letters: dict[str, str]
    unresolved: tuple[str, ...] = ()  # "R: msp:Security Architect" — a letter nobody holds


def raci_matrix(wsf: WorkspaceFile) -> tuple[list[Column], list[MatrixRow]]:
    """Build the matrix; people who hold no letter are left out."""
    functions = it_functions()
    rows: list[MatrixRow] = []
    entries = [(fid, functions[fid].title if fid in functions else fid, row)
               for fid, row in wsf.raci.functions.items()]
    entries += [(cid, f"Control {cid}", row) for cid, row in wsf.raci.controls.items()]
    used: set[str] = set()
    for key, title, row in entries:
        cells: dict[str, str] = {}
        unresolved: list[str] = []
        for letter, ref in row.letters():
            found = resolve(wsf, ref).people
            if not found:
                unresolved.append(f"{letter}: {ref}")
            for _, person in found:
                if letter not in cells.get(person.id, ""):
                    cells[person.id] = cells.get(person.id, "") + letter
                used.add(person.id)
        rows.append(MatrixRow(key, title, cells, tuple(unresolved)))
    columns = [Column(p.id, p.name, p.role, party.name, party.kind == "internal")
               for party in wsf.parties for p in party.people if p.id in used]
    return columns, rows


def write_raci_xlsx(wsf: WorkspaceFile, findings: list[Finding], target: Path) -> None:
    """Write the matrix and its findings to an XLSX workbook (cells always as text)."""
    import xlsxwriter  # imported here: only this command needs it

    columns, rows = raci_matrix(wsf)
    partial = target.with_name(f".{target.name}.partial")
    book = xlsxwriter.Workbook(str(partial), {"strings_to_formulas": False,
                                               "strings_to_numbers": False})
    as_of = wsf.organization.as_of
    book.set_properties({"title": f"RACI matrix - {wsf.organization.legal_name}",
                         "created": dt.datetime(as_of.year, as_of.month, as_of.day)})
    head = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1})
    cell = book.add_format({"align": "center", "border": 1})
    sheet = book.add_worksheet("RACI")
    write_text(sheet, 0, 0, "IT function", head)
    for j, col in enumerate(columns, start=1):
        write_text(sheet, 0, j, xml_text(f"{col.name}\n{col.role}\n{col.party}"), head)
        sheet.set_column(j, j, 16)
    for i, row in enumerate(rows, start=1):
        write_text(sheet, i, 0, xml_text(row.title), None)
        for j, col in enumerate(columns, start=1):
            write_text(sheet, i, j, row.letters.get(col.person, ""), cell)
    sheet.set_column(0, 0, 32)
    sheet.set_row(0, 48)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, len(rows), len(columns))
    _findings_sheet(book, head, findings)
    book.close()
    partial.replace(target)


def _findings_sheet(book: object, head: object, findings: list[Finding]) -> None:
    """Add the findings sheet."""
    sheet = book.add_worksheet("Findings")  # type: ignore[attr-defined]
    titles = ["Severity", "Subject", "Finding", "Fix", "Code"]
    for j, title in enumerate(titles):
        write_text(sheet, 0, j, title, head)
    for i, f in enumerate(findings, start=1):
        for j, value in enumerate([f.severity, f.subject, f.message, f.fix, f.code]):
            write_text(sheet, i, j, xml_text(value), None)
    for j, width in enumerate([10, 36, 60, 50, 28]):
        sheet.set_column(j, j, width)
    sheet.freeze_panes(1, 0)
    if findings:
        sheet.autofilter(0, 0, len(findings), len(titles) - 1)
