"""The narrative's organisation chapters: parties, RACI and escalation."""

from __future__ import annotations

import datetime as dt

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches

from ...model.views import OversightView, PersonView
from .elements import W_VAL
from .pages import LANDSCAPE_WIDTH
from .writer import Writer


def organisation(w: Writer) -> None:
    """Write the organisation's profile and a table of people per party."""
    m = w.m
    w.chapter("Organisation and parties")
    rows = [("Legal name", m.legal_name), ("Referred to as", m.short_name),
            ("Industry", m.industry)]
    if m.headcount is not None:
        rows.append(("Headcount", f"{m.headcount:,}"))
    if m.locations:
        rows.append(("Locations", "\n".join(m.locations)))
    if m.regulators:
        rows.append(("Regulators", ", ".join(m.regulators)))
    w.key_table(rows)
    providers = [p for p in m.parties if p.kind == "provider"]
    if providers:
        p = w.para(f"IT is co-managed: the internal team works with {len(providers)} "
                   "service provider(s). The organisation stays accountable for every "
                   f"function a provider performs; chapter {w.ch_raci} shows who "
                   "does what.")
        w.fmt(p).paragraph_format.space_before = Inches(0.12)
    for party in m.parties:
        kind = "internal team" if party.kind == "internal" else "service provider"
        w.heading(2, f"{party.name} ({kind})")
        if party.services:
            p = w.para("Services: ", bold=True)
            w.run(p, "; ".join(party.services) + ".")
        if party.contract:
            p = w.para("Contract: ", bold=True)
            w.run(p, party.contract)
        if party.oversight:
            oversight(w, party.oversight)
        elif party.kind == "provider":
            w.para("No oversight record (criticality, access, assurance, last review) is "
                   f"kept for this provider: see the POA&M, chapter {w.ch_poam}.", "Note")
        if not party.people:
            w.para("No named people are recorded for this party.", "Note")
            continue
        table = w.table((1.7, 2.1, 2.7), ("Name", "Role", "Email"))
        for person in party.people:
            name = person.name + (f"\n(left {person.left_on.isoformat()})"
                                  if person.left_on else "")
            w.row(table, (name, person.role, person.email or ""))


def oversight(w: Writer, o: OversightView) -> None:
    """Write how a provider is overseen, as a key table."""
    def day(value: dt.date | None, missing: str) -> str:
        return value.isoformat() if value else missing

    rows: list[tuple[str, str]] = [("Criticality", o.criticality)]
    if o.access:
        rows.append(("Access", o.access))
    if o.contract_start or o.contract_end:
        rows.append(("Contract term", f"{day(o.contract_start, 'start not recorded')} to "
                                      f"{day(o.contract_end, 'no fixed end')}"))
    rows.append(("Independent assurance",
                 f"{o.assurance}, period ended {day(o.assurance_period_end, 'not recorded')}"
                 if o.assurance else "none recorded"))
    rows.append(("Last oversight review",
                 day(o.last_review, "never") + (f" — {o.review_reference}"
                                                 if o.review_reference else "")))
    w.key_table(rows)


def column_name(person: PersonView) -> str:
    """Return a person's column header: the name, marked † when they have left."""
    return person.name + (" †" if person.left_on else "")


