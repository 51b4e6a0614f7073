"""The Parties and Notifications sheets: who the organisation relies on, and who tells whom.

Parties: one row per party (the internal team and each provider) with the provider's
oversight record (criticality, access, contract term, assurance report, last review) —
what an examiner reads for 16 CFR 314.4(f) or CSF GV.SC. Notifications: each regulator's
or client's deadline, who files it, and whether the escalation routes reach that person.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ...model.views import PackageModel
from .cells import Cell, Column
from .formats import Formats
from .table import write_table

PARTY_COLUMNS = (
    Column("Party", 30, wrap=True), Column("Kind", 10), Column("Services", 45, wrap=True),
    Column("Contract", 45, wrap=True), Column("Criticality", 11), Column("Access", 50, wrap=True),
    Column("Contract start", 14), Column("Contract end", 14), Column("Assurance", 28, wrap=True),
    Column("Assurance period end", 14), Column("Last review", 12),
    Column("Review reference", 40, wrap=True), Column("People", 40, wrap=True),
)

NOTIFICATION_COLUMNS = (
    Column("Regulator / recipient", 34, wrap=True), Column("Rule", 24, wrap=True),
    Column("Trigger", 60, wrap=True), Column("Deadline", 30, wrap=True),
    Column("Files it", 24), Column("Via", 34, wrap=True),
    Column("Must be reached by", 12), Column("Reached by", 12), Column("Finding", 40, wrap=True),
)


def _party_rows(model: PackageModel) -> Iterator[Sequence[Cell]]:
    """Yield one row per party."""
    for p in model.parties:
        o = p.oversight
        people = ", ".join(f"{x.name} ({x.role})" for x in p.people)
        if o is None:
            yield (p.name, p.kind, "; ".join(p.services), p.contract,
                   "not recorded" if p.kind == "provider" else None, None, None, None, None,
                   None, None, None, people)
            continue
        yield (p.name, p.kind, "; ".join(p.services), p.contract, o.criticality, o.access,
               o.contract_start, o.contract_end, o.assurance or "none recorded",
               o.assurance_period_end, o.last_review or "never", o.review_reference, people)


def _notification_rows(model: PackageModel) -> Iterator[Sequence[Cell]]:
    """Yield one row per notification clock."""
    for n in model.notifications:
        missing = [lvl for lvl in n.escalation if lvl not in n.reached_by]
        finding = f"the owner is not on the {', '.join(missing)} route" if missing else None
        yield (n.regulator, n.rule, n.trigger, n.deadline, n.owner, n.via,
               ", ".join(n.escalation), ", ".join(n.reached_by) or "no route", finding)


def write_parties(book: Any, fmt: Formats, model: PackageModel) -> None:
    """Write the Parties and Notifications sheets."""
    write_table(book, fmt, "Parties", PARTY_COLUMNS, _party_rows(model), freeze_cols=1)
    write_table(book, fmt, "Notifications", NOTIFICATION_COLUMNS, _notification_rows(model),
                freeze_cols=1)
