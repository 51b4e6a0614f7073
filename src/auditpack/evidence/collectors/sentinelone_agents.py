"""SentinelOne agent export (management API agents list, or the console's endpoint CSV).

The API field names are documented; the console headers ("Endpoint Name", "Last Active",
"Network Status", "Agent UUID", …) are unverified aliases.
"""

from __future__ import annotations

from typing import Any

from ..tabular import Table
from .export import ExportCollector, Row, as_bool, as_datetime, as_int


class SentinelOneAgentsCollector(ExportCollector):
    """Each SentinelOne agent, with whether it is active, decommissioned and connected."""

    name = "sentinelone_agents"
    version = "1"
    kind = "edr_inventory"
    label = "a SentinelOne agent export"
    required = ("computerName", "isActive")
    aliases = {
        "id": ("Agent ID", "Agent Id", "uuid", "Agent UUID"),
        "computerName": ("Endpoint Name", "Computer Name"),
        "osName": ("OS", "OS Name", "Operating System"),
        "agentVersion": ("Agent Version",),
        "isActive": ("Is Active", "Active"),
        "lastActiveDate": ("Last Active", "Last Active Date", "Last Seen"),
        "networkStatus": ("Network Status",),
        "isDecommissioned": ("Is Decommissioned", "Decommissioned"),
        "activeThreats": ("Active Threats",),
        "siteName": ("Site", "Site Name"),
        "domain": ("Domain",),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return device_id, hostname, os, agent_version, last_seen, health, … for one agent."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        active = as_bool(get("isActive"), where)
        if as_bool(get("isDecommissioned"), where):
            health: str | None = "decommissioned"
        else:
            health = None if active is None else ("active" if active else "inactive")
        return {
            "line": line,
            "device_id": get("id") or None,
            "hostname": get("computerName").lower() or None,
            "os": get("osName") or None,
            "agent_version": get("agentVersion") or None,
            "last_seen": as_datetime(get("lastActiveDate"), where),
            "health": health,
            "network_status": get("networkStatus").lower() or None,
            "active_threats": as_int(get("activeThreats"), where),
            "site": get("siteName") or None,
            "domain": get("domain") or None,
        }
