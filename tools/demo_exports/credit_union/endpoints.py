"""Harbor Point FCU: devices and their Defender, NinjaOne and patch exports."""

from __future__ import annotations

import datetime as dt
import json
import random

from ..common import (
    UTC,
    Device,
    at,
    csv_bytes,
    day,
    epoch,
    guid,
    hexid,
    iso_z,
    js_bool,
    last_contacts,
    number_devices,
    rng,
)
from .identity import CU, CU_AD, CU_EXPORT, CU_SITES

CU_SERVERS = [  # host, display name, OS, tags
    ("HPFCU-DC01", "Domain controller 1", "2022", ["Tier0"]),
    ("HPFCU-DC02", "Domain controller 2", "2022", ["Tier0"]),
    ("HPFCU-CA01", "Enterprise issuing CA", "2022", ["Tier0"]),
    ("HPFCU-AADC01", "Entra Connect sync", "2022", ["Tier0"]),
    ("HPFCU-NPS01", "RADIUS / NPS (Wi-Fi)", "2019", []),
    ("HPFCU-FS01", "File server (departments)", "2022", []),
    ("HPFCU-FS02", "File server 2 (replaces FS01 shares)", "2022", []),
    ("HPFCU-PRN01", "Print server", "2019", []),
    ("HPFCU-SQL01", "SQL (lending, reporting)", "2022", ["SQL"]),
    ("HPFCU-SQL02", "SQL (imaging, telephony)", "2022", ["SQL"]),
    ("HPFCU-APP01", "Loan origination application", "2022", []),
    ("HPFCU-APP02", "Collections and member statements", "2019", []),
    ("HPFCU-IMG01", "Loan imaging (application)", "2019", []),
    ("HPFCU-IMG02", "Loan imaging (storage)", "2019", []),
    ("HPFCU-RDS01", "Remote Desktop session host", "2022", []),
    ("HPFCU-RDS02", "Remote Desktop session host", "2022", []),
    ("HPFCU-RDG01", "Remote Desktop gateway", "2022", ["Internet-facing"]),
    ("HPFCU-WEB01", "Intranet", "2022", []),
    ("HPFCU-VBR01", "Veeam Backup & Replication", "2022", ["Tier0"]),
    ("HPFCU-MGMT01", "Admin jump host", "2022", ["Tier0"]),
    ("HPFCU-TEL01", "Telephony / contact centre", "2019", ["CDE"]),
    ("HPFCU-CCJ01", "CDE jump host (contact centre)", "2022", ["CDE"]),
    ("HPFCU-HV01", "Hyper-V host", "2022", []),
    ("HPFCU-HV02", "Hyper-V host", "2022", []),
    ("HPFCU-HV03", "Hyper-V host", "2022", []),
    ("HPFCU-HV04", "Hyper-V host (DR, Westbrook)", "2022", []),
    ("SPT-SRV01", "South Portland branch server", "2019", []),
    ("WBK-SRV01", "Westbrook branch server", "2019", []),
    ("BWK-SRV01", "Brunswick branch server", "2019", []),
    ("BDF-SRV01", "Biddeford branch server", "2019", []),
]
SERVER_OS = {"2022": ("Windows Server 2022 Standard Edition", "21H2", "20348", "WindowsServer2022"),
             "2019": ("Windows Server 2019 Standard Edition", "1809", "17763", "WindowsServer2019")}
WIN11 = {"23H2": ("Windows 11 Enterprise Edition", "23H2", "22631", "Windows11"),
         "24H2": ("Windows 11 Enterprise Edition", "24H2", "26100", "Windows11")}


def _created(r: random.Random, first: int, last: int) -> dt.datetime:
    """A build date `first`..`last` days from the as-of date, in office hours."""
    return at(r.randint(first, last), r.randint(13, 21), r.randint(0, 59), r.randint(0, 59))


