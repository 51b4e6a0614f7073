"""Calder & Whitlock: constants, staff directory and the Entra registration export."""

from __future__ import annotations

import datetime as dt
import json

from ..common import Person, at, csv_bytes, day, draw_names, guid, iso_z, js_bool, rng
from ..credit_union.identity import _registration

LF = "law-firm"
LF_DOMAIN = "calderwhitlock.example"
LF_TENANT = "calderwhitlock.onmicrosoft.example"
LF_AD = "cw.calderwhitlock.example"
LF_SITES = {"RAL": ("Raleigh", 41, "10.41", "198.51.100.41"), "CLT": ("Charlotte", 42, "10.42", "198.51.100.42")}
LF_EXPORT = at(-1, 5, 20)
LF_TICKETS_AT = at(-1, 22, 10)
LF_BREAK_GLASS = (f"cw-breakglass01@{LF_TENANT}", f"cw-breakglass02@{LF_TENANT}")
PRACTICES = ["Litigation", "Corporate and M&A", "Health Care", "Real Estate", "Employment", "Intellectual Property"]


def lf_people() -> list[Person]:
    """The firm's directory: 58 attorneys, 94 paralegals and staff, admin accounts, guests, leavers."""
    r = rng(LF, "people")
    named = [("Margaret", "Calder", "Managing Partner"), ("Julian", "Okoro", "General Counsel"),
             ("Daniel", "Whitlock", "Partner"), ("Ellen", "Marsh", "Director of Administration"),
             ("Sofia", "Brandt", "IT Director"), ("Ravi", "Menon", "Systems Engineer"),
             ("Lauren", "Pike", "Records and DMS Manager"), ("Tyler", "Nguyen", "Help Desk Lead")]
    taken = {(f, last) for f, last, _ in named} | {("Nathan", "Greer")}
    used: set[str] = set()

    def upn(first: str, last: str) -> str:
        for n in range(1, len(first) + 1):
            local = (first[:n] + last).lower()
            if local not in used:
                used.add(local)
                return local
        raise ValueError(first + last)

    people = []
    for f, last, t in named:
        local = upn(f, last)
        people.append(Person(f, last, f"{local}@{LF_DOMAIN}", title=t, site="RAL", login=local.upper()))
    pairs = draw_names(r, 144, taken)
    titles = (["Partner"] * 17 + ["Associate"] * 38 + ["Paralegal"] * 36 + ["Legal Assistant"] * 22
              + ["Docketing Clerk"] * 4 + ["Records Clerk"] * 3 + ["Billing Specialist"] * 6
              + ["Conflicts Analyst"] * 2 + ["Marketing Coordinator"] * 2 + ["Receptionist"] * 3
              + ["HR Manager", "Office Manager", "Accounts Payable", "Knowledge Manager",
                 "Litigation Support Analyst", "Help Desk Technician", "Practice Support Lead",
                 "Executive Assistant", "Recruiting Coordinator", "Controller", "Facilities Coordinator"])
    for (first, last), title in zip(pairs, titles):
        local = upn(first, last)
        people.append(Person(first, last, f"{local}@{LF_DOMAIN}", title=title,
                             site="RAL" if r.random() < 0.7 else "CLT", login=local.upper()))
    admins = [("Ravi", "Menon", "adm-rmenon"), ("Sofia", "Brandt", "adm-sbrandt"), ("Tyler", "Nguyen", "adm-tnguyen"),
              ("Beth", "Coleman", "fms-bcoleman"), ("Sanjay", "Rao", "fms-srao"), ("Maria", "Lopez", "fms-mlopez"),
              ("Ian", "McAllister", "fms-imcallister")]
    for f, last, local in admins:
        who = "Fabrikam" if local.startswith("fms") else "Admin"
        people.append(Person(f, last, f"{local}@{LF_DOMAIN}", kind="admin", display=f"{f} {last} ({who})",
                             login=local.upper()))
    for n in (1, 2):
        people.append(Person("Break", f"Glass 0{n}", f"cw-breakglass0{n}@{LF_TENANT}", kind="breakglass",
                             display=f"Emergency Access 0{n}"))
    for f, last, org, mfa in [("Hannah", "Ross", "rossandpartners.example", True),
                           ("Kenji", "Watanabe", "lamna-healthcare.example", True),
                           ("Olga", "Petrova", "relecloud-ediscovery.example", False),
                           ("Marcus", "Dale", "coho-winery.example", False)]:
        people.append(Person(f, last, f"{f.lower()}.{last.lower()}_{org}#EXT#@{LF_TENANT}", kind="guest",
                             display=f"{f} {last} (Guest)", mfa=mfa))
    leavers = [("Nathan", "Greer", "Associate", day(-61))]     # left 2026-07-31
    for (first, last), off in zip(draw_names(r, 5, taken), [-201, -163, -120, -88, -29]):
        leavers.append((first, last, r.choice(["Associate", "Paralegal", "Legal Assistant"]), day(off)))
    for first, last, title, left in leavers:
        local = upn(first, last)
        people.append(Person(first, last, f"{local}@{LF_DOMAIN}", title=title, enabled=False, left=left,
                             site="RAL", login=local.upper(), mfa=True))
    return people


def lf_entra(people: list[Person]) -> bytes:
    """Graph GET /reports/authenticationMethods/userRegistrationDetails joined with accountEnabled (JSON to CSV)."""
    r = rng(LF, "entra")
    header = ["id", "userPrincipalName", "userDisplayName", "userType", "isAdmin", "isMfaCapable",
              "isMfaRegistered", "isPasswordlessCapable", "isSsprCapable", "isSsprEnabled", "isSsprRegistered",
              "isSystemPreferredAuthenticationMethodEnabled", "systemPreferredAuthenticationMethods",
              "userPreferredMethodForSecondaryAuthentication", "methodsRegistered", "lastUpdatedDateTime",
              "accountEnabled"]
    rows = []
    for p in sorted(people, key=lambda p: p.upn):
        reg = _registration(r, p)
        methods = list(reg.methods)
        if p.kind == "staff" and p.title in ("Partner", "Associate", "Managing Partner", "General Counsel") \
                and "windowsHelloForBusiness" not in methods and r.random() < 0.5:
            methods.append("windowsHelloForBusiness")
        updated = LF_EXPORT - dt.timedelta(minutes=r.randint(15, 1800))
        rows.append([guid(r), p.upn, p.name, "guest" if p.kind == "guest" else "member", js_bool(reg.admin),
                     js_bool(reg.capable), js_bool(reg.registered),
                     js_bool(reg.passwordless or "windowsHelloForBusiness" in methods),
                     js_bool(reg.sspr_capable), js_bool(p.kind in ("staff", "admin")),
                     js_bool(reg.sspr_registered), "true", json.dumps([reg.system] if reg.system else []),
                     reg.preferred, json.dumps(methods), iso_z(updated, r, 7), js_bool(p.enabled)])
    return csv_bytes(header, rows)
