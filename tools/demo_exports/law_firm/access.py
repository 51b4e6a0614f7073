"""Calder & Whitlock: directory, groups, matter list, ethical walls and break-glass register."""

from __future__ import annotations

from ..common import Person, at, csv_bytes, day, guid, iso_z, js_bool, rng
from .dms import Matter, lf_wall_outsider
from .identity import LF, PRACTICES

LF_ATTORNEY_TITLES = ("Partner", "Associate", "Managing Partner", "General Counsel")
LF_PG = {"Litigation": "PG-LITIGATION", "Corporate and M&A": "PG-CORPORATE", "Health Care": "PG-HEALTHCARE",
         "Real Estate": "PG-REALESTATE", "Employment": "PG-EMPLOYMENT", "Intellectual Property": "PG-IP"}


def lf_departments(people: list[Person]) -> dict[str, str]:
    """Each person's department: a practice group for lawyers and paralegals, else a business unit."""
    r = rng(LF, "departments")
    out = {}
    for p in people:
        if p.login.startswith("FMS-"):
            out[p.upn] = "Fabrikam Managed Services"
        elif p.title in LF_ATTORNEY_TITLES[:2] or p.title in ("Paralegal", "Legal Assistant"):
            out[p.upn] = r.choice(PRACTICES)
        elif p.title in ("Records Clerk", "Docketing Clerk", "Records and DMS Manager"):
            out[p.upn] = "Records"
        elif p.kind == "admin" or p.title in ("IT Director", "Systems Engineer", "Help Desk Lead",
                                              "Help Desk Technician"):
            out[p.upn] = "Information Technology"
        elif p.kind == "staff":
            out[p.upn] = "Administration"
    return out


def lf_users(people: list[Person]) -> bytes:
    """Graph GET /users (id, UPN, names, department, employeeType, status, leave date) as CSV."""
    r = rng(LF, "users")
    departments = lf_departments(people)
    header = ["id", "userPrincipalName", "displayName", "onPremisesSamAccountName", "jobTitle", "department",
              "employeeType", "userType", "accountEnabled", "employeeLeaveDateTime"]
    rows = []
    for p in sorted(people, key=lambda p: p.upn):
        if p.login.startswith("FMS-"):
            kind = "Provider Engineer"
        elif p.kind == "guest":
            kind = "Guest"
        elif p.kind in ("breakglass", "shared"):
            kind = ""
        else:
            kind = "Attorney" if p.title in LF_ATTORNEY_TITLES else "Staff"
        left = f"{p.left.isoformat()}T23:59:59Z" if p.left else ""
        rows.append([guid(r), p.upn, p.name, p.login, p.title, departments.get(p.upn, ""), kind,
                     "Guest" if p.kind == "guest" else "Member", js_bool(p.enabled), left])
    return csv_bytes(header, rows)


def lf_wall_breach(people: list[Person], matters: list[Matter]) -> tuple[Matter, Person]:
    """The planted wall breach: a docketing clerk screened from a walled matter, reaching it via CW-DOCKETING."""
    walled = next(m for m in matters if m.kind == "walled" and m.number != "28840-011")
    clerk = min((p for p in people if p.title == "Docketing Clerk" and p.enabled), key=lambda p: p.login)
    return walled, clerk


