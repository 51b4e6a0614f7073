"""HaloPSA tickets (the ticket list or a report, as XLSX or CSV, or the API's tickets flattened).

Unverified: HaloPSA's export casing. The list view writes "Ticket ID", "Summary",
"Status", "Client", …; the API writes lower case (`id`, `summary`, `client_name`,
`dateoccurred`); SQL reports over the Faults table use `faultid`, `symptom`,
`dateoccured` (Halo's spelling) and `datecleared`. All are accepted. Halo writes
1900-01-01 for "no date" (an open ticket's close date): that is read as unknown.
"""

from __future__ import annotations

from typing import Any

from ..tabular import Table
from .export import ExportCollector, Row, as_datetime


class HaloPsaTicketsCollector(ExportCollector):
    """Tickets from HaloPSA: who raised them, who worked them, when opened and closed."""

    name = "halopsa_tickets"
    version = "1"
    kind = "ticket_export"
    label = "a HaloPSA ticket export"
    required = ("id", "summary", "status", "client")
    aliases = {
        "id": ("Ticket ID", "TicketID", "Ticket Number", "Ticket #", "faultid"),
        "summary": ("symptom", "Subject"),
        "status": ("status_name", "Ticket Status"),
        "priority": ("priority_name", "Priority Name"),
        "ticketType": ("Ticket Type", "tickettype_name", "Request Type", "requesttype"),
        "client": ("client_name", "Client Name", "Customer", "Customer Name"),
        "site": ("site_name", "Site Name"),
        "user": ("user_name", "User Name", "End User", "Requester"),
        "agent": ("agent_name", "Agent Name", "Assigned Agent", "Technician"),
        "team": ("team_name", "Team Name"),
        "opened": ("Date Opened", "dateoccurred", "dateoccured", "Date Occurred", "Date Logged",
                   "Opened", "Date Created"),
        "closed": ("Date Closed", "dateclosed", "datecleared", "Date Cleared", "Closed Date"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return ticket_id, summary, status, priority, ticket_type, client, …, opened, closed."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        def text(name: str) -> str | None:
            return get(name).strip() or None

        return {
            "line": line,
            "ticket_id": text("id"),
            "summary": text("summary"),
            "status": text("status"),
            "priority": text("priority"),
            "ticket_type": text("ticketType"),
            "client": text("client"),
            "site": text("site"),
            "user": text("user"),
            "agent": text("agent"),
            "team": text("team"),
            "opened": as_datetime(get("opened"), where),
            "closed": as_datetime(get("closed"), where),
        }