def cu_devices() -> list[Device]:
    """The NinjaOne inventory of Harbor Point (and, with the planted gaps, its Defender roster)."""
    r = rng(CU, "devices")
    devices: list[Device] = []

    def win11(host: str, role: str, site: str, domain: str | None, tags: list[str],
              created: dt.datetime, display: str = "") -> Device:
        name, rel, build, _ = WIN11["24H2" if r.random() < 0.7 else "23H2"]
        return Device(host, "WINDOWS_WORKSTATION", role, site, name, rel, build, created, created,
                      domain=domain, display=display, tags=tags)

    for host, display, ver, tags in CU_SERVERS:
        name, rel, build, _ = SERVER_OS[ver]
        site = host[:3] if not host.startswith("HPFCU") else ("WBK" if host == "HPFCU-HV04" else "PWM")
        created = _created(r, -2400, -700) if ver == "2019" else _created(r, -1300, -200)
        if host == "HPFCU-FS02":
            created = at(-27, 14, 6, 51)
        devices.append(Device(host, "WINDOWS_SERVER", "server", site, name, rel, build, created, created,
                              domain=CU_AD, display=display, tags=list(tags)))
    numbers = sorted(set(r.sample(range(1, 261), 214)) | {231})
    for n in numbers:
        devices.append(win11(f"PWM-WS-{n:04d}", "desktop", "PWM", CU_AD, [], _created(r, -1500, -20)))
    for n in range(1, 29):
        devices.append(win11(f"PWM-CC-{n:02d}", "contact", "PWM", CU_AD, ["CDE"], _created(r, -900, -60),
                             display=f"Contact centre seat {n}"))
    for site, ws, tellers in (("SPT", 18, 6), ("WBK", 16, 5), ("BWK", 14, 4), ("BDF", 15, 5)):
        for n in range(1, ws + 1):
            devices.append(win11(f"{site}-WS-{n:02d}", "desktop", site, CU_AD, [f"Branch-{site}"],
                                 _created(r, -1500, -30)))
        for n in range(1, tellers + 1):
            created = at(-13, 15, 41, 9) if (site, n) == ("BDF", 4) else _created(r, -1100, -40)
            devices.append(win11(f"{site}-TLR-{n:02d}", "teller", site, CU_AD, ["CDE", f"Branch-{site}"],
                                 created, display=f"Teller {n} - {CU_SITES[site][0]}"))
    laptops = sorted(set(r.sample(range(1, 191), 84)) | {158})
    for n in laptops:
        devices.append(win11(f"HPL-LT-{n:04d}", "laptop", "PWM", None, [], _created(r, -1100, -10)))
    for n in range(1, 5):
        created = _created(r, -900, -100)
        devices.append(Device(f"PWM-MAC-{n:02d}", "MAC", "mac", "PWM", "macOS Sequoia", "15.6", "24G84",
                              created, created, display=f"Marketing Mac {n}", tags=["Marketing"]))
    # a workstation waiting for approval in NinjaOne: not yet managed, so not counted
    devices.append(win11("PWM-WS-0263", "desktop", "PWM", CU_AD, [], at(-2, 18, 2, 37)))
    devices[-1].approval = "PENDING"

    last_contacts(r, devices, CU_EXPORT)
    for d in devices:
        subnet = CU_SITES[d.site][2]
        octet = {"server": 1, "teller": 60, "contact": 70, "desktop": 20, "laptop": 40, "mac": 30}[d.role]
        d.ip = f"{subnet}.{octet + r.randint(0, 9)}.{r.randint(10, 250)}"
        if d.role == "laptop" and d.offline:
            d.ip = f"192.168.{r.randint(0, 1)}.{r.randint(10, 200)}"  # last seen from home
    planted = {"HPFCU-FS02": "none", "BDF-TLR-04": "none", "HPL-LT-0158": "stale",
               "PWM-WS-0231": "duplicate", "PWM-WS-0263": "none"}
    for d in devices:
        d.edr = planted.get(d.host, "ok")
        if d.host == "HPL-LT-0158":  # the RMM agent is fine; only the Defender sensor is silent
            d.offline, d.last_contact = False, CU_EXPORT - dt.timedelta(minutes=7)
    number_devices(r, devices, 1180)
    return devices