def raci(w: Writer) -> None:
    """Write the RACI matrix: functions down, named people across, letters in the cells."""
    m = w.m
    w.chapter("Responsibility assignment (RACI)")
    w.para("Who is Responsible (does the work), Accountable (answers for it; exactly one "
           "per function), Consulted (asked before) and Informed (told after), for each "
           "IT function and each control with an assignment of its own.")
    people = m.raci_people
    if not people or not m.raci:
        w.para("No RACI assignments are recorded.", "Note")
    else:
        first = 2.2
        width = (LANDSCAPE_WIDTH.inches - first) / len(people)
        size = 14 if len(people) > 12 else 16
        table = w.table([first] + [width] * len(people), size=size)
        header = w.row(table, ["IT function"] + [column_name(p) for p in people],
                       head=True)
        if len(people) > 8:  # narrow columns: names run bottom to top
            tr_pr = header[0].getparent().find(qn("w:trPr"))
            tr_pr.find(qn("w:cantSplit")).addnext(
                OxmlElement("w:trHeight", {W_VAL: "1560", qn("w:hRule"): "atLeast"}))
            for tc in header[1:]:
                tc.find(qn("w:tcPr")).append(OxmlElement("w:textDirection",
                                                         {W_VAL: "btLr"}))
        for raci_row in m.raci:
            cells = w.row(table, [raci_row.title] + [raci_row.letters.get(p.id, "")
                                                     for p in people])
            for tc in cells[1:]:
                p_pr = w.first_p(tc).find(qn("w:pPr"))
                p_pr.append(OxmlElement("w:jc", {W_VAL: "center"}))
        w.para("Legend: R Responsible · A Accountable · C Consulted · I Informed. "
               "† has left the organisation.", "Note")
    unresolved = [r for r in m.raci if r.unresolved]
    if unresolved:
        w.para("Letters that name nobody (no person in the workspace holds the person or "
               "role they refer to), so the matrix above cannot show them:")
        for raci_row in unresolved:
            w.para(f"{raci_row.title}: {'; '.join(raci_row.unresolved)}", "NeedText")
    count = sum(1 for f in m.poam if f.source == "raci")
    w.para(f"Findings on these assignments ({count} open), such as a function with "
           "more than one Accountable or a leaver who still holds a letter, are in the "
           f"POA&M, chapter {w.ch_poam}.", "Note")
    if people and m.raci:
        w.heading(2, "People in the matrix")
        table = w.table((2.2, 3.4, 3.4), ("Name", "Role", "Party"))
        for person in people:
            left = f" (left {person.left_on.isoformat()})" if person.left_on else ""
            w.row(table, (column_name(person), person.role + left, person.party))


def escalation(w: Writer) -> None:
    """Write the escalation matrix with each path's last test."""
    w.chapter("Escalation matrix")
    levels = w.m.escalation
    if not levels:
        w.para("No escalation paths are recorded.", "Note")
        notifications(w)
        return
    w.para("How an incident of each severity is escalated, to whom and how fast, and "
           "when each path was last tested.")
    table = w.table((0.8, 1.0, 1.8, 1.0, 2.3, 0.75, 1.35),
                    ("Severity", "Name", "Trigger", "First responder", "Route",
                     "Last tested", "Test reference"))
    for level in levels:
        steps = []
        for i, step in enumerate(level.route, start=1):
            who = ", ".join(x for x in (step.role, step.party) if x)
            steps.append(f"{i}. {step.to}" + (f" ({who})" if who else "")
                         + f" — within {step.within_minutes} min"
                         + (f" via {step.via}" if step.via else ""))
        tested = level.last_tested.isoformat() if level.last_tested else "never"
        cells = w.row(table, (level.severity, level.name, level.trigger,
                              level.first_responder,
                              "\n".join(steps) or "no route recorded", tested,
                              level.test_reference or ""))
        if level.finding:
            w.run(w.cell_p(cells[6]), f"Finding: {level.finding}", bold=True,
                  colour="C00000")
    p = w.para("Escalation findings (a path never tested, or not tested within 12 "
               f"months) are in the POA&M, chapter {w.ch_poam}.", "Note")
    w.fmt(p).paragraph_format.space_before = Inches(0.12)
    notifications(w)


def notifications(w: Writer) -> None:
    """Write the notification clocks: who files with which regulator, by when."""
    clocks = w.m.notifications
    w.heading(2, "Regulatory and contractual notification deadlines")
    if not clocks:
        w.para("No notification deadlines are recorded.", "Note")
        return
    w.para("Each notification the organisation must make after an incident, the deadline "
           "from the rule or contract, the person who files it, and whether the escalation "
           "route of each severity that can trigger it reaches that person.")
    table = w.table((1.1, 1.1, 2.3, 1.5, 1.1, 1.0, 0.9),
                    ("Regulator", "Rule", "Trigger", "Deadline", "Files it", "Via",
                     "Reached by"))
    for n in clocks:
        missing = [lvl for lvl in n.escalation if lvl not in n.reached_by]
        cells = w.row(table, (n.regulator, n.rule or "", n.trigger, n.deadline, n.owner,
                              n.via or "", ", ".join(n.reached_by) or "no route"))
        if missing:
            w.run(w.cell_p(cells[6]), f"Finding: not on the {', '.join(missing)} route",
                  bold=True, colour="C00000")
