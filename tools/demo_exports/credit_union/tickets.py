"""Harbor Point FCU: the ConnectWise ticket export."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from ..common import AS_OF, EDT, Device, Person, at, csv_bytes, day, iso_z, js_bool, rng
from .identity import CU, CU_SITES, CU_TICKETS_AT


@dataclass
class Ticket:
    """A PSA ticket before it is rendered in the vendor's columns."""

    summary: str
    board: str
    kind: str
    subtype: str
    item: str
    priority: int
    opened: dt.datetime
    hours: float | None                  # to resolution; None = still open
    owner: str
    contact: str = ""
    site: str = ""
    status_open: str = "In Progress"
    severity: str = "Low"
    impact: str = "Low"
    source: str = "Email"
    resources: list[str] = field(default_factory=list)
    in_sla: bool = True


CU_TECHS = ["KBoateng", "JRivera", "SPatel", "MNguyen", "TBrooks", "ADiaz"]
CU_ENGINEERS = ["OHaddad", "LFerreira", "NQuinn"]
CU_SOC = ["HCho", "RAnand", "DKowalski"]
CU_PRIORITY = {1: "Priority 1 - Emergency Response", 2: "Priority 2 - Quick Response",
               3: "Priority 3 - Normal Response", 4: "Priority 4 - Schedule Maintenance"}
CU_CLOSED = {"Help Desk": ">Closed", "Alerts": ">Closed", "SOC": "Closed - Resolved",
             "Change Management": "Completed"}


def _when(r: random.Random, first: int, last: int) -> dt.datetime:
    """A moment in business hours (Eastern) between two day offsets, weekdays mostly."""
    while True:
        offset = r.randint(first, last)
        if day(offset).weekday() < 5 or r.random() < 0.15:
            return at(offset, r.randint(8, 17), r.randint(0, 59), r.randint(0, 59), tz=EDT)