def cu_defender(devices: list[Device]) -> bytes:
    """Defender for Endpoint machines (GET /api/machines, flattened by the SOC's export script)."""
    r = rng(CU, "defender")
    header = ["id", "computerDnsName", "firstSeen", "lastSeen", "osPlatform", "version", "osBuild",
              "lastIpAddress", "lastExternalIpAddress", "healthStatus", "onboardingStatus",
              "rbacGroupName", "riskScore", "exposureLevel", "aadDeviceId", "machineTags"]
    groups = {"server": "HPFCU Servers", "desktop": "HPFCU Workstations", "teller": "HPFCU Tellers (CDE)",
              "contact": "HPFCU Contact Centre (CDE)", "laptop": "HPFCU Laptops", "mac": "HPFCU macOS"}
    platform = {"Windows Server 2022 Standard Edition": "WindowsServer2022",
                "Windows Server 2019 Standard Edition": "WindowsServer2019",
                "Windows 11 Enterprise Edition": "Windows11", "macOS Sequoia": "macOS"}
    rows: list[tuple[str, list[str]]] = []

    def row(d: Device, first: dt.datetime, last: dt.datetime, health: str, host: str | None = None,
            aad: str | None = None) -> None:
        name = host or (f"{d.host}.{d.domain}".lower() if d.domain else d.host.lower())
        external = CU_SITES[d.site][3] if not d.ip.startswith("192.168.") else f"198.51.100.{r.randint(2, 250)}"
        risk = r.choices(["None", "Informational", "Low", "Medium", "High"], [30, 25, 30, 12, 3])[0]
        exposure = r.choices(["Low", "Medium", "High"], [55, 40, 5])[0]
        rows.append((name, [hexid(r, 40), name, iso_z(first, r, 7), iso_z(last, r, 7), platform[d.os_name],
                            d.release, d.build if d.role != "mac" else "",
                            d.ip, external, health, "Onboarded", groups[d.role], risk, exposure,
                            aad if aad is not None else ("" if d.role in ("server", "mac") else guid(r)),
                            json.dumps(d.tags)]))

    for d in devices:
        onboarded = d.created + dt.timedelta(minutes=r.randint(8, 90))
        seen = d.last_contact - dt.timedelta(seconds=r.randint(0, 600))
        if d.edr == "none":
            continue
        if d.edr == "stale":  # sensor stopped reporting 20 days before the as-of date
            row(d, onboarded, at(-20, 15, 47, 12), "Inactive")
            continue
        if d.edr == "duplicate":  # re-imaged and re-onboarded: the old record lingers, inactive
            aad_old = guid(r)
            reimaged = at(-42, 14, 20, 5)
            row(d, onboarded, reimaged - dt.timedelta(minutes=35), "Inactive", aad=aad_old)
            row(d, reimaged + dt.timedelta(minutes=52), seen, "Active")
            continue
        health = "ImpairedCommunication" if r.random() < 0.006 else "Active"
        row(d, onboarded, seen, health)
    # machines retired earlier in the year: Defender keeps inactive records for 180 days
    in_rmm = {d.host for d in devices}
    retired = [n for n in range(1, 261) if f"PWM-WS-{n:04d}" not in in_rmm]
    template = next(d for d in devices if d.role == "desktop")
    for n in sorted(r.sample(retired, 6)):
        old = Device(f"PWM-WS-{n:04d}", "WINDOWS_WORKSTATION", "desktop", "PWM", template.os_name,
                     "23H2", "22631", _created(r, -1700, -900), template.last_contact, domain=CU_AD,
                     ip=f"10.10.{r.randint(20, 29)}.{r.randint(10, 250)}")
        row(old, old.created, at(r.randint(-175, -60), r.randint(13, 21), r.randint(0, 59)), "Inactive")
    for n in sorted(r.sample(range(191, 260), 2)):
        old = Device(f"HPL-LT-{n:04d}", "WINDOWS_WORKSTATION", "laptop", "PWM", template.os_name, "23H2",
                     "22631", _created(r, -1500, -800), template.last_contact, ip="10.10.41.17")
        row(old, old.created, at(r.randint(-160, -45), r.randint(13, 21), r.randint(0, 59)), "Inactive")
    rows.sort(key=lambda item: item[0])
    return csv_bytes(header, [fields for _, fields in rows])


