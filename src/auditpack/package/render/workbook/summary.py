"""The Summary sheet: the organisation, readiness by framework and function, and a chart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ....sanitize import write_text
from ...model.views import ControlView, PackageModel, PersonView
from .cells import Cell, Column, Sheet, Status, fit_text
from .formats import COLOURS, CONTROL_STATUSES, LABELS, MEANINGS, REQUIREMENT_STATUSES, Formats
from .requests_sheet import write_attention
from .sheets import exception_count


def _person(person: PersonView | None) -> str | None:
    """Describe a person: name, role (party)."""
    if person is None:
        return None
    return f"{person.name}, {person.role} ({person.party})"


def write_summary(book: Any, fmt: Formats, model: PackageModel) -> None:
    """Write the summary: the organisation, readiness by framework and function, a chart."""
    ws = book.add_worksheet("Summary")
    out = Sheet(ws, fmt, [Column("", 34), Column("", 60, wrap=True)])
    write_text(ws, 0, 0, fit_text(f"Control matrix - {model.legal_name}"), fmt.title)
    row = _write_facts(ws, out, _facts(model))
    # The chart sits to the right of the facts (about CHART_ROWS rows tall); the tables below.
    top = max(row + 1, CHART_ROWS + 2)
    top = write_attention(ws, out, model, top)  # unanswered requests first, when there is a list
    row = _readiness_table(ws, out, model, top)
    row = _function_table(ws, out, model, row + 1)
    _status_table(ws, out, model, row + 1)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 14, 13)
    if model.frameworks:
        _chart(book, ws, model, top)



def _facts(model: PackageModel) -> list[tuple[str, Cell]]:
    """Return the summary's label and value pairs (a None value is left out)."""
    high = sum(1 for p in model.poam if p.severity == "high")
    medium = sum(1 for p in model.poam if p.severity == "medium")
    low = sum(1 for p in model.poam if p.severity == "low")
    facts: list[tuple[str, Cell]] = [
        ("Organisation", model.legal_name),
        ("Short name", model.short_name),
        ("Industry", model.industry),
        ("Headcount", model.headcount),
        ("Locations", "; ".join(model.locations) or None),
        ("Regulators", "; ".join(model.regulators) or None),
        ("Frameworks", "; ".join(f"{f.title} {f.version}" for f in model.frameworks) or None),
        ("Period start", model.period_start),
        ("Period end", model.period_end),
        ("As of", model.as_of),
        ("Package", model.package_name),
        ("Tool version", f"auditpack {model.tool_version}"),
        ("Built (UTC)", model.built_at),
        ("Prepared by", _person(model.prepared_by)),
        ("Signed off by", _person(model.signer)),
        ("CIS implementation group", model.cis_implementation_group),
        ("PCI DSS entity type", model.pci_entity_type),
        ("Controls", len(model.controls)),
        ("Evidence files", len(model.evidence)),
        ("Findings (POA&M)", f"{len(model.poam)}: {high} high, {medium} medium, {low} low"),
        ("Named exceptions", exception_count(model)),
        ("Signature fingerprint", model.signature_fingerprint),
    ]
    facts += [(f"Excluded: {x.catalog}", f"{', '.join(x.requirements)}: {x.reason}")
              for x in model.exclusions]
    return facts


def _write_facts(ws: Any, out: Sheet, facts: list[tuple[str, Cell]]) -> int:
    """Write the facts from the third row down; return the next free row."""
    row = 2
    for label, value in facts:
        if value is None:
            continue
        write_text(ws, row, 0, fit_text(label), out.fmt.label)
        out.write(row, 1, value)
        row += 1
    return row


def _section(ws: Any, fmt: Formats, row: int, title: str, headers: Sequence[str]) -> None:
    """Write a section title and its table header."""
    write_text(ws, row, 0, title, fmt.section)
    for j, header in enumerate(headers):
        write_text(ws, row + 1, j, header, fmt.header)


READINESS_HEADERS = ("Framework", "Title", "Version", "Requirements in scope",
                     *(LABELS[s] for s in REQUIREMENT_STATUSES), "Evidenced %", "Readiness %")


def _readiness_table(ws: Any, out: Sheet, model: PackageModel, row: int) -> int:
    """Write readiness per framework; return the next free row."""
    _section(ws, out.fmt, row, "Readiness by framework", READINESS_HEADERS)
    row += 2
    for f in model.frameworks:
        values: list[Cell] = [f.id, f.title, f.version, len(f.requirements)]
        values += [f.status_counts.get(s, 0) for s in REQUIREMENT_STATUSES]
        for j, value in enumerate(values):
            out.write(row, j, value)
        ws.write_number(row, len(values), f.evidenced_pct / 100.0, out.fmt.percent)
        ws.write_number(row, len(values) + 1, f.readiness_pct / 100.0, out.fmt.percent)
        row += 1
    return row


FUNCTION_HEADERS = ("IT function", "Accountable", "Controls",
                    *(LABELS[s] for s in CONTROL_STATUSES))


def _function_table(ws: Any, out: Sheet, model: PackageModel, row: int) -> int:
    """Write controls by status per IT function; return the next free row."""
    _section(ws, out.fmt, row, "Controls by IT function", FUNCTION_HEADERS)
    row += 2
    by_function: dict[str, list[ControlView]] = {}
    for c in model.controls:
        by_function.setdefault(c.function, []).append(c)
    for function, controls in by_function.items():
        accountable = dict.fromkeys(p.name for c in controls for p in c.accountable)
        values: list[Cell] = [function, ", ".join(accountable), len(controls)]
        values += [sum(1 for c in controls if c.status == s) for s in CONTROL_STATUSES]
        for j, value in enumerate(values):
            out.write(row, j, value)
        row += 1
    return row


def _status_table(ws: Any, out: Sheet, model: PackageModel, row: int) -> int:
    """Write the control status counts; return the next free row."""
    _section(ws, out.fmt, row, "Controls by status", ("Status", "Meaning", "Controls"))
    row += 2
    counts = model.control_status_counts
    keys = [s for s in CONTROL_STATUSES if s in counts] + sorted(set(counts) - set(CONTROL_STATUSES))
    for key in keys:
        out.write(row, 0, Status(key))
        out.write(row, 1, MEANINGS.get(key))
        out.write(row, 2, counts[key])
        row += 1
    return row


CHART_ROWS = 19  # 380 px at Excel's default 20 px a row


def _chart(book: Any, ws: Any, model: PackageModel, top: int) -> None:
    """Add a stacked column chart of requirement status per framework."""
    chart = book.add_chart({"type": "column", "subtype": "stacked"})
    first, last = top + 2, top + 1 + len(model.frameworks)
    for k, status in enumerate(REQUIREMENT_STATUSES):
        col = 4 + k
        chart.add_series({
            "name": ["Summary", top + 1, col],
            "categories": ["Summary", first, 0, last, 0],
            "values": ["Summary", first, col, last, col],
            "fill": {"color": COLOURS[status]},
            "border": {"none": True},
            "gap": 60,
        })
    chart.set_title({"name": "Requirement status by framework"})
    chart.set_y_axis({"name": "Requirements", "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 760, "height": 380})
    ws.insert_chart(1, 3, chart, {"x_offset": 10, "y_offset": 0, "object_position": 2})
