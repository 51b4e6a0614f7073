"""Calder & Whitlock: the HaloPSA ticket export."""

from __future__ import annotations

import datetime as dt

from ..common import AS_OF, EDT, Device, Person, at, csv_bytes, day, rng
from ..credit_union.tickets import Ticket, _when
from .dms import Matter
from .identity import LF, LF_SITES, LF_TICKETS_AT

LF_AGENTS = {"Fabrikam 1st Line": ["Maria Lopez", "Jamie Ortega", "Priya Shah", "Colin Burke"],
             "Fabrikam 2nd Line": ["Beth Coleman", "Sanjay Rao"],
             "Fabrikam SOC": ["Ian McAllister", "Dana Whitfield"],
             "C&W IT": ["Tyler Nguyen", "Ravi Menon"]}
LF_PRIORITY = {1: "P1 - Critical", 2: "P2 - High", 3: "P3 - Medium", 4: "P4 - Low"}


def lf_tickets(people: list[Person], devices: list[Device],
               matters: list[Matter]) -> list[tuple[Ticket, str, str]]:
    """The firm's tickets in Fabrikam's HaloPSA (ticket, ticket type, category), 2026-07-01 to the export."""
    r = rng(LF, "tickets")
    staff = [p for p in people if p.kind == "staff" and p.enabled]
    hosts = [d for d in devices if d.role != "server"]
    q3 = (-91, -1)
    out: list[tuple[Ticket, str, str]] = []

    def add(t: Ticket, kind: str, category: str) -> None:
        out.append((t, kind, category))

    def team_agent(team: str) -> str:
        return f"{team}|{r.choice(LF_AGENTS[team])}"

    for _ in range(140):
        p, d = r.choice(staff), r.choice(hosts)
        summary, kind, category = r.choice([
            (f"Password reset - {p.name}", "Service Request", "Account"),
            (f"MFA: new phone, re-register Authenticator - {p.name}", "Service Request", "Account"),
            (f"iManage: cannot check in document (file locked) - {p.name}", "Incident", "DMS / iManage"),
            (f"iManage: document missing from matter search - {p.name}", "Incident", "DMS / iManage"),
            (f"Outlook add-in for filing emails not loading on {d.host}", "Incident", "Email"),
            (f"Dictation device not recognised on {d.host}", "Incident", "Hardware"),
            (f"Court e-filing portal certificate prompt on {d.host}", "Incident", "Applications"),
            (f"Teams audio drops in {LF_SITES[p.site][0]} conference room", "Incident", "Meeting Rooms"),
            (f"Install approved software on {d.host} ({p.name})", "Service Request", "Software"),
            (f"Replace laptop battery {d.host}", "Service Request", "Hardware"),
            (f"Time entry application freezes when posting - {p.name}", "Incident", "Applications"),
        ])
        opened = _when(r, *q3)
        team = "C&W IT" if r.random() < 0.35 else "Fabrikam 1st Line"
        add(Ticket(summary, team_agent(team), kind, "", "", 3 if kind == "Incident" else 4, opened,
                   r.choice([0.4, 0.9, 2, 5, 9, 26, 50]) if opened < at(-2, 12) or r.random() < 0.4 else None,
                   "", contact=p.name, site=LF_SITES[p.site][0],
                   status_open=r.choice(["In Progress", "Waiting on User", "New"])), kind, category)
    restricted = [m for m in matters if m.kind != "public"]
    for _ in range(24):  # matter-team changes: the DMS-01 control's own tickets
        m = r.choice(restricted)
        verb = r.choice(["Add", "Add", "Remove"])
        p = r.choice([t for t in m.team[1:] if t.enabled]) if verb == "Add" else r.choice(
            [s for s in staff if s.title in ("Associate", "Paralegal") and s not in m.team])
        partner = m.partner
        add(Ticket(f"Matter team change: {verb} {p.name} {'to' if verb == 'Add' else 'from'} {m.number} "
                   f"(approved by {partner.name}, responsible partner)", team_agent("C&W IT"), "Service Request", "",
                   "", 3, _when(r, *q3), r.choice([1, 3, 6, 20]), "", contact=partner.name,
                   site=LF_SITES[partner.site][0]), "Service Request", "Matter Access")
    for matter in [m.number for m in matters if m.kind == "walled"][:4]:
        add(Ticket(f"Ethical wall: screen lateral hire from {matter} (Conflicts memo, approved by Julian Okoro)",
                   team_agent("C&W IT"), "Service Request", "", "", 2, _when(r, *q3), 4.0, "",
                   contact="Julian Okoro", site="Raleigh"), "Service Request", "Matter Access")
    add(Ticket("Break-glass: Fabrikam (FMS-BCOLEMAN) access to 31207-004 to restore a deleted folder - "
               "approved by Julian Okoro, expires 2026-08-14", team_agent("C&W IT"), "Change Request", "", "", 2,
               at(-48, 10, 12, tz=EDT), 50.0, "", contact="Julian Okoro", site="Raleigh"),
        "Change Request", "Break-glass")
    for p in people:
        if p.kind == "staff" and p.left and p.left >= day(-91):
            add(Ticket(f"Leaver: {p.name} ({p.title}) - last day {p.left.isoformat()}", team_agent("C&W IT"),
                       "Service Request", "", "", 2, at((p.left - AS_OF).days - 3, 9, r.randint(0, 59), tz=EDT),
                       30.0, "", contact="Ellen Marsh", site="Raleigh"), "Service Request", "Joiners and Leavers")
    for p in r.sample(staff, 7):
        start = day(r.randint(-80, -10))
        add(Ticket(f"Joiner: {p.name} ({p.title}) - start {start.isoformat()}", team_agent("C&W IT"),
                   "Service Request", "", "", 3, at((start - AS_OF).days - 6, 9, r.randint(0, 59), tz=EDT), 90.0, "",
                   contact="Ellen Marsh", site=LF_SITES[p.site][0]), "Service Request", "Joiners and Leavers")
    phishing = ["Fake court notice with a link", "Opposing counsel impersonation asking for wire details",
                "Shared e-discovery link from an unknown domain", "Fake invoice from a court reporter",
                "DocuSign lookalike for an engagement letter"]
    for _ in range(19):
        p = r.choice(staff)
        add(Ticket(f"Phishing report: {r.choice(phishing)} - {p.name}", team_agent("Fabrikam SOC"),
                   "Security Incident", "", "", 3, _when(r, *q3), r.choice([0.5, 1, 2]), "", contact=p.name,
                   site=LF_SITES[p.site][0]), "Security Incident", "Phishing")
    for _ in range(4):
        p, d = r.choice(staff), r.choice(hosts)
        add(Ticket(r.choice([f"SentinelOne: threat mitigated on {d.host} (PUA bundled installer)",
                             f"Risky sign-in blocked for {p.upn} (unfamiliar location)"]),
                   team_agent("Fabrikam SOC"), "Security Incident", "", "", 2, _when(r, *q3), r.choice([2, 4]), "",
                   contact=p.name, site=LF_SITES[p.site][0]), "Security Incident", "Endpoint / Identity")
    add(Ticket("Client wire-instruction fraud attempt: spoofed email to Real Estate paralegal - funds not sent",
               team_agent("Fabrikam SOC"), "Security Incident", "", "", 1, at(-40, 14, 27, tz=EDT), 6.0, "",
               contact="Julian Okoro", site="Raleigh"), "Security Incident", "Business Email Compromise")
    changes = ["Monthly patch window servers - {d}", "Conditional Access: require compliant device for iManage",
               "Firewall: close legacy SFTP rule for former e-billing vendor", "SentinelOne policy: enable deep visibility on servers",
               "Veeam: quarterly restore test of iManage-integrated file share - {d}", "Replace Charlotte office switch stack",
               "Intune: enforce BitLocker recovery key escrow for all laptops", "Practice management system upgrade 11.4"]
    for _ in range(26):
        opened = _when(r, *q3)
        text = r.choice(changes).format(d=(opened.date() + dt.timedelta(days=r.randint(2, 9))).isoformat())
        add(Ticket(text, team_agent(r.choice(["Fabrikam 2nd Line", "C&W IT"])), "Change Request", "", "", 4, opened,
                   r.choice([30, 60, 100, 150]) if opened < at(-12, 0) else None, "", contact="Sofia Brandt",
                   site="Raleigh", status_open="Scheduled"), "Change Request", "Change")
    out.sort(key=lambda item: item[0].opened)
    return out


def lf_halopsa(tickets: list[tuple[Ticket, str, str]]) -> bytes:
    """HaloPSA ticket list view (client = Calder & Whitlock LLP, logged this quarter), exported to CSV."""
    r = rng(LF, "halopsa")
    header = ["Ticket ID", "Summary", "Status", "Priority", "Ticket Type", "Category", "Client", "Site", "User",
              "Agent", "Team", "Date Logged", "Date Closed"]
    rows = []
    number = 104_200
    for t, kind, category in tickets:
        number += r.randint(1, 9)
        team, agent = t.board.split("|")
        closed = t.opened + dt.timedelta(hours=t.hours) if t.hours is not None else None
        if closed is not None and closed > LF_TICKETS_AT:
            closed = None
        rows.append([str(number), t.summary, "Closed" if closed else t.status_open, LF_PRIORITY[t.priority], kind,
                     category, "Calder & Whitlock LLP", t.site or "Raleigh", t.contact, agent, team,
                     t.opened.strftime("%m/%d/%Y %H:%M"),
                     closed.astimezone(EDT).strftime("%m/%d/%Y %H:%M") if closed else "01/01/1900 00:00"])
    return csv_bytes(header, rows, crlf=True)