def cu_ninja_devices(devices: list[Device]) -> bytes:
    """NinjaOne GET /v2/devices-detailed for the Harbor Point organisation, flattened to CSV."""
    r = rng(CU, "ninja-devices")
    header = ["id", "parentDeviceId", "organizationId", "locationId", "nodeClass", "nodeRoleId",
              "rolePolicyId", "policyId", "approvalStatus", "offline", "displayName", "systemName",
              "dnsName", "netbiosName", "created", "lastContact", "lastUpdate", "os.name",
              "os.releaseId", "os.buildNumber"]
    roles = {"WINDOWS_WORKSTATION": 1, "WINDOWS_SERVER": 2, "MAC": 5}
    policy = {"server": 112, "teller": 114, "contact": 114, "desktop": 111, "laptop": 113, "mac": 115}
    rows = []
    for d in sorted(devices, key=lambda d: d.ninja_id):
        contact = d.last_contact if d.approval == "APPROVED" else d.created + dt.timedelta(minutes=4)
        system = d.host if d.role != "mac" else d.host.lower()
        rows.append([str(d.ninja_id), "", "7", str(CU_SITES[d.site][1]), d.node_class,
                     str(roles[d.node_class]), "", str(policy[d.role]), d.approval, js_bool(d.offline),
                     d.display, system, d.fqdn if d.role != "mac" else f"{system}.local",
                     d.host if d.role != "mac" else "", epoch(d.created, r), epoch(contact, r),
                     epoch(contact + dt.timedelta(seconds=r.randint(5, 90)), r), d.os_name, d.release,
                     d.build])
    return csv_bytes(header, rows)


SEPT_CU = {  # os release: (KB, title)
    "24H2": ("KB5079230", "2026-09 Cumulative Update for Windows 11, version 24H2 for x64-based Systems (KB5079230)"),
    "23H2": ("KB5079212", "2026-09 Cumulative Update for Windows 11, version 23H2 for x64-based Systems (KB5079212)"),
    "21H2": ("KB5079244", "2026-09 Cumulative Update for Microsoft server operating system, version 21H2 for x64-based Systems (KB5079244)"),
    "1809": ("KB5079257", "2026-09 Cumulative Update for Windows Server 2019 for x64-based Systems (KB5079257)"),
}
SEPT_NET = {
    "24H2": ("KB5079301", "2026-09 Cumulative Update for .NET Framework 3.5 and 4.8.1 for Windows 11, version 24H2 for x64 (KB5079301)"),
    "23H2": ("KB5079296", "2026-09 Cumulative Update for .NET Framework 3.5 and 4.8.1 for Windows 11, version 23H2 for x64 (KB5079296)"),
    "21H2": ("KB5079318", "2026-09 Cumulative Update for .NET Framework 3.5, 4.8 and 4.8.1 for Microsoft server operating system, version 21H2 for x64 (KB5079318)"),
    "1809": ("KB5079322", "2026-09 Cumulative Update for .NET Framework 3.5, 4.7.2 and 4.8 for Windows Server 2019 for x64 (KB5079322)"),
}
SEPT_PREVIEW = {
    "24H2": ("KB5079355", "2026-09 Cumulative Update Preview for Windows 11, version 24H2 for x64-based Systems (KB5079355)"),
    "23H2": ("KB5079349", "2026-09 Cumulative Update Preview for Windows 11, version 23H2 for x64-based Systems (KB5079349)"),
}
OOB_2022 = ("KB5079402", "2026-09 Out-of-band Update for Microsoft server operating system, version 21H2 for x64-based Systems (KB5079402)")
PATCH_TUESDAY = day(-22)   # 2026-09-08, second Tuesday of September
PREVIEW_DAY = day(-7)      # 2026-09-23, the optional "D" release
OOB_DAY = day(-5)          # 2026-09-25


