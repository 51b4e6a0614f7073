"""The workbook's data sheets: their columns, and a row per control, requirement, file or finding."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ....sanitize import xml_text
from ...model.views import ControlView, EscalationView, FrameworkView, PackageModel, PersonView
from .cells import Cell, Column, Link, Status
from .formats import LABELS, Formats
from .parties import write_parties
from .table import write_table


def _names(people: Sequence[PersonView]) -> str:
    """Return people's names, comma-separated."""
    return ", ".join(p.name for p in people)


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


def _raci(book: Any, fmt: Formats, model: PackageModel) -> None:
    """Write the RACI matrix: functions down, people across, letters in the cells."""
    people = model.raci_people
    columns = [Column("IT function / control", 40)]
    columns += [Column(f"{p.name}\n{p.role}\n{p.party}", 18, center=True) for p in people]
    if any(r.unresolved for r in model.raci):  # letters naming nobody stay visible
        columns.append(Column("Letters naming nobody", 36))
        rows: Any = ((r.title, *(r.letters.get(p.id) or None for p in people),
                      "; ".join(r.unresolved) or None) for r in model.raci)
    else:
        rows = ((r.title, *(r.letters.get(p.id) or None for p in people)) for r in model.raci)
    ws = write_table(book, fmt, "RACI", columns, rows, freeze_cols=1, header_height=48)
    for j, person in enumerate(people, start=1):
        width = max(len(xml_text(x)) for x in (person.name, person.role, person.party))
        ws.set_column(j, j, min(24, max(10, width + 2)))


# --- all data sheets --------------------------------------------------------------------------


def write_data_sheets(book: Any, fmt: Formats, model: PackageModel) -> None:
    """Write the sheets after the Summary, in the workbook's order."""
    write_table(book, fmt, "Controls", CONTROL_COLUMNS, _control_rows(model), freeze_cols=1)
    write_table(book, fmt, "Requirements", REQUIREMENT_COLUMNS, _requirement_rows(model),
                freeze_cols=2)
    write_table(book, fmt, "Crosswalk", CROSSWALK_COLUMNS, _crosswalk_rows(model), freeze_cols=1)
    _raci(book, fmt, model)
    write_table(book, fmt, "Escalation", ESCALATION_COLUMNS,
                (_escalation_row(e) for e in model.escalation), freeze_cols=1)
    write_parties(book, fmt, model)
    write_table(book, fmt, "Evidence Index", EVIDENCE_COLUMNS, _evidence_rows(model), freeze_cols=1)
    write_table(book, fmt, "Findings - POA&M", POAM_COLUMNS, _poam_rows(model), freeze_cols=1)
    write_table(book, fmt, "Exceptions", EXCEPTION_COLUMNS, _exception_rows(model), freeze_cols=1)
