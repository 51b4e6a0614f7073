"""The narrative's closing chapters: POA&M, controls not applicable, sign-off."""

from __future__ import annotations

from collections.abc import Sequence

from docx.shared import Inches

from ...model.views import NotApplicableView, PersonView
from .text import SEVERITY_LABEL, WORKBOOK, long_date
from .writer import Writer


def poam(w: Writer) -> None:
    """Write the exceptions and remediation plan."""
    items = w.m.poam
    w.chapter("Exceptions and remediation plan (POA&M)")
    if not items:
        w.para("No findings are open at the as-of date.")
        return
    counts = {s: sum(1 for i in items if i.severity == s) for s in SEVERITY_LABEL}
    w.para(f"{len(items)} finding(s) are open: "
           + ", ".join(f"{n} {SEVERITY_LABEL[s].lower()}" for s, n in counts.items() if n)
           + ". Each has an owner and a due date. The same plan is in the Findings - "
           f"POA&M sheet of {WORKBOOK}, and the named exceptions behind each finding "
           "are in its Exceptions sheet.")
    table = w.table((0.5, 0.7, 1.2, 1.85, 0.9, 0.8, 0.55),
                    ("ID", "Severity", "Subject", "Finding and remediation", "Owner",
                     "Due", "Status"))
    for item in items:
        cells = w.row(table, (item.id, SEVERITY_LABEL.get(item.severity, item.severity),
                              item.subject, item.finding, item.owner,
                              item.due.isoformat(), item.status.capitalize()))
        p = w.cell_p(cells[3])
        w.run(p, "Remediation: ", bold=True)
        w.run(p, item.remediation)
        if item.evidence:
            w.run(w.cell_p(cells[3]), "Evidence: " + ", ".join(item.evidence),
                  italic=True)


def not_applicable(w: Writer) -> None:
    """Write the justifications for controls not applicable and out of scope."""
    m = w.m
    w.chapter("Not-applicable controls and controls outside the scope")
    w.heading(2, "Controls not applicable")
    na_table(w, m.not_applicable, "No control of the library is marked not applicable.",
             approvals=True)
    w.heading(2, "Controls outside the scope")
    na_table(w, m.out_of_scope, "No control is outside the scope.")


def na_table(w: Writer, items: Sequence[NotApplicableView], empty: str,
             approvals: bool = False) -> None:
    """Write a control / title / reason table (with who approved each, for decisions)."""
    if not items:
        w.para(empty, "Note")
        return
    if not approvals:  # outside the scope: follows from the frameworks chosen, not a decision
        table = w.table((0.9, 2.2, 3.4), ("Control", "Title", "Reason"))
        for item in items:
            w.row(table, (item.control, item.title, item.reason))
        return
    table = w.table((0.8, 1.7, 2.6, 1.4), ("Control", "Title", "Reason", "Approved"))
    for item in items:
        w.row(table, (item.control, item.title, item.reason,
                      item.approved or "not recorded"))


def sign_off(w: Writer) -> None:
    """Write the attestation and the signature blocks."""
    m = w.m
    w.chapter("Sign-off")
    w.para(f"I have reviewed this audit package of {m.legal_name} as of "
           f"{long_date(m.as_of)}. To the best of my knowledge the controls, evidence "
           "and results it presents describe the information security program as it "
           f"operated during the period {long_date(m.period_start)} to "
           f"{long_date(m.period_end)}, and every open finding is recorded in the "
           f"POA&M (chapter {w.ch_poam}) with an owner and a due date.")
    blocks: list[tuple[str, PersonView | None]] = [
        ("Attested by (Qualified Individual or accountable owner)", m.signer)]
    if m.prepared_by is None or m.signer is None or m.prepared_by.id != m.signer.id:
        blocks.append(("Prepared by", m.prepared_by))
    else:
        blocks[0] = (("Attested and prepared by (Qualified Individual or accountable "
                      "owner)"), m.signer)
    for caption, person in blocks:
        p = w.para(caption, "ControlHeading")
        w.fmt(p).paragraph_format.space_before = Inches(0.35)
        table = w.table((1.3, 4.2), key=True)
        w.row(table, ("Signature", "\n\n"), key=True)
        w.row(table, ("Name", person.name if person else ""), key=True)
        w.row(table, ("Role", f"{person.role}, {person.party}" if person else ""),
              key=True)
        w.row(table, ("Date", "\n"), key=True)
    w.para()  # a document does not end on a table
