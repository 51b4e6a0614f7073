"""Calder & Whitlock: devices and their SentinelOne, NinjaOne and patch exports."""

from __future__ import annotations

import datetime as dt

from ..common import (
    Device,
    at,
    csv_bytes,
    epoch,
    hexid,
    iso_z,
    js_bool,
    last_contacts,
    number_devices,
    rng,
)
from ..credit_union.endpoints import (
    PATCH_TUESDAY,
    PREVIEW_DAY,
    SEPT_CU,
    SEPT_NET,
    SEPT_PREVIEW,
    SERVER_OS,
    WIN11,
    _created,
    _installed,
)
from .identity import LF, LF_AD, LF_EXPORT, LF_SITES

LF_SERVERS = [("CW-RAL-DC01", "2022"), ("CW-RAL-DC02", "2022"), ("CW-CLT-DC01", "2022"), ("CW-RAL-FS01", "2022"),
              ("CW-RAL-APP01", "2022"), ("CW-RAL-SQL01", "2022"), ("CW-RAL-PRT01", "2019"), ("CW-RAL-VBR01", "2022"),
              ("CW-RAL-RDS01", "2022"), ("CW-CLT-FS01", "2019"), ("CW-RAL-HV01", "2022"), ("CW-RAL-HV02", "2022")]


def lf_devices() -> list[Device]:
    """The firm's NinjaOne inventory: attorney laptops, staff desktops, servers, three Macs."""
    r = rng(LF, "devices")
    devices: list[Device] = []
    for host, ver in LF_SERVERS:
        name, rel, build, _ = SERVER_OS[ver]
        created = _created(r, -1800, -300)
        devices.append(Device(host, "WINDOWS_SERVER", "server", host[3:6], name, rel, build, created, created,
                              domain=LF_AD))
    for site, count, top in (("RAL", 95, 140), ("CLT", 40, 60)):
        for n in sorted(r.sample(range(1, top), count)):
            name, rel, build, _ = WIN11["24H2" if r.random() < 0.8 else "23H2"]
            created = _created(r, -1200, -15)
            devices.append(Device(f"CW-{site}-LT-{n:03d}", "WINDOWS_WORKSTATION", "laptop", site, name, rel, build,
                                  created, created))
    for site, count in (("RAL", 10), ("CLT", 4)):
        for n in range(1, count + 1):
            name, rel, build, _ = WIN11["24H2"]
            created = _created(r, -1000, -60)
            devices.append(Device(f"CW-{site}-WS-{n:02d}", "WINDOWS_WORKSTATION", "desktop", site, name, rel, build,
                                  created, created, domain=LF_AD))
    for n in range(1, 4):
        created = _created(r, -700, -90)
        devices.append(Device(f"CW-RAL-MAC-{n:02d}", "MAC", "mac", "RAL", "macOS Sequoia", "15.6", "24G84",
                              created, created))
    last_contacts(r, devices, LF_EXPORT)
    for d in devices:
        octet = {"server": 1, "desktop": 20, "laptop": 30, "mac": 25}[d.role]
        d.ip = f"{LF_SITES[d.site][2]}.{octet + r.randint(0, 5)}.{r.randint(10, 250)}"
    number_devices(r, devices, 3400)
    return devices


