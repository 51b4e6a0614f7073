"""ConnectWise Manage service tickets (REST /service/tickets flattened to CSV, or a screen export).

References (board, status, company, …) arrive flattened as `board/name` or `board.name`,
as a plain "Board" column, or, from PowerShell's Export-Csv of a REST result, as the
object's text (`@{id=1; name=Help Desk; _info=}`) or JSON: all are read as the name.
Unverified: the headers of the Manage screen export ("Ticket #", "Board", "Company", …)
and `_info/dateEntered` as an alternative to `dateEntered`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..tabular import Table
from .export import ExportCollector, Row, as_bool, as_datetime, as_list


def _ref(field: str, *subs: str) -> tuple[str, ...]:
    """Return the flattened spellings of a reference's sub-fields (`board/name`, `board.name`)."""
    return tuple(f"{field}{sep}{sub}" for sub in subs for sep in ("/", "."))


def ref_text(value: str, *keys: str) -> str:
    """Read a reference cell: plain text, JSON object text, or PowerShell's `@{k=v; …}`."""
    v = value.strip()
    fields: dict[str, str] = {}
    if v.startswith("{") and v.endswith("}"):
        try:
            loaded = json.loads(v)
        except json.JSONDecodeError:
            return v
        if isinstance(loaded, dict):
            fields = {str(k).casefold(): "" if x is None else str(x) for k, x in loaded.items()}
    elif v.startswith("@{") and v.endswith("}"):
        pairs = (p.partition("=") for p in v[2:-1].split(";"))
        fields = {k.strip().casefold(): x.strip() for k, _, x in pairs}
    else:
        return v
    return next((fields[k] for k in keys if fields.get(k)), "")


class ConnectWiseTicketsCollector(ExportCollector):
    """Service tickets from ConnectWise Manage: who, what board, when opened, closed, in SLA."""

    name = "connectwise_tickets"
    version = "1"
    kind = "ticket_export"
    label = "a ConnectWise Manage service ticket export"
    required = ("id", "summary", "board", "status")
    aliases = {
        "id": ("Ticket #", "Ticket Number", "Ticket ID", "TicketNbr"),
        "summary": ("Summary Description", "Ticket Summary"),
        "board": (*_ref("board", "name"), "Service Board", "Board Name"),
        "status": (*_ref("status", "name"), "Status Name", "Ticket Status"),
        "company": (*_ref("company", "name", "identifier"), "Company Name"),
        "type": (*_ref("type", "name"), "Ticket Type"),
        "subType": (*_ref("subType", "name"), "Sub Type", "Subtype"),
        "item": (*_ref("item", "name"),),
        "owner": (*_ref("owner", "identifier", "name"), "Ticket Owner", "Owner Name"),
        "priority": (*_ref("priority", "name"), "Priority Name"),
        "severity": (),
        "impact": (),
        "dateEntered": ("_info/dateEntered", "_info.dateEntered", "Date Entered", "Entered",
                        "Created", "Date Created"),
        "closedDate": ("Closed Date", "Date Closed"),
        "dateResolved": ("Date Resolved", "Resolved Date"),
        "closedFlag": ("Closed Flag", "Is Closed"),
        "isInSla": ("In SLA", "Is In SLA", "Within SLA"),
        "resources": ("Resource", "Assigned Resources"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return ticket_id, summary, board, status, company, …, opened, closed for one ticket."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        def ref(name: str) -> str | None:
            return ref_text(get(name), "name", "identifier") or None

        return {
            "line": line,
            # "#48213" in screen exports is the same ticket as 48213 in the API
            "ticket_id": re.sub(r"^#\s*", "", get("id").strip()) or None,
            "summary": get("summary").strip() or None,
            "board": ref("board"),
            "status": ref("status"),
            "company": ref("company"),
            "type": ref("type"),
            "subtype": ref("subType"),
            "item": ref("item"),
            "owner": ref_text(get("owner"), "identifier", "name") or None,
            "priority": ref("priority"),
            "severity": get("severity").strip() or None,
            "impact": get("impact").strip() or None,
            "opened": as_datetime(get("dateEntered"), where),
            "closed": as_datetime(get("closedDate"), where),
            "resolved": as_datetime(get("dateResolved"), where),
            "closed_flag": as_bool(get("closedFlag"), where),
            "in_sla": as_bool(get("isInSla"), where),
            "resources": as_list(get("resources")),
        }
