"""NinjaOne device list (API /v2/devices flattened to CSV, or a device report export).

The API field names are documented; timestamps there are epoch seconds, often with a
fraction, so both those and ISO 8601 strings are accepted. The OS column (`os.name` of
the detailed device list) and the report-style headers are unverified aliases.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ...errors import EvidenceError
from ..tabular import Table
from .export import ExportCollector, Row, as_bool, as_datetime

EPOCH = re.compile(r"[+-]?\d+(\.\d*)?([eE][+-]?\d+)?")
# 10^11 seconds is the year 5138: a bigger number is milliseconds, which NinjaOne does not use
MAX_EPOCH_SECONDS = 1e11


def as_moment(value: str, where: str) -> dt.datetime | None:
    """Parse epoch seconds (possibly fractional, read as UTC) or an ISO 8601 timestamp."""
    v = value.strip()
    if not EPOCH.fullmatch(v):
        return as_datetime(v, where)
    seconds = float(v)
    if abs(seconds) >= MAX_EPOCH_SECONDS:
        raise EvidenceError(f"'{value}' is too large for epoch seconds (milliseconds?)", where,
                            "export timestamps as epoch seconds or ISO 8601")
    return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)


class NinjaOneDevicesCollector(ExportCollector):
    """Each device the NinjaOne RMM manages: the MSP's asset inventory."""

    name = "ninjaone_devices"
    version = "1"
    kind = "asset_inventory"
    label = "a NinjaOne device export"
    required = ("id", "systemName")
    aliases = {
        "id": ("Device ID", "Device Id", "deviceId"),
        # an export with only display names still names each device; systemName wins when both exist
        "systemName": ("System Name", "displayName", "Display Name"),
        "displayName": ("Display Name",),
        "dnsName": ("DNS Name",),
        "nodeClass": ("Node Class", "Device Class"),
        "organizationId": ("Organization ID", "Organization", "Organisation", "organizationName"),
        "locationId": ("Location ID", "Location", "locationName"),
        "approvalStatus": ("Approval Status",),
        "offline": ("Is Offline",),
        "created": ("Created At", "Date Created"),
        "lastContact": ("Last Contact", "Last Seen", "Last Online"),
        "os": ("os.name", "OS Name", "Operating System"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return device_id, hostname, dns_name, node_class, organization, … for one device."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        return {
            "line": line,
            "device_id": get("id") or None,
            "hostname": (get("systemName") or get("displayName")).lower() or None,
            "dns_name": get("dnsName").lower() or None,
            "node_class": get("nodeClass") or None,
            "organization": get("organizationId") or None,
            "location": get("locationId") or None,
            "approval_status": get("approvalStatus").lower() or None,
            "offline": as_bool(get("offline"), where),
            "created": as_moment(get("created"), where),
            "last_seen": as_moment(get("lastContact"), where),
            "os": get("os") or None,
        }