def lf_sentinelone(devices: list[Device]) -> bytes:
    """SentinelOne GET /web/api/v2.1/agents for the firm's site, flattened to CSV."""
    r = rng(LF, "sentinelone")
    header = ["id", "uuid", "computerName", "osName", "osType", "agentVersion", "isActive", "lastActiveDate",
              "networkStatus", "isDecommissioned", "registeredAt", "externalIp", "lastIpToMgmt", "activeThreats",
              "infected", "machineType", "domain", "siteName", "groupName", "accountName"]
    os_names = {"Windows 11 Enterprise Edition": "Windows 11 Enterprise",
                "Windows Server 2022 Standard Edition": "Windows Server 2022 Standard",
                "Windows Server 2019 Standard Edition": "Windows Server 2019 Standard", "macOS Sequoia": "macOS"}
    rows = []
    agent_id = 2_014_388_912_000_000_000

    def add(d: Device, seen: dt.datetime, active: bool, decommissioned: bool) -> None:
        nonlocal agent_id
        agent_id += r.randint(1_000_000, 90_000_000_000)
        name = d.host if d.role != "mac" else f"{d.host.lower()}.local"
        kind = {"server": "server", "desktop": "desktop", "laptop": "laptop", "mac": "laptop"}[d.role]
        group = {"server": "Servers", "mac": "macOS"}.get(d.role, "Workstations")
        external = LF_SITES[d.site][3] if not d.offline else f"203.0.113.{r.randint(60, 250)}"
        rows.append((agent_id, [str(agent_id), hexid(r, 32), name, os_names[d.os_name],
                                "macos" if d.role == "mac" else "windows",
                                r.choice(["24.1.5.277", "24.2.3.471", "24.2.3.471"]) if not decommissioned
                                else "23.4.6.347", js_bool(active), iso_z(seen, r, 3),
                                "connected" if active else "disconnected", js_bool(decommissioned),
                                iso_z(d.created + dt.timedelta(minutes=r.randint(5, 60)), r, 3),
                                external, d.ip, "0", "false", kind,
                                "unknown" if d.role == "mac" else "CW", "Calder & Whitlock LLP", group,
                                "Fabrikam Managed Services"]))

    for d in devices:
        seen = d.last_contact - dt.timedelta(seconds=r.randint(0, 300))
        add(d, seen, not d.offline, False)
    spare = [n for n in range(1, 140) if f"CW-RAL-LT-{n:03d}" not in {d.host for d in devices}]
    for n in sorted(r.sample(spare, 6)):  # laptops returned by leavers and decommissioned in the console
        created = _created(r, -1500, -400)
        old = Device(f"CW-RAL-LT-{n:03d}", "WINDOWS_WORKSTATION", "laptop", "RAL", "Windows 11 Enterprise Edition",
                     "23H2", "22631", created, created, offline=True, ip=f"10.41.{r.randint(30, 35)}.{r.randint(10, 250)}")
        add(old, at(r.randint(-210, -25), r.randint(13, 22), r.randint(0, 59)), False, True)
    rows.sort(key=lambda item: item[0])
    return csv_bytes(header, [fields for _, fields in rows])


def lf_ninja_devices(devices: list[Device]) -> bytes:
    """NinjaOne GET /v2/devices for the firm (organisation 14), flattened to CSV."""
    r = rng(LF, "ninja-devices")
    header = ["id", "organizationId", "locationId", "nodeClass", "approvalStatus", "offline", "displayName",
              "systemName", "dnsName", "netbiosName", "created", "lastContact", "lastUpdate", "os.name"]
    rows = []
    for d in sorted(devices, key=lambda d: d.ninja_id):
        system = d.host if d.role != "mac" else d.host.lower()
        dns = d.fqdn if d.domain else (f"{d.host.lower()}.local" if d.role == "mac" else d.host)
        rows.append([str(d.ninja_id), "14", str(LF_SITES[d.site][1]), d.node_class, d.approval, js_bool(d.offline),
                     "", system, dns, d.host if d.role != "mac" else "", epoch(d.created, r),
                     epoch(d.last_contact, r), epoch(d.last_contact + dt.timedelta(seconds=r.randint(5, 60)), r),
                     d.os_name])
    return csv_bytes(header, rows)


def lf_patches(devices: list[Device]) -> bytes:
    """NinjaOne os-patch-installs and os-patches queries joined to device names (API fields)."""
    r = rng(LF, "patches")
    header = ["deviceId", "systemName", "id", "name", "kbNumber", "severity", "status", "type", "releaseDate",
              "installedAt", "timestamp"]
    rows = []
    patch_id = 88_000
    for d in sorted(devices, key=lambda d: d.host):
        if not d.windows:
            continue

        def add(patch: tuple[str, str], severity: str, status: str, kind: str, released: dt.date,
                installed: dt.datetime | None) -> None:
            nonlocal patch_id
            patch_id += r.randint(1, 40)
            seen = installed or at(-1, 4, r.randint(0, 59))
            rows.append([str(d.ninja_id), d.host, str(patch_id), patch[1], patch[0][2:], severity, status, kind,
                         released.isoformat(), epoch(installed, r) if installed else "", epoch(seen, r)])

        add(SEPT_CU[d.release], "CRITICAL", "INSTALLED", "SECURITY_UPDATES", PATCH_TUESDAY,
            _installed(r, d, PATCH_TUESDAY))
        if r.random() < 0.5 or d.role == "server":
            pending = r.random() < 0.05
            add(SEPT_NET[d.release], "IMPORTANT", "APPROVED" if pending else "INSTALLED", "SECURITY_UPDATES",
                PATCH_TUESDAY, None if pending else _installed(r, d, PATCH_TUESDAY))
        if d.release in SEPT_PREVIEW and r.random() < 0.1:
            add(SEPT_PREVIEW[d.release], "OPTIONAL", "MANUAL", "UPDATE_ROLLUPS", PREVIEW_DAY, None)
    return csv_bytes(header, rows)