def cu_tickets(people: list[Person], devices: list[Device]) -> list[Ticket]:
    """Harbor Point's tickets in Northwind's ConnectWise Manage, 2026-07-01 to the export."""
    r = rng(CU, "tickets")
    staff = [p for p in people if p.kind == "staff" and p.enabled]
    hosts = [d for d in devices if d.approval == "APPROVED" and d.role != "server"]
    servers = [d for d in devices if d.role == "server"]
    q3 = (-91, -1)
    out: list[Ticket] = []

    def add(t: Ticket) -> None:
        if not t.resources:
            t.resources = [t.owner] + ([r.choice(CU_TECHS)] if r.random() < 0.15 else [])
        out.append(t)

    apps = ["the loan origination system", "the imaging viewer", "the collections module",
            "the member statements share", "the teller cash recycler console", "Teams phone",
            "the board portal", "the HR system", "the marketing drive", "the card management portal"]
    for _ in range(150):
        p = r.choice(staff)
        d = r.choice(hosts)
        opened = _when(r, *q3)
        kind, sub, item, summary = r.choice([
            ("Service Request", "Password Reset", "Entra ID", f"Password reset - {p.name} (locked out)"),
            ("Service Request", "MFA", "Entra ID", f"MFA re-registration after phone replacement - {p.name}"),
            ("Service Request", "Access", "Application", f"Access request: {p.name} needs {r.choice(apps)}"),
            ("Incident", "Email", "Outlook", f"Outlook not syncing shared calendar - {p.name}"),
            ("Incident", "Hardware", "Printer", f"Receipt printer offline at {CU_SITES[p.site][0]} teller line"),
            ("Incident", "Hardware", "Workstation", f"{d.host} slow to log on / profile errors"),
            ("Incident", "Software", "Application", f"Error opening {r.choice(apps)} on {d.host}"),
            ("Service Request", "Hardware", "Peripheral", f"Replace dock / second monitor for {p.name}"),
            ("Incident", "Network", "Wi-Fi", f"Guest Wi-Fi captive portal not loading at {CU_SITES[p.site][0]}"),
            ("Service Request", "Software", "Application", f"Install approved software on {d.host} ({p.name})"),
        ])
        prio = 3 if kind == "Incident" else r.choice([3, 4])
        hours = r.choice([0.3, 0.6, 1.2, 2.5, 4, 7, 20, 30, 52])
        add(Ticket(summary, "Help Desk", kind, sub, item, prio, opened,
                   hours if opened < at(-2, 12) or r.random() < 0.5 else None,
                   r.choice(CU_TECHS), contact=p.name, site=CU_SITES[p.site][0],
                   status_open=r.choice(["In Progress", "Waiting Customer", "New"]),
                   source=r.choice(["Email", "Phone", "Portal"]), in_sla=r.random() > 0.04))
    for p in people:  # joiners and leavers of the quarter: onboarding and termination tickets
        if p.kind == "staff" and p.left and p.left >= day(-91):
            add(Ticket(f"Termination: {p.name} ({p.title}) - last day {p.left.isoformat()}", "Help Desk",
                       "Service Request", "Termination", "Offboarding",
                       2, at((p.left - AS_OF).days - 2, 10, r.randint(0, 59), tz=EDT), 58.0,
                       r.choice(CU_TECHS), contact="Human Resources", site=CU_SITES["PWM"][0], source="Portal"))
    for p in r.sample([s for s in staff if s is not people[8]], 9) + [people[8]]:
        start = p.started or day(r.randint(-85, -12))
        add(Ticket(f"New hire: {p.name} ({p.title}, {CU_SITES[p.site][0]}) - start {start.isoformat()}",
                   "Help Desk", "Service Request", "New Hire", "Onboarding", 3,
                   at((start - AS_OF).days - 5, 9, r.randint(0, 59), tz=EDT), 80.0, r.choice(CU_TECHS),
                   contact="Human Resources", site=CU_SITES[p.site][0], source="Portal"))
    add(Ticket("Admin account request: ADM Jared Pelletier (help desk escalations)", "Help Desk",
               "Service Request", "Access", "Privileged Access", 3, at(-10, 11, 4, tz=EDT), 26.0, "KBoateng",
               contact="Tom Gallagher", site=CU_SITES["PWM"][0], source="Portal"))

    for _ in range(46):  # RMM and backup alerts
        d = r.choice(servers + hosts[:60])
        opened = _when(r, *q3)
        sub, item, summary = r.choice([
            ("Disk Space", "Server", f"Low disk space on {d.host} C: (< 10% free)"),
            ("Device Offline", "Agent", f"NinjaOne: {d.host} offline for more than 24 hours"),
            ("Backup", "Veeam", "Veeam: job HPFCU File and Print finished with warning"),
            ("Patching", "Windows Update", f"Patch install pending reboot on {d.host}"),
            ("Performance", "Server", f"High CPU on {d.host} for 30 minutes"),
        ])
        add(Ticket(summary, "Alerts", "Alert", sub, item, 3, opened, r.choice([0.5, 1, 2, 6, 18]),
                   r.choice(CU_TECHS + CU_ENGINEERS), source="RMM Alert", status_open="New"))
    add(Ticket("Veeam: job HPFCU SQL Servers failed (VSS 0x800423f4 on HPFCU-SQL01)", "Alerts", "Alert",
               "Backup", "Veeam", 2, at(-24, 6, 10, tz=EDT), 9.0, "NQuinn", source="RMM Alert"))
    add(Ticket("Veeam: job HPFCU Branch Servers failed (BWK-SRV01 unreachable)", "Alerts", "Alert",
               "Backup", "Veeam", 2, at(-15, 6, 12, tz=EDT), 5.5, "NQuinn", source="RMM Alert"))
    add(Ticket("Veeam: job HPFCU Loan Imaging failed - LEGACY-NAS01 out of space", "Alerts", "Alert",
               "Backup", "Veeam", 2, at(-1, 6, 9, tz=EDT), None, "NQuinn", source="RMM Alert",
               status_open="In Progress", severity="Medium", impact="Medium"))
    add(Ticket("Patch install failed on HPFCU-SQL02: 2026-09 CU (0x800f0922)", "Alerts", "Alert",
               "Patching", "Windows Update", 3, at(-17, 7, 31, tz=EDT), None, "OHaddad", source="RMM Alert",
               status_open="Waiting Vendor"))

    phishing = ["Fake 'secure message' from a title company", "Payroll direct-deposit change request",
                "Shared document invitation from an unknown sender", "Invoice from an impersonated vendor",
                "Voicemail notification with HTML attachment", "Package delivery failure SMS (reported)"]
    for _ in range(22):
        p = r.choice(staff)
        opened = _when(r, *q3)
        add(Ticket(f"Phishing report: {r.choice(phishing)} - reported by {p.name}", "SOC", "Security Incident",
                   "Phishing", "Email", 3, opened, r.choice([0.4, 0.8, 1.5, 3]), r.choice(CU_SOC),
                   contact=p.name, site=CU_SITES[p.site][0], source="Phish Alert Button",
                   severity="Low", impact="Low"))
    for _ in range(7):
        p, d = r.choice(staff), r.choice(hosts)
        add(Ticket(r.choice([f"Defender: malware blocked on {d.host} (Trojan:Win32/Wacatac)",
                             f"Suspicious sign-in: impossible travel for {p.upn}",
                             f"Defender: suspicious PowerShell blocked on {d.host}",
                             f"Suspicious inbox rule created for {p.upn}"]),
                   "SOC", "Security Incident", r.choice(["Malware", "Account Compromise"]), "Defender XDR", 2,
                   _when(r, *q3), r.choice([1.5, 3, 6]), r.choice(CU_SOC), contact=p.name,
                   source="SOC Platform", severity="Medium", impact=r.choice(["Low", "Medium"])))
    add(Ticket("BEC attempt: spoofed CEO request for a wire to a new payee (Accounting) - not paid",
               "SOC", "Security Incident", "Business Email Compromise", "Email", 1, at(-53, 9, 14, tz=EDT), 7.5,
               "HCho", contact="Carla Mendes", source="Phone", severity="High", impact="Medium",
               resources=["HCho", "OHaddad"]))
    add(Ticket("Lost laptop reported by a mortgage originator (BitLocker on; wiped and retired via Intune)",
               "SOC", "Security Incident", "Lost Device", "Intune", 2, at(-38, 16, 2, tz=EDT), 4.0, "HCho",
               source="Phone", severity="Medium", impact="Low"))

    changes = [
        ("Normal", "Firewall", "Q3 firewall ruleset review: remove stale NAT for retired statement vendor"),
        ("Normal", "Firewall", "Narrow contact-centre VLAN egress to acquirer virtual terminal endpoints"),
        ("Standard", "Server", "Monthly server patch window (ring 2) - {d}"),
        ("Standard", "Workstation", "Workstation patch deployment ring 1 - {d}"),
        ("Normal", "Entra ID", "Conditional Access: block legacy authentication for shared mailboxes"),
        ("Normal", "Entra ID", "Conditional Access: require compliant device for admin portals"),
        ("Normal", "Network", "Replace Westbrook branch core switch"),
        ("Standard", "Backup", "Veeam: quarterly restore test (file-level, HPFCU-FS01) - {d}"),
        ("Normal", "Application", "Loan origination system vendor update 2026.3"),
        ("Standard", "Endpoint", "Defender ASR rules: move 'block Office child processes' to block mode (ring {n})"),
        ("Normal", "Server", "Decommission HPFCU-FS01 shares after migration to HPFCU-FS02"),
    ]
    for _ in range(40):
        sub, item, text = r.choice(changes)
        opened = _when(r, *q3)
        text = text.format(d=(opened.date() + dt.timedelta(days=r.randint(2, 9))).isoformat(), n=r.randint(1, 3))
        add(Ticket(f"CHG: {text}", "Change Management", "Change", sub, item, 4, opened,
                   r.choice([30, 50, 75, 120, 160]) if opened < at(-12, 0) else None,
                   r.choice(CU_ENGINEERS), contact="Tom Gallagher", status_open="Scheduled",
                   source="Portal", resources=[r.choice(CU_ENGINEERS), "TGallagher"]))
    add(Ticket("CHG: Onboard HPFCU-FS02 to Defender for Endpoint and NinjaOne server policy", "Change Management",
               "Change", "Standard", "Endpoint", 4, at(-26, 10, 30, tz=EDT), None, "OHaddad",
               contact="Tom Gallagher", status_open="Scheduled", source="Portal"))
    add(Ticket("CHG: Move HPFCU Loan Imaging job from LEGACY-NAS01 to HPFCU-VHR02 Hardened and retire the NAS",
               "Change Management", "Change", "Normal", "Backup", 4, at(-64, 13, 45, tz=EDT), None, "NQuinn",
               contact="Tom Gallagher", status_open="Scheduled", source="Portal",
               resources=["NQuinn", "AOkafor"]))
    out.sort(key=lambda t: t.opened)
    return out


