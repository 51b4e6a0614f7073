"""Microsoft Defender for Endpoint machine list (API export, or the portal's device inventory CSV).

The API field names are documented; the portal's CSV headers ("Device Name", "Health
State", "Last Device Update", …) and the sensor version column are unverified aliases.
"""

from __future__ import annotations

import re
from typing import Any

from ..tabular import Table
from .export import ExportCollector, Row, as_datetime, as_list

HEALTH = {
    "active": "active", "inactive": "inactive",
    "impairedcommunication": "impaired", "impairedcommunications": "impaired",
    "nosensordata": "no_sensor_data", "nosensordataimpairedcommunication": "no_sensor_data",
    "nosensordataimpairedcommunications": "no_sensor_data",
}


def _token(value: str) -> str:
    """Reduce an enum value to lower-case letters and digits ("No sensor data": "nosensordata")."""
    return re.sub(r"[^0-9a-z]+", "", value.casefold())


class DefenderDevicesCollector(ExportCollector):
    """Each machine Defender for Endpoint knows of, with its sensor health and onboarding state.

    Duplicates are kept: re-onboarding or re-imaging creates a new machine record, and
    deciding which one counts is a check's job, not the collector's.
    """

    name = "defender_devices"
    version = "1"
    kind = "edr_inventory"
    label = "a Microsoft Defender for Endpoint device export"
    required = ("id", "computerDnsName", "healthStatus")
    aliases = {
        "id": ("Device Id", "Machine Id", "DeviceId", "MachineId"),
        "computerDnsName": ("Device Name", "Computer DNS Name", "DeviceName"),
        "firstSeen": ("First Seen",),
        "lastSeen": ("Last Device Update", "Last seen"),
        "osPlatform": ("OS Platform",),
        "version": ("OS Version",),
        "osBuild": ("OS Build",),
        "healthStatus": ("Health State", "Health Status", "Sensor Health State"),
        "onboardingStatus": ("Onboarding Status",),
        "riskScore": ("Risk Level", "Risk Score"),
        "exposureLevel": ("Exposure Level",),
        "machineTags": ("Tags", "Device Tags", "Machine Tags"),
        "aadDeviceId": ("Azure AD Device Id", "Entra Device Id", "AAD Device Id"),
        "agentVersion": ("Sensor Version", "Agent Version", "Client Version"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return device_id, hostname, os, os_version, last_seen, health, … for one machine."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        health = _token(get("healthStatus"))
        onboarding = _token(get("onboardingStatus"))
        return {
            "line": line,
            "device_id": get("id") or None,
            "hostname": get("computerDnsName").lower() or None,
            "os": get("osPlatform") or None,
            # `version` is the OS release (e.g. 22H2); Linux and macOS often give only a build
            "os_version": get("version") or get("osBuild") or None,
            "first_seen": as_datetime(get("firstSeen"), where),
            "last_seen": as_datetime(get("lastSeen"), where),
            "health": HEALTH.get(health, "other") if health else None,
            "onboarded": onboarding == "onboarded" if onboarding else None,
            "sensor_version": get("agentVersion") or None,
            "risk": get("riskScore").lower() or None,
            "exposure": get("exposureLevel").lower() or None,
            "tags": as_list(get("machineTags")),
            "aad_device_id": get("aadDeviceId").lower() or None,
        }
