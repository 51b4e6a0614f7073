"""CrowdStrike Falcon host export (Hosts API device details as CSV, or the console's host list).

The API field names are documented; the prevention policy column (`prevention_policy`,
or the flattened `device_policies.prevention.policy_id`) and the console headers
("Host ID", "Sensor Version", "Containment Status", "RFM", …) are unverified aliases.
"""

from __future__ import annotations

import re
from typing import Any

from ..tabular import Table
from .export import ExportCollector, Row, as_datetime, as_list


class CrowdStrikeHostsCollector(ExportCollector):
    """Each host with a Falcon sensor, with its containment state and prevention policy."""

    name = "crowdstrike_hosts"
    version = "1"
    kind = "edr_inventory"
    label = "a CrowdStrike Falcon host export"
    required = ("device_id", "hostname", "last_seen")
    aliases = {
        "device_id": ("Host ID", "Device ID", "AID", "Agent ID"),
        "hostname": ("Host name", "Host"),
        "platform_name": ("Platform", "Platform Name"),
        "os_version": ("OS Version", "Operating System"),
        "agent_version": ("Sensor Version", "Agent Version"),
        "first_seen": ("First Seen",),
        "last_seen": ("Last Seen",),
        "status": ("Containment Status", "Host Status"),
        "reduced_functionality_mode": ("RFM", "Reduced Functionality Mode", "RFM State"),
        "serial_number": ("Serial Number", "Serial"),
        "tags": ("Grouping Tags", "Sensor Tags", "Falcon Grouping Tags"),
        "prevention_policy": ("Prevention Policy", "Prevention Policy Name",
                              "device_policies.prevention.policy_name",
                              "device_policies.prevention.policy_id"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return device_id, hostname, os, os_version, last_seen, health, … for one host."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        return {
            "line": line,
            "device_id": get("device_id").lower() or None,
            "hostname": get("hostname").lower() or None,
            "os": get("platform_name") or None,
            "os_version": get("os_version") or None,
            "first_seen": as_datetime(get("first_seen"), where),
            "last_seen": as_datetime(get("last_seen"), where),
            "health": _health(get("status"), get("reduced_functionality_mode")),
            "sensor_version": get("agent_version") or None,
            "serial": get("serial_number") or None,
            "tags": as_list(get("tags")),
            "prevention_policy": get("prevention_policy") or None,
        }


def _health(status: str, rfm: str) -> str | None:
    """Combine containment status and reduced functionality mode into one health value."""
    state = _token(status)
    # containment is the stronger fact: a contained host in RFM is still cut off the network
    if state == "contained":
        return "contained"
    if _token(rfm) in ("yes", "true", "1"):
        return "reduced"
    if state == "normal":
        return "active"
    # containment_pending, lift_containment_pending and anything new are not "active"
    return "other" if state else None


def _token(value: str) -> str:
    """Reduce an enum value to lower-case letters and digits ("Contained": "contained")."""
    return re.sub(r"[^0-9a-z]+", "", value.casefold())