def cu_connectwise(tickets: list[Ticket]) -> bytes:
    """ConnectWise Manage GET /service/tickets (company = Harbor Point), flattened with '/'."""
    r = rng(CU, "connectwise")
    header = ["id", "summary", "recordType", "board/name", "status/name", "company/identifier",
              "company/name", "site/name", "contactName", "type/name", "subType/name", "item/name",
              "owner/identifier", "priority/name", "severity", "impact", "source/name", "dateEntered",
              "closedDate", "closedBy", "closedFlag", "dateResolved", "isInSla", "resources"]
    rows = []
    number = 51_870
    for t in tickets:
        number += r.randint(1, 14)       # Northwind's other clients' tickets fall in between
        closed = t.opened + dt.timedelta(hours=t.hours) if t.hours is not None else None
        if closed is not None and closed > CU_TICKETS_AT:
            closed = None
        resolved = closed - dt.timedelta(minutes=r.randint(2, 90)) if closed else None
        if resolved is not None and resolved < t.opened:
            resolved = closed
        rows.append([str(number), t.summary, "ServiceTicket", t.board,
                     CU_CLOSED[t.board] if closed else t.status_open, "HarborPointFCU",
                     "Harbor Point Federal Credit Union", t.site or "Main", t.contact, t.kind, t.subtype,
                     t.item, t.owner, CU_PRIORITY[t.priority], t.severity, t.impact, t.source,
                     iso_z(t.opened), iso_z(closed) if closed else "", t.owner if closed else "",
                     js_bool(closed is not None), iso_z(resolved) if resolved else "",
                     js_bool(t.in_sla), ", ".join(dict.fromkeys(t.resources))])
    return csv_bytes(header, rows)