def lf_groups(people: list[Person], matters: list[Matter]) -> bytes:
    """Entra group membership, one row per edge: practice groups ⊂ CW-ATTORNEYS ⊂ CW-ALL-TIMEKEEPERS,
    CW-DOCKETING ⊂ CW-RECORDS, CW-EDISCOVERY ⊂ CW-LITSUPPORT."""
    departments = lf_departments(people)
    staff = [p for p in people if p.enabled and p.kind == "staff"]
    names = {"CW-ALL-TIMEKEEPERS": "All timekeepers", "CW-ATTORNEYS": "All attorneys",
             "CW-PARALEGALS": "Paralegals and legal assistants", "CW-RECORDS": "Records team",
             "CW-DOCKETING": "Docketing", "FMS-ENGINEERS": "Fabrikam engineers (admin roles only)",
             "CW-LITSUPPORT": "Litigation support", "CW-EDISCOVERY": "E-discovery review",
             **{g: f"{d} practice group" for d, g in LF_PG.items()}}
    edges: list[tuple[str, str, str]] = [("CW-ALL-TIMEKEEPERS", "CW-ATTORNEYS", "group"),
                                         ("CW-ALL-TIMEKEEPERS", "CW-PARALEGALS", "group"),
                                         ("CW-RECORDS", "CW-DOCKETING", "group")]
    edges += [("CW-ATTORNEYS", g, "group") for g in LF_PG.values()]
    for p in sorted(staff, key=lambda p: p.login):
        if p.title in LF_ATTORNEY_TITLES:
            edges.append((LF_PG.get(departments[p.upn], "CW-ATTORNEYS"), p.upn, "user"))
        elif p.title in ("Paralegal", "Legal Assistant"):
            edges.append(("CW-PARALEGALS", p.upn, "user"))
        elif p.title in ("Records Clerk", "Records and DMS Manager"):
            edges.append(("CW-RECORDS", p.upn, "user"))
        elif p.title == "Docketing Clerk":
            edges.append(("CW-DOCKETING", p.upn, "user"))
    edges += [("FMS-ENGINEERS", p.upn, "user") for p in people if p.login.startswith("FMS-")]
    _, outsider = lf_wall_outsider(people, matters)     # PLANTED: the inclusive-wall breach's path
    edges += [("CW-LITSUPPORT", "CW-EDISCOVERY", "group"), ("CW-EDISCOVERY", outsider.upn, "user")]
    header = ["groupMailNickname", "groupDisplayName", "member", "memberType"]
    rows = [[g, names[g], m, f"#microsoft.graph.{t}"] for g, m, t in sorted(edges)]
    return csv_bytes(header, rows)


def lf_matter_list(matters: list[Matter]) -> bytes:
    """The intake system's matter list: sensitivity, privilege flag, responsible attorney, dates."""
    r = rng(LF, "matter-list")
    sensitivity = {"public": ("Standard", "No"), "restricted": ("Confidential", "Yes"),
                   "health": ("Confidential - PHI", "Yes"), "walled": ("Ethical Wall", "Yes")}
    header = ["Client Number", "Matter Number", "Matter Name", "Sensitivity", "Privileged",
              "Responsible Attorney", "Date Opened", "Date Closed"]
    rows = []
    for m in matters:
        label, privileged = sensitivity[m.kind]
        opened = day(-r.randint(30, 1400))
        rows.append([m.number[:5], m.number, f"Project {m.codename}", label, privileged, m.partner.name,
                     opened.strftime("%m/%d/%Y"), ""])
    return csv_bytes(header, rows)


def lf_walls(people: list[Person], matters: list[Matter]) -> bytes:
    """The wall management tool's export: one row per person on one side of a wall."""
    walled, clerk = lf_wall_breach(people, matters)
    header = ["Wall ID", "Matters", "User", "Side", "Created"]
    rows = []
    for n, m in enumerate(m for m in matters if m.kind == "walled"):
        created = day(-90 - n * 41).isoformat()
        wall = f"EW-{created[:4]}-{101 + n * 7:04d}"
        for p in m.team:
            rows.append([wall, m.number, p.login, "Included", created])
        for p in m.screened:
            rows.append([wall, m.number, p.login, "Excluded", created])
        if m is walled:   # PLANTED: screened in the wall tool, but the DMS deny list was never updated
            rows.append([wall, m.number, clerk.login, "Excluded", day(-12).isoformat()])
    return csv_bytes(header, rows)


def lf_break_glass() -> bytes:
    """The break-glass register: one grant open now, one closed in time, one expired and never removed."""
    header = ["Ticket", "Engineer", "Matter", "Granted", "Expires", "Removed", "Approved By", "Reason"]
    rows = [
        ["CW-104233", "FMS-IMCALLISTER", "32712-014", iso_z(at(-70, 14, 5)), iso_z(at(-69, 14, 5)),
         iso_z(at(-70, 19, 40)), "Julian Okoro", "SOC investigation of a suspicious download"],
        # PLANTED: expired 2026-08-19, no removal recorded
        ["CW-104871", "FMS-MLOPEZ", "32645-011", iso_z(at(-43, 15, 0)), iso_z(at(-42, 15, 0)),
         "", "Julian Okoro", "Restore of a deleted folder"],
        ["CW-105402", "FMS-SRAO", "22615-004", iso_z(at(0, 12, 30)), iso_z(at(1, 12, 30)),
         "", "Julian Okoro", "Workspace migration check"],
    ]
    return csv_bytes(header, rows)
