"""Control-Matrix.xlsx: the package's workbook, rendered from the package model alone.

Every text cell goes through `cell_text` and `write_string`, so a value such as
`=HYPERLINK(...)`, `@SUM(1)` or `-2+3` stays text; numbers are numbers, dates are dates.
The same model always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath
from typing import Any

import xlsxwriter

from ..sanitize import cell_text
from .model import ControlView, EscalationView, FrameworkView, PackageModel, PersonView
from .zipfix import normalize_zip

SHEETS = ("Summary", "Controls", "Requirements", "Crosswalk", "RACI", "Escalation",
          "Evidence Index", "Findings - POA&M", "Exceptions")
MAX_ROWS = 1_048_576          # Excel's rows per sheet, the header included
MAX_CELL = 32_767             # Excel's characters per cell
MAX_LINKS = 65_530            # Excel's hyperlinks per sheet
MAX_URL = 2_079               # Excel's characters per hyperlink

# Requirement statuses, in the order the Summary and its chart show them.
REQUIREMENT_STATUSES = ("pass", "fail", "stale", "missing", "not_tested", "organisational",
                        "uncovered", "not_applicable")
CONTROL_STATUSES = ("pass", "fail", "stale", "missing", "not_tested", "not_applicable",
                    "out_of_scope")
LABELS = {"pass": "Pass", "fail": "Fail", "stale": "Stale", "missing": "Missing",
          "not_tested": "Not tested", "not_applicable": "Not applicable",
          "out_of_scope": "Out of scope", "organisational": "Organisational",
          "uncovered": "Uncovered", "covered": "Covered", "via_crosswalk": "Via crosswalk"}
MEANINGS = {
    "pass": "Every evidence need was checked on current evidence and passed",
    "fail": "A check found exceptions (see the Exceptions and Findings - POA&M sheets)",
    "stale": "The newest evidence is too old for the control's frequency or misses the period",
    "missing": "No evidence collected for at least one evidence need",
    "not_tested": "Evidence on file and current; no automated check, for the assessor to review",
    "not_applicable": "The organisation does not operate the control (reason on Controls)",
    "out_of_scope": "Outside the scope of this package (reason on Controls)",
}
# Fill colours of status cells and chart series.
COLOURS = {"pass": "#63BE7B", "fail": "#E0504A", "stale": "#F4B183", "missing": "#FFC000",
           "not_tested": "#A6A6A6", "organisational": "#8EA9DB", "uncovered": "#7B2C2C",
           "not_applicable": "#D9D9D9", "out_of_scope": "#EDEDED"}
FILLS = {"pass": "#C6EFCE", "fail": "#FFC7CE", "stale": "#FCE4D6", "missing": "#FFEB9C",
         "not_tested": "#EDEDED", "uncovered": "#F4CCCC"}
HEADER_FILL = "#DCE6F1"
WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                    "strings_to_urls": False}


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


class _Formats:
    """The workbook's cell formats, made once."""

    def __init__(self, book: Any) -> None:
        top = {"valign": "top"}
        self.header = book.add_format({"bold": True, "bg_color": HEADER_FILL, "text_wrap": True,
                                       "valign": "top", "border": 1})
        self.text = book.add_format(top)
        self.wrap = book.add_format({**top, "text_wrap": True})
        self.date = book.add_format({**top, "num_format": "yyyy-mm-dd", "align": "left"})
        self.datetime = book.add_format({**top, "num_format": "yyyy-mm-dd hh:mm:ss",
                                         "align": "left"})
        self.integer = book.add_format({**top, "num_format": "#,##0"})
        self.number = book.add_format({**top, "num_format": "0.0"})
        self.percent = book.add_format({**top, "num_format": "0.0%"})
        self.link = book.add_format({**top, "font_color": "#0563C1", "underline": 1})
        self.center = book.add_format({**top, "align": "center"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.section = book.add_format({"bold": True, "font_size": 12})
        self.label = book.add_format({**top, "bold": True})
        self.status = {s: book.add_format({**top, "bg_color": fill}) for s, fill in FILLS.items()}


def render_xlsx(model: PackageModel) -> bytes:
    """Render the control matrix workbook; the same model gives byte-identical bytes."""
    buffer = BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    created = _naive_utc(model.built_at)
    book.set_properties({"title": cell_text(f"Control matrix - {model.legal_name}"),
                         "subject": cell_text(model.package_name),
                         "author": cell_text(f"auditpack {model.tool_version}"),
                         "company": cell_text(model.legal_name),
                         "comments": "Generated by auditpack from the package model.",
                         "created": created})
    fmt = _Formats(book)
    _summary(book, fmt, model)
    _table(book, fmt, "Controls", CONTROL_COLUMNS, _control_rows(model), freeze_cols=1)
    _table(book, fmt, "Requirements", REQUIREMENT_COLUMNS, _requirement_rows(model),
           freeze_cols=2)
    _table(book, fmt, "Crosswalk", CROSSWALK_COLUMNS, _crosswalk_rows(model), freeze_cols=1)
    _raci(book, fmt, model)
    _table(book, fmt, "Escalation", ESCALATION_COLUMNS,
           (_escalation_row(e) for e in model.escalation), freeze_cols=1)
    _table(book, fmt, "Evidence Index", EVIDENCE_COLUMNS, _evidence_rows(model), freeze_cols=1)
    _table(book, fmt, "Findings - POA&M", POAM_COLUMNS, _poam_rows(model), freeze_cols=1)
    _table(book, fmt, "Exceptions", EXCEPTION_COLUMNS, _exception_rows(model), freeze_cols=1)
    book.close()
    return normalize_zip(buffer.getvalue(), model.built_at)


# --- cells ----------------------------------------------------------------------------------


def _naive_utc(when: dt.datetime) -> dt.datetime:
    """Return a datetime in UTC without tzinfo (naive values are taken as UTC already)."""
    if when.tzinfo is not None:
        when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return when


def _text(value: object) -> str:
    """Return cell-safe text within Excel's limit of characters per cell."""
    text = cell_text(value)
    if len(text) <= MAX_CELL:
        return text
    note = f" [... truncated: {len(text):,} characters in all]"
    return text[: MAX_CELL - len(note)] + note


def _safe_link(path: str) -> bool:
    """Tell whether a path is a plain relative path inside the package (worth a hyperlink)."""
    if not path or "\\" in path or ":" in path or "#" in path or path.startswith("/"):
        return False
    parts = PurePosixPath(path).parts
    return ".." not in parts and len("external:" + path) <= MAX_URL


class _Sheet:
    """A worksheet and the state writing cells needs (links written, column widths)."""

    def __init__(self, sheet: Any, fmt: _Formats, columns: Sequence[Column]) -> None:
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
            text = _text(value.path)
            if text and self.links < MAX_LINKS and _safe_link(text):
                status = sheet.write_url(row, col, "external:" + text, fmt.link, string=text)
                if status == 0:
                    self.links += 1
                else:
                    sheet.write_string(row, col, text, fmt.text)
            elif text:
                sheet.write_string(row, col, text, fmt.text)
            width = len(text)
        elif isinstance(value, Status):
            text = _text(LABELS.get(value.value, value.value))
            if text:
                sheet.write_string(row, col, text, fmt.status.get(value.value, fmt.text))
            width = len(text)
        elif isinstance(value, dt.datetime):
            sheet.write_datetime(row, col, _naive_utc(value), fmt.datetime)
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
            text = _text(value)
            if not text:
                return
            style = fmt.wrap if spec.wrap else fmt.center if spec.center else fmt.text
            sheet.write_string(row, col, text, style)
            if col < len(self.widths) and self.widths[col] < self.columns[col].cap:
                width = max(len(line) for line in text.split("\n"))
        if col < len(self.widths) and width + 2 > self.widths[col]:
            self.widths[col] = min(self.columns[col].cap, width + 2)


def _table(book: Any, fmt: _Formats, name: str, columns: Sequence[Column],
           rows: Iterable[Sequence[Cell]], freeze_cols: int = 0,
           header_height: float | None = None) -> Any:
    """Write a data sheet: shaded header, frozen panes, an autofilter over the data."""
    ws = book.add_worksheet(name)
    out = _Sheet(ws, fmt, columns)
    for j, column in enumerate(columns):
        ws.write_string(0, j, _text(column.header), fmt.header)
    last = 0
    left_off = 0
    limit = MAX_ROWS - 2  # keep the sheet's last row for the note of rows left off
    for row in rows:
        if last >= limit:
            left_off += 1
            continue
        last += 1
        for j, value in enumerate(row):
            out.write(last, j, value)
    if left_off:
        last += 1
        ws.write_string(last, 0, f"... {left_off:,} more rows left off: a sheet holds at most "
                        f"{MAX_ROWS:,} rows", fmt.label)
    for j, width in enumerate(out.widths):
        ws.set_column(j, j, width)
    if header_height is not None:
        ws.set_row(0, header_height)
    ws.freeze_panes(1, freeze_cols)
    ws.autofilter(0, 0, last, len(columns) - 1)
    return ws


# --- row builders ---------------------------------------------------------------------------


def _names(people: Sequence[PersonView]) -> str:
    """Return people's names, comma-separated."""
    return ", ".join(p.name for p in people)


def _person(person: PersonView | None) -> str | None:
    """Describe a person: name, role (party)."""
    if person is None:
        return None
    return f"{person.name}, {person.role} ({person.party})"


def _framework_order(model: PackageModel) -> dict[str, int]:
    """Return each framework's position in the package."""
    return {f.id: i for i, f in enumerate(model.frameworks)}


def _satisfied(model: PackageModel, control: ControlView) -> str:
    """Return the requirements a control satisfies directly, by framework in the package."""
    order = _framework_order(model)
    parts = [f"{fw}: {', '.join(ids)}"
             for fw, ids in sorted(control.satisfies.items(), key=lambda kv: order.get(kv[0], 0))
             if fw in order and ids]
    return "; ".join(parts)


def _results(control: ControlView) -> str:
    """Return one line per evidence need: status, kind and summary."""
    return "\n".join(f"[{LABELS.get(n.status, n.status)}] {n.kind}: {n.summary}"
                     for n in control.needs)


CONTROL_COLUMNS = (
    Column("Control", 12), Column("Title", 45, wrap=True), Column("IT function", 28),
    Column("Frequency", 14), Column("Status", 16), Column("Accountable", 30, wrap=True),
    Column("Responsible", 30, wrap=True), Column("Statement", 80, wrap=True),
    Column("Frameworks satisfied", 50, wrap=True), Column("Evidence", 24, wrap=True),
    Column("Not-applicable reason", 40, wrap=True), Column("Test results", 60, wrap=True),
    Column("Exceptions", 12),
)


def _control_rows(model: PackageModel) -> Iterator[Sequence[Cell]]:
    """Yield one row per control."""
    for c in model.controls:
        yield (c.id, c.title, c.function, c.frequency, Status(c.status), _names(c.accountable),
               _names(c.responsible), c.statement, _satisfied(model, c), ", ".join(c.evidence),
               c.not_applicable_reason, _results(c),
               sum(len(n.exceptions) for n in c.needs))


REQUIREMENT_COLUMNS = (
    Column("Framework", 18), Column("Requirement", 14), Column("Title", 50, wrap=True),
    Column("Coverage", 16), Column("Status", 16), Column("Controls", 24, wrap=True),
    Column("Via (crosswalk)", 40, wrap=True), Column("Reason", 50, wrap=True),
    Column("Requirement text", 80, wrap=True), Column("Text source", 30, wrap=True),
)


def _requirement_rows(model: PackageModel) -> Iterator[Sequence[Cell]]:
    """Yield one row per requirement of every framework in the package."""
    for fw in model.frameworks:
        for r in fw.requirements:
            yield (fw.id, r.id, r.title, LABELS.get(r.coverage, r.coverage), Status(r.status),
                   ", ".join(r.controls), "\n".join(r.via), r.reason, r.text, r.text_source)


CROSSWALK_COLUMNS = (
    Column("Control", 12), Column("Control title", 40, wrap=True), Column("Framework", 18),
    Column("Requirement", 14), Column("Requirement title", 50, wrap=True),
    Column("Mapping", 16), Column("Via (crosswalk)", 40, wrap=True),
    Column("Control status", 16),
)


def crosswalk_pairs(model: PackageModel) -> list[tuple[ControlView, FrameworkView, str, str,
                                                       tuple[str, ...]]]:
    """Return every (control, framework, requirement, mapping, via) a control proves.

    Direct mappings come from the control's `satisfies`; crosswalk ones from the requirements
    the model says are covered via the crosswalk. Only frameworks in the package count.
    """
    frameworks = {f.id: f for f in model.frameworks}
    position = {(f.id, r.id): i for f in model.frameworks for i, r in enumerate(f.requirements)}
    via_reqs: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for f in model.frameworks:
        for r in f.requirements:
            if r.coverage == "via_crosswalk":
                for cid in r.controls:
                    via_reqs.setdefault(cid, []).append((f.id, r.id, r.via))
    out = []
    for c in model.controls:
        direct = [(fw, rid) for fw, ids in c.satisfies.items() for rid in ids]
        found: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
        for fw, rid in direct:
            if fw in frameworks:
                found.setdefault((fw, rid), ("direct", ()))
        for fw, rid, via in via_reqs.get(c.id, []):
            mine = tuple(v for v in via if any(v.startswith(f"{dfw} {drid} (")
                                               for dfw, drid in direct))
            found.setdefault((fw, rid), ("via crosswalk", mine or via))
        ranked = sorted(enumerate(found.items()),
                        key=lambda item: (list(frameworks).index(item[1][0][0]),
                                          position.get(item[1][0], len(position)), item[0]))
        for _, ((fw, rid), (mapping, via)) in ranked:
            out.append((c, frameworks[fw], rid, mapping, via))
    return out


def _crosswalk_rows(model: PackageModel) -> Iterator[Sequence[Cell]]:
    """Yield one row per control and requirement it proves."""
    titles = {(f.id, r.id): r.title for f in model.frameworks for r in f.requirements}
    for c, fw, rid, mapping, via in crosswalk_pairs(model):
        yield (c.id, c.title, fw.id, rid, titles.get((fw.id, rid)), mapping, "\n".join(via),
               Status(c.status))


def _minutes(minutes: int) -> str:
    """Say a delay in minutes or hours."""
    if minutes >= 60 and minutes % 60 == 0:
        return f"{minutes // 60} h"
    return f"{minutes} min"


def _route(e: EscalationView) -> str:
    """Describe an escalation route, one step a line."""
    lines = []
    for i, s in enumerate(e.route, start=1):
        who = ", ".join(x for x in (s.role, s.party) if x)
        line = f"{i}. {s.to}" + (f" ({who})" if who else "") + f" within {_minutes(s.within_minutes)}"
        lines.append(line + (f" via {s.via}" if s.via else ""))
    return "\n".join(lines)


ESCALATION_COLUMNS = (
    Column("Severity", 10), Column("Name", 28, wrap=True), Column("Trigger", 50, wrap=True),
    Column("First responder", 28, wrap=True), Column("Route", 60, wrap=True),
    Column("Last tested", 12), Column("Test reference", 24, wrap=True),
    Column("Finding", 40, wrap=True),
)


def _escalation_row(e: EscalationView) -> Sequence[Cell]:
    """Return one escalation path's row."""
    return (e.severity, e.name, e.trigger, e.first_responder, _route(e), e.last_tested,
            e.test_reference, e.finding)


EVIDENCE_COLUMNS = (
    Column("Evidence", 10), Column("File in package", 50), Column("SHA-256", 66),
    Column("Size (bytes)", 14), Column("Source", 24), Column("Collector", 20),
    Column("Kind", 22), Column("Original name", 40), Column("Collected (UTC)", 20),
    Column("As of", 12), Column("Period start", 12), Column("Period end", 12),
    Column("Supplied by", 28), Column("Records", 10), Column("Derived from", 12),
    Column("Media type", 24), Column("Controls", 30, wrap=True),
)


def _evidence_rows(model: PackageModel) -> Iterator[Sequence[Cell]]:
    """Yield one row per evidence file in the package."""
    used: dict[str, list[str]] = {}
    for c in model.controls:
        for eid in c.evidence:
            used.setdefault(eid, []).append(c.id)
    for e in model.evidence:
        yield (e.evidence_id, Link(e.path), e.sha256, e.size, e.source, e.collector, e.kind,
               e.original_name, e.collected_at, e.as_of, e.covers_start, e.covers_end,
               e.supplied_by, e.record_count, e.derived_from, e.media_type,
               ", ".join(used.get(e.evidence_id, ())))


POAM_COLUMNS = (
    Column("Finding", 8), Column("Severity", 10), Column("Source", 12),
    Column("Subject", 40, wrap=True), Column("Finding detail", 60, wrap=True),
    Column("Remediation", 60, wrap=True), Column("Owner", 24), Column("Due", 12),
    Column("Status", 10), Column("Control", 12), Column("Evidence", 24, wrap=True),
)


def _poam_rows(model: PackageModel) -> Iterator[Sequence[Cell]]:
    """Yield one row per POA&M item."""
    for p in model.poam:
        yield (p.id, p.severity, p.source, p.subject, p.finding, p.remediation, p.owner, p.due,
               p.status, p.control, ", ".join(p.evidence))


EXCEPTION_COLUMNS = (
    Column("Control", 12), Column("Check", 28), Column("Category", 24),
    Column("Subject", 40, wrap=True), Column("Detail", 80, wrap=True),
    Column("Evidence", 24),
)


def _exception_rows(model: PackageModel) -> Iterator[Sequence[Cell]]:
    """Yield every named exception of every control's needs, in control order."""
    for c in model.controls:
        for n in c.needs:
            evidence = ", ".join(n.evidence)
            check = n.check or n.kind
            for x in n.exceptions:
                yield (x.control, check, x.category, x.subject, x.detail, evidence)


def exception_count(model: PackageModel) -> int:
    """Count the named exceptions the Exceptions sheet lists."""
    return sum(len(n.exceptions) for c in model.controls for n in c.needs)


# --- RACI -----------------------------------------------------------------------------------


def _raci(book: Any, fmt: _Formats, model: PackageModel) -> None:
    """Write the RACI matrix: functions down, people across, letters in the cells."""
    people = model.raci_people
    columns = [Column("IT function / control", 40)]
    columns += [Column(f"{p.name}\n{p.role}\n{p.party}", 18, center=True) for p in people]
    rows = ((r.title, *(r.letters.get(p.id) or None for p in people)) for r in model.raci)
    ws = _table(book, fmt, "RACI", columns, rows, freeze_cols=1, header_height=48)
    for j, person in enumerate(people, start=1):
        width = max(len(cell_text(x)) for x in (person.name, person.role, person.party))
        ws.set_column(j, j, min(24, max(10, width + 2)))


# --- Summary --------------------------------------------------------------------------------


def _summary(book: Any, fmt: _Formats, model: PackageModel) -> None:
    """Write the summary: the organisation, readiness by framework and function, a chart."""
    ws = book.add_worksheet("Summary")
    out = _Sheet(ws, fmt, [Column("", 34), Column("", 60, wrap=True)])
    ws.write_string(0, 0, _text(f"Control matrix - {model.legal_name}"), fmt.title)
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
    row = 2
    for label, value in facts:
        if value is None:
            continue
        ws.write_string(row, 0, _text(label), fmt.label)
        out.write(row, 1, value)
        row += 1
    # The chart sits to the right of the facts (about CHART_ROWS rows tall); the tables below.
    top = max(row + 1, CHART_ROWS + 2)
    row = _readiness_table(ws, out, model, top)
    row = _function_table(ws, out, model, row + 1)
    _status_table(ws, out, model, row + 1)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 14, 13)
    if model.frameworks:
        _chart(book, ws, model, top)


def _section(ws: Any, fmt: _Formats, row: int, title: str, headers: Sequence[str]) -> None:
    """Write a section title and its table header."""
    ws.write_string(row, 0, title, fmt.section)
    for j, header in enumerate(headers):
        ws.write_string(row + 1, j, header, fmt.header)


READINESS_HEADERS = ("Framework", "Title", "Version", "Requirements in scope",
                     *(LABELS[s] for s in REQUIREMENT_STATUSES), "Readiness %")


def _readiness_table(ws: Any, out: _Sheet, model: PackageModel, row: int) -> int:
    """Write readiness per framework; return the next free row."""
    _section(ws, out.fmt, row, "Readiness by framework", READINESS_HEADERS)
    row += 2
    for f in model.frameworks:
        values: list[Cell] = [f.id, f.title, f.version, len(f.requirements)]
        values += [f.status_counts.get(s, 0) for s in REQUIREMENT_STATUSES]
        for j, value in enumerate(values):
            out.write(row, j, value)
        ws.write_number(row, len(values), f.readiness_pct / 100.0, out.fmt.percent)
        row += 1
    return row


FUNCTION_HEADERS = ("IT function", "Accountable", "Controls",
                    *(LABELS[s] for s in CONTROL_STATUSES))


def _function_table(ws: Any, out: _Sheet, model: PackageModel, row: int) -> int:
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


def _status_table(ws: Any, out: _Sheet, model: PackageModel, row: int) -> int:
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