def _installed(r: random.Random, d: Device, released: dt.date) -> dt.datetime:
    """When the RMM installed an update: workstations on weeknights, servers on Saturday night."""
    if d.role == "server":
        saturday = released + dt.timedelta(days=(5 - released.weekday()) % 7 + (7 if r.random() < 0.3 else 0))
        return dt.datetime(saturday.year, saturday.month, saturday.day, 6, r.randint(0, 59),
                           r.randint(0, 59), tzinfo=UTC) + dt.timedelta(minutes=r.randint(0, 150))
    when = released + dt.timedelta(days=r.choice([1, 1, 2, 2, 3, 4, 6, 8]))
    return dt.datetime(when.year, when.month, when.day, 2, r.randint(0, 59), r.randint(0, 59),
                       tzinfo=UTC) + dt.timedelta(minutes=r.randint(0, 200))


def cu_patches(devices: list[Device]) -> bytes:
    """NinjaOne OS patch report (Reporting > OS patches, last 30 days and outstanding), CSV."""
    r = rng(CU, "patches")
    header = ["Organization", "Location", "Device", "Device Class", "Patch", "KB", "Severity", "Type",
              "Status", "Release Date", "Installed"]
    org = "Harbor Point Federal Credit Union"
    rows = []
    for d in sorted(devices, key=lambda d: d.host):
        if not d.windows or d.approval != "APPROVED":
            continue
        loc = CU_SITES[d.site][0]
        device = d.host if r.random() < 0.85 else d.fqdn   # the report names a few by their DNS name

        def add(patch: tuple[str, str], severity: str, kind: str, status: str, released: dt.date,
                installed: dt.datetime | None) -> None:
            rows.append([org, loc, device, d.node_class, patch[1], patch[0], severity, kind, status,
                         released.isoformat(), iso_z(installed) if installed else ""])

        cu = SEPT_CU[d.release]
        if d.host == "HPFCU-SQL02":          # PLANTED: install fails (0x800f0922), 22 days old
            add(cu, "CRITICAL", "SECURITY_UPDATES", "FAILED", PATCH_TUESDAY, None)
        elif d.host == "WBK-TLR-02":         # PLANTED: approved, never installed (deferred reboots)
            add(cu, "CRITICAL", "SECURITY_UPDATES", "APPROVED", PATCH_TUESDAY, None)
        else:
            add(cu, "CRITICAL", "SECURITY_UPDATES", "INSTALLED", PATCH_TUESDAY,
                _installed(r, d, PATCH_TUESDAY))
        if r.random() < 0.55 or d.role == "server":
            pending = r.random() < 0.06
            add(SEPT_NET[d.release], "IMPORTANT", "SECURITY_UPDATES", "APPROVED" if pending else "INSTALLED",
                PATCH_TUESDAY, None if pending else _installed(r, d, PATCH_TUESDAY))
        if d.release in SEPT_PREVIEW and r.random() < 0.12:
            add(SEPT_PREVIEW[d.release], "OPTIONAL", "UPDATE_ROLLUPS", "REJECTED", PREVIEW_DAY, None)
        if d.release == "21H2" and d.host in ("HPFCU-DC01", "HPFCU-DC02", "HPFCU-CA01"):
            add(OOB_2022, "CRITICAL", "SECURITY_UPDATES", "APPROVED", OOB_DAY, None)  # inside its SLA
    return csv_bytes(header, rows)
